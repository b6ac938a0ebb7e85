// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace pharmdesk::gen::detail {

/// Drawing on a white A4 page in millimetres and points, so layouts are written once for any dpi.
/// Owns the QImage and the QPainter; single-threaded.
class PageCanvas
{
public:
    PageCanvas(int dpi, const QString& family);
    /// A page of another size (telemedicine images, phone screenshots), same millimetre drawing.
    PageCanvas(int dpi, const QString& family, QSizeF sizeMm);
    ~PageCanvas();
    PageCanvas(const PageCanvas&) = delete;
    PageCanvas& operator=(const PageCanvas&) = delete;

    static constexpr double pageWidthMm = 210.0;
    static constexpr double pageHeightMm = 297.0;

    double px(double mm) const { return mm * m_dpi / 25.4; }
    /// Page position in pixels of a point in layout millimetres (includes the print offset).
    QPointF pxPoint(double xMm, double yMm) const { return { px(xMm + m_offset.x()), px(yMm + m_offset.y()) }; }
    QRectF pxRect(const QRectF& mm) const;
    /// Where the printer put the layout's origin: EMR printers are off by a millimetre or two.
    void setOffset(QPointF mm) { m_offset = mm; }
    QRect pxBox(const QRectF& mm) const { return pxRect(mm).toAlignedRect(); }

    QFont font(double pointSize, bool bold = false) const;

    /// Text in a millimetre rectangle with Qt alignment flags; never wraps. `stretch` in percent.
    void text(const QRectF& mm, const QString& text, double pointSize, int align = Qt::AlignLeft | Qt::AlignVCenter,
              bool bold = false, int stretch = 100, const QColor& colour = Qt::black);
    /// Width of `text` in millimetres at the given size and stretch.
    double textWidth(const QString& text, double pointSize, bool bold = false, int stretch = 100) const;

    void line(double x1, double y1, double x2, double y2, double widthMm = 0.25);
    void hline(double x1, double x2, double y, double widthMm = 0.25) { line(x1, y, x2, y, widthMm); }
    void vline(double x, double y1, double y2, double widthMm = 0.25) { line(x, y1, x, y2, widthMm); }
    void rect(const QRectF& mm, double widthMm = 0.25);
    void dottedHline(double x1, double x2, double y, double widthMm = 0.15);
    /// A checkbox "[ ]" square of side `sizeMm` at (x, y); ticked draws a V mark.
    void checkbox(double x, double y, double sizeMm, bool ticked);

    /// A filled rectangle (rounded by `radiusMm`), e.g. the grey cards of an app's e-prescription.
    void fill(const QRectF& mm, const QColor& colour, double radiusMm = 0);
    /// A QR-code-like block: three finder squares and random modules from `seed`, `modules` wide.
    void qrBlock(const QRectF& mm, int modules, quint64 seed);
    /// Bars of random widths from `seed` across `mm` (a 1-D barcode look).
    void barcode(const QRectF& mm, quint64 seed);

    /// A red personal seal (도장): `text` in a 2×2 grid inside a square of `sizeMm`, centred at
    /// `centreMm`, rotated by `angle` degrees, with uneven ink drawn from `seed`.
    void seal(QPointF centreMm, double sizeMm, const QString& text, double angle, quint64 seed);

    /// Ends painting and returns the page: Grayscale8, or RGB888 when something coloured was drawn.
    QImage finish();

private:
    int m_dpi;
    QString m_family;
    QPointF m_offset;
    bool m_colour = false;
    QImage m_image;
    QPainter m_painter;
};

/// Shortens `text` until it fits `widthMm` (EMRs cut by column width, no ellipsis).
QString cutToWidth(const PageCanvas& canvas, const QString& text, double widthMm, double pointSize, int stretch);

} // namespace pharmdesk::gen::detail
