// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/Preprocess.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pharmdesk::ocr {

void PageTransform::appendForward(const cv::Matx33d& forward)
{
    m_toSource = m_toSource * forward.inv();
}

cv::Point2d PageTransform::toSource(cv::Point2d p) const
{
    const cv::Vec3d v = m_toSource * cv::Vec3d(p.x, p.y, 1.0);
    return { v[0] / v[2], v[1] / v[2] };
}

QRect PageTransform::toSource(const QRect& processed) const
{
    if (processed.isNull())
        return {};
    const cv::Point2d corners[4] = {
        toSource(cv::Point2d(processed.left(), processed.top())),
        toSource(cv::Point2d(processed.right() + 1, processed.top())),
        toSource(cv::Point2d(processed.right() + 1, processed.bottom() + 1)),
        toSource(cv::Point2d(processed.left(), processed.bottom() + 1)),
    };
    double x0 = corners[0].x, x1 = x0, y0 = corners[0].y, y1 = y0;
    for (const auto& c : corners) {
        x0 = std::min(x0, c.x);
        x1 = std::max(x1, c.x);
        y0 = std::min(y0, c.y);
        y1 = std::max(y1, c.y);
    }
    return QRect(QPoint(int(std::floor(x0)), int(std::floor(y0))), QPoint(int(std::ceil(x1)) - 1, int(std::ceil(y1)) - 1));
}

cv::Mat toGray(const cv::Mat& image)
{
    if (image.channels() == 1)
        return image.clone();
    cv::Mat bgr;
    if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    else
        bgr = image;
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    // Coloured ink (a red or blue rubber stamp over the drug table, a blue pen's ticks) is
    // printed matter's worst neighbour: in luminance a red stamp is as dark as the print under
    // it. A strongly coloured pixel takes its brightest channel's value instead, in proportion
    // to how coloured it is: near white for saturated ink. Black print, also where it crosses a
    // stamp, has next to no colour and keeps its darkness. Measured on the 300-image benchmark:
    // from a chroma of 30, or lightening all the way to white, the colour fringes JPEG leaves
    // round black print on photos thinned it (photo drug identity 98.3% -> 87.1%).
    std::vector<cv::Mat> channels;
    cv::split(bgr, channels);
    cv::Mat brightest, darkest;  // per pixel, over the three channels
    cv::max(channels[0], channels[1], brightest);
    cv::max(brightest, channels[2], brightest);
    cv::min(channels[0], channels[1], darkest);
    cv::min(darkest, channels[2], darkest);
    cv::Mat chroma;
    cv::subtract(brightest, darkest, chroma);
    constexpr double kFrom = 50.0;  // chroma (0-255) from which ink counts as coloured
    constexpr double kFull = 110.0; // and from which it is replaced entirely
    cv::Mat weight;
    chroma.convertTo(weight, CV_32F, 1.0 / (kFull - kFrom), -kFrom / (kFull - kFrom));
    cv::threshold(weight, weight, 1.0, 1.0, cv::THRESH_TRUNC);
    cv::threshold(weight, weight, 0.0, 0.0, cv::THRESH_TOZERO);
    if (cv::countNonZero(weight) == 0)
        return gray;
    cv::Mat g, b;
    gray.convertTo(g, CV_32F);
    brightest.convertTo(b, CV_32F);
    cv::Mat mixed = g + weight.mul(b - g);
    mixed.convertTo(gray, CV_8U);
    return gray;
}

namespace {

std::array<cv::Point2f, 4> orderCorners(const std::vector<cv::Point>& quad)
{
    // Top-left has the smallest x+y, bottom-right the largest; top-right the smallest y-x.
    std::array<cv::Point2f, 4> out;
    auto sum = [](const cv::Point& p) { return p.x + p.y; };
    auto diff = [](const cv::Point& p) { return p.y - p.x; };
    out[0] = *std::min_element(quad.begin(), quad.end(), [&](auto a, auto b) { return sum(a) < sum(b); });
    out[2] = *std::max_element(quad.begin(), quad.end(), [&](auto a, auto b) { return sum(a) < sum(b); });
    out[1] = *std::min_element(quad.begin(), quad.end(), [&](auto a, auto b) { return diff(a) < diff(b); });
    out[3] = *std::max_element(quad.begin(), quad.end(), [&](auto a, auto b) { return diff(a) < diff(b); });
    return out;
}

} // namespace

