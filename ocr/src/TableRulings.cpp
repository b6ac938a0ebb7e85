// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/TableRulings.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace pharmdesk::ocr {

namespace {

/// Connected runs of the opened line mask, one Ruling each.
QList<Ruling> extract(const cv::Mat& lines, bool horizontal)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8, CV_32S);
    QList<Ruling> out;
    for (int i = 1; i < n; ++i) {
        const int x = stats.at<int>(i, cv::CC_STAT_LEFT);
        const int y = stats.at<int>(i, cv::CC_STAT_TOP);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        Ruling r;
        if (horizontal) {
            r.position = int(std::lround(centroids.at<double>(i, 1)));
            r.from = x;
            r.to = x + w - 1;
            r.thickness = std::max(1, stats.at<int>(i, cv::CC_STAT_AREA) / std::max(1, w));
        } else {
            r.position = int(std::lround(centroids.at<double>(i, 0)));
            r.from = y;
            r.to = y + h - 1;
            r.thickness = std::max(1, stats.at<int>(i, cv::CC_STAT_AREA) / std::max(1, h));
        }
        out.append(r);
    }
    std::sort(out.begin(), out.end(), [](const Ruling& a, const Ruling& b) {
        return a.position != b.position ? a.position < b.position : a.from < b.from;
    });
    return out;
}

/// Removes from `vertical` the runs shorter than `longRun` that meet no horizontal ruling at
/// either end. A short vertical ruling is the side of a box or a cell, which always meets the
/// box's top or bottom line; a free-standing short stroke is a glyph's (measured: the left side
/// of ㅁ joined to the stem of ㄱ in a large printed 김 was taken for a ruling and erased, leaving
/// "긷").
void dropFreeStandingStrokes(cv::Mat& vertical, const cv::Mat& horizontal, int longRun)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(vertical, labels, stats, centroids, 8, CV_32S);
    constexpr int reach = 3;  // pixels between a side's end and the line it meets
    for (int i = 1; i < n; ++i) {
        const int x = stats.at<int>(i, cv::CC_STAT_LEFT);
        const int y = stats.at<int>(i, cv::CC_STAT_TOP);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        if (h >= longRun)
            continue;
        auto meets = [&](int endY) {
            const cv::Rect around = cv::Rect(x - reach, endY - reach, w + 2 * reach, 2 * reach + 1)
                                    & cv::Rect(0, 0, horizontal.cols, horizontal.rows);
            return !around.empty() && cv::countNonZero(horizontal(around)) > 0;
        };
        if (meets(y) || meets(y + h - 1))
            continue;
        vertical.setTo(0, labels == i);
    }
}

} // namespace

Rulings detectRulings(const cv::Mat& binary, double minLengthFraction)
{
    return detectRulings(binary, std::max(20, int(binary.cols * minLengthFraction)),
                         std::max(20, int(binary.rows * minLengthFraction)));
}

Rulings detectRulings(const cv::Mat& binary, int minHorizontal, int minVertical)
{
    // Odd kernel lengths keep the anchor centred: an even one shifts the opened line by a pixel.
    const int hLen = std::max(3, minHorizontal) | 1;
    const int vLen = std::max(3, minVertical) | 1;
    Rulings result;
    const cv::Mat ink = binary < 128;
    cv::Mat horizontal, vertical;
    // A 1-2 px gap in a scanned line would split it; a short closing bridges such gaps first.
    // No wider: glyphs set 4 px apart would join into a line.
    cv::Mat bridged;
    cv::morphologyEx(ink, bridged, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 1)));
    cv::morphologyEx(bridged, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(hLen, 1)));
    cv::morphologyEx(ink, bridged, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 3)));
    cv::morphologyEx(bridged, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, vLen)));
    horizontal &= ink;
    vertical &= ink;
    dropFreeStandingStrokes(vertical, horizontal, hLen);
    result.horizontal = extract(horizontal, true);
    result.vertical = extract(vertical, false);
    result.mask = horizontal | vertical;
    return result;
}

cv::Mat removeRulings(const cv::Mat& binary, const Rulings& rulings)
{
    cv::Mat out = binary.clone();
    if (rulings.mask.empty())
        return out;
    // Grow the mask by one pixel to catch anti-aliased edges of the lines.
    cv::Mat grown;
    cv::dilate(rulings.mask, grown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    out.setTo(255, grown);
    return out;
}

} // namespace pharmdesk::ocr
