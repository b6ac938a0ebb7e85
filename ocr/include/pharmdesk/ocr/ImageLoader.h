// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QSize>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <optional>

namespace pharmdesk::ocr {

/// Image formats whose header the loader reads before decoding.
enum class ImageFormat { Unknown, Png, Jpeg, Tiff, Bmp };

/// What the header of an encoded image says, without decoding the pixels.
struct ImageHeader
{
    ImageFormat format = ImageFormat::Unknown;
    QSize size;              ///< invalid when the header could not be read
    bool complete = true;    ///< false when the byte stream visibly ends early (JPEG without EOI)
};

/// Reads format and dimensions from the first bytes of PNG, JPEG (SOFn marker), TIFF (IFD0) and
/// BMP files. Pure; never decodes pixel data, so a 60-megapixel header costs nothing.
ImageHeader probeImageHeader(const QByteArray& bytes);

/// A decoded prescription image and the digest of its file.
struct LoadedImage
{
    cv::Mat image;     ///< 8-bit, 1 or 3 channels (BGR), as decoded
    QString sha256;    ///< lowercase hex of the file bytes
};

/// Limits for accepting an image as a page.
struct LoadLimits
{
    qint64 maxPixels = 50'000'000;  ///< width × height above this fails before decoding
    int minShortSide = 300;         ///< a page needs at least this many pixels on its short side
};

/// Loads `path` (PNG, JPEG, TIFF, BMP): reads the bytes, hashes them, checks the header against
/// `limits` and decodes. Every problem is an Input (or Io) error with a sentence a pharmacist can
/// read; `sha256` is reported through `digestOut` even when decoding fails. Never throws.
core::Result<LoadedImage> loadImage(const QString& path, const LoadLimits& limits,
                                    QString* digestOut = nullptr);

/// Same, for bytes already in memory (`name` is only used in messages).
core::Result<LoadedImage> decodeImage(const QByteArray& bytes, const LoadLimits& limits,
                                      const QString& name);

} // namespace pharmdesk::ocr
