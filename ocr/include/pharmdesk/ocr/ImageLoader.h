// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QList>
#include <QSize>
#include <QSizeF>
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
    /// Declared pixel density across × down (TIFF XResolution/YResolution, PNG pHYs, JPEG JFIF
    /// density) in the file's own unit; only the ratio is used. Empty when none is declared.
    QSizeF density;
    QList<QSizeF> pageDensities;  ///< TIFF: every directory's density, in file order (empty entries: none)
};

/// A declared density whose axes differ by more than this is not believed (no scanner or fax
/// has pixels four times as tall as wide); the page is then loaded as stored.
inline constexpr double kMaxDensityRatio = 4.0;

/// The size a page of `stored` pixels has once its pixels are square: the axis of lower declared
/// density stretched by the ratio of the densities (a standard fax, 204 × 98 dpi, of 1728 × 1100
/// becomes 1728 × 2290). `stored` itself when no density is declared, when the axes agree within
/// 1 %, or when the declaration is not believable (a value not above 0, not finite, or a ratio
/// above kMaxDensityRatio). Pure.
QSize squarePixelSize(QSize stored, QSizeF density);

/// Reads format and dimensions from the first bytes of PNG, JPEG (SOFn marker), TIFF (every IFD)
/// and BMP files, and recognises a PDF by its signature. Pure; never decodes pixel data, so a
/// 60-megapixel header costs nothing.
ImageHeader probeImageHeader(const QByteArray& bytes);

/// A decoded prescription image and the digest of its file.
struct LoadedImage
{
    cv::Mat image;     ///< 8-bit, 1 or 3 channels (BGR), as decoded, with square pixels (see squarePixelSize())
    QSize storedSize;  ///< the page's size in the file: differs from image's when its pixels were not square
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
/// and decodes. A page whose declared density differs across and down (a fax: 204 × 98 dpi) is
/// resampled to square pixels (squarePixelSize(); linear, and a page of only black and white,
/// a fax, cut at mid-grey again so it stays bilevel); `limits` apply to the resampled size.
/// Every problem is an Input (or Io) error with a sentence a pharmacist can read; `sha256` (of the whole file) is reported through `digestOut` even when decoding fails.
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
