// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRect>

#include <opencv2/core.hpp>

#include <array>
#include <optional>

namespace pharmdesk::ocr {

/// Pure preprocessing stages: each takes an image and parameters and returns a new image; none
/// keeps state, so each can be tested on a tiny synthetic image and called from any thread.
/// Images are 8-bit single channel (CV_8UC1) unless stated; text is dark on light.

/// Maps points of the processed image back to the source image (a 3×3 homography), so boxes
/// can be reported in original pixels. Stages compose into it.
class PageTransform
{
public:
    PageTransform() : m_toSource(cv::Matx33d::eye()) { }

    /// The stage mapped source-so-far points p to p' = forward · p; record its inverse.
    void appendForward(const cv::Matx33d& forward);
    QRect toSource(const QRect& processed) const;
    cv::Point2d toSource(cv::Point2d processed) const;
    const cv::Matx33d& matrix() const { return m_toSource; }

private:
    cv::Matx33d m_toSource;
};

/// BGR/BGRA/gray → gray. Strongly coloured pixels (chroma, max - min channel, from 50; fully
/// from 110 of 255) take their brightest channel's value in proportion, so that saturated red
/// and blue stamps and pen marks fade while black print, also over a stamp, stays dark.
cv::Mat toGray(const cv::Mat& image);

/// The page outline: the largest convex 4-corner contour covering at least `minAreaFraction` of
/// the image and not (almost) the whole image. Corners ordered top-left, top-right, bottom-right,
/// bottom-left. nullopt when the image shows no distinct page (a flat scan).
std::optional<std::array<cv::Point2f, 4>> detectPage(const cv::Mat& gray, double minAreaFraction = 0.25);

/// Warps the quadrilateral to an upright rectangle whose size follows the quad's edge lengths.
/// `forward` receives the homography source → result.
cv::Mat warpPage(const cv::Mat& gray, const std::array<cv::Point2f, 4>& corners, cv::Matx33d* forward = nullptr);

/// Skew of text lines and rulings in degrees (positive: content rotated counter-clockwise, i.e.
/// rotate(image, -angle) straightens it), searched in ±maxDegrees by projection profiles of
/// the dark pixels. 0 for an empty page.
double estimateSkew(const cv::Mat& gray, double maxDegrees = 10.0);

/// Rotates about the centre by `degrees` (counter-clockwise positive, OpenCV convention), keeping
/// the whole image and filling with white. `forward` receives the affine map as a homography.
cv::Mat rotate(const cv::Mat& gray, double degrees, cv::Matx33d* forward = nullptr);

/// Flattens uneven lighting and shadows: divides by the background estimated with a grey
/// closing of `kernelSize` pixels (larger than a character). Result: paper near 255.
cv::Mat normaliseIllumination(const cv::Mat& gray, int kernelSize = 41);

/// Sauvola binarisation (window `window` pixels, sensitivity `k`, dynamic range 128).
/// Result: 0 = ink, 255 = paper.
cv::Mat binarizeSauvola(const cv::Mat& gray, int window = 31, double k = 0.2);

/// Removes the speckle of a bilevel capture (a fax's transmission noise) from a binary image
/// (0 = ink): ink components of at most `maxArea` pixels with no other ink within `isolation`
/// pixels of their bounding box turn white, and holes of paper of at most `maxArea` pixels
/// (4-connected) inside ink are filled. A decimal point or the dot of a glyph lies closer than
/// `isolation` to its neighbours and stays. Pure.
cv::Mat despeckle(const cv::Mat& binary, int maxArea, int isolation);

/// A fax's line noise removed: a fax is thresholded at transmission resolution and carries
/// dots of noise, one or two transmission dots each, that Tesseract reads as points, commas and
/// jamo beside the text ("ㆍ" heading a line, "1. 00"). despeckle() with limits from the page's
/// text height (estimateTextHeight()): specks up to a hundredth of its square, isolated by a
/// third of it. A copy of `gray` when no text height can be measured. Pure.
cv::Mat despeckleBilevelPage(const cv::Mat& gray);

/// A bilevel page's edges softened (Gaussian, `sigma` pixels): a fax's strokes are staircases
/// one transmission dot wide in places, broken where the print was thinner than the fax's
/// threshold. Blurred, a one-pixel break between two stroke ends turns mid-grey (a faint stroke,
/// not paper) and the edges grey ramps, as in the printed pages the recognition models were
/// trained on; a gap of three pixels stays near white. Pure.
cv::Mat smoothBilevel(const cv::Mat& gray, double sigma = 0.8);

/// Median height in pixels of character-sized ink components of a binary image (0 = ink);
/// 0 when there are none.
double estimateTextHeight(const cv::Mat& binary);

/// Scale factor that brings `textHeight` to `targetHeight`, clamped to [minScale, maxScale]
/// and 1.0 when the text height is unknown.
double textScaleFactor(double textHeight, double targetHeight = 30.0, double minScale = 0.5, double maxScale = 2.5);

/// Turns the image by a multiple of 90° clockwise (`clockwise` in 0, 90, 180, 270; anything
/// else counts as 0), losslessly. `forward` receives the map as a homography.
cv::Mat rotateQuarterTurns(const cv::Mat& image, int clockwise, cv::Matx33d* forward = nullptr);

/// Resizes by `factor` (area interpolation down, cubic up). `forward` receives the scaling.
cv::Mat rescale(const cv::Mat& gray, double factor, cv::Matx33d* forward = nullptr);

} // namespace pharmdesk::ocr
