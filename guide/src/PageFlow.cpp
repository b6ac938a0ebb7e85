// SPDX-License-Identifier: GPL-3.0-or-later
#include "PageFlow.h"

#include <QPainter>
#include <QPainterPath>
#include <QTextBoundaryFinder>

#include <algorithm>

namespace pharmdesk::guide::detail {

namespace {

/// Advances are summed per word; kerning across a join can differ by a hair, so lines keep a
/// small reserve instead of being measured again.
constexpr qreal kWidthReserve = 0.99;

/// The resolution text is measured at, whatever the device: fine enough that rounding is invisible.
constexpr int kReferenceDpi = 1200;

/// Splits one over-long word into pieces no wider than `width`, between grapheme clusters.
QStringList breakWord(const QString& word, const TextMetrics& fm, qreal width)
{
    QStringList pieces;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, word);
    qsizetype start = 0;
    qsizetype lastFit = 0;
    for (qsizetype pos = finder.toNextBoundary(); pos != -1; pos = finder.toNextBoundary()) {
        if (fm.horizontalAdvance(word.mid(start, pos - start)) > width && lastFit > start) {
            pieces.append(word.mid(start, lastFit - start));
            start = lastFit;
        }
        lastFit = pos;
    }
    if (start < word.size())
        pieces.append(word.mid(start));
    return pieces;
}

/// Words with a unit after a number joined into one unbreakable word ("200 mg", "5 mL"), so that a
/// quantity is never split over two lines.
QStringList keepUnitsWithNumbers(const QStringList& words)
{
    static const QStringList units = { QStringLiteral("mg"), QStringLiteral("g"), QStringLiteral("mL"),
                                       QStringLiteral("ml"), QStringLiteral("mcg"), QStringLiteral("µg"),
                                       QStringLiteral("IU"), QStringLiteral("%") };
    QStringList out;
    for (const QString& word : words) {
        QString unit = word;
        while (!unit.isEmpty() && QStringLiteral(",.;:)").contains(unit.back()))
            unit.chop(1);
        if (!out.isEmpty() && !out.last().isEmpty() && out.last().back().isDigit() && units.contains(unit))
            out.last() += QLatin1Char(' ') + word;
        else
            out.append(word);
    }
    return out;
}

} // namespace

