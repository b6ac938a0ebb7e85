// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QPointF>
#include <QRect>
#include <QSize>
#include <QString>
#include <QTransform>

#include <cstdint>
#include <optional>

namespace pharmdesk::gen {

/// How the prescription reached the computer.
enum class Condition {
    Clean,  ///< the render itself
    Scan,   ///< flatbed: skew within ±3°, slight blur, sensor noise, paper tint, JPEG 70-90
    Photo,  ///< phone: perspective on a darker textured desk, uneven light and shadow, blur, JPEG
    Fax,    ///< 200×100 or 200×200 dpi, hard threshold, salt-and-pepper speckle
    Turned, ///< a scan fed the wrong way: upside down (half of them) or a quarter turn either way
    LowRes, ///< a scan stored small: 650 pixels wide, JPEG
    Stamp,  ///< a scan of a page with rubber stamps and pen marks over the drug table (print unchanged)
    DotMatrix,  ///< printed by an impact printer (glyphs of round dots, faint uneven ribbon, banding), lightly scanned
    FaxFile,    ///< the fax condition's transmission as a fax server stores it: one pixel per dot, 1728 wide,
                ///< 204 × 98 (standard) or 204 × 196 (fine) dpi, so standard pixels are twice as tall as wide
};

/// "clean", "scan", "photo", "fax", "turned", "lowres", "stamp", "dotmatrix", "faxfile"
QString conditionName(Condition condition);
std::optional<Condition> conditionFromName(const QString& name);

/// Something put on the paper after printing (the stamp condition).
struct PageMark
{
    QString kind;  ///< "stamp_round", "stamp_box", "tick", "circle", "underline", "scribble"
    QRect box;     ///< where it is: page pixels from markPage(), image pixels in a Capture
};

/// A page with marks drawn on it.
struct MarkedPage
{
    QImage image;  ///< RGB888 (stamps are red or blue, pens blue or black)
    QList<PageMark> marks;
};

/// A captured image and the geometry that maps the page render onto it.
struct Capture
{
    QImage image;            ///< clean: the page as rendered (Grayscale8, RGB888 with a seal); fax: Grayscale8; scan, photo: RGB888
    QTransform pageToImage;  ///< page pixel → image pixel (projective for photos)
    QList<QPointF> pageCorners;  ///< the page's corners in the image: TL, TR, BR, BL
    int jpegQuality = 0;     ///< quality the condition compressed with (0: none)
    QByteArray jpegBytes;    ///< the JPEG file that decodes to `image` (conditions that compress)
    QList<PageMark> marks;   ///< stamp: the stamps and pen marks, boxes in image pixels
    int dotPitch = 0;        ///< dotmatrix: the printer's dot pitch in page pixels
    QSize faxDpi;            ///< faxfile: the stored resolution, 204 × 98 or 204 × 196 (`image` is then 0/255 only)
};

/// Degrades a clean page render into a capture condition with OpenCV. Pure function of
/// (page, condition, seed): the same inputs give the same pixels. Thread-safe (no shared state).
class CaptureSimulator
{
public:
    /// `lineBoxes` (page pixels, the drug lines) tell the stamp condition where the table is;
    /// without them the marks go over the middle of the page. Other conditions ignore them.
    static Capture apply(const QImage& page, Condition condition, std::uint64_t seed,
                         const QList<QRect>& lineBoxes = {});

    /// Rubber stamps (a round or square seal, "조제완료"-like boxes, red or blue, uneven ink)
    /// partly over the lines, and pen marks (ticks beside lines, a circle round a number, an
    /// underline, a scribble) in blue or black ink of varying width. Pure function of its inputs.
    static MarkedPage markPage(const QImage& page, const QList<QRect>& lineBoxes, std::uint64_t seed);

    /// The page as a dot-matrix printer prints it: ink sampled on a square grid of `*pitch` pixels
    /// (3-4 at 200 dpi, scaled with the page's dpi) and redrawn as round dots, ribbon strength
    /// uneven across the page, print-head passes as faint horizontal bands. Same format as `page`.
    static QImage dotMatrixPrint(const QImage& page, std::uint64_t seed, int* pitch = nullptr);

    /// The bounding box of `box` (page pixels) once mapped into the capture.
    static QRect mapBox(const Capture& capture, const QRect& box);
};

} // namespace pharmdesk::gen
