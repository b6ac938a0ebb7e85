// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuideLayout.h"

#include "Pictograms.h"

#include <QFontDatabase>
#include <QPaintDevice>
#include <QPainter>

#include <algorithm>

namespace pharmdesk::guide::detail {

namespace {

QFont makeFont(qreal points, bool bold)
{
    QFont f;
    f.setFamilies(guideFontFamilies());
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);  // print layout: the same advances at any resolution
    // Shaping a Latin run with Noto Sans CJK substitutes digits with glyphs that have no cmap entry,
    // which Qt's PDF writer then cannot map back to text (a PDF whose "02-123" cannot be searched or
    // read aloud). Hangul syllables and Latin need no shaping; skipping it only drops Latin kerning.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

} // namespace

QStringList guideFontFamilies()
{
    static const QStringList families = [] {
        const QStringList preferred = { QStringLiteral("Noto Sans CJK KR"), QStringLiteral("Noto Sans KR"),
                                        QStringLiteral("NanumGothic"), QStringLiteral("Nanum Gothic"),
                                        QStringLiteral("NanumBarunGothic"), QStringLiteral("UnDotum"),
                                        QStringLiteral("Baekmuk Gulim") };
        const QStringList installed = QFontDatabase::families();
        QStringList out;
        for (const QString& f : preferred) {
            if (installed.contains(f, Qt::CaseInsensitive))
                out.append(f);
        }
        if (out.isEmpty())
            out = preferred;  // let fontconfig substitute; the PDF then carries whatever it picks
        return out;
    }();
    return families;
}

QList<TextStyle> GuideLayout::makeStyles(const GuideOptions& options, const FormatProfile& format, const Palette& c)
{
    // Point sizes: normal print, large print. Body text ≥ 12 pt (≥ 14 pt large); only the
    // running header and footer are smaller. A label's title and drug names are a little smaller.
    const bool large = options.largePrint;
    const bool compact = format.compact || format.narrow;
    auto pt = [large](qreal normal, qreal big) { return large ? big : normal; };
    QList<TextStyle> s(StyleCount);
    s[Title] = { makeFont(compact ? pt(17, 19) : pt(22, 26), true), c.accent };
    s[PharmacyName] = { makeFont(compact ? pt(13, 15) : pt(15, 17), true), c.ink };
    s[Meta] = { makeFont(pt(12, 14), false), c.inkSoft };
    s[InfoLabel] = { makeFont(pt(12, 14), false), c.inkSoft };
    s[InfoValue] = { makeFont(pt(13, 15), true), c.ink };
    s[Intro] = { makeFont(pt(12, 14), false), c.inkSoft };
    s[DrugName] = { makeFont(compact ? pt(14, 16) : pt(15, 17), true), c.ink };
    s[Ingredient] = { makeFont(pt(12, 14), false), c.inkSoft };
    s[Dosing] = { makeFont(pt(14, 16), true), c.accent };
    s[SectionLabel] = { makeFont(pt(12, 14), true), c.accent };
    s[Body] = { makeFont(pt(12, 14), false), c.ink };
    s[TimeOn] = { makeFont(pt(12, 14), true), Qt::white };
    s[TimeOff] = { makeFont(pt(12, 14), false), c.offCell };
    s[TimeMeal] = { makeFont(pt(12, 14), true), c.accent };
    s[Badge] = { makeFont(pt(12, 14), true), c.accent };
    s[NoSource] = { makeFont(pt(12, 14), true), c.ink };
    s[Draft] = { makeFont(pt(13, 15), true), c.draft };
    s[AlertTitle] = { makeFont(pt(13, 15), true), c.draft };
    s[AlertBody] = { makeFont(pt(12, 14), true), c.ink };
    s[Small] = { makeFont(pt(10, 11), false), c.inkSoft };
    return s;
}

GuideLayout::GuideLayout(const GuideInput& input, const GuideOptions& options, const FormatProfile& format,
                         const QPaintDevice* device, QSizeF contentSize)
    : m_input(input)
    , m_options(options)
    , m_format(format)
    , m_palette(Palette::forOptions(options))
    , m_labels(Labels::forLanguage(options.language))
    , m_pixelsPerMm(device->logicalDpiY() / 25.4)
    , m_flow(makeStyles(options, format, m_palette), device->logicalDpiY(), contentSize.width())
{
    const qreal smallLine = m_flow.metrics(Small).height() * 1.6;
    if (m_format.compact) {
        // Every label says whose medicines these are and where they come from.
        m_runningHeight = m_flow.lineHeight(PharmacyName, 1.3) + m_flow.lineHeight(InfoValue, 1.3) + mm(2.5);
    } else {
        m_runningHeight = smallLine + mm(3);
    }
    m_footerHeight = m_format.continuous ? 0 : smallLine + mm(2);

    m_timetable.onStyle = TimeOn;
    m_timetable.offStyle = TimeOff;
    m_timetable.mealStyle = TimeMeal;
    m_timetable.unit = mm(1);
    m_timetable.icon = mm(m_format.narrow ? 7 : 8.5) * (options.largePrint ? 1.15 : 1.0);
    m_timetable.maxCell = mm(34);

    // Beside-the-text label column: as wide as the longest label actually printed.
    if (!m_format.narrow) {
        QStringList sectionLabels = { m_labels.efficacy, m_labels.storage, m_labels.caution };
        for (const core::GuideText& t : input.texts) {
            if (!t.interaction.trimmed().isEmpty() && !sectionLabels.contains(m_labels.interaction))
                sectionLabels.append(m_labels.interaction);
            if (!t.sideEffects.trimmed().isEmpty() && !sectionLabels.contains(m_labels.sideEffects))
                sectionLabels.append(m_labels.sideEffects);
        }
        for (const QString& l : std::as_const(sectionLabels))
            m_labelColumn = std::max(m_labelColumn, m_flow.advance(SectionLabel, l));
        m_labelColumn += mm(4);
    }

    if (!m_format.compact) {
        addHeader();
        addPatientBox();
    }
    addIntro();
    addAlerts();
    int number = 0;
    for (const core::PrescriptionItem& item : input.prescription.items)
        addDrugCard(item, ++number);
    if (m_format.continuous)
        addClosing();
    const qreal height = contentSize.height() - m_footerHeight;
    m_flow.paginate(m_format.compact ? height - m_runningHeight : height, height - m_runningHeight);
}

qreal GuideLayout::neededHeight(int page) const
{
    const qreal header = (page > 0 || m_format.compact) ? m_runningHeight : 0;
    return header + m_flow.usedHeight(page) + m_footerHeight;
}

void GuideLayout::addHeader()
{
    const core::PharmacyInfo& ph = m_input.pharmacy;
    const qreal width = m_flow.width();
    FlowGroup group;
    group.spaceAfter = mm(3);

    FlowItem title = m_flow.line(Title, 1.35);
    title.runs.append({ 0, m_labels.title, Title });
    const qreal titleWidth = m_flow.advance(Title, m_labels.title);
    const QString name = ph.name.simplified();
    const bool nameBeside = !name.isEmpty() && titleWidth + mm(8) + m_flow.advance(PharmacyName, name) <= width;
    if (nameBeside)
        title.runs.append({ width, name, PharmacyName, Run::Kind::Text, true });
    group.items.append(title);

    // Right-aligned lines under the title: pharmacy name (when it did not fit beside), phone and
    // pharmacist, address. Empty values are left out. Narrow formats set them left-aligned.
    const bool left = m_format.narrow;
    auto addLine = [&](const QString& text, int style) {
        for (const QString& l : wrapText(text, m_flow.metrics(style), left ? width : width * 0.7)) {
            FlowItem item = m_flow.line(style, 1.35);
            item.runs.append({ left ? 0 : width, l, style, Run::Kind::Text, !left });
            group.items.append(item);
        }
    };
    if (!name.isEmpty() && !nameBeside)
        addLine(name, PharmacyName);
    QStringList contact;
    if (!ph.phone.trimmed().isEmpty())
        contact << m_labels.phone + QLatin1Char(' ') + ph.phone.simplified();
    if (!ph.pharmacist.trimmed().isEmpty())
        contact << m_labels.pharmacist + QLatin1Char(' ') + ph.pharmacist.simplified();
    if (!contact.isEmpty())
        addLine(contact.join(QStringLiteral("  ·  ")), Meta);
    if (!ph.address.trimmed().isEmpty())
        addLine(ph.address.simplified(), Meta);

    FlowItem rule = PageFlow::gap(mm(3.5), false);
    const qreal thickness = mm(0.7);
    const QColor colour = m_palette.accent;
    rule.paint = [thickness, colour](QPainter& painter, const QRectF& r) {
        painter.fillRect(QRectF(r.left(), r.bottom() - thickness, r.width(), thickness), colour);
    };
    group.items.append(rule);
    m_flow.addGroup(std::move(group));
}

void GuideLayout::addPatientBox()
{
    const core::Prescription& rx = m_input.prescription;
    QList<std::pair<QString, QString>> pairs;
    // The patient's name only: the resident registration number is never printed.
    const QString patient = rx.patient.name.valueOr(QString()).simplified();
    if (!patient.isEmpty())
        pairs.append({ m_labels.patient, patient + m_labels.patientSuffix });
    const QString date = m_labels.formatDate(m_input.dispensingDate);
    if (!date.isEmpty())
        pairs.append({ m_labels.date, date });
    const QString institution = rx.institution.name.valueOr(QString()).simplified();
    if (!institution.isEmpty())
        pairs.append({ m_labels.institution, institution });
    if (pairs.isEmpty())
        return;

    FlowGroup group;
    if (m_palette.monochrome) {
        group.frame = m_palette.frame;
        group.frameWidth = mm(0.3);
    } else {
        group.background = m_palette.infoBox;
    }
    group.radius = mm(2);
    group.padTop = mm(2);
    group.padBottom = mm(2);
    group.spaceAfter = mm(4);

    const qreal pad = mm(m_format.narrow ? 2.5 : 4);
    qreal labelWidth = 0;
    for (const auto& p : std::as_const(pairs))
        labelWidth = std::max(labelWidth, m_flow.advance(InfoLabel, p.first));
    labelWidth += mm(3);
    const qreal column = (m_flow.width() - 2 * pad) / 2;
    auto fits = [&](const std::pair<QString, QString>& p) {
        return labelWidth + m_flow.advance(InfoValue, p.second) <= column - mm(3);
    };
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const auto& p = pairs.at(i);
        if (fits(p) && i + 1 < pairs.size() && fits(pairs.at(i + 1))) {
            FlowItem row = m_flow.line(InfoValue, 1.65);
            const auto& q = pairs.at(++i);
            row.runs = { { pad, p.first, InfoLabel },
                         { pad + labelWidth, p.second, InfoValue },
                         { pad + column, q.first, InfoLabel },
                         { pad + column + labelWidth, q.second, InfoValue } };
            group.items.append(row);
            continue;
        }
        QList<FlowItem> lines =
            m_flow.paragraph(p.second, InfoValue, pad + labelWidth, m_flow.width() - 2 * pad - labelWidth, 1.65);
        lines.first().runs.prepend({ pad, p.first, InfoLabel });
        group.items.append(lines);
    }
    m_flow.addGroup(std::move(group));
}

