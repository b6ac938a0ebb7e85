// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/ocr/ImageLoader.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

/// PDF pages as images, through poppler's C++ interface. Internal to the loader.
///
/// Threading: poppler keeps process-wide state; every call here is serialised by one mutex, so
/// the functions may be called from any thread.
namespace pharmdesk::ocr::pdf {

/// Number of pages of the PDF in `bytes`; an Input error for a damaged or password-locked file.
core::Result<int> pageCount(const QByteArray& bytes, const QString& name);

/// Renders page `index` (0-based) in 8-bit grey at `limits.pdfDpi`, lowered so the page stays
/// within `limits.maxPixels`; an Input error when the page is too small to read at that size.
core::Result<cv::Mat> renderPage(const QByteArray& bytes, int index, const LoadLimits& limits, const QString& name);

} // namespace pharmdesk::ocr::pdf
