// SPDX-License-Identifier: GPL-3.0-or-later
#include "PageCanvas.h"

#include "pharmdesk/gen/Random.h"

#include <QFontMetricsF>
#include <QPen>

#include <cmath>

namespace pharmdesk::gen::detail {

PageCanvas::PageCanvas(int dpi, const QString& family)
    : m_dpi(dpi)
    , m_family(family)
    , m_image(static_cast<int>(std::lround(pageWidthMm * dpi / 25.4)),
              static_cast<int>(std::lround(pageHeightMm * dpi / 25.4)), QImage::Format_RGB32)
{
    m_image.fill(Qt::white);
    m_image.setDotsPerMeterX(static_cast<int>(std::lround(dpi / 0.0254)));
    m_image.setDotsPerMeterY(static_cast<int>(std::lround(dpi / 0.0254)));
    m_painter.begin(&m_image);
    m_painter.setRenderHint(QPainter::Antialiasing, true);
    m_painter.setRenderHint(QPainter::TextAntialiasing, true);
}

PageCanvas::~PageCanvas()
{
    if (m_painter.isActive())
        m_painter.end();
}

QRectF PageCanvas::pxRect(const QRectF& mm) const
{
    return { pxPoint(mm.x(), mm.y()), QSizeF(px(mm.width()), px(mm.height())) };
}

QFont PageCanvas::font(double pointSize, bool bold) const
{
    QFont f(m_family);
    f.setPixelSize(std::max(6, static_cast<int>(std::lround(pointSize * m_dpi / 72.0))));
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setKerning(true);
    return f;
}

void PageCanvas::text(const QRectF& mm, const QString& str, double pointSize, int align, bool bold, int stretch)
{
    QFont f = font(pointSize, bold);
    if (stretch != 100)
        f.setStretch(stretch);
    m_painter.setFont(f);
    m_painter.setPen(Qt::black);
    m_painter.drawText(pxRect(mm), align | Qt::TextSingleLine | Qt::TextDontClip, str);
}

double PageCanvas::textWidth(const QString& str, double pointSize, bool bold, int stretch) const
{
    QFont f = font(pointSize, bold);
    if (stretch != 100)
        f.setStretch(stretch);
    return QFontMetricsF(f).horizontalAdvance(str) * 25.4 / m_dpi;
}

void PageCanvas::line(double x1, double y1, double x2, double y2, double widthMm)
{
    QPen pen(Qt::black);
    pen.setWidthF(std::max(1.0, px(widthMm)));
    pen.setCapStyle(Qt::SquareCap);
    m_painter.setPen(pen);
    m_painter.drawLine(pxPoint(x1, y1), pxPoint(x2, y2));
}

void PageCanvas::rect(const QRectF& mm, double widthMm)
{
    hline(mm.left(), mm.right(), mm.top(), widthMm);
    hline(mm.left(), mm.right(), mm.bottom(), widthMm);
    vline(mm.left(), mm.top(), mm.bottom(), widthMm);
    vline(mm.right(), mm.top(), mm.bottom(), widthMm);
}

void PageCanvas::dottedHline(double x1, double x2, double y, double widthMm)
{
    QPen pen(QColor(90, 90, 90));
    pen.setWidthF(std::max(1.0, px(widthMm)));
    pen.setStyle(Qt::DotLine);
    m_painter.setPen(pen);
    m_painter.drawLine(pxPoint(x1, y), pxPoint(x2, y));
}

void PageCanvas::checkbox(double x, double y, double sizeMm, bool ticked)
{
    rect(QRectF(x, y, sizeMm, sizeMm), 0.2);
    if (ticked) {
        line(x + sizeMm * 0.2, y + sizeMm * 0.5, x + sizeMm * 0.45, y + sizeMm * 0.8, 0.35);
        line(x + sizeMm * 0.45, y + sizeMm * 0.8, x + sizeMm * 0.85, y + sizeMm * 0.15, 0.35);
    }
}

void PageCanvas::seal(QPointF centreMm, double sizeMm, const QString& text, double angle, quint64 seed)
{
    const int side = static_cast<int>(std::lround(px(sizeMm)));
    QImage stamp(side, side, QImage::Format_ARGB32_Premultiplied);
    stamp.fill(Qt::transparent);
    const QColor red(205, 35, 45);
    {
        QPainter p(&stamp);
        p.setRenderHint(QPainter::Antialiasing, true);
        QPen pen(red);
        pen.setWidthF(side * 0.07);
        p.setPen(pen);
        const double inset = side * 0.06;
        p.drawRoundedRect(QRectF(inset, inset, side - 2 * inset, side - 2 * inset), side * 0.08, side * 0.08);
        QFont f = font(1.0, true);
        f.setPixelSize(std::max(6, static_cast<int>(side * 0.36)));
        p.setFont(f);
        // Seal script reads top to bottom, right column first.
        const double cell = (side - 4 * inset) / 2.0;
        for (int i = 0; i < std::min<qsizetype>(4, text.size()); ++i) {
            const int col = 1 - i / 2, row = i % 2;
            p.drawText(QRectF(2 * inset + col * cell, 2 * inset + row * cell, cell, cell), Qt::AlignCenter,
                       QString(text.at(i)));
        }
    }
    // Uneven ink: a coarse random field, smoothly enlarged, thins the stamp in patches.
    Random rng(seed);
    QImage field(6, 6, QImage::Format_Grayscale8);
    for (int y = 0; y < field.height(); ++y) {
        for (int x = 0; x < field.width(); ++x)
            field.scanLine(y)[x] = static_cast<uchar>(rng.range(120, 255));
    }
    field = field.scaled(side, side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    for (int y = 0; y < side; ++y) {
        auto* line = reinterpret_cast<QRgb*>(stamp.scanLine(y));
        const uchar* f = field.constScanLine(y);
        for (int x = 0; x < side; ++x) {
            const double k = f[x] / 255.0 * (rng.chance(0.04) ? 0.3 : 1.0);
            const QRgb c = line[x];
            line[x] = qRgba(int(qRed(c) * k), int(qGreen(c) * k), int(qBlue(c) * k), int(qAlpha(c) * k));
        }
    }
    m_painter.save();
    m_painter.setCompositionMode(QPainter::CompositionMode_Multiply);
    m_painter.translate(pxPoint(centreMm.x(), centreMm.y()));
    m_painter.rotate(angle);
    m_painter.setOpacity(0.9);
    m_painter.drawImage(QPointF(-side / 2.0, -side / 2.0), stamp);
    m_painter.restore();
    m_colour = true;
}

QImage PageCanvas::finish()
{
    if (m_painter.isActive())
        m_painter.end();
    return m_image.convertToFormat(m_colour ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
}

QString cutToWidth(const PageCanvas& canvas, const QString& text, double widthMm, double pointSize, int stretch)
{
    QString t = text;
    while (t.size() > 1 && canvas.textWidth(t, pointSize, false, stretch) > widthMm)
        t.chop(1);
    return t;
}

} // namespace pharmdesk::gen::detail
