// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuideLayout.h"

#include <QFontDatabase>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>

namespace pharmdesk::guide::detail {

enum GuideLayout::Style : int {
    Title,
    PharmacyName,
    Meta,
    InfoLabel,
    InfoValue,
    Intro,
    DrugName,
    Ingredient,
    Dosing,
    SectionLabel,
    Body,
    TimeOn,
    TimeOff,
    Badge,
    NoSource,
    Draft,
    Small,
    StyleCount
};

namespace {

// High-contrast palette: body text near black, one dark blue accent (contrast > 10:1 on white).
const QColor kInk(0x11, 0x11, 0x11);
const QColor kInkSoft(0x2b, 0x2b, 0x2b);
const QColor kAccent(0x0b, 0x3d, 0x91);
const QColor kBand(0xe6, 0xed, 0xf7);
const QColor kInfoBox(0xf0, 0xf3, 0xf7);
const QColor kFrame(0x5a, 0x6b, 0x85);
const QColor kOffCell(0x4a, 0x4a, 0x4a);

constexpr qreal kBodyLine = 1.65;   // baseline to baseline, in font sizes (em)
constexpr qreal kTightLine = 1.35;
constexpr qsizetype kMaxWholeParagraph = 5;  // lines; longer paragraphs may break across pages

Labels koreanLabels()
{
    Labels l;
    l.language = QStringLiteral("ko");
    l.title = QStringLiteral("복약안내문");
    l.phone = QStringLiteral("전화");
    l.pharmacist = QStringLiteral("약사");
    l.patient = QStringLiteral("환자");
    l.patientSuffix = QStringLiteral(" 님");
    l.date = QStringLiteral("조제일");
    l.institution = QStringLiteral("처방기관");
    l.intro = QStringLiteral("처방받은 약 %1가지의 복용 방법과 주의할 점입니다. 궁금한 점은 약사에게 물어보세요.");
    l.ingredient = QStringLiteral("성분");
    l.efficacy = QStringLiteral("효능");
    l.storage = QStringLiteral("보관");
    l.caution = QStringLiteral("주의");
    l.interaction = QStringLiteral("상호작용");
    l.sideEffects = QStringLiteral("부작용");
    l.noSource = QStringLiteral("이 약에 대한 자세한 설명은 약사에게 문의하세요.");
    l.draft = QStringLiteral("[확인 전 초안] 약사가 처방 내용을 아직 확인하지 않았습니다. 이 안내문으로 복용하지 마세요.");
    l.continued = QStringLiteral("(계속)");
    l.source = QStringLiteral("약 정보 출처: 식품의약품안전처 의약품개요정보(e약은요)");
    l.unnamed = QStringLiteral("이름을 읽지 못한 약");
    l.timeSlots = { QStringLiteral("아침"), QStringLiteral("점심"), QStringLiteral("저녁"), QStringLiteral("자기 전") };
    return l;
}

Labels englishLabels()
{
    Labels l;
    l.language = QStringLiteral("en");
    l.title = QStringLiteral("Medication Guide");
    l.phone = QStringLiteral("Tel");
    l.pharmacist = QStringLiteral("Pharmacist");
    l.patient = QStringLiteral("Patient");
    l.date = QStringLiteral("Dispensed");
    l.institution = QStringLiteral("Clinic");
    l.intro = QStringLiteral("How to take your %1 medicines and what to watch for. Ask your pharmacist if anything is unclear.");
    l.ingredient = QStringLiteral("Ingredient");
    l.efficacy = QStringLiteral("Use");
    l.storage = QStringLiteral("Storage");
    l.caution = QStringLiteral("Caution");
    l.interaction = QStringLiteral("Interactions");
    l.sideEffects = QStringLiteral("Side effects");
    l.noSource = QStringLiteral("Ask your pharmacist for details about this medicine.");
    l.draft = QStringLiteral("[Unchecked draft] The pharmacist has not yet checked this prescription. Do not take medicines by this sheet.");
    l.continued = QStringLiteral("(continued)");
    l.source = QStringLiteral("Drug information: MFDS e-Drug Information (e약은요)");
    l.unnamed = QStringLiteral("Unnamed medicine");
    l.timeSlots = { QStringLiteral("Morning"), QStringLiteral("Noon"), QStringLiteral("Evening"), QStringLiteral("Bedtime") };
    return l;
}

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

/// A tick mark drawn as a path, so it needs no glyph from the font.
void drawTick(QPainter& painter, QPointF origin, qreal size, const QColor& colour)
{
    QPainterPath tick;
    tick.moveTo(origin + QPointF(0, size * 0.55));
    tick.lineTo(origin + QPointF(size * 0.38, size * 0.9));
    tick.lineTo(origin + QPointF(size, size * 0.12));
    painter.setPen(QPen(colour, size * 0.18, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(tick);
}

} // namespace

const Labels& Labels::forLanguage(const QString& language)
{
    static const Labels ko = koreanLabels();
    static const Labels en = englishLabels();
    return language == QStringLiteral("en") ? en : ko;
}

QString Labels::formatDate(QDate date) const
{
    if (!date.isValid())
        return {};
    if (language == QStringLiteral("ko"))
        return QStringLiteral("%1년 %2월 %3일").arg(date.year()).arg(date.month()).arg(date.day());
    return date.toString(Qt::ISODate);
}

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

QList<TextStyle> GuideLayout::makeStyles(const GuideOptions& options)
{
    // Point sizes: normal print, large print. Body text ≥ 12 pt (≥ 14 pt large); only the
    // running header and footer are smaller.
    const bool large = options.largePrint;
    auto pt = [large](qreal normal, qreal big) { return large ? big : normal; };
    QList<TextStyle> s(StyleCount);
    s[Title] = { makeFont(pt(22, 26), true), kAccent };
    s[PharmacyName] = { makeFont(pt(15, 17), true), kInk };
    s[Meta] = { makeFont(pt(12, 14), false), kInkSoft };
    s[InfoLabel] = { makeFont(pt(12, 14), false), kInkSoft };
    s[InfoValue] = { makeFont(pt(13, 15), true), kInk };
    s[Intro] = { makeFont(pt(12, 14), false), kInkSoft };
    s[DrugName] = { makeFont(pt(15, 17), true), kInk };
    s[Ingredient] = { makeFont(pt(12, 14), false), kInkSoft };
    s[Dosing] = { makeFont(pt(14, 16), true), kAccent };
    s[SectionLabel] = { makeFont(pt(12, 14), true), kAccent };
    s[Body] = { makeFont(pt(12, 14), false), kInk };
    s[TimeOn] = { makeFont(pt(12, 14), true), Qt::white };
    s[TimeOff] = { makeFont(pt(12, 14), false), kOffCell };
    s[Badge] = { makeFont(pt(12, 14), true), kAccent };
    s[NoSource] = { makeFont(pt(12, 14), true), kInk };
    s[Draft] = { makeFont(pt(13, 15), true), QColor(0xb0, 0x1c, 0x1c) };
    s[Small] = { makeFont(pt(10, 11), false), kInkSoft };
    return s;
}

GuideLayout::GuideLayout(const GuideInput& input, const GuideOptions& options, const QPaintDevice* device,
                         QSizeF contentSize)
    : m_input(input)
    , m_labels(Labels::forLanguage(options.language))
    , m_pixelsPerMm(device->logicalDpiY() / 25.4)
    , m_flow(makeStyles(options), device->logicalDpiY(), contentSize.width())
{
    m_runningHeight = m_flow.metrics(Small).height() * 1.6 + mm(3);
    m_footerHeight = m_flow.metrics(Small).height() * 1.6 + mm(2);

    // The label column is as wide as the longest label actually printed.
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

    addHeader();
    addPatientBox();
    addIntro();
    int number = 0;
    for (const core::PrescriptionItem& item : input.prescription.items)
        addDrugCard(item, ++number);
    m_flow.paginate(contentSize.height() - m_footerHeight, contentSize.height() - m_footerHeight - m_runningHeight);
}

void GuideLayout::addHeader()
{
    const core::PharmacyInfo& ph = m_input.pharmacy;
    const qreal width = m_flow.width();
    FlowGroup group;
    group.spaceAfter = mm(3);

    FlowItem title = m_flow.line(Title, kTightLine);
    title.runs.append({ 0, m_labels.title, Title });
    const qreal titleWidth = m_flow.advance(Title, m_labels.title);
    const QString name = ph.name.simplified();
    const bool nameBeside = !name.isEmpty() && titleWidth + mm(8) + m_flow.advance(PharmacyName, name) <= width;
    if (nameBeside)
        title.runs.append({ width, name, PharmacyName, Run::Kind::Text, true });
    group.items.append(title);

    // Right-aligned lines under the title: pharmacy name (when it did not fit beside), phone and
    // pharmacist, address. Empty values are left out.
    auto addRight = [&](const QString& text, int style) {
        for (const QString& l : wrapText(text, m_flow.metrics(style), width * 0.7)) {
            FlowItem item = m_flow.line(style, kTightLine);
            item.runs.append({ width, l, style, Run::Kind::Text, true });
            group.items.append(item);
        }
    };
    if (!name.isEmpty() && !nameBeside)
        addRight(name, PharmacyName);
    QStringList contact;
    if (!ph.phone.trimmed().isEmpty())
        contact << m_labels.phone + QLatin1Char(' ') + ph.phone.simplified();
    if (!ph.pharmacist.trimmed().isEmpty())
        contact << m_labels.pharmacist + QLatin1Char(' ') + ph.pharmacist.simplified();
    if (!contact.isEmpty())
        addRight(contact.join(QStringLiteral("  ·  ")), Meta);
    if (!ph.address.trimmed().isEmpty())
        addRight(ph.address.simplified(), Meta);

    FlowItem rule = PageFlow::gap(mm(3.5), false);
    const qreal thickness = mm(0.7);
    rule.paint = [thickness](QPainter& painter, const QRectF& r) {
        painter.fillRect(QRectF(r.left(), r.bottom() - thickness, r.width(), thickness), kAccent);
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
    group.background = kInfoBox;
    group.radius = mm(2);
    group.padTop = mm(2);
    group.padBottom = mm(2);
    group.spaceAfter = mm(4);

    const qreal pad = mm(4);
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
            FlowItem row = m_flow.line(InfoValue, kBodyLine);
            const auto& q = pairs.at(++i);
            row.runs = { { pad, p.first, InfoLabel },
                         { pad + labelWidth, p.second, InfoValue },
                         { pad + column, q.first, InfoLabel },
                         { pad + column + labelWidth, q.second, InfoValue } };
            group.items.append(row);
            continue;
        }
        QList<FlowItem> lines =
            m_flow.paragraph(p.second, InfoValue, pad + labelWidth, m_flow.width() - 2 * pad - labelWidth, kBodyLine);
        lines.first().runs.prepend({ pad, p.first, InfoLabel });
        group.items.append(lines);
    }
    m_flow.addGroup(std::move(group));
}

void GuideLayout::addIntro()
{
    FlowGroup group;
    group.spaceAfter = mm(4);
    // A prescription with fields still flagged for review is a draft: say so where the patient
    // reads first, so an unchecked sheet can never pass for a checked one.
    if (m_input.prescription.needsReview()) {
        group.items = m_flow.paragraph(m_labels.draft, Draft, 0, m_flow.width(), kBodyLine);
    }
    group.items += m_flow.paragraph(m_labels.intro.arg(m_input.prescription.items.size()), Intro, 0, m_flow.width(),
                                   kBodyLine);
    m_flow.addGroup(std::move(group));
}

FlowItem GuideLayout::timetableItem(const DoseTimes& times) const
{
    const TextMetrics fm = m_flow.metrics(TimeOn);
    FlowItem item;
    item.height = fm.height() * 1.75 + mm(2);
    const qreal x = mm(5);
    const qreal gap = mm(2.5);
    const qreal cell = std::min((m_flow.width() - 2 * x - 3 * gap) / 4, mm(34));
    const std::array<bool, 4> on = { times.morning, times.noon, times.evening, times.bedtime };
    const QStringList slotNames = m_labels.timeSlots;
    const TextStyle onStyle = m_flow.style(TimeOn);
    const TextStyle offStyle = m_flow.style(TimeOff);
    const qreal tick = fm.ascent() * 0.75;
    const qreal radius = mm(1.5);
    const qreal margin = mm(1);
    const qreal tickGap = mm(1.5);
    const qreal border = mm(0.3);
    // Widths measured now, on the layout's device, so painting needs no metrics of its own.
    QList<qreal> onWidths, offWidths;
    for (const QString& s : slotNames) {
        onWidths.append(m_flow.advance(TimeOn, s));
        offWidths.append(m_flow.advance(TimeOff, s));
    }
    const qreal ascent = fm.ascent();
    const qreal textHeight = fm.height();
    item.paint = [x, gap, cell, on, slotNames, onStyle, offStyle, tick, radius, margin, tickGap, border, onWidths,
                  offWidths, ascent, textHeight](QPainter& painter, const QRectF& r) {
        for (int i = 0; i < 4; ++i) {
            const QRectF box(r.left() + x + i * (cell + gap), r.top() + margin, cell, r.height() - 3 * margin);
            const qreal baseline = box.top() + (box.height() - textHeight) / 2 + ascent;
            if (on[i]) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(kAccent);
                painter.drawRoundedRect(box, radius, radius);
                const qreal total = tick + tickGap + onWidths.at(i);
                const qreal left = box.center().x() - total / 2;
                drawTick(painter, QPointF(left, baseline - ascent * 0.78), tick, Qt::white);
                painter.setFont(onStyle.font);
                painter.setPen(onStyle.color);
                painter.drawText(QPointF(left + tick + tickGap, baseline), slotNames.at(i));
            } else {
                painter.setPen(QPen(QColor(0x9a, 0xa5, 0xb5), border));
                painter.setBrush(Qt::white);
                painter.drawRoundedRect(box, radius, radius);
                painter.setFont(offStyle.font);
                painter.setPen(offStyle.color);
                painter.drawText(QPointF(box.center().x() - offWidths.at(i) / 2, baseline), slotNames.at(i));
            }
        }
        painter.setBrush(Qt::NoBrush);
    };
    return item;
}

void GuideLayout::addSection(FlowGroup& card, const QString& label, const QStringList& paragraphs, bool bullets) const
{
    const qreal pad = mm(5);
    const qreal textX = pad + m_labelColumn;
    const qreal bulletWidth = bullets ? m_flow.advance(Body, QStringLiteral("•")) + mm(2) : 0;
    const qreal textWidth = m_flow.width() - textX - pad - bulletWidth;
    bool first = true;
    for (const QString& text : paragraphs) {
        QList<FlowItem> lines = m_flow.paragraph(text, Body, textX + bulletWidth, textWidth, kBodyLine);
        if (lines.isEmpty())
            continue;
        if (bullets)
            lines.first().runs.prepend({ textX, QStringLiteral("•"), Body });
        if (first)
            lines.first().runs.prepend({ pad, label, SectionLabel });
        // Short paragraphs stay whole on a page; a long one at least keeps two lines together.
        const qsizetype kept = lines.size() <= kMaxWholeParagraph ? lines.size() - 1 : 1;
        for (qsizetype i = 0; i < kept; ++i)
            lines[i].keepWithNext = true;
        first = false;
        card.items.append(lines);
    }
    if (!first)
        card.items.append(PageFlow::gap(mm(1.5)));
}

void GuideLayout::addDrugCard(const core::PrescriptionItem& item, int number)
{
    const qreal pad = mm(5);
    const qreal width = m_flow.width();
    FlowGroup card;
    card.frame = kFrame;
    card.frameWidth = mm(0.35);
    card.radius = mm(2.5);
    card.padBottom = mm(2.5);
    card.spaceAfter = mm(4);

    // Band: number badge, product name, ingredient.
    const QString badgeText = QString::number(number);
    const qreal badgeWidth = m_flow.metrics(Badge).height() * 1.2;
    const qreal nameX = pad + badgeWidth + mm(3);
    QString name = displayName(item);
    if (name.isEmpty())
        name = m_labels.unnamed;
    FlowItem top = PageFlow::gap(mm(2), false);
    top.fill = kBand;
    top.keepWithNext = true;
    card.items.append(top);
    QList<FlowItem> nameLines = m_flow.paragraph(name, DrugName, nameX, width - nameX - pad, kTightLine);
    nameLines.first().runs.prepend({ pad, badgeText, Badge, Run::Kind::Badge });
    // Shown unless the product name already names it ("글로피진정(레보드로프로피진)").
    const QString ingredient = m_input.ingredients.value(item.line).simplified();
    if (!ingredient.isEmpty() && !name.contains(ingredient))
        nameLines += m_flow.paragraph(m_labels.ingredient + QStringLiteral(": ") + ingredient, Ingredient, nameX,
                                      width - nameX - pad, kTightLine);
    for (FlowItem& l : nameLines) {
        l.fill = kBand;
        l.keepWithNext = true;
    }
    card.items.append(nameLines);
    FlowItem bandEnd = PageFlow::gap(mm(2), false);
    bandEnd.fill = kBand;
    bandEnd.keepWithNext = true;
    card.items.append(bandEnd);
    FlowItem afterBand = PageFlow::gap(mm(2.5), false);
    afterBand.keepWithNext = true;  // the name stays with how to take it
    card.items.append(afterBand);

    // Continuation caption: the badge and the first line of the name.
    const qreal contRoom = width - nameX - pad - m_flow.advance(DrugName, QLatin1Char(' ') + m_labels.continued);
    const QStringList nameWrapped = wrapText(name, m_flow.metrics(DrugName), contRoom);
    FlowItem cont = m_flow.line(DrugName, kBodyLine);
    cont.fill = kBand;
    cont.runs = { { pad, badgeText, Badge, Run::Kind::Badge },
                  { nameX,
                    nameWrapped.first() + (nameWrapped.size() > 1 ? QString(QChar(0x2026)) : QString())
                        + QLatin1Char(' ') + m_labels.continued,
                    DrugName } };
    card.continuation = { cont, PageFlow::gap(mm(2), false) };

    // How to take it, in words and as a timetable.
    QList<FlowItem> dosing =
        m_flow.paragraph(dosingSentence(item, m_labels.language), Dosing, pad, width - 2 * pad, kTightLine);
    const std::optional<DoseTimes> times = doseTimes(item);
    for (qsizetype i = 0; i + 1 < dosing.size(); ++i)
        dosing[i].keepWithNext = true;
    dosing.last().keepWithNext = times.has_value();
    card.items.append(dosing);
    if (times)
        card.items.append(timetableItem(*times));
    card.items.append(PageFlow::gap(mm(2)));

    // What the published text says; nothing where there is none.
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
        card.items.append(m_flow.paragraph(m_labels.noSource, NoSource, pad, width - 2 * pad, kBodyLine));
    }
    // The last item never needs to stay with anything after the card.
    card.items.last().keepWithNext = false;
    m_flow.addGroup(std::move(card));
}

