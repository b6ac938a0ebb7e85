// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

#include <opencv2/core.hpp>

namespace pharmdesk::ocr {

/// One straight ruling of a table: a horizontal line at `position` (y) spanning [from, to] in x,
/// or a vertical line at `position` (x) spanning [from, to] in y. Pixels of the analysed image.
struct Ruling
{
    int position = 0;
    int from = 0;
    int to = 0;
    int thickness = 1;

    int length() const { return to - from + 1; }
};

/// The rulings of a page and the mask of their pixels.
struct Rulings
{
    QList<Ruling> horizontal;  ///< sorted by y
    QList<Ruling> vertical;    ///< sorted by x
    cv::Mat mask;              ///< 255 where a ruling is, same size as the input
};

/// Finds table rulings in a binary image (0 = ink) by morphological opening with long thin
/// kernels: horizontal lines at least `minLengthFraction` of the width, vertical ones at least
/// that fraction of the height (and at least 20 px). Pure.
Rulings detectRulings(const cv::Mat& binary, double minLengthFraction = 0.04);

/// Same with explicit minimum lengths in pixels. With lengths a little above the text height
/// this also finds the short lines of digit boxes (요양기관기호 printed one digit per box). A
/// vertical line shorter than `minHorizontal` counts only where it meets a horizontal ruling at
/// its top or bottom (a box's side); a free-standing one is a glyph's stroke.
Rulings detectRulings(const cv::Mat& binary, int minHorizontal, int minVertical);

/// Shortest horizontal ruling, in text heights, that the reader removes. Measured: at 2.5 the
/// top bars of tightly set digits ("773" in a resident number) joined into a "ruling" and were
/// erased, leaving "//3"; table rules span at least a column, several text heights.
constexpr double kMinHorizontalRulingHeights = 4.0;
/// Shortest vertical ruling, in text heights: the sides of one-digit boxes (요양기관기호).
constexpr double kMinVerticalRulingHeights = 1.3;

/// Paints the ruling pixels (grown by one pixel for anti-aliased edges) white, so that cell
/// text can be recognised without the lines. Pure.
cv::Mat removeRulings(const cv::Mat& binary, const Rulings& rulings);

} // namespace pharmdesk::ocr
