// SPDX-License-Identifier: GPL-3.0-or-later
#include "Timetable.h"

#include "Pictograms.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <optional>

namespace pharmdesk::guide::detail {

namespace {

struct Cell
{
    enum class Kind { On, Off, Meal };
    Kind kind = Kind::Off;
    QString label;
    Pictogram icon = Pictogram::Morning;
    int style = 0;
    qreal labelWidth = 0;  ///< measured on the layout's metrics, so painting needs none of its own
};

/// A tick drawn as a path, so it needs no glyph from the font.
void drawTick(QPainter& painter, const QRectF& box, const QColor& colour)
{
    QPainterPath tick;
    tick.moveTo(box.left() + box.width() * 0.22, box.top() + box.height() * 0.52);
    tick.lineTo(box.left() + box.width() * 0.43, box.top() + box.height() * 0.72);
    tick.lineTo(box.left() + box.width() * 0.78, box.top() + box.height() * 0.30);
    painter.setPen(QPen(colour, box.width() * 0.14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(tick);
}

/// The meal cell alone, pictogram beside its words, for rows too narrow to hold it with the slots.
FlowItem mealChip(const PageFlow& flow, const TimetableStyle& st, const Palette& palette, const Cell& cell, qreal x)
{
    const TextMetrics fm = flow.metrics(cell.style);
    const qreal pad = st.unit;
    const qreal icon = fm.height() * 1.25;
    FlowItem item;
    item.height = icon + 2 * pad + st.unit * 1.5;
    const qreal width = pad * 2 + icon + st.unit * 1.5 + cell.labelWidth;
    const TextStyle style = flow.style(cell.style);
    const qreal ascent = fm.ascent();
    const qreal textHeight = fm.height();
    const qreal unit = st.unit;
    item.paint = [cell, palette, style, x, pad, icon, width, ascent, textHeight, unit](QPainter& painter, const QRectF& r) {
        const qreal w = unit * 0.5;
        const QRectF box(r.left() + x, r.top(), width, icon + 2 * pad);
        painter.setPen(QPen(palette.accent, w));
        painter.setBrush(Qt::white);
        painter.drawRoundedRect(box.adjusted(w / 2, w / 2, -w / 2, -w / 2), unit * 1.5, unit * 1.5);
        paintPictogram(painter, cell.icon, QRectF(box.left() + pad, box.top() + pad, icon, icon), palette.accent);
        painter.setFont(style.font);
        painter.setPen(palette.accent);
        painter.drawText(QPointF(box.left() + pad + icon + unit * 1.5, box.top() + (box.height() - textHeight) / 2 + ascent),
                         cell.label);
    };
    return item;
}

/// One row of cells as a flow item; `widths` per cell, `gap` between them.
FlowItem rowItem(const PageFlow& flow, const TimetableStyle& st, const Palette& palette, QList<Cell> cells,
                 QList<qreal> widths, qreal x, qreal gap)
{
    const TextMetrics fm = flow.metrics(st.onStyle);
    const qreal pad = st.unit * 1.5;
    const qreal textHeight = fm.height();
    const qreal ascent = fm.ascent();
    FlowItem item;
    item.height = pad + st.icon + st.unit * 0.8 + textHeight + pad + st.unit * 1.5;  // last: space below the row
    const qreal cellHeight = item.height - st.unit * 1.5;
    QList<TextStyle> styles;
    for (const Cell& c : cells)
        styles.append(flow.style(c.style));
    const qreal icon = st.icon;
    const qreal unit = st.unit;
    item.paint = [cells, widths, styles, palette, x, gap, pad, icon, unit, textHeight, ascent,
                  cellHeight](QPainter& painter, const QRectF& r) {
        qreal left = r.left() + x;
        const qreal radius = unit * 1.5;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const Cell& c = cells.at(i);
            const QRectF box(left, r.top(), widths.at(i), cellHeight);
            left += widths.at(i) + gap;
            const bool withIcon = !(c.kind == Cell::Kind::Off && palette.monochrome);
            // Baseline: under the pictogram, or centred in the cell when there is none.
            const qreal baseline = withIcon ? box.top() + pad + icon + unit * 0.8 + ascent
                                            : box.top() + (box.height() - textHeight) / 2 + ascent;
            QColor text = palette.ink;
            switch (c.kind) {
            case Cell::Kind::On:
                painter.setPen(Qt::NoPen);
                painter.setBrush(palette.accent);
                painter.drawRoundedRect(box, radius, radius);
                text = Qt::white;
                break;
            case Cell::Kind::Off: {
                const qreal w = palette.monochrome ? unit * 0.35 : unit * 0.3;
                QPen pen(palette.offBorder, w);
                if (palette.monochrome)
                    pen.setStyle(Qt::DashLine);
                painter.setPen(pen);
                painter.setBrush(Qt::white);
                painter.drawRoundedRect(box.adjusted(w / 2, w / 2, -w / 2, -w / 2), radius, radius);
                text = palette.offCell;
                break;
            }
            case Cell::Kind::Meal: {
                const qreal w = unit * 0.5;
                painter.setPen(QPen(palette.accent, w));
                painter.setBrush(Qt::white);
                painter.drawRoundedRect(box.adjusted(w / 2, w / 2, -w / 2, -w / 2), radius, radius);
                text = palette.accent;
                break;
            }
            }
            if (withIcon) {
                const QColor iconColour = c.kind == Cell::Kind::On ? QColor(Qt::white)
                                          : c.kind == Cell::Kind::Off ? palette.offIcon
                                                                      : palette.accent;
                paintPictogram(painter, c.icon, QRectF(box.center().x() - icon / 2, box.top() + pad, icon, icon),
                               iconColour);
            }
            if (c.kind == Cell::Kind::On) {
                // The mark: a white disc with a tick in the cell's top right corner.
                const qreal d = icon * 0.42;
                const QRectF disc(box.right() - d - unit * 0.8, box.top() + unit * 0.8, d, d);
                painter.setPen(Qt::NoPen);
                painter.setBrush(Qt::white);
                painter.drawEllipse(disc);
                drawTick(painter, disc, palette.accent);
            }
            painter.setFont(styles.at(i).font);
            painter.setPen(text);
            painter.drawText(QPointF(box.center().x() - c.labelWidth / 2, baseline), c.label);
        }
        painter.setBrush(Qt::NoBrush);
    };
    return item;
}

} // namespace

QList<FlowItem> timetableRows(const PageFlow& flow, const TimetableStyle& st, const Labels& labels,
                              const Palette& palette, const DoseTimes& times, MealTiming meal, qreal x, qreal width)
{
    const std::array<bool, 4> on = { times.morning, times.noon, times.evening, times.bedtime };
    QList<Cell> slotCells;
    for (int i = 0; i < 4; ++i) {
        Cell c;
        c.kind = on.at(i) ? Cell::Kind::On : Cell::Kind::Off;
        c.label = labels.timeSlots.at(i);
        c.icon = slotPictogram(i);
        c.style = on.at(i) ? st.onStyle : st.offStyle;
        c.labelWidth = flow.advance(c.style, c.label);
        slotCells.append(c);
    }
    std::optional<Cell> mealCell;
    if (meal != MealTiming::Unknown) {
        Cell c;
        c.kind = Cell::Kind::Meal;
        c.label = labels.meals.at(static_cast<int>(meal) - 1);
        c.icon = mealPictogram(meal);
        c.style = st.mealStyle;
        c.labelWidth = flow.advance(c.style, c.label);
        mealCell = c;
    }
    const qreal gap = st.unit * 1.5;
    // A cell holds its words with a little room, and the pictogram with the tick disc beside it.
    auto minWidth = [&](const Cell& c) {
        // The bold width, so that a slot is as wide whether it is on or off.
        return std::max({ flow.advance(st.onStyle, c.label) + st.unit * 1.6, c.labelWidth + st.unit * 1.6,
                          st.icon * 1.84 + st.unit * 1.6 });
    };
    qreal slotMin = 0;
    for (const Cell& c : slotCells)
        slotMin = std::max(slotMin, minWidth(c));

    QList<FlowItem> rows;
    auto equalRow = [&](const QList<Cell>& cells, qreal left, qreal room) {
        const qsizetype n = cells.size();
        const qreal w = std::min((room - (n - 1) * gap) / n, st.maxCell);
        rows.append(rowItem(flow, st, palette, cells, QList<qreal>(n, w), left, gap));
    };
    if (mealCell && 5 * std::max(slotMin, minWidth(*mealCell)) + 4 * gap <= width) {
        QList<Cell> cells = { *mealCell };
        cells += slotCells;
        equalRow(cells, x, width);
    } else {
        if (mealCell)
            rows.append(mealChip(flow, st, palette, *mealCell, x));
        if (4 * slotMin + 3 * gap <= width) {
            equalRow(slotCells, x, width);
        } else {
            equalRow(slotCells.mid(0, 2), x, width);
            equalRow(slotCells.mid(2, 2), x, width);
        }
    }
    for (qsizetype i = 0; i + 1 < rows.size(); ++i)
        rows[i].keepWithNext = true;
    return rows;
}

} // namespace pharmdesk::guide::detail