void GuideLayout::addIntro()
{
    FlowGroup group;
    group.spaceAfter = mm(m_format.compact ? 2.5 : 4);
    // A prescription with fields still flagged for review is a draft: say so where the patient
    // reads first, so an unchecked sheet can never pass for a checked one.
    if (m_input.prescription.needsReview())
        group.items = m_flow.paragraph(m_labels.draft, Draft, 0, m_flow.width(), 1.5);
    if (!m_format.compact)
        group.items += m_flow.paragraph(m_labels.intro.arg(m_input.prescription.items.size()), Intro, 0,
                                        m_flow.width(), 1.65);
    if (!group.items.isEmpty())
        m_flow.addGroup(std::move(group));
}

void GuideLayout::addAlerts()
{
    const QList<PatientAlert> alerts = patientAlerts(m_input.prescription, m_labels.language);
    if (alerts.isEmpty())
        return;
    FlowGroup group;
    group.frame = m_palette.draft;
    group.frameWidth = mm(m_palette.monochrome ? 0.6 : 0.45);
    group.radius = mm(2);
    group.padTop = mm(2);
    group.padBottom = mm(2);
    group.spaceAfter = mm(4);
    const qreal pad = mm(m_format.narrow ? 2.5 : 4);
    const qreal width = m_flow.width() - 2 * pad;

    // Title with the warning pictogram.
    FlowItem title = m_flow.line(AlertTitle, 1.6);
    const qreal icon = m_flow.metrics(AlertTitle).height() * 1.05;
    title.runs.append({ pad + icon + mm(2), m_labels.alerts, AlertTitle });
    const QColor colour = m_palette.draft;
    title.paint = [pad, icon, colour](QPainter& painter, const QRectF& r) {
        paintPictogram(painter, Pictogram::Alert, QRectF(r.left() + pad, r.center().y() - icon / 2, icon, icon), colour);
    };
    title.keepWithNext = true;
    group.items.append(title);

    const qreal bullet = m_flow.advance(AlertBody, QStringLiteral("•")) + mm(2);
    for (const PatientAlert& a : alerts) {
        QList<FlowItem> lines = m_flow.paragraph(a.sentence, AlertBody, pad + bullet, width - bullet, 1.5);
        lines.first().runs.prepend({ pad, QStringLiteral("•"), AlertBody });
        // The rule as published, shortened at a sentence boundary (labels carry only the sentence).
        const QString rule = shortenAtSentence(a.ruleText, 120);
        if (!rule.isEmpty() && !m_format.compact)
            lines += m_flow.paragraph(m_labels.ruleText + rule, Ingredient, pad + bullet, width - bullet, 1.45);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            lines[i].keepWithNext = true;
        group.items.append(lines);
        group.items.append(PageFlow::gap(mm(1)));
    }
    group.items.removeLast();
    m_flow.addGroup(std::move(group));
}

