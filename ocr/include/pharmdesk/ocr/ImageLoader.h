// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QList>
#include <QSize>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <optional>

namespace pharmdesk::ocr {

/// Formats whose header the loader reads before decoding. A PDF is a document of pages that
/// are rendered, not decoded; its page sizes are only known to the PDF renderer.
enum class ImageFormat { Unknown, Png, Jpeg, Tiff, Bmp, Pdf };

/// What the header of an encoded image says, without decoding the pixels.
struct ImageHeader
{
    ImageFormat format = ImageFormat::Unknown;
    QSize size;              ///< invalid when the header could not be read
    bool complete = true;    ///< false when the byte stream visibly ends early (JPEG without EOI)
    QList<QSize> pages;      ///< TIFF: the size of every directory (page), in file order
};

/// Reads format and dimensions from the first bytes of PNG, JPEG (SOFn marker), TIFF (every IFD)
/// and BMP files, and recognises a PDF by its signature. Pure; never decodes pixel data, so a
/// 60-megapixel header costs nothing.
ImageHeader probeImageHeader(const QByteArray& bytes);

/// A decoded prescription image and the digest of its file.
struct LoadedImage
{
    cv::Mat image;     ///< 8-bit, 1 or 3 channels (BGR), as decoded
    QString sha256;    ///< lowercase hex of the file bytes
    int pageCount = 1; ///< pages in the file (PDF pages, TIFF directories)
};

/// Limits for accepting an image as a page.
struct LoadLimits
{
    qint64 maxPixels = 50'000'000;  ///< width × height above this fails before decoding
    int minShortSide = 300;         ///< a page needs at least this many pixels on its short side
    int pdfDpi = 300;               ///< PDF pages are rendered at this resolution (lower if too large)
};

/// Loads page `page` (0-based) of `path` (PNG, JPEG, BMP: one page; TIFF: each directory; PDF:
/// each page, rendered in grey): reads the bytes, hashes them, checks the header against `limits`
/// and decodes. Every problem is an Input (or Io) error with a sentence a pharmacist can read;
/// `sha256` (of the whole file) is reported through `digestOut` even when decoding fails.
/// Never throws.
core::Result<LoadedImage> loadImage(const QString& path, const LoadLimits& limits,
                                    QString* digestOut = nullptr, int page = 0);

/// Same, for bytes already in memory (`name` is only used in messages).
core::Result<LoadedImage> decodeImage(const QByteArray& bytes, const LoadLimits& limits,
                                      const QString& name, int page = 0);

/// How many prescriptions (pages) `path` holds: PDF pages, TIFF directories, 1 for other
/// images. Reads the file but decodes nothing; a file that is not a readable image or PDF is the
/// same error loadImage() gives.
core::Result<int> pageCount(const QString& path);

/// Same, for bytes already in memory.
core::Result<int> pageCount(const QByteArray& bytes, const QString& name);

} // namespace pharmdesk::ocr
