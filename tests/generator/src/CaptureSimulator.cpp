// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/CaptureSimulator.h"

#include "pharmdesk/gen/Random.h"

#include <QFont>
#include <QPainter>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pharmdesk::gen {

namespace {

/// CV_8UC1 for a grey page, CV_8UC3 (BGR) for a page with colour on it (a red seal).
cv::Mat toMat(const QImage& page)
{
    if (page.format() == QImage::Format_Grayscale8) {
        return cv::Mat(page.height(), page.width(), CV_8UC1, const_cast<uchar*>(page.constBits()),
                       static_cast<size_t>(page.bytesPerLine()))
            .clone();
    }
    const QImage rgb = page.convertToFormat(QImage::Format_RGB888);
    cv::Mat bgr;
    cv::cvtColor(cv::Mat(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                         static_cast<size_t>(rgb.bytesPerLine())),
                 bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

QImage toQImage(const cv::Mat& m)
{
    if (m.channels() == 1) {
        QImage img(m.data, m.cols, m.rows, static_cast<qsizetype>(m.step), QImage::Format_Grayscale8);
        return img.copy();
    }
    cv::Mat rgb;
    cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB);
    QImage img(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step), QImage::Format_RGB888);
    return img.copy();
}

QTransform toTransform(const cv::Mat& h)
{
    cv::Mat m;
    h.convertTo(m, CV_64F);
    if (m.rows == 2) {
        return QTransform(m.at<double>(0, 0), m.at<double>(1, 0), m.at<double>(0, 1), m.at<double>(1, 1),
                          m.at<double>(0, 2), m.at<double>(1, 2));
    }
    return QTransform(m.at<double>(0, 0), m.at<double>(1, 0), m.at<double>(2, 0), m.at<double>(0, 1),
                      m.at<double>(1, 1), m.at<double>(2, 1), m.at<double>(0, 2), m.at<double>(1, 2),
                      m.at<double>(2, 2));
}

/// Compresses to JPEG and decodes again, so the artefacts are in the pixels even when the capture
/// is saved as PNG; keeps the file bytes for saving as JPEG without a second generation.
void jpegRoundTrip(Capture& cap, const cv::Mat& img, int quality)
{
    std::vector<uchar> buf;
    cv::imencode(".jpg", img, buf, { cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_OPTIMIZE, 1 });
    cap.jpegQuality = quality;
    cap.jpegBytes = QByteArray(reinterpret_cast<const char*>(buf.data()), static_cast<qsizetype>(buf.size()));
    cap.image = toQImage(cv::imdecode(buf, img.channels() == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR));
}

/// Smooth random field in [-1, 1] of the given size: noise at a coarse grid, upsampled.
cv::Mat lowFrequency(cv::RNG& cvRng, cv::Size size, int cells)
{
    cv::Mat coarse(std::max(2, size.height / cells), std::max(2, size.width / cells), CV_32F);
    cvRng.fill(coarse, cv::RNG::UNIFORM, -1.0, 1.0);
    cv::Mat out;
    cv::resize(coarse, out, size, 0, 0, cv::INTER_CUBIC);
    return out;
}

/// Ink coverage (1 = full ink, 0 = paper) from the grayscale page.
cv::Mat inkOf(const cv::Mat& page)
{
    cv::Mat ink;
    page.convertTo(ink, CV_32F, -1.0 / 255.0, 1.0);
    return ink;
}

/// Paper of colour `paper` printed with `inkColor` (BGR), 3 × float. `ink` has one channel, or
/// three for coloured pages (each channel's absorption on its own, so red stays red).
cv::Mat printOnPaper(const cv::Mat& ink, cv::Scalar paper, cv::Scalar inkColor)
{
    std::vector<cv::Mat> inks(3, ink);
    if (ink.channels() == 3)
        cv::split(ink, inks);
    std::vector<cv::Mat> ch(3);
    for (int c = 0; c < 3; ++c)
        ch[c] = paper[c] + (inkColor[c] - paper[c]) * inks[c];
    cv::Mat out;
    cv::merge(ch, out);
    return out;
}

/// Paper colour (BGR): a brightness in [lo, hi) and a warm cast (red ≥ green ≥ blue), as white
/// paper under lamp or room light looks; never tinted towards green or magenta.
cv::Scalar paperTone(Random& rng, double lo, double hi)
{
    const double level = rng.uniform(lo, hi);
    const double warm = rng.uniform(0.0, 14.0);
    return cv::Scalar(level - warm, level - warm * 0.45, level);
}

void addNoise(cv::Mat& img32, cv::RNG& cvRng, double sigma)
{
    cv::Mat noise(img32.size(), img32.type());
    cvRng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    img32 += noise;
}

/// A flatbed scan; `light` (dot-matrix printouts): less skew and blur, so the dots stay visible.
/// Both draw the same random numbers in the same order.
Capture scan(const cv::Mat& page, Random& rng, cv::RNG& cvRng, bool light = false)
{
    Capture cap;
    const double angle = std::clamp(rng.normal() * 1.3, -3.0, 3.0) * (light ? 0.4 : 1.0);
    const double scale = rng.uniform(0.985, 1.015);
    const cv::Point2f centre(page.cols / 2.0f + static_cast<float>(rng.uniform(-15, 15)),
                             page.rows / 2.0f + static_cast<float>(rng.uniform(-15, 15)));
    const cv::Mat affine = cv::getRotationMatrix2D(centre, angle, scale);

    const cv::Scalar paper = paperTone(rng, 236, 250);
    const double inkLevel = rng.uniform(20, 55);
    cv::Mat color = printOnPaper(inkOf(page), paper, cv::Scalar::all(inkLevel));
    // Faint unevenness of paper and scanner lamp.
    cv::Mat field = lowFrequency(cvRng, page.size(), 120);
    std::vector<cv::Mat> ch;
    cv::split(color, ch);
    for (cv::Mat& c : ch)
        c = c.mul(1.0 + 0.025 * field);
    cv::merge(ch, color);

    const double lid = rng.uniform(228, 248);
    cv::Mat warped;
    cv::warpAffine(color, warped, affine, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(lid));
    const double sigma = rng.uniform(0.5, 1.0) * (light ? 0.6 : 1.0);
    cv::GaussianBlur(warped, warped, cv::Size(0, 0), sigma);
    addNoise(warped, cvRng, rng.uniform(1.0, 3.0));
    cv::Mat out;
    warped.convertTo(out, CV_8UC3);
    jpegRoundTrip(cap, out, rng.range(70, 90));
    cap.pageToImage = toTransform(affine);
    return cap;
}

cv::Mat deskTexture(const cv::Size& size, Random& rng, cv::RNG& cvRng)
{
    // Desk, counter or mat around the sheet: darker than paper, textured, never uniform.
    struct Desk
    {
        cv::Scalar colour;  // BGR
        double grain;       // amplitude of wood grain streaks
        double grit;        // fine noise, grey levels
    };
    const QList<Desk> desks = {
        { cv::Scalar(55, 85, 125), 0.10, 3 },   // light wood
        { cv::Scalar(35, 50, 80), 0.14, 3 },    // dark wood
        { cv::Scalar(92, 92, 96), 0.0, 4 },     // grey laminate
        { cv::Scalar(105, 92, 78), 0.0, 3 },    // blue-grey counter
        { cv::Scalar(48, 52, 50), 0.0, 9 },     // dark cutting mat / fabric
    };
    const Desk desk = rng.pick(desks);
    const double tint = rng.uniform(0.85, 1.15);
    cv::Mat grain = cv::Mat::zeros(size, CV_32F);
    if (desk.grain > 0) {
        // Streaks: noise stretched along one axis, with a few coarser bands on top.
        const bool vertical = rng.chance(0.5);
        const cv::Size fine = vertical ? cv::Size(size.width / 5, std::max(2, size.height / 90))
                                       : cv::Size(std::max(2, size.width / 90), size.height / 5);
        cv::Mat n(fine, CV_32F);
        cvRng.fill(n, cv::RNG::UNIFORM, -1.0, 1.0);
        cv::resize(n, grain, size, 0, 0, cv::INTER_CUBIC);
        grain = grain * desk.grain + lowFrequency(cvRng, size, 60) * (desk.grain * 0.6);
    }
    const cv::Mat blotch = lowFrequency(cvRng, size, 220);
    std::vector<cv::Mat> ch(3);
    for (int c = 0; c < 3; ++c)
        ch[c] = desk.colour[c] * (c == 2 ? tint : 1.0) * (1.0 + grain + 0.12 * blotch);
    cv::Mat out;
    cv::merge(ch, out);
    addNoise(out, cvRng, desk.grit);
    return out;
}

Capture photo(const cv::Mat& page, Random& rng, cv::RNG& cvRng)
{
    Capture cap;
    // A 3:4 frame held upright; a page wider than tall (a crop of the table) is shot in 4:3.
    const bool wide = page.cols > page.rows;
    const int outH = wide ? static_cast<int>(page.cols * 1.08 * 0.75) : static_cast<int>(page.rows * 1.08);
    const int outW = wide ? static_cast<int>(page.cols * 1.08) : static_cast<int>(outH * 0.75);
    const cv::Size outSize(outW, outH);

    // Page quad: centred, slightly smaller than the frame, rotated, with a keystone from tilting.
    const double fit = rng.uniform(0.84, 0.94) * std::min(outW / double(page.cols), outH / double(page.rows));
    const double w = page.cols * fit, h = page.rows * fit;
    const double keystone = rng.uniform(0.0, 0.07) * w;  // top narrower than the bottom
    const double rot = rng.uniform(-4.0, 4.0) * CV_PI / 180.0;
    const cv::Point2d c(outW / 2.0 + rng.uniform(-0.03, 0.03) * outW, outH / 2.0 + rng.uniform(-0.02, 0.02) * outH);
    std::vector<cv::Point2d> quad = { { -w / 2 + keystone / 2, -h / 2 }, { w / 2 - keystone / 2, -h / 2 },
                                      { w / 2, h / 2 }, { -w / 2, h / 2 } };
    std::vector<cv::Point2f> dst, src = { { 0, 0 }, { float(page.cols), 0 }, { float(page.cols), float(page.rows) },
                                          { 0, float(page.rows) } };
    for (cv::Point2d q : quad) {
        q.x += rng.normal() * 0.01 * w;
        q.y += rng.normal() * 0.01 * h;
        dst.emplace_back(static_cast<float>(c.x + q.x * std::cos(rot) - q.y * std::sin(rot)),
                         static_cast<float>(c.y + q.x * std::sin(rot) + q.y * std::cos(rot)));
    }
    const cv::Mat hom = cv::getPerspectiveTransform(src, dst);

    cv::Mat ink;
    cv::warpPerspective(inkOf(page), ink, hom, outSize, cv::INTER_AREA, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::Mat mask(page.size(), CV_32F, cv::Scalar(1.0));
    cv::warpPerspective(mask, mask, hom, outSize, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));

    // A sheet held or lying loose bows: text lines curve by up to ~0.6 % of the height. The
    // recorded geometry (corners, boxes) is the flat projection and ignores this bow.
    if (rng.chance(0.7)) {
        const double amp = rng.uniform(0.001, 0.006) * outH * (rng.chance(0.5) ? 1 : -1);
        const bool fromTop = rng.chance(0.5);
        double x0 = outW, x1 = 0;
        for (const cv::Point2f& p : dst) {
            x0 = std::min<double>(x0, p.x);
            x1 = std::max<double>(x1, p.x);
        }
        cv::Mat mapX(outSize, CV_32F), mapY(outSize, CV_32F);
        for (int y = 0; y < outH; ++y) {
            auto* mx = mapX.ptr<float>(y);
            auto* my = mapY.ptr<float>(y);
            const double v = fromTop ? 1.0 - double(y) / outH : double(y) / outH;
            for (int x = 0; x < outW; ++x) {
                const double u = std::clamp((x - x0) / (x1 - x0), 0.0, 1.0);
                mx[x] = static_cast<float>(x);
                my[x] = static_cast<float>(y - amp * std::sin(CV_PI * u) * (0.4 + 0.6 * v));
            }
        }
        cv::remap(ink, ink, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
        cv::remap(mask, mask, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    }

    cv::Mat desk = deskTexture(outSize, rng, cvRng);
    // Drop shadow of the sheet on the desk.
    cv::Mat shadow;
    const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, rng.uniform(4, 14), 0, 1, rng.uniform(6, 18));
    cv::warpAffine(mask, shadow, shift, outSize);
    cv::GaussianBlur(shadow, shadow, cv::Size(0, 0), 12);
    std::vector<cv::Mat> dch, sheet;
    cv::split(desk, dch);
    const cv::Scalar paper = paperTone(rng, 220, 246);
    cv::split(printOnPaper(ink, paper, cv::Scalar::all(rng.uniform(25, 60))), sheet);
    for (int k = 0; k < 3; ++k) {
        dch[k] = dch[k].mul(1.0 - 0.45 * shadow);
        dch[k] = dch[k].mul(1.0 - mask) + sheet[k].mul(mask);
    }

    // Uneven light: a linear gradient in a random direction and a soft shadow blob.
    cv::Mat light(outSize, CV_32F);
    const double dir = rng.uniform(0, 2 * CV_PI);
    const double strength = rng.uniform(0.15, 0.35);
    const double ox = outW * rng.uniform(0.1, 0.9), oy = outH * rng.uniform(0.1, 0.9);
    const double rad = outW * rng.uniform(0.25, 0.5);
    const double depth = rng.chance(0.7) ? rng.uniform(0.15, 0.35) : 0.0;
    for (int y = 0; y < outH; ++y) {
        auto* row = light.ptr<float>(y);
        for (int x = 0; x < outW; ++x) {
            const double t = ((x - outW / 2.0) * std::cos(dir) + (y - outH / 2.0) * std::sin(dir)) / outH;
            const double d2 = ((x - ox) * (x - ox) + (y - oy) * (y - oy)) / (rad * rad);
            row[x] = static_cast<float>((1.0 - strength / 2 + strength * t) * (1.0 - depth * std::exp(-d2)));
        }
    }
    for (cv::Mat& ch : dch)
        ch = ch.mul(light);
    cv::Mat img;
    cv::merge(dch, img);
    cv::GaussianBlur(img, img, cv::Size(0, 0), rng.uniform(0.7, 1.4));
    addNoise(img, cvRng, rng.uniform(3.0, 7.0));
    cv::Mat out;
    img.convertTo(out, CV_8UC3);
    jpegRoundTrip(cap, out, rng.range(75, 92));
    cap.pageToImage = toTransform(hom);
    return cap;
}

/// The line a sending fax machine prints across the top of every page.
void faxHeader(cv::Mat& page, Random& rng, int dpi)
{
    QImage img(page.data, page.cols, page.rows, static_cast<qsizetype>(page.step), QImage::Format_Grayscale8);
    QPainter p(&img);
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setPixelSize(std::max(8, dpi * 8 / 72));
    p.setFont(f);
    p.setPen(Qt::black);
    const QString line = QStringLiteral("%1-%2-%3 %4:%5    FAX 02-%6-%7    P.001/001")
                             .arg(2026).arg(rng.range(1, 12), 2, 10, QLatin1Char('0')).arg(rng.range(1, 28), 2, 10, QLatin1Char('0'))
                             .arg(rng.range(8, 19), 2, 10, QLatin1Char('0')).arg(rng.range(0, 59), 2, 10, QLatin1Char('0'))
                             .arg(rng.range(200, 999)).arg(rng.range(1000, 9999));
    p.drawText(QRect(dpi / 3, dpi / 40, page.cols - dpi, dpi / 8), Qt::AlignLeft | Qt::AlignVCenter, line);
    p.end();
}

/// A transmitted fax page (`dots`, 0 or 255, at 204 dpi across and 98 or 196 lines per inch
/// down) as a fax server stores it: a scan line of 1728 dots (215 mm), the page centred on it
/// (a wider page reduced to fit, as the sending machine does), declared 204 × 98 or 204 × 196 dpi.
Capture storedFax(const cv::Mat& dots, const cv::Mat& affine, cv::Size pageSize, bool fine)
{
    constexpr int kScanLine = 1728;
    cv::Mat line = dots;
    if (dots.cols > kScanLine) {
        const double reduce = double(kScanLine) / dots.cols;
        cv::resize(dots, line, cv::Size(kScanLine, std::max(1, int(std::lround(dots.rows * reduce)))), 0, 0, cv::INTER_AREA);
        cv::threshold(line, line, 127, 255, cv::THRESH_BINARY);
    }
    const int left = (kScanLine - line.cols) / 2;
    cv::Mat out;
    cv::copyMakeBorder(line, out, 0, 0, left, kScanLine - line.cols - left, cv::BORDER_CONSTANT, cv::Scalar(255));
    Capture cap;
    cap.image = toQImage(out);
    cap.pageToImage = toTransform(affine)
        * QTransform::fromScale(double(line.cols) / pageSize.width, double(line.rows) / pageSize.height)
        * QTransform::fromTranslate(left, 0);
    cap.faxDpi = QSize(204, fine ? 196 : 98);
    return cap;
}

/// A fax. `stored` (faxfile): the transmitted dots as a fax server stores them, one image pixel
/// per dot, 1728 dots across; else (fax) enlarged back to the page's size and square pixels.
/// Both draw the same random numbers, so the same seed gives the same transmission.
Capture fax(const cv::Mat& pageIn, Random& rng, cv::RNG& cvRng, int dpi, bool stored)
{
    Capture cap;
    cv::Mat page;  // fax machines scan in grey: a red seal turns into a dark blot
    if (pageIn.channels() == 3)
        cv::cvtColor(pageIn, page, cv::COLOR_BGR2GRAY);
    else
        page = pageIn.clone();
    // A crop of the table (wider than tall) was not sent as a page: no sender's header line.
    if (rng.chance(0.8) && page.rows > page.cols)
        faxHeader(page, rng, dpi);
    const double angle = rng.uniform(-1.0, 1.0);
    const cv::Mat affine = cv::getRotationMatrix2D(cv::Point2f(page.cols / 2.0f, page.rows / 2.0f), angle, 1.0);
    cv::warpAffine(page, page, affine, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));

    // Fax resolutions: 8 dots/mm across (≈204 dpi), 3.85 (standard) or 7.7 (fine) lines/mm down.
    const bool fine = rng.chance(0.5);
    const cv::Size low(std::max(1, static_cast<int>(std::lround(page.cols * 204.0 / dpi))),
                       std::max(1, static_cast<int>(std::lround(page.rows * (fine ? 196.0 : 98.0) / dpi))));
    cv::Mat small;
    cv::resize(page, small, low, 0, 0, cv::INTER_AREA);
    cv::threshold(small, small, rng.uniform(125, 175), 255, cv::THRESH_BINARY);

    // Speckle at transmission resolution: dark dots on paper, dropouts in ink.
    cv::Mat r(small.size(), CV_32F);
    cvRng.fill(r, cv::RNG::UNIFORM, 0.0, 1.0);
    const double pepper = rng.uniform(0.0005, 0.003), salt = rng.uniform(0.002, 0.01);
    small.setTo(0, r < pepper);
    small.setTo(255, (r > 1.0 - salt) & (small == 0));
    if (rng.chance(0.3)) {  // a transmission error: a streak across the page
        const int y = rng.range(low.height / 5, low.height - 2);
        cv::line(small, { 0, y }, { low.width - 1, y }, cv::Scalar(0), 1);
    }
    if (stored)
        return storedFax(small, affine, page.size(), fine);
    cv::Mat out;
    cv::resize(small, out, page.size(), 0, 0, cv::INTER_NEAREST);
    cap.image = toQImage(out);
    cap.pageToImage = toTransform(affine);
    return cap;
}

/// A scan turned by a multiple of 90° (the sheet fed upside down or sideways), re-saved as JPEG.
Capture turned(const cv::Mat& page, Random& rng, cv::RNG& cvRng)
{
    Capture cap = scan(page, rng, cvRng);
    const cv::Mat image = toMat(cap.image);
    const double w = image.cols, h = image.rows;
    const int pick = rng.range(0, 3);  // 0, 1: 180°; 2: 90° clockwise; 3: 90° counter-clockwise
    cv::Mat out;
    QTransform turn;
    if (pick <= 1) {
        cv::rotate(image, out, cv::ROTATE_180);
        turn = QTransform(-1, 0, 0, -1, w, h);
    } else if (pick == 2) {
        cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
        turn = QTransform(0, 1, -1, 0, h, 0);  // (x, y) -> (h - y, x)
    } else {
        cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
        turn = QTransform(0, -1, 1, 0, 0, w);  // (x, y) -> (y, w - x)
    }
    const QTransform pageToImage = cap.pageToImage * turn;
    jpegRoundTrip(cap, out, rng.range(80, 92));
    cap.pageToImage = pageToImage;
    return cap;
}

/// A scan stored at a low resolution: 650 pixels wide (about 80 dpi for A4).
Capture lowRes(const cv::Mat& page, Random& rng, cv::RNG& cvRng)
{
    Capture cap = scan(page, rng, cvRng);
    const cv::Mat image = toMat(cap.image);
    const double factor = 650.0 / image.cols;
    cv::Mat out;
    cv::resize(image, out, cv::Size(650, std::max(1, int(std::lround(image.rows * factor)))), 0, 0, cv::INTER_AREA);
    const QTransform pageToImage = cap.pageToImage * QTransform::fromScale(factor, factor);
    jpegRoundTrip(cap, out, rng.range(80, 92));
    cap.pageToImage = pageToImage;
    return cap;
}

} // namespace