void GuideLayout::addClosing()
{
    // A continuous page has no page footer: its source line and the pharmacist's phone close it.
    FlowGroup group;
    FlowItem rule = PageFlow::gap(mm(3), false);
    const qreal thickness = mm(0.3);
    const QColor colour = m_palette.frame;
    rule.paint = [thickness, colour](QPainter& painter, const QRectF& r) {
        painter.fillRect(QRectF(r.left(), r.top() + thickness, r.width(), thickness), colour);
    };
    group.items.append(rule);
    QString ask = m_labels.askPharmacist;
    if (!m_input.pharmacy.phone.trimmed().isEmpty())
        ask += QStringLiteral(" %1 %2").arg(m_labels.phone, m_input.pharmacy.phone.simplified());
    group.items += m_flow.paragraph(ask, Meta, 0, m_flow.width(), 1.4);
    if (m_anySourceText)
        group.items += m_flow.paragraph(m_labels.source, Small, 0, m_flow.width(), 1.4);
    for (FlowItem& item : group.items)
        item.keepWithNext = true;
    group.items.last().keepWithNext = false;
    m_flow.addGroup(std::move(group));
}

void GuideLayout::paintPage(QPainter& painter, int page, const QRectF& content) const
{
    const bool header = page > 0 || m_format.compact;
    m_flow.paintPage(painter, page, QPointF(content.left(), header ? content.top() + m_runningHeight : content.top()));
    if (m_format.compact)
        paintLabelHeader(painter, content);
    else if (page > 0)
        paintRunningHeader(painter, content);
    if (!m_format.continuous)
        paintFooter(painter, page, content);
}

