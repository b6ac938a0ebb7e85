// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/PrescriptionSynth.h"

#include "pharmdesk/gen/Random.h"

#include <QHash>
#include <QUuid>

namespace pharmdesk::gen {

namespace {

using Weighted = QList<std::pair<QString, double>>;

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList words(const char* utf8)
{
    return QString::fromUtf8(utf8).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString personName(Random& rng)
{
    // Surnames roughly by frequency; given names from common syllables (not real people).
    static const Weighted surnames = {
        { s("김"), 21.5 }, { s("이"), 14.7 }, { s("박"), 8.4 }, { s("최"), 4.7 }, { s("정"), 4.3 },
        { s("강"), 2.3 }, { s("조"), 2.1 }, { s("윤"), 2.1 }, { s("장"), 2.0 }, { s("임"), 1.7 },
        { s("한"), 1.5 }, { s("오"), 1.5 }, { s("서"), 1.5 }, { s("신"), 1.5 }, { s("권"), 1.4 },
        { s("황"), 1.4 }, { s("안"), 1.3 }, { s("송"), 1.3 }, { s("류"), 1.2 }, { s("전"), 1.1 },
        { s("홍"), 1.1 }, { s("고"), 0.9 }, { s("문"), 0.9 }, { s("양"), 0.8 }, { s("손"), 0.8 },
        { s("배"), 0.8 }, { s("백"), 0.7 }, { s("허"), 0.6 }, { s("유"), 0.6 }, { s("남"), 0.5 },
        { s("심"), 0.5 }, { s("노"), 0.4 }, { s("하"), 0.4 }, { s("곽"), 0.4 }, { s("성"), 0.4 },
        { s("남궁"), 0.05 }, { s("제갈"), 0.03 }, { s("황보"), 0.03 },
    };
    static const QStringList first = words(
        "민 서 지 현 수 영 준 우 예 하 도 윤 유 시 주 은 재 정 성 승 경 혜 미 진 동 상 태 희 연 선 "
        "소 채 다 나 가 보 인 용 철 광 명 석 한 세 원 규 종 효 아 건");
    static const QStringList second = words(
        "준 우 민 서 연 윤 진 호 희 영 수 현 아 은 빈 원 훈 석 혁 경 숙 자 순 옥 철 식 길 남 희 "
        "지 림 율 온 솔 결 하 린 슬 환 범 진 훈 주 경 애 란 정");
    QString name = rng.weighted(surnames);
    const int given = rng.chance(0.04) ? 1 : 2;
    name += rng.pick(first);
    if (given == 2)
        name += rng.pick(second);
    return name;
}

QString rrnFor(Random& rng, QDate birth)
{
    const bool male = rng.chance(0.5);
    const int sexDigit = birth.year() >= 2000 ? (male ? 3 : 4) : (male ? 1 : 2);
    QString tail;
    for (int i = 0; i < 6; ++i)
        tail += QString::number(rng.range(0, 9));
    return QStringLiteral("%1%2%3-%4%5")
        .arg(birth.year() % 100, 2, 10, QLatin1Char('0'))
        .arg(birth.month(), 2, 10, QLatin1Char('0'))
        .arg(birth.day(), 2, 10, QLatin1Char('0'))
        .arg(sexDigit)
        .arg(tail);
}

QString digits(Random& rng, int count)
{
    QString d;
    for (int i = 0; i < count; ++i)
        d += QString::number(rng.range(i == 0 ? 1 : 0, 9));
    return d;
}

QString seoulPhone(Random& rng)
{
    const bool longExchange = rng.chance(0.4);
    return QStringLiteral("02-%1-%2").arg(digits(rng, longExchange ? 4 : 3), digits(rng, 4));
}

struct Clinic
{
    QString name;
    QString department;
};

Clinic clinicFor(Random& rng, Layout layout)
{
    static const QStringList prefixes = words(
        "하늘 푸른 새봄 한빛 튼튼 밝은 우리 늘푸른 참좋은 미소 행복한 열린 연두 솔빛 맑은눈 "
        "바른 다온 햇살 서울숲 한마음 믿음 365열린 봄날 초록 동네 온누리 가온 새하늘");
    static const QList<std::pair<QString, QString>> specialties = {
        { s("내과의원"), s("내과") }, { s("내과의원"), s("내과") }, { s("이비인후과의원"), s("이비인후과") },
        { s("소아청소년과의원"), s("소아청소년과") }, { s("가정의학과의원"), s("가정의학과") },
        { s("정형외과의원"), s("정형외과") }, { s("피부과의원"), s("피부과") }, { s("의원"), s("가정의학과") },
        { s("내과"), s("내과") }, { s("이비인후과"), s("이비인후과") }, { s("비뇨의학과의원"), s("비뇨의학과") },
    };
    static const QStringList hospitalKinds = words("병원 병원 병원 종합병원 의료원 중앙병원 연합병원");
    static const QStringList hospitalDepts = words(
        "내과 호흡기내과 소화기내과 순환기내과 내분비내과 가정의학과 소아청소년과 이비인후과 정형외과 신경과 피부과");
    Clinic c;
    if (layout == Layout::Hospital && rng.chance(0.75)) {
        c.name = rng.pick(prefixes) + rng.pick(hospitalKinds);
        c.department = rng.pick(hospitalDepts);
    } else {
        const auto& sp = rng.pick(specialties);
        c.name = rng.pick(prefixes) + sp.first;
        c.department = sp.second;
    }
    return c;
}

QString institutionCode(Random& rng)
{
    // 2-digit region (11 Seoul, 31 Gyeonggi, ...), then 6 digits.
    static const QStringList regions = words("11 11 11 31 31 21 22 23 24 25 26 32 33 34 35 36 37 38");
    return rng.pick(regions) + QStringLiteral("%1").arg(rng.range(100000, 399999));
}

/// A KCD code a clinic of this department commonly writes.
QString diagnosisCode(Random& rng, const QString& department)
{
    static const QHash<QString, QStringList> byDepartment = {
        { s("이비인후과"), words("J00 J01.9 J02.9 J03.9 J04.0 J06.9 J30.4 J31.0 J32.9 H65.9 H66.9 R05") },
        { s("소아청소년과"), words("J00 J02.9 J06.9 J20.9 J21.9 A09.9 K59.0 H66.9 R50.9 L20.9 B34.9") },
        { s("피부과"), words("L20.9 L30.9 L50.9 L70.0 B35.1 B35.3 L23.9 L40.0 B07") },
        { s("정형외과"), words("M54.5 M17.9 M79.1 M75.1 M25.56 S93.4 M48.06 M51.2") },
        { s("비뇨의학과"), words("N30.0 N39.0 N40 N41.0 R35") },
        { s("신경과"), words("G43.9 G44.2 R51 G47.0 R42 I63.9") },
    };
    static const QStringList general = words(
        "J00 J06.9 J20.9 J45.9 K21.9 K25.9 K29.7 K30 K58.9 K59.0 A09.9 I10 I11.9 E11.9 E78.5 E03.9 "
        "M54.5 M79.1 R05 R51 F41.1 G47.0 R10.4 T78.4 N39.0");
    const auto it = byDepartment.constFind(department);
    return rng.pick(it != byDepartment.cend() && rng.chance(0.85) ? *it : general);
}

/// Formats a dose the way the chosen printer style does; the truth is the printed value.
QString formatDose(double dose, bool fixedTwo)
{
    if (fixedTwo)
        return QString::number(dose, 'f', 2);
    QString t = QString::number(dose, 'f', 4);
    while (t.contains(QLatin1Char('.')) && (t.endsWith(QLatin1Char('0')) || t.endsWith(QLatin1Char('.'))))
        t.chop(1);
    return t;
}

DrugForm pickForm(Random& rng, bool child)
{
    const QList<std::pair<DrugForm, double>> adult = {
        { DrugForm::Tablet, 68 }, { DrugForm::Capsule, 17 }, { DrugForm::Liquid, 5 },
        { DrugForm::Granule, 4 }, { DrugForm::Topical, 6 } };
    const QList<std::pair<DrugForm, double>> kid = {
        { DrugForm::Tablet, 20 }, { DrugForm::Capsule, 5 }, { DrugForm::Liquid, 55 },
        { DrugForm::Granule, 14 }, { DrugForm::Topical, 6 } };
    return rng.weighted(child ? kid : adult);
}

QString unitFor(DrugForm form)
{
    switch (form) {
    case DrugForm::Tablet: return s("정");
    case DrugForm::Capsule: return s("캡슐");
    case DrugForm::Liquid: return QStringLiteral("mL");
    case DrugForm::Granule: return s("포");
    case DrugForm::Topical: return s("g");
    case DrugForm::Injection: return QStringLiteral("A");
    }
    return {};
}

double doseFor(Random& rng, DrugForm form)
{
    switch (form) {
    case DrugForm::Capsule:
        return rng.chance(0.9) ? 1.0 : 2.0;  // capsules are not split
    case DrugForm::Tablet:
        return rng.weighted(QList<std::pair<double, double>> {
            { 1.0, 80 }, { 2.0, 6 }, { 0.5, 8 }, { 0.3333, 2 }, { 0.6667, 1.5 }, { 1.5, 1.5 }, { 0.25, 1 } });
    case DrugForm::Liquid:
        return rng.weighted(QList<std::pair<double, double>> {
            { 5.0, 30 }, { 2.0, 8 }, { 2.5, 10 }, { 3.0, 12 }, { 4.0, 10 }, { 6.0, 6 }, { 7.5, 5 }, { 10.0, 8 } });
    case DrugForm::Granule:
        return rng.chance(0.85) ? 1.0 : 0.5;
    case DrugForm::Topical:
    case DrugForm::Injection:
        return 1.0;
    }
    return 1.0;
}

QString usageFor(Random& rng, DrugForm form, int times, const QString& base)
{
    if (form == DrugForm::Topical)
        return rng.chance(0.5) ? s("환부에 도포") : s("1일 2-3회 바름");
    if (times == 1) {
        return rng.weighted(Weighted { { s("아침 식후"), 3 }, { s("아침 식후 30분"), 3 }, { s("취침전"), 3 },
                                       { s("저녁 식후 30분"), 2 }, { s("아침 식전 30분"), 1 } });
    }
    if (rng.chance(0.85))
        return base;
    return rng.weighted(Weighted { { s("식후 30분"), 4 }, { s("식후즉시"), 2 }, { s("식전 30분"), 1 } });
}

} // namespace

QString layoutName(Layout layout)
{
    switch (layout) {
    case Layout::Statutory: return QStringLiteral("statutory");
    case Layout::Hospital: return QStringLiteral("hospital");
    case Layout::Telemedicine: return QStringLiteral("telemedicine");
    case Layout::Table: return QStringLiteral("table");
    }
    return {};
}

std::optional<Layout> layoutFromName(const QString& name)
{
    for (Layout l : { Layout::Statutory, Layout::Hospital, Layout::Telemedicine, Layout::Table }) {
        if (layoutName(l) == name)
            return l;
    }
    return std::nullopt;
}

const QStringList& PrescriptionSynth::insuranceKinds()
{
    static const QStringList kinds = words("의료보험 의료급여 산업재해보험 자동차보험 기타");
    return kinds;
}

PrescriptionSynth::PrescriptionSynth(const DrugPool& pool)
    : m_pool(pool)
{
}

SyntheticPrescription PrescriptionSynth::generate(std::uint64_t seed, Layout layout) const
{
    using core::Field;
    Random rng(seed);
    SyntheticPrescription out;
    // The newer layouts draw their own choices from a separate stream, so the statutory and
    // hospital prescriptions of a seed stay what they were before those layouts existed.
    Random variant(Random::derive(seed, 0x7e1e));
    if (layout == Layout::Table) {
        out.style.tableSource = variant.chance(0.5) ? Layout::Statutory : Layout::Hospital;
        out.style.tableHeaderRow = variant.chance(0.75);
        out.style.tableMarginMm = QMarginsF(variant.uniform(1.0, 12.0), variant.uniform(1.0, 10.0),
                                            variant.uniform(1.0, 12.0), variant.uniform(1.0, 14.0));
    } else if (layout == Layout::Telemedicine) {
        out.style.phoneScreen = variant.chance(0.45);
        out.style.maskRrn = variant.chance(0.6);
        out.style.accent = variant.range(0, 3);
        out.style.qrSeed = variant.next();
    }
    const bool unitsPrinter = layout == Layout::Hospital || layout == Layout::Telemedicine
        || (layout == Layout::Table && out.style.tableSource == Layout::Hospital);
    core::Prescription& p = out.truth;

    // A stable id from the seed, so reruns produce byte-identical truth files.
    p.id = QUuid::createUuidV5(QUuid(QStringLiteral("{6f1c2b0e-7a51-4a3e-9d2e-0c4b1f6a9e10}")),
                               QString::number(seed));

    const QDate issue = QDate(2025, 1, 1).addDays(rng.range(0, 690));
    p.issueDate = Field<QDate>::certain(issue);
    p.issueNumber = Field<QString>::certain(QStringLiteral("%1").arg(rng.range(1, 2400), 5, 10, QLatin1Char('0')));
    p.validityDays = Field<int>::certain(rng.weighted(QList<std::pair<int, double>> { { 3, 6 }, { 7, 3 }, { 14, 0.5 }, { 30, 0.5 } }));

    const Clinic clinic = clinicFor(rng, layout);
    out.department = clinic.department;
    p.institution.name = Field<QString>::certain(clinic.name);
    p.institution.code = Field<QString>::certain(institutionCode(rng));
    p.institution.phone = Field<QString>::certain(seoulPhone(rng));
    out.fax = rng.chance(0.8) ? seoulPhone(rng) : QString();

    p.prescriber.name = Field<QString>::certain(personName(rng));
    p.prescriber.licenseType = Field<QString>::certain(s("의사"));
    p.prescriber.licenseNumber = Field<QString>::certain(digits(rng, rng.chance(0.4) ? 6 : 5));

    // Children get liquids more often; the age is the patient's on the issue date.
    const bool child = clinic.department == s("소아청소년과") ? rng.chance(0.9) : rng.chance(0.12);
    const int age = child ? rng.range(0, 11) : rng.range(12, 92);
    const QDate birth = issue.addYears(-age).addDays(-rng.range(1, 364));
    p.patient.name = Field<QString>::certain(personName(rng));
    p.patient.rrn = Field<QString>::certain(rrnFor(rng, birth));

    QStringList kcd { diagnosisCode(rng, clinic.department) };
    if (rng.chance(0.35)) {
        const QString second = diagnosisCode(rng, clinic.department);
        if (second != kcd.first())
            kcd.append(second);
    }
    p.diagnosisCodes = Field<QStringList>::certain(kcd);

    out.style.codeColumn = rng.chance(0.35);
    out.style.blankMarker = rng.chance(0.4) ? QString()
                                            : rng.pick(QStringList { s("-- 이하여백 --"), s("이하여백"), s("이하 여백"),
                                                                     s("*** 이하 여백 ***"), s("<이하여백>") });
    out.style.rowRules = rng.chance(0.35);
    out.style.truncateLongNames = rng.chance(0.05);
    out.style.printOffsetMm = QPointF(rng.uniform(-2.0, 2.0), rng.uniform(-2.5, 2.5));
    out.style.seal = rng.chance(0.3);
    out.style.sealJitterMm = QPointF(rng.uniform(-3.0, 3.0), rng.uniform(-2.0, 2.0));
    out.style.sealAngle = rng.uniform(-12.0, 12.0);
    out.style.sealSeed = rng.next();
    out.style.printUnits = unitsPrinter && rng.chance(0.6);
    out.style.checkedInsurance = rng.weighted(QList<std::pair<int, double>> { { 0, 90 }, { 1, 6 }, { 2, 1 }, { 3, 1.5 }, { 4, 1.5 } });
    out.insuranceKind = insuranceKinds().at(out.style.checkedInsurance);
    const bool fixedTwo = rng.chance(0.4);

    const bool chronic = !child && rng.chance(0.2);
    const int baseDays = chronic ? rng.pick(QList<int> { 14, 28, 30, 30 }) : rng.weighted(QList<std::pair<int, double>> {
        { 1, 1 }, { 2, 3 }, { 3, 12 }, { 4, 4 }, { 5, 7 }, { 7, 6 }, { 10, 1 } });
    const int baseTimes = chronic ? rng.range(1, 2) : rng.weighted(QList<std::pair<int, double>> { { 2, 3 }, { 3, 7 } });
    const QString baseUsage = rng.weighted(Weighted { { s("식후 30분"), 6 }, { s("식후즉시"), 2 }, { s("식전 30분"), 1 } });

    const int count = rng.weighted(QList<std::pair<int, double>> {
        { 1, 8 }, { 2, 14 }, { 3, 20 }, { 4, 18 }, { 5, 14 }, { 6, 10 }, { 7, 6 }, { 8, 4 } });
    QStringList usedCodes;
    // Bounded: a small custom product list may not have `count` distinct codes of the drawn forms.
    for (int attempt = 0; p.items.size() < count && attempt < 50 * count; ++attempt) {
        const DrugForm form = pickForm(rng, child);
        const auto& candidates = m_pool.products(form);
        if (candidates.isEmpty())
            continue;
        const core::Product product = rng.pick(candidates);
        const QString code = rng.pick(product.ediCodes);
        if (usedCodes.contains(code))
            continue;
        usedCodes.append(code);

        core::PrescriptionItem item;
        item.line = static_cast<int>(p.items.size()) + 1;
        const double dose = doseFor(rng, form);
        const int times = form == DrugForm::Topical ? rng.range(1, 3)
                        : rng.chance(0.8) ? baseTimes
                                          : rng.range(1, 4);
        const int days = rng.chance(0.85) ? baseDays : rng.range(1, chronic ? 30 : 7);

        PrintedLine line;
        line.code = code;
        line.name = product.name;
        line.dose = formatDose(dose, fixedTwo);
        line.times = QString::number(times);
        line.days = QString::number(days);
        line.usage = usageFor(rng, form, times, baseUsage);
        if (out.style.printUnits)
            line.doseUnit = unitFor(form);

        item.product = product;
        item.matchScore = 1.0;
        item.ediCode = Field<QString>::certain(code);
        item.nameAsRead = Field<QString>::certain(product.name);
        item.dose = Field<double>::certain(line.dose.toDouble());
        item.doseUnit = line.doseUnit;
        item.timesPerDay = Field<int>::certain(times);
        item.days = Field<int>::certain(days);
        item.usage = Field<QString>::certain(line.usage);
        item.confidence = 1.0;
        p.items.append(item);
        out.lines.append(line);
    }

    // Rarely an injection given in the clinic, printed in the 주사제 section.
    const auto& injections = m_pool.products(DrugForm::Injection);
    // Telemedicine prescriptions and table crops have none (the crop holds the oral table only).
    const bool injectionSection = layout == Layout::Statutory || layout == Layout::Hospital;
    if (!injections.isEmpty() && injectionSection && rng.chance(0.04)) {
        const core::Product product = rng.pick(injections);
        core::PrescriptionItem item;
        item.line = static_cast<int>(p.items.size()) + 1;
        item.injection = true;
        PrintedLine line { rng.pick(product.ediCodes), product.name, QStringLiteral("1"),
                           out.style.printUnits ? QStringLiteral("A") : QString(), QStringLiteral("1"),
                           QStringLiteral("1"), s("원내 주사") };
        item.product = product;
        item.matchScore = 1.0;
        item.ediCode = Field<QString>::certain(line.code);
        item.nameAsRead = Field<QString>::certain(product.name);
        item.dose = Field<double>::certain(1.0);
        item.doseUnit = line.doseUnit;
        item.timesPerDay = Field<int>::certain(1);
        item.days = Field<int>::certain(1);
        item.usage = Field<QString>::certain(line.usage);
        item.confidence = 1.0;
        p.items.append(item);
        out.lines.append(line);
    }
    return out;
}

} // namespace pharmdesk::gen
