// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>
#include <optional>

namespace pharmdesk::ocr {

/// Which way up a page is.
struct Orientation
{
    int clockwise = 0;        ///< 0, 90, 180 or 270: rotating the image clockwise by this makes it upright
    double confidence = 0.0;  ///< Tesseract's orientation confidence (unbounded; ≥ 2 is a clear call)
};

/// Page orientation from Tesseract's orientation-and-script detection (the legacy `osd` model).
/// It costs about as much as a third of a page read, so the reader asks it only when a page
/// reads as nothing (no table, no header labels): a page turned 90° or upside down.
///
/// Threading: like TesseractEngine, one instance per worker thread.
class OrientationDetector
{
public:
    /// Fails (a Recognition error) when `osd.traineddata` is not in `tessdataDir`.
    static core::Result<std::unique_ptr<OrientationDetector>> create(const QString& tessdataDir);
    ~OrientationDetector();
    OrientationDetector(const OrientationDetector&) = delete;
    OrientationDetector& operator=(const OrientationDetector&) = delete;

    /// The orientation of `gray` (8-bit grey, text dark on light); nullopt when the detector
    /// finds too little text to tell.
    std::optional<Orientation> detect(const cv::Mat& gray);

private:
    OrientationDetector();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pharmdesk::ocr
