// SPDX-License-Identifier: GPL-3.0-or-later
#include "PageCanvas.h"

#include "pharmdesk/gen/Random.h"

#include <QFontMetricsF>
#include <QPen>

#include <cmath>

namespace pharmdesk::gen::detail {

PageCanvas::PageCanvas(int dpi, const QString& family)
    : PageCanvas(dpi, family, QSizeF(pageWidthMm, pageHeightMm))
{
}

PageCanvas::PageCanvas(int dpi, const QString& family, QSizeF sizeMm)
    : m_dpi(dpi)
    , m_family(family)
    , m_image(static_cast<int>(std::lround(sizeMm.width() * dpi / 25.4)),
              static_cast<int>(std::lround(sizeMm.height() * dpi / 25.4)), QImage::Format_RGB32)
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

namespace {

bool isGrey(const QColor& c)
{
    return c.red() == c.green() && c.green() == c.blue();
}

} // namespace

void PageCanvas::text(const QRectF& mm, const QString& str, double pointSize, int align, bool bold, int stretch,
                      const QColor& colour)
{
    QFont f = font(pointSize, bold);
    if (stretch != 100)
        f.setStretch(stretch);
    m_painter.setFont(f);
    m_painter.setPen(colour);
    m_colour = m_colour || !isGrey(colour);
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

void PageCanvas::fill(const QRectF& mm, const QColor& colour, double radiusMm)
{
    m_painter.save();
    m_painter.setPen(Qt::NoPen);
    m_painter.setBrush(colour);
    if (radiusMm > 0)
        m_painter.drawRoundedRect(pxRect(mm), px(radiusMm), px(radiusMm));
    else
        m_painter.drawRect(pxRect(mm));
    m_painter.restore();
    m_colour = m_colour || !isGrey(colour);
}

void PageCanvas::qrBlock(const QRectF& mm, int modules, quint64 seed)
{
    Random rng(seed);
    const QRectF r = pxRect(mm);
    const double m = std::min(r.width(), r.height()) / modules;
    auto module = [&](int x, int y) {
        m_painter.fillRect(QRectF(r.x() + x * m, r.y() + y * m, m, m), Qt::black);
    };
    auto finder = [&](int x0, int y0) {
        for (int y = 0; y < 7; ++y) {
            for (int x = 0; x < 7; ++x) {
                const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
                const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
                if (ring || core)
                    module(x0 + x, y0 + y);
            }
        }
    };
    m_painter.save();
    m_painter.setRenderHint(QPainter::Antialiasing, false);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            const bool inFinder = (x < 8 && y < 8) || (x >= modules - 8 && y < 8) || (x < 8 && y >= modules - 8);
            if (!inFinder && rng.chance(0.5))
                module(x, y);
        }
    }
    finder(0, 0);
    finder(modules - 7, 0);
    finder(0, modules - 7);
    m_painter.restore();
}

void PageCanvas::barcode(const QRectF& mm, quint64 seed)
{
    Random rng(seed);
    const QRectF r = pxRect(mm);
    const double unit = std::max(1.0, r.width() / 110.0);
    m_painter.save();
    m_painter.setRenderHint(QPainter::Antialiasing, false);
    for (double x = r.x(); x < r.right() - 4 * unit;) {
        const double bar = unit * rng.range(1, 3);
        m_painter.fillRect(QRectF(x, r.y(), bar, r.height()), Qt::black);
        x += bar + unit * rng.range(1, 3);
    }
    m_painter.restore();
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