std::optional<std::array<cv::Point2f, 4>> detectPage(const cv::Mat& gray, double minAreaFraction)
{
    // Work at ~800 px: the page edge is a large structure and contours are cheap there.
    const double scale = std::min(1.0, 800.0 / std::max(gray.cols, gray.rows));
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(5, 5), 0);
    // Paper is the bright region: Otsu separates it from a darker desk; closing fills the text.
    cv::Mat mask;
    cv::threshold(small, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const double imageArea = double(small.cols) * small.rows;
    double bestArea = 0;
    std::vector<cv::Point> best;
    for (const auto& c : contours) {
        const double area = cv::contourArea(c);
        if (area < minAreaFraction * imageArea || area <= bestArea)
            continue;
        std::vector<cv::Point> hull;
        cv::convexHull(c, hull);
        std::vector<cv::Point> approx;
        const double perimeter = cv::arcLength(hull, true);
        for (double eps = 0.01; eps <= 0.05 && approx.size() != 4; eps += 0.01)
            cv::approxPolyDP(hull, approx, eps * perimeter, true);
        if (approx.size() != 4)
            continue;
        bestArea = area;
        best = approx;
    }
    if (best.empty())
        return std::nullopt;
    // A quad touching all four borders is the image frame, not a page on a desk.
    const cv::Rect bounds = cv::boundingRect(best);
    const int margin = 3;
    if (bounds.x <= margin && bounds.y <= margin && bounds.br().x >= small.cols - margin && bounds.br().y >= small.rows - margin)
        return std::nullopt;
    auto corners = orderCorners(best);
    for (auto& p : corners)
        p *= float(1.0 / scale);
    return corners;
}

cv::Mat warpPage(const cv::Mat& gray, const std::array<cv::Point2f, 4>& c, cv::Matx33d* forward)
{
    auto dist = [](cv::Point2f a, cv::Point2f b) { return std::hypot(double(a.x - b.x), double(a.y - b.y)); };
    const double width = std::max(dist(c[0], c[1]), dist(c[3], c[2]));
    const double height = std::max(dist(c[0], c[3]), dist(c[1], c[2]));
    const cv::Point2f dst[4] = { { 0, 0 }, { float(width - 1), 0 }, { float(width - 1), float(height - 1) }, { 0, float(height - 1) } };
    const cv::Mat h = cv::getPerspectiveTransform(c.data(), dst);
    cv::Mat out;
    cv::warpPerspective(gray, out, h, cv::Size(int(std::lround(width)), int(std::lround(height))), cv::INTER_LINEAR,
                        cv::BORDER_REPLICATE);
    if (forward)
        *forward = cv::Matx33d(h);
    return out;
}