void GuideLayout::paintRunningHeader(QPainter& painter, const QRectF& content) const
{
    // Whose guide this page belongs to.
    const TextStyle& small = m_flow.style(Small);
    const TextMetrics fm = m_flow.metrics(Small);
    const QFontMetricsF device(small.font, painter.device());
    painter.save();
    painter.setFont(small.font);
    painter.setPen(small.color);
    QString left = m_labels.title;
    const QString patient = m_input.prescription.patient.name.valueOr(QString()).simplified();
    if (!patient.isEmpty())
        left += QStringLiteral("  ·  ") + patient + m_labels.patientSuffix;
    const qreal baseline = content.top() + fm.ascent();
    painter.drawText(QPointF(content.left(), baseline), left);
    const QString pharmacy = m_input.pharmacy.name.simplified();
    if (!pharmacy.isEmpty() && fm.horizontalAdvance(left) + mm(10) + fm.horizontalAdvance(pharmacy) <= content.width())
        painter.drawText(QPointF(content.right() - device.horizontalAdvance(pharmacy), baseline), pharmacy);
    painter.fillRect(QRectF(content.left(), content.top() + fm.height() + mm(1.5), content.width(), mm(0.25)),
                     m_palette.frame);
    painter.restore();
}

void GuideLayout::paintLabelHeader(QPainter& painter, const QRectF& content) const
{
    // Line 1: pharmacy (else the title) and its phone; line 2: patient and dispensing date.
    painter.save();
    const QString pharmacy = m_input.pharmacy.name.simplified();
    const QString phone = m_input.pharmacy.phone.simplified();
    const TextStyle& first = m_flow.style(PharmacyName);
    const TextMetrics firstFm = m_flow.metrics(PharmacyName);
    const qreal firstLine = m_flow.lineHeight(PharmacyName, 1.3);
    qreal baseline = content.top() + (firstLine - firstFm.height()) / 2 + firstFm.ascent();
    const QString name = pharmacy.isEmpty() ? m_labels.labelTitle : pharmacy;
    const QString phoneText = phone.isEmpty() ? QString() : m_labels.phone + QLatin1Char(' ') + phone;
    const qreal phoneWidth = phoneText.isEmpty() ? 0 : m_flow.advance(Meta, phoneText) + mm(3);
    painter.setFont(first.font);
    painter.setPen(first.color);
    painter.drawText(QPointF(content.left(), baseline),
                     wrapText(name, firstFm, content.width() - phoneWidth).value(0));
    if (!phoneText.isEmpty()) {
        const TextStyle& meta = m_flow.style(Meta);
        painter.setFont(meta.font);
        painter.setPen(meta.color);
        painter.drawText(
            QPointF(content.right() - QFontMetricsF(meta.font, painter.device()).horizontalAdvance(phoneText), baseline),
            phoneText);
    }
    const TextStyle& second = m_flow.style(InfoValue);
    const TextMetrics secondFm = m_flow.metrics(InfoValue);
    const qreal secondLine = m_flow.lineHeight(InfoValue, 1.3);
    baseline = content.top() + firstLine + (secondLine - secondFm.height()) / 2 + secondFm.ascent();
    QStringList parts;
    const QString patient = m_input.prescription.patient.name.valueOr(QString()).simplified();
    if (!patient.isEmpty())
        parts << patient + m_labels.patientSuffix;
    const QString date = m_labels.formatDate(m_input.dispensingDate);
    if (!date.isEmpty())
        parts << date;
    painter.setFont(second.font);
    painter.setPen(second.color);
    painter.drawText(QPointF(content.left(), baseline),
                     wrapText(parts.join(QStringLiteral("  ·  ")), secondFm, content.width()).value(0));
    painter.fillRect(QRectF(content.left(), content.top() + firstLine + secondLine + mm(0.8), content.width(), mm(0.5)),
                     m_palette.accent);
    painter.restore();
}