void GuideLayout::paintPage(QPainter& painter, int page, const QRectF& content) const
{
    const qreal top = page == 0 ? content.top() : content.top() + m_runningHeight;
    m_flow.paintPage(painter, page, QPointF(content.left(), top));

    const TextStyle& small = m_flow.style(Small);
    const TextMetrics fm = m_flow.metrics(Small);
    // Right-aligned text is measured on the device it is painted on, so it ends at the margin.
    const QFontMetricsF device(small.font, painter.device());
    painter.save();
    painter.setFont(small.font);
    painter.setPen(small.color);
    const qreal rule = mm(0.25);
    if (page > 0) {
        // Running header: whose guide this page belongs to.
        QString left = m_labels.title;
        const QString patient = m_input.prescription.patient.name.valueOr(QString()).simplified();
        if (!patient.isEmpty())
            left += QStringLiteral("  ·  ") + patient + m_labels.patientSuffix;
        const qreal baseline = content.top() + fm.ascent();
        painter.drawText(QPointF(content.left(), baseline), left);
        const QString pharmacy = m_input.pharmacy.name.simplified();
        if (!pharmacy.isEmpty() && fm.horizontalAdvance(left) + mm(10) + fm.horizontalAdvance(pharmacy) <= content.width())
            painter.drawText(QPointF(content.right() - device.horizontalAdvance(pharmacy), baseline), pharmacy);
        painter.fillRect(QRectF(content.left(), content.top() + fm.height() + mm(1.5), content.width(), rule), kFrame);
    }
    // Footer: source of the drug texts, page x / y.
    const qreal footerTop = content.bottom() - m_footerHeight;
    painter.fillRect(QRectF(content.left(), footerTop + mm(1), content.width(), rule), kFrame);
    const qreal baseline = content.bottom() - fm.descent();
    const QString pageText = QStringLiteral("%1 / %2").arg(page + 1).arg(pageCount());
    const qreal pageWidth = fm.horizontalAdvance(pageText);
    painter.drawText(QPointF(content.right() - device.horizontalAdvance(pageText), baseline), pageText);
    if (m_anySourceText && fm.horizontalAdvance(m_labels.source) + mm(8) + pageWidth <= content.width())
        painter.drawText(QPointF(content.left(), baseline), m_labels.source);
    painter.restore();
}

} // namespace pharmdesk::guide::detail
