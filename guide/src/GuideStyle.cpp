// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuideStyle.h"

namespace pharmdesk::guide::detail {

namespace {

Labels koreanLabels()
{
    Labels l;
    l.language = QStringLiteral("ko");
    l.title = QStringLiteral("복약안내문");
    l.labelTitle = QStringLiteral("복약안내");
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
    l.alerts = QStringLiteral("꼭 알아두세요");
    l.ruleText = QStringLiteral("식약처 DUR 기준: ");
    l.qrCaption = QStringLiteral("휴대폰 카메라로 찍으면 식약처의 이 약 정보가 열립니다.");
    l.askPharmacist = QStringLiteral("궁금한 점은 약사에게 문의하세요.");
    l.timeSlots = { QStringLiteral("아침"), QStringLiteral("점심"), QStringLiteral("저녁"), QStringLiteral("자기 전") };
    l.meals = { QStringLiteral("식전"), QStringLiteral("식후"), QStringLiteral("식간") };
    return l;
}

Labels englishLabels()
{
    Labels l;
    l.language = QStringLiteral("en");
    l.title = QStringLiteral("Medication Guide");
    l.labelTitle = QStringLiteral("Medicines");
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
    l.alerts = QStringLiteral("Important");
    l.ruleText = QStringLiteral("MFDS DUR rule: ");
    l.qrCaption = QStringLiteral("Scan with a phone camera for this medicine's MFDS page.");
    l.askPharmacist = QStringLiteral("Questions? Ask your pharmacist.");
    l.timeSlots = { QStringLiteral("Morning"), QStringLiteral("Noon"), QStringLiteral("Evening"), QStringLiteral("Bedtime") };
    l.meals = { QStringLiteral("Before meals"), QStringLiteral("After meals"), QStringLiteral("Between meals") };
    return l;
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

Palette Palette::forOptions(const GuideOptions& options)
{
    const std::optional<FormatProfile> format = FormatProfile::forOptions(options);
    Palette p;
    if (options.highContrast || (format && format->monochrome)) {
        const QColor black(0, 0, 0);
        p.ink = p.inkSoft = p.accent = p.frame = p.offCell = p.offBorder = p.offIcon = p.draft = black;
        p.band = p.infoBox = QColor(Qt::white);
        p.monochrome = true;
        return p;
    }
    // Body text near black, one dark blue accent (contrast > 10:1 on white and on the tints).
    p.ink = QColor(0x11, 0x11, 0x11);
    p.inkSoft = QColor(0x2b, 0x2b, 0x2b);
    p.accent = QColor(0x0b, 0x3d, 0x91);
    p.band = QColor(0xe6, 0xed, 0xf7);
    p.infoBox = QColor(0xf0, 0xf3, 0xf7);
    p.frame = QColor(0x5a, 0x6b, 0x85);
    p.offCell = QColor(0x4a, 0x4a, 0x4a);
    p.offBorder = QColor(0x9a, 0xa5, 0xb5);
    p.offIcon = QColor(0x8a, 0x95, 0xa5);
    p.draft = QColor(0xb0, 0x1c, 0x1c);
    return p;
}

std::optional<FormatProfile> FormatProfile::forOptions(const GuideOptions& options)
{
    FormatProfile f;
    f.name = options.format;
    const double m = options.marginMm;
    if (options.format == QStringLiteral("a4")) {
        f.paperMm = QSizeF(210, 297);
        f.marginsMm = QMarginsF(m, m, m, m);
    } else if (options.format == QStringLiteral("a5")) {
        f.paperMm = QSizeF(148, 210);
        f.marginsMm = QMarginsF(m, m, m, m);
    } else if (options.format == QStringLiteral("receipt")) {
        // 80 mm roll, 72 mm printable: the common head width of Korean pharmacy receipt printers.
        f.paperMm = QSizeF(80, 297);
        f.marginsMm = QMarginsF(4, 4, 4, 6);
        f.continuous = true;
        f.monochrome = true;
        f.narrow = true;
    } else if (options.format == QStringLiteral("label")) {
        f.paperMm = QSizeF(100, 150);
        f.marginsMm = QMarginsF(3, 3, 3, 3);
        f.compact = true;
        f.monochrome = true;
        f.narrow = true;
    } else {
        return std::nullopt;
    }
    return f;
}

} // namespace pharmdesk::guide::detail
