// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QPointF>
#include <QRect>
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
};

QString conditionName(Condition condition);   ///< "clean", "scan", "photo", "fax", "turned", "lowres"
std::optional<Condition> conditionFromName(const QString& name);

/// A captured image and the geometry that maps the page render onto it.
struct Capture
{
    QImage image;            ///< clean: the page as rendered (Grayscale8, RGB888 with a seal); fax: Grayscale8; scan, photo: RGB888
    QTransform pageToImage;  ///< page pixel → image pixel (projective for photos)
    QList<QPointF> pageCorners;  ///< the page's corners in the image: TL, TR, BR, BL
    int jpegQuality = 0;     ///< quality the condition compressed with (0: none)
    QByteArray jpegBytes;    ///< the JPEG file that decodes to `image` (conditions that compress)
};

/// Degrades a clean page render into a capture condition with OpenCV. Pure function of
/// (page, condition, seed): the same inputs give the same pixels. Thread-safe (no shared state).
class CaptureSimulator
{
public:
    static Capture apply(const QImage& page, Condition condition, std::uint64_t seed);

    /// The bounding box of `box` (page pixels) once mapped into the capture.
    static QRect mapBox(const Capture& capture, const QRect& box);
};

} // namespace pharmdesk::gen