QStringList wrapText(const QString& text, const TextMetrics& fm, qreal width)
{
    QStringList lines;
    const qreal room = width * kWidthReserve;
    const qreal space = fm.horizontalAdvance(QStringLiteral(" "));
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (const QString& paragraph : paragraphs) {
        QString line;
        qreal lineWidth = 0;
        const QStringList words = keepUnitsWithNumbers(paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts));
        for (const QString& word : words) {
            const qreal w = fm.horizontalAdvance(word);
            if (!line.isEmpty() && lineWidth + space + w <= room) {
                line += QLatin1Char(' ') + word;
                lineWidth += space + w;
                continue;
            }
            if (!line.isEmpty())
                lines.append(line);
            if (w <= room) {
                line = word;
                lineWidth = w;
                continue;
            }
            // A word wider than a line: first at its opening parentheses ("엔유린오디프스산0.2밀리그램" /
            // "(데스모프레신아세트산염)"), then between characters where a part is still too wide.
            QStringList parts;
            for (qsizetype from = 0; from < word.size();) {
                qsizetype next = word.indexOf(QLatin1Char('('), from + 1);
                if (next < 0)
                    next = word.size();
                parts.append(word.mid(from, next - from));
                from = next;
            }
            line.clear();
            lineWidth = 0;
            for (const QString& part : std::as_const(parts)) {
                const qreal pw = fm.horizontalAdvance(part);
                if (lineWidth + pw <= room) {
                    line += part;
                    lineWidth += pw;
                    continue;
                }
                if (!line.isEmpty())
                    lines.append(line);
                QStringList pieces = pw <= room ? QStringList { part } : breakWord(part, fm, room);
                line = pieces.takeLast();
                lines.append(pieces);
                lineWidth = fm.horizontalAdvance(line);
            }
        }
        if (!line.isEmpty() || words.isEmpty())
            lines.append(line);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

TextMetrics::TextMetrics(const QFont& font, const QPaintDevice* reference, qreal scale)
    // const_cast: QFontMetricsF only reads the device's resolution.
    : m_fm(font, const_cast<QPaintDevice*>(reference)), m_scale(scale)
{
}

QRectF TextMetrics::tightBoundingRect(const QString& text) const
{
    const QRectF r = m_fm.tightBoundingRect(text);
    return QRectF(r.topLeft() * m_scale, r.size() * m_scale);
}

PageFlow::PageFlow(QList<TextStyle> styles, int deviceDpi, qreal width)
    : m_styles(std::move(styles)), m_reference(1, 1, QImage::Format_Mono), m_deviceDpi(deviceDpi), m_width(width)
{
    const int dotsPerMeter = qRound(kReferenceDpi / 0.0254);
    m_reference.setDotsPerMeterX(dotsPerMeter);
    m_reference.setDotsPerMeterY(dotsPerMeter);
    for (const TextStyle& style : std::as_const(m_styles))
        m_metrics.append(TextMetrics(style.font, &m_reference, qreal(m_deviceDpi) / kReferenceDpi));
}

const TextMetrics& PageFlow::metrics(int style) const
{
    return m_metrics.at(style);
}

qreal PageFlow::advance(int style, const QString& text) const
{
    return metrics(style).horizontalAdvance(text);
}

qreal PageFlow::lineHeight(int style, qreal leading) const
{
    const qreal em = m_styles.at(style).font.pointSizeF() * m_deviceDpi / 72.0;
    return std::max(metrics(style).height(), em * leading);
}

FlowItem PageFlow::line(int style, qreal leading) const
{
    const TextMetrics fm = metrics(style);
    FlowItem item;
    item.height = lineHeight(style, leading);
    item.baseline = (item.height - fm.height()) / 2 + fm.ascent();
    return item;
}

QList<FlowItem> PageFlow::paragraph(const QString& text, int style, qreal x, qreal width, qreal leading) const
{
    QList<FlowItem> items;
    const FlowItem blank = line(style, leading);
    const QStringList lines = wrapText(text, metrics(style), width);
    for (const QString& l : lines) {
        FlowItem item = blank;
        item.runs.append(Run { x, l, style, Run::Kind::Text });
        items.append(std::move(item));
    }
    return items;
}

FlowItem PageFlow::gap(qreal height, bool spacer)
{
    FlowItem item;
    item.height = height;
    item.spacer = spacer;
    return item;
}

int PageFlow::paginate(qreal firstPageHeight, qreal pageHeight)
{
    m_pages.clear();
    m_pages.emplace_back();
    qreal y = 0;
    auto room = [&] { return m_pages.size() == 1 ? firstPageHeight : pageHeight; };

    for (int g = 0; g < static_cast<int>(m_groups.size()); ++g) {
        const FlowGroup& group = m_groups[g];
        if (group.items.isEmpty())
            continue;
        qreal total = group.padTop + group.padBottom;
        for (const FlowItem& item : group.items)
            total += item.height;
        // A group that does not fit here starts on a new page, unless that would leave much of this
        // page empty: then it starts here and continues on the next page.
        const bool fitsHere = y + total <= room();
        if (group.keepTogether && y > 0 && !fitsHere && room() - y < pageHeight * group.minStartRoom) {
            m_pages.emplace_back();
            y = 0;
        }

        Fragment fragment { g, y, 0 };
        bool hasContent = false;
        y += group.padTop;
        auto place = [&](const FlowItem& item) {
            m_pages.back().items.push_back(Placed { &item, y, g });
            y += item.height;
        };
        for (qsizetype i = 0; i < group.items.size(); ++i) {
            const FlowItem& item = group.items.at(i);
            // The item and the chain of items it is kept with, unless the chain could not fit on
            // any page: then it breaks where it must.
            qreal need = item.height;
            for (qsizetype j = i; group.items.at(j).keepWithNext && j + 1 < group.items.size(); ++j)
                need += group.items.at(j + 1).height;
            if (need > pageHeight - group.padTop - group.padBottom)
                need = item.height;
            if (y + need > room() - group.padBottom) {
                if (hasContent) {
                    fragment.bottom = y + group.padBottom;
                    m_pages.back().fragments.push_back(fragment);
                    m_pages.emplace_back();
                    fragment = Fragment { g, 0, 0 };
                    y = group.padTop;
                    for (const FlowItem& c : group.continuation)
                        place(c);
                    if (item.spacer)
                        continue;
                } else if (fragment.top > 0) {
                    // Nothing of the group placed yet: start it on the next page instead.
                    m_pages.emplace_back();
                    fragment = Fragment { g, 0, 0 };
                    y = group.padTop;
                    if (item.spacer)
                        continue;
                }
            }
            place(item);
            hasContent = true;
        }
        fragment.bottom = y + group.padBottom;
        m_pages.back().fragments.push_back(fragment);
        y = fragment.bottom + group.spaceAfter;
    }
    return pageCount();
}

qreal PageFlow::usedHeight(int page) const
{
    qreal bottom = 0;
    for (const Fragment& f : m_pages.at(page).fragments)
        bottom = std::max(bottom, f.bottom);
    return bottom;
}

void PageFlow::paintRuns(QPainter& painter, const FlowItem& item, QPointF topLeft) const
{
    for (const Run& run : item.runs) {
        const TextStyle& st = m_styles.at(run.style);
        painter.setFont(st.font);
        QPointF base(topLeft.x() + run.x, topLeft.y() + item.baseline);
        if (run.alignRight)
            base.rx() -= QFontMetricsF(st.font, painter.device()).horizontalAdvance(run.text);
        if (run.kind == Run::Kind::Text) {
            painter.setPen(st.color);
            painter.drawText(base, run.text);
            continue;
        }
        const TextMetrics fm = metrics(run.style);
        const qreal d = fm.height() * 1.2;
        const QRectF ink = fm.tightBoundingRect(run.text);
        const QPointF centre(base.x() + d / 2, base.y() + ink.center().y());
        painter.setPen(Qt::NoPen);
        painter.setBrush(st.color);
        painter.drawEllipse(centre, d / 2, d / 2);
        painter.setPen(Qt::white);
        painter.drawText(QPointF(centre.x() - fm.horizontalAdvance(run.text) / 2, base.y()), run.text);
        painter.setBrush(Qt::NoBrush);
    }
}

void PageFlow::paintPage(QPainter& painter, int page, QPointF origin) const
{
    const Page& p = m_pages.at(page);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const Fragment& f : p.fragments) {
        const FlowGroup& group = m_groups.at(f.group);
        const QRectF rect(origin.x(), origin.y() + f.top, m_width, f.bottom - f.top);
        QPainterPath outline;
        outline.addRoundedRect(rect, group.radius, group.radius);
        painter.save();
        painter.setClipPath(outline);
        if (group.background.isValid())
            painter.fillRect(rect, group.background);
        for (const Placed& placed : p.items) {
            if (placed.group == f.group && placed.item->fill.isValid())
                painter.fillRect(QRectF(rect.left(), origin.y() + placed.y, m_width, placed.item->height),
                                 placed.item->fill);
        }
        painter.restore();
        if (group.frame.isValid() && group.frameWidth > 0) {
            const qreal half = group.frameWidth / 2;
            painter.setPen(QPen(group.frame, group.frameWidth));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), group.radius, group.radius);
        }
    }
    for (const Placed& placed : p.items) {
        const QPointF topLeft(origin.x(), origin.y() + placed.y);
        paintRuns(painter, *placed.item, topLeft);
        if (placed.item->paint)
            placed.item->paint(painter, QRectF(topLeft, QSizeF(m_width, placed.item->height)));
    }
    painter.restore();
}

} // namespace pharmdesk::guide::detail