void GuideLayout::paintFooter(QPainter& painter, int page, const QRectF& content) const
{
    // Source of the drug texts (a label: whom to ask), page x / y.
    const TextStyle& small = m_flow.style(Small);
    const TextMetrics fm = m_flow.metrics(Small);
    const QFontMetricsF device(small.font, painter.device());
    painter.save();
    painter.setFont(small.font);
    painter.setPen(small.color);
    const qreal footerTop = content.bottom() - m_footerHeight;
    painter.fillRect(QRectF(content.left(), footerTop + mm(1), content.width(), mm(0.25)), m_palette.frame);
    const qreal baseline = content.bottom() - fm.descent();
    const QString pageText = QStringLiteral("%1 / %2").arg(page + 1).arg(pageCount());
    const qreal pageWidth = fm.horizontalAdvance(pageText);
    painter.drawText(QPointF(content.right() - device.horizontalAdvance(pageText), baseline), pageText);
    const QString left = m_format.compact ? m_labels.askPharmacist : m_anySourceText ? m_labels.source : QString();
    if (!left.isEmpty() && fm.horizontalAdvance(left) + mm(8) + pageWidth <= content.width())
        painter.drawText(QPointF(content.left(), baseline), left);
    painter.restore();
}

} // namespace pharmdesk::guide::detail