QString conditionName(Condition condition)
{
    switch (condition) {
    case Condition::Clean: return QStringLiteral("clean");
    case Condition::Scan: return QStringLiteral("scan");
    case Condition::Photo: return QStringLiteral("photo");
    case Condition::Fax: return QStringLiteral("fax");
    case Condition::Turned: return QStringLiteral("turned");
    case Condition::LowRes: return QStringLiteral("lowres");
    case Condition::Stamp: return QStringLiteral("stamp");
    case Condition::DotMatrix: return QStringLiteral("dotmatrix");
    case Condition::FaxFile: return QStringLiteral("faxfile");
    }
    return {};
}

std::optional<Condition> conditionFromName(const QString& name)
{
    for (Condition c : { Condition::Clean, Condition::Scan, Condition::Photo, Condition::Fax, Condition::Turned,
                         Condition::LowRes, Condition::Stamp, Condition::DotMatrix, Condition::FaxFile }) {
        if (conditionName(c) == name)
            return c;
    }
    return std::nullopt;
}

Capture CaptureSimulator::apply(const QImage& page, Condition condition, std::uint64_t seed,
                                const QList<QRect>& lineBoxes)
{
    Random rng(seed);
    cv::RNG cvRng(rng.next());
    const cv::Mat mat = toMat(page);
    const int dpi = page.dotsPerMeterX() > 0 ? static_cast<int>(std::lround(page.dotsPerMeterX() * 0.0254)) : 200;
    Capture cap;
    switch (condition) {
    case Condition::Clean:
        cap.image = page;
        break;
    case Condition::Scan:
        cap = scan(mat, rng, cvRng);
        break;
    case Condition::Photo:
        cap = photo(mat, rng, cvRng);
        break;
    case Condition::Fax:
        cap = fax(mat, rng, cvRng, dpi, false);
        break;
    case Condition::FaxFile:
        cap = fax(mat, rng, cvRng, dpi, true);
        break;
    case Condition::Turned:
        cap = turned(mat, rng, cvRng);
        break;
    case Condition::LowRes:
        cap = lowRes(mat, rng, cvRng);
        break;
    case Condition::Stamp: {
        const MarkedPage marked = markPage(page, lineBoxes, rng.next());
        cap = scan(toMat(marked.image), rng, cvRng);
        for (const PageMark& m : marked.marks)
            cap.marks.append({ m.kind, cap.pageToImage.mapRect(QRectF(m.box)).toAlignedRect().intersected(cap.image.rect()) });
        break;
    }
    case Condition::DotMatrix: {
        int pitch = 0;
        const QImage printed = dotMatrixPrint(page, rng.next(), &pitch);
        cap = scan(toMat(printed), rng, cvRng, true);
        cap.dotPitch = pitch;
        break;
    }
    }
    const QPolygonF corners = cap.pageToImage.map(QPolygonF(QRectF(0, 0, page.width(), page.height())));
    cap.pageCorners = { corners.at(0), corners.at(1), corners.at(2), corners.at(3) };
    if (cap.faxDpi.isValid()) {
        cap.image.setDotsPerMeterX(int(std::lround(cap.faxDpi.width() / 0.0254)));
        cap.image.setDotsPerMeterY(int(std::lround(cap.faxDpi.height() / 0.0254)));
    } else {
        cap.image.setDotsPerMeterX(page.dotsPerMeterX());
        cap.image.setDotsPerMeterY(page.dotsPerMeterY());
    }
    return cap;
}

QRect CaptureSimulator::mapBox(const Capture& capture, const QRect& box)
{
    if (box.isNull())
        return {};
    return capture.pageToImage.map(QPolygonF(QRectF(box))).boundingRect().toAlignedRect()
        .intersected(capture.image.rect());
}

} // namespace pharmdesk::gen