double estimateSkew(const cv::Mat& gray, double maxDegrees)
{
    const double scale = std::min(1.0, 1600.0 / std::max(gray.cols, gray.rows));
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::Mat ink;
    cv::threshold(small, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    std::vector<cv::Point> points;
    cv::findNonZero(ink, points);
    if (points.size() < 50)
        return 0.0;
    // Keep the cost bounded on dense pages: a regular subsample keeps the profile's shape.
    const size_t step = std::max<size_t>(1, points.size() / 60000);
    std::vector<cv::Point2d> pts;
    pts.reserve(points.size() / step + 1);
    for (size_t i = 0; i < points.size(); i += step)
        pts.emplace_back(points[i].x, points[i].y);

    const int bins = int(std::hypot(small.cols, small.rows)) * 2 + 4;
    std::vector<double> histogram(size_t(bins), 0.0);
    auto score = [&](double degrees) {
        const double a = degrees * CV_PI / 180.0;
        const double s = std::sin(a), c = std::cos(a);
        std::fill(histogram.begin(), histogram.end(), 0.0);
        const double offset = bins / 2.0;
        for (const auto& p : pts) {
            const int bin = int(std::lround(p.y * c + p.x * s + offset));
            if (bin >= 0 && bin < bins)
                histogram[size_t(bin)] += 1.0;
        }
        double total = 0;
        for (double h : histogram)
            total += h * h;
        return total;
    };
    auto search = [&](double from, double to, double increment) {
        double best = from, bestScore = -1;
        for (double a = from; a <= to + 1e-9; a += increment) {
            const double s = score(a);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return best;
    };
    const double coarse = search(-maxDegrees, maxDegrees, 0.25);
    const double fine = search(coarse - 0.25, coarse + 0.25, 0.025);
    return std::abs(fine) < 0.02 ? 0.0 : fine;
}

cv::Mat rotate(const cv::Mat& gray, double degrees, cv::Matx33d* forward)
{
    const cv::Point2f centre(float(gray.cols) / 2.0f, float(gray.rows) / 2.0f);
    cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
    const double a = std::abs(degrees) * CV_PI / 180.0;
    const int w = int(std::ceil(gray.cols * std::cos(a) + gray.rows * std::sin(a)));
    const int h = int(std::ceil(gray.cols * std::sin(a) + gray.rows * std::cos(a)));
    m.at<double>(0, 2) += (w - gray.cols) / 2.0;
    m.at<double>(1, 2) += (h - gray.rows) / 2.0;
    cv::Mat out;
    cv::warpAffine(gray, out, m, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    if (forward) {
        *forward = cv::Matx33d(m.at<double>(0, 0), m.at<double>(0, 1), m.at<double>(0, 2),
                               m.at<double>(1, 0), m.at<double>(1, 1), m.at<double>(1, 2), 0, 0, 1);
    }
    return out;
}

cv::Mat rotateQuarterTurns(const cv::Mat& image, int clockwise, cv::Matx33d* forward)
{
    // Pixel-edge coordinates (boxes map by their corners): pixel [x, x+1] of a row lands on
    // [h - y - 1, h - y] after a clockwise quarter turn.
    const double w = image.cols;
    const double h = image.rows;
    cv::Mat out;
    cv::Matx33d map = cv::Matx33d::eye();
    switch (clockwise) {
    case 90:  // (x, y) -> (h - y, x)
        cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
        map = cv::Matx33d(0, -1, h, 1, 0, 0, 0, 0, 1);
        break;
    case 180:  // (x, y) -> (w - x, h - y)
        cv::rotate(image, out, cv::ROTATE_180);
        map = cv::Matx33d(-1, 0, w, 0, -1, h, 0, 0, 1);
        break;
    case 270:  // (x, y) -> (y, w - x)
        cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
        map = cv::Matx33d(0, 1, 0, -1, 0, w, 0, 0, 1);
        break;
    default:
        out = image.clone();
        break;
    }
    if (forward)
        *forward = map;
    return out;
}

cv::Mat normaliseIllumination(const cv::Mat& gray, int kernelSize)
{
    // The closing runs on a quarter-size image: the background varies slowly, and a large
    // kernel at full size would cost most of the preprocessing time.
    const double scale = 0.25;
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    const int k = std::max(3, int(kernelSize * scale) | 1);
    cv::Mat background;
    cv::morphologyEx(small, background, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
    cv::GaussianBlur(background, background, cv::Size(k, k), 0);
    cv::resize(background, background, gray.size(), 0, 0, cv::INTER_LINEAR);
    // In 8 bits (OpenCV divides each element in floating point and rounds): three page-sized
    // float images were 46 MB of a worker's peak on an A4 scan.
    cv::max(background, 1, background);
    cv::Mat out;
    cv::divide(gray, background, out, 255.0, CV_8U);
    return out;
}

cv::Mat binarizeSauvola(const cv::Mat& gray, int window, double k)
{
    // Vectorised: local mean and standard deviation from box filters over float images, one band
    // of rows at a time with half a window of rows around it, so the result is the whole page's
    // and the float images are a band's, not a page's (they were 120 MB of a worker's peak on an
    // A4 scan read whole).
    constexpr int kBand = 256;
    const int size = window | 1;
    const int halo = size / 2;
    const cv::Size w(size, size);
    cv::Mat out(gray.size(), CV_8U);
    for (int y0 = 0; y0 < gray.rows; y0 += kBand) {
        const int y1 = std::min(gray.rows, y0 + kBand);
        const int top = std::max(0, y0 - halo);
        const int bottom = std::min(gray.rows, y1 + halo);
        cv::Mat g, mean, sqMean;
        gray.rowRange(top, bottom).convertTo(g, CV_32F);
        cv::boxFilter(g, mean, CV_32F, w, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
        cv::boxFilter(g.mul(g), sqMean, CV_32F, w, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
        cv::Mat variance = sqMean - mean.mul(mean);
        cv::max(variance, 0.0, variance);
        cv::Mat sd;
        cv::sqrt(variance, sd);
        // T = m · (1 + k · (s / R − 1)), R = 128.
        const cv::Mat threshold = mean.mul(1.0 + k * (sd / 128.0 - 1.0));
        const cv::Mat band = g > threshold;
        band.rowRange(y0 - top, y1 - top).copyTo(out.rowRange(y0, y1));
    }
    return out;
}

cv::Mat despeckle(const cv::Mat& binary, int maxArea, int isolation)
{
    cv::Mat out = binary.clone();
    const cv::Rect whole(0, 0, binary.cols, binary.rows);
    const cv::Mat ink = binary < 128;
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area > maxArea)
            continue;
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        const cv::Rect around = (box + cv::Size(2 * isolation, 2 * isolation) - cv::Point(isolation, isolation)) & whole;
        // Its own pixels are all inside `around`: any more ink there is a neighbour's.
        if (cv::countNonZero(ink(around)) > area)
            continue;
        out(box).setTo(255, labels(box) == i);
    }
    // Paper components: the page's background is one large component; a dropout inside a
    // stroke is a tiny one. 4-connected, so that paper touching a stroke diagonally is not a hole.
    const cv::Mat paper = binary >= 128;
    const int m = cv::connectedComponentsWithStats(paper, labels, stats, centroids, 4, CV_32S);
    for (int i = 1; i < m; ++i) {
        if (stats.at<int>(i, cv::CC_STAT_AREA) > maxArea)
            continue;
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        // A small paper region at the image's edge is a margin's corner, not a hole.
        if (box.x == 0 || box.y == 0 || box.br().x == binary.cols || box.br().y == binary.rows)
            continue;
        out(box).setTo(0, labels(box) == i);
    }
    return out;
}

cv::Mat despeckleBilevelPage(const cv::Mat& gray)
{
    // Largest speck, as a fraction of the squared text height: 4 pixels at 20-pixel text, two
    // dots of a standard-resolution fax received at 200 dpi.
    constexpr double kAreaPerSquaredHeight = 0.01;
    // Distance, in text heights, within which other ink keeps a speck. Measured on a generated
    // fax: the decimal point of a dose "1.00" (8 pixels at 20-pixel text) stood 5 pixels from
    // its digits; with a fifth of the height and twice the area it went (the dose read as 100).
    constexpr double kIsolationHeights = 1.0 / 3.0;
    const double height = estimateTextHeight(gray);
    if (height <= 0)
        return gray.clone();
    return despeckle(gray, std::max(2, int(std::lround(height * height * kAreaPerSquaredHeight))),
                     std::max(2, int(std::lround(height * kIsolationHeights))));
}

cv::Mat smoothBilevel(const cv::Mat& gray, double sigma)
{
    cv::Mat out;
    cv::GaussianBlur(gray, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
    return out;
}

double estimateTextHeight(const cv::Mat& binary)
{
    // Hangul syllables stack their jamo vertically: a short vertical closing joins them so that a
    // component is a whole character, not a vowel stroke.
    cv::Mat ink = binary < 128;
    cv::morphologyEx(ink, ink, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 5)));
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    std::vector<int> heights;
    for (int i = 1; i < n; ++i) {
        const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        // Characters: not specks, not rulings, roughly square-ish.
        if (h >= 6 && h <= 200 && w <= 3 * h && w * 3 >= h)
            heights.push_back(h);
    }
    if (heights.size() < 5)
        return 0.0;
    // The upper quartile: full-height characters rather than dots, commas and small jamo.
    const size_t k = heights.size() * 3 / 4;
    std::nth_element(heights.begin(), heights.begin() + long(k), heights.end());
    return heights[k];
}

double textScaleFactor(double textHeight, double targetHeight, double minScale, double maxScale)
{
    if (textHeight <= 0)
        return 1.0;
    return std::clamp(targetHeight / textHeight, minScale, maxScale);
}

cv::Mat rescale(const cv::Mat& gray, double factor, cv::Matx33d* forward)
{
    cv::Mat out;
    if (std::abs(factor - 1.0) < 1e-6)
        out = gray.clone();
    else
        cv::resize(gray, out, cv::Size(), factor, factor, factor < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
    if (forward) {
        const double sx = double(out.cols) / gray.cols, sy = double(out.rows) / gray.rows;
        *forward = cv::Matx33d(sx, 0, 0, 0, sy, 0, 0, 0, 1);
    }
    return out;
}

} // namespace pharmdesk::ocr
