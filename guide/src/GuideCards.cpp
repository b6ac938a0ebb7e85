// SPDX-License-Identifier: GPL-3.0-or-later
// GuideLayout: the card of one drug (name, picture, dosing, timetable, published texts, QR code).
#include "GuideLayout.h"

#include "QrCode.h"

#include <QPainter>

#include <algorithm>

namespace pharmdesk::guide::detail {

namespace {

constexpr qreal kBodyLine = 1.65;   // baseline to baseline, in font sizes (em)
constexpr qreal kTightLine = 1.35;
constexpr qsizetype kMaxWholeParagraph = 5;  // lines; longer paragraphs may break across pages

} // namespace

qreal GuideLayout::cardPad() const
{
    return mm(m_format.narrow ? 2.5 : 5);
}

void GuideLayout::addSection(FlowGroup& card, const QString& label, const QStringList& paragraphs, bool bullets) const
{
    const qreal pad = cardPad();
    const qreal bodyLine = m_format.narrow ? 1.5 : kBodyLine;
    // Beside the text on sheets; above it where the page is narrow.
    const bool above = m_labelColumn <= 0;
    const qreal textX = above ? pad : pad + m_labelColumn;
    const qreal bulletWidth = bullets ? m_flow.advance(Body, QStringLiteral("•")) + mm(2) : 0;
    const qreal textWidth = m_flow.width() - textX - pad - bulletWidth;
    bool first = true;
    for (const QString& text : paragraphs) {
        QList<FlowItem> lines = m_flow.paragraph(text, Body, textX + bulletWidth, textWidth, bodyLine);
        if (lines.isEmpty())
            continue;
        if (bullets)
            lines.first().runs.prepend({ textX, QStringLiteral("•"), Body });
        if (first && above) {
            FlowItem heading = m_flow.line(SectionLabel, 1.45);
            heading.runs.append({ pad, label, SectionLabel });
            lines.prepend(heading);
        } else if (first) {
            lines.first().runs.prepend({ pad, label, SectionLabel });
        }
        // Short paragraphs stay whole on a page; a long one at least keeps two lines together.
        const qsizetype kept = lines.size() <= kMaxWholeParagraph ? lines.size() - 1 : 1 + (first && above ? 1 : 0);
        for (qsizetype i = 0; i < kept; ++i)
            lines[i].keepWithNext = true;
        first = false;
        card.items.append(lines);
    }
    if (!first)
        card.items.append(PageFlow::gap(mm(1.5)));
}

void GuideLayout::addQrRow(FlowGroup& card, const core::PrescriptionItem& item) const
{
    const QString url = item.product ? mfdsItemUrl(item.product->itemSeq) : QString();
    const std::optional<QrCode> qr = QrCode::encode(url);
    if (!qr)
        return;
    const qreal pad = cardPad();
    // About 0.5 mm per module on sheets (0.4 mm on a label): phone cameras read it at arm's length.
    const qreal side = mm(m_format.compact ? 18 : 22);
    const qreal textX = pad + side + mm(2);
    const TextMetrics fm = m_flow.metrics(Ingredient);
    const QStringList lines = wrapText(m_labels.qrCaption, fm, m_flow.width() - textX - pad);
    const qreal lineHeight = m_flow.lineHeight(Ingredient, 1.4);
    FlowItem row;
    row.height = std::max(side, lines.size() * lineHeight) + mm(1);
    const TextStyle style = m_flow.style(Ingredient);
    const qreal ascent = fm.ascent();
    const qreal textHeight = fm.height();
    const QColor ink = m_palette.monochrome ? QColor(Qt::black) : m_palette.ink;
    row.paint = [qr = *qr, pad, side, textX, lines, lineHeight, style, ascent, textHeight, ink](QPainter& painter,
                                                                                             const QRectF& r) {
        const QRectF box(r.left() + pad, r.top(), side, side);
        painter.fillRect(box, Qt::white);  // the quiet zone must be light, whatever the card's tint
        qr.paint(painter, box, ink);
        painter.setFont(style.font);
        painter.setPen(style.color);
        qreal top = r.top() + std::max(0.0, (side - lines.size() * lineHeight) / 2);
        for (const QString& l : lines) {
            painter.drawText(QPointF(r.left() + textX, top + (lineHeight - textHeight) / 2 + ascent), l);
            top += lineHeight;
        }
    };
    card.items.append(row);
}

void GuideLayout::addDrugCard(const core::PrescriptionItem& item, int number)
{
    const qreal pad = cardPad();
    const qreal width = m_flow.width();
    FlowGroup card;
    card.frame = m_palette.frame;
    card.frameWidth = mm(m_palette.monochrome ? 0.4 : 0.35);
    card.radius = mm(2.5);
    card.padBottom = mm(m_format.compact ? 1.5 : 2.5);
    card.spaceAfter = mm(m_format.compact ? 2.5 : 4);
    // A receipt never breaks inside a drug; a label moves a drug to the next label when it can.
    if (m_format.continuous || m_format.compact)
        card.minStartRoom = 1.0;

    // Band: number badge, product name, ingredient, and the pill picture on the right.
    const QString badgeText = QString::number(number);
    const qreal badgeWidth = m_flow.metrics(Badge).height() * 1.2;
    const qreal nameX = pad + badgeWidth + mm(3);
    QString name = displayName(item);
    if (name.isEmpty())
        name = m_labels.unnamed;
    const QImage pill = m_input.pillImages.value(item.line);
    QSizeF pillSize;
    if (!pill.isNull()) {
        const QSizeF box(mm(m_format.compact ? 18 : 26), mm(m_format.compact ? 9 : 13));
        pillSize = QSizeF(pill.size()).scaled(box, Qt::KeepAspectRatio);
    }
    // Beside the name on sheets; under it where the page is narrow (the name keeps its width).
    const bool pillBeside = !pillSize.isEmpty() && !m_format.narrow;
    const qreal nameWidth = width - nameX - pad - (pillBeside ? pillSize.width() + mm(3) : 0);
    const qreal bandPad = mm(m_format.compact ? 1.2 : 2);
    FlowItem top = PageFlow::gap(bandPad, false);
    top.fill = m_palette.band;
    top.keepWithNext = true;
    QList<FlowItem> nameLines = m_flow.paragraph(name, DrugName, nameX, nameWidth, kTightLine);
    nameLines.first().runs.prepend({ pad, badgeText, Badge, Run::Kind::Badge });
    // Shown unless the product name already names it ("글로피진정(레보드로프로피진)").
    const QString ingredient = m_input.ingredients.value(item.line).simplified();
    if (!m_format.compact && !ingredient.isEmpty() && !name.contains(ingredient))
        nameLines += m_flow.paragraph(m_labels.ingredient + QStringLiteral(": ") + ingredient, Ingredient, nameX,
                                      nameWidth, kTightLine);
    FlowItem bandEnd = PageFlow::gap(bandPad, false);
    qreal bandHeight = top.height + bandEnd.height;
    for (const FlowItem& l : std::as_const(nameLines))
        bandHeight += l.height;
    if (pillBeside && bandHeight < pillSize.height() + 2 * bandPad) {
        bandEnd.height += pillSize.height() + 2 * bandPad - bandHeight;
        bandHeight = pillSize.height() + 2 * bandPad;
    }
    if (!pillSize.isEmpty() && !pillBeside) {
        FlowItem picture = PageFlow::gap(pillSize.height() + mm(1.5), false);
        picture.paint = [pill, pillSize, nameX](QPainter& painter, const QRectF& r) {
            painter.save();
            painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
            painter.drawImage(QRectF(QPointF(r.left() + nameX, r.top() + r.height() - pillSize.height()), pillSize), pill);
            painter.restore();
        };
        nameLines.append(picture);
    } else if (pillBeside) {
        // Painted from the band's first item over the whole band: the band's items are kept together.
        top.paint = [pill, pillSize, pad, bandHeight](QPainter& painter, const QRectF& r) {
            const QRectF target(r.right() - pad - pillSize.width(), r.top() + (bandHeight - pillSize.height()) / 2,
                                pillSize.width(), pillSize.height());
            painter.save();
            painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
            painter.drawImage(target, pill);
            painter.restore();
        };
    }
    card.items.append(top);
    for (FlowItem& l : nameLines) {
        l.fill = m_palette.band;
        l.keepWithNext = true;
    }
    card.items.append(nameLines);
    bandEnd.fill = m_palette.band;
    bandEnd.keepWithNext = true;
    if (m_palette.monochrome) {
        // No tint to set the band apart: a rule under it.
        const qreal thickness = mm(0.3);
        const QColor colour = m_palette.frame;
        bandEnd.paint = [thickness, colour](QPainter& painter, const QRectF& r) {
            painter.fillRect(QRectF(r.left(), r.bottom() - thickness, r.width(), thickness), colour);
        };
    }
    card.items.append(bandEnd);
    FlowItem afterBand = PageFlow::gap(mm(m_format.compact ? 1.5 : 2.5), false);
    afterBand.keepWithNext = true;  // the name stays with how to take it
    card.items.append(afterBand);

    // Continuation caption: the badge and the first line of the name.
    const qreal contRoom = width - nameX - pad - m_flow.advance(DrugName, QLatin1Char(' ') + m_labels.continued);
    const QStringList nameWrapped = wrapText(name, m_flow.metrics(DrugName), contRoom);
    FlowItem cont = m_flow.line(DrugName, kBodyLine);
    cont.fill = m_palette.band;
    cont.runs = { { pad, badgeText, Badge, Run::Kind::Badge },
                  { nameX,
                    nameWrapped.first() + (nameWrapped.size() > 1 ? QString(QChar(0x2026)) : QString())
                        + QLatin1Char(' ') + m_labels.continued,
                    DrugName } };
    card.continuation = { cont, PageFlow::gap(mm(2), false) };

    // How to take it, in words and as a timetable with pictograms.
    QList<FlowItem> dosing =
        m_flow.paragraph(dosingSentence(item, m_labels.language), Dosing, pad, width - 2 * pad, kTightLine);
    const std::optional<DoseTimes> times = doseTimes(item);
    for (FlowItem& l : dosing)
        l.keepWithNext = true;
    dosing.last().keepWithNext = times.has_value();
    card.items.append(dosing);
    if (times) {
        card.items.append(PageFlow::gap(mm(1), false));
        card.items.last().keepWithNext = true;
        card.items.append(timetableRows(m_flow, m_timetable, m_labels, m_palette, *times, mealTiming(item), pad,
                                        width - 2 * pad));
    }
    card.items.append(PageFlow::gap(mm(m_format.compact ? 0.5 : 1.5)));

    // What the published text says; nothing where there is none. A label carries dosing only.
    if (!m_format.compact) {
        const auto text = m_input.texts.constFind(item.line);
        const bool hasText = text != m_input.texts.constEnd() && !text->isEmpty();
        if (hasText) {
            m_anySourceText = true;
            const QString efficacy = shortenAtSentence(text->efficacy, 100);
            if (!efficacy.isEmpty())
                addSection(card, m_labels.efficacy, { efficacy }, false);
            const QStringList cautions = keyCautions(text->caution, 2, 90);
            if (!cautions.isEmpty())
                addSection(card, m_labels.caution, cautions, true);
            const QStringList interactions = keyCautions(text->interaction, 2, 100);
            if (!interactions.isEmpty())
                addSection(card, m_labels.interaction, interactions, true);
            const QString sideEffects = shortenAtSentence(text->sideEffects, 110);
            if (!sideEffects.isEmpty())
                addSection(card, m_labels.sideEffects, { sideEffects }, false);
            const QString storage = shortenAtSentence(text->storage, 110);
            if (!storage.isEmpty())
                addSection(card, m_labels.storage, { storage }, false);
        } else {
            card.items.append(m_flow.paragraph(m_labels.noSource, NoSource, pad, width - 2 * pad,
                                               m_format.narrow ? 1.5 : kBodyLine));
        }
    }
    if (m_options.qrCodes)
        addQrRow(card, item);
    // Trailing gaps are dropped; the last item never needs to stay with anything after the card.
    while (card.items.size() > 1 && card.items.last().spacer && card.items.last().runs.isEmpty() && !card.items.last().paint)
        card.items.removeLast();
    card.items.last().keepWithNext = false;
    m_flow.addGroup(std::move(card));
}

} // namespace pharmdesk::guide::detail
