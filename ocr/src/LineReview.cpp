// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/LineReview.h"

#include "pharmdesk/ocr/TextNormalize.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace pharmdesk::ocr {

namespace {

using core::ReviewReason;
using Kind = core::ReviewReason::Kind;

void addReason(QList<ReviewReason>& reasons, Kind kind, const QString& field, const QString& detail = {})
{
    const ReviewReason r { kind, field, detail };
    for (const ReviewReason& existing : reasons) {
        if (existing.kind == r.kind && existing.field == r.field)
            return;
    }
    reasons.append(r);
}

/// The numbers in `name`, in order, their decimal points dropped ("아트로드정10mg(…)" → {"10"},
/// "클로도렐정7.5mg" → {"75"}: a point is easily lost in a reading).
QStringList numbersIn(const QString& name)
{
    static const QRegularExpression number(QStringLiteral("[0-9]+(?:\\.[0-9]+)?"));
    QStringList out;
    for (auto it = number.globalMatch(name); it.hasNext();)
        out.append(it.next().captured().remove(QLatin1Char('.')));
    return out;
}

/// `name` without its strength: digits, Latin letters (units) and the marks around them dropped.
QString withoutStrength(const QString& name)
{
    static const QRegularExpression strength(QStringLiteral("[0-9A-Za-z.,/|_~\\-「」]+"));
    return QString(name).remove(strength);
}

/// The name as read agrees with the code's product but for a strength whose unit was misread as
/// digits ("바브론정508(부스피론염산염)" for 바브론정5mg, "클로도렐정75008" for 75mg): the name
/// without strengths names the product strongly, every strength number of the product begins
/// the number read in its place, the brand alone (before the ingredient's bracket) agrees as
/// strongly, and no other product of that name (another strength) would fit the reading as well. A sibling code misread into this one is then refuted by the name.
bool agreesButForAMisreadUnit(const QString& name, const core::Product& product, const core::DrugCatalog& catalog,
                              const ReviewPolicy& policy)
{
    const QStringList read = numbersIn(name);
    const QStringList printed = numbersIn(product.name);
    if (printed.isEmpty() || read.size() != printed.size())
        return false;
    const auto fits = [&read](const QStringList& numbers) {
        if (numbers.size() != read.size())
            return false;
        for (qsizetype i = 0; i < read.size(); ++i) {
            if (!read[i].startsWith(numbers[i]))
                return false;
        }
        return true;
    };
    if (!fits(printed))
        return false;
    // The whole name and the brand alone (before the ingredient's bracket): a shared ingredient
    // must not make another brand agree.
    const QString base = withoutStrength(product.name);
    core::Product stripped = product;
    stripped.name = base;
    if (catalog.nameSimilarity(withoutStrength(name), stripped) < policy.nameStronglyAgrees)
        return false;
    stripped.name = withoutStrength(product.name.section(QLatin1Char('('), 0, 0));
    if (catalog.nameSimilarity(withoutStrength(name.section(QLatin1Char('('), 0, 0)), stripped) < policy.nameStronglyAgrees)
        return false;
    for (const core::ProductMatch& m : catalog.matchName(base, 20)) {
        if (m.product.name != product.name && withoutStrength(m.product.name) == base && fits(numbersIn(m.product.name)))
            return false;
    }
    return true;
}

/// Decides the product; returns the confidence that the product is right (0 when none).
double decideProduct(core::PrescriptionItem& item, const core::DrugCatalog& catalog, const ReviewPolicy& policy)
{
    const QString name = item.nameAsRead.hasValue() ? text::cleanDrugName(*item.nameAsRead) : QString();
    item.product.reset();
    item.matchScore = 0.0;

    if (item.ediCode.hasValue()) {
        if (const auto product = catalog.productByCode(*item.ediCode)) {
            if (name.isEmpty()) {
                // Nothing to cross-check the code with: keep it, but as read, not as known.
                item.product = product;
                item.matchScore = item.ediCode.confidence;
                addReason(item.reviewReasons, Kind::Missing, QStringLiteral("name"));
                return item.ediCode.confidence * 0.9;
            }
            const double similarity = catalog.nameSimilarity(name, *product);
            if (similarity >= policy.nameAgrees) {
                // Two independent readings point at the same product: code and name are right.
                item.product = product;
                item.matchScore = similarity;
                const double certainty = similarity >= policy.nameStronglyAgrees ? 0.995 : 0.95;
                item.ediCode.confidence = std::max(item.ediCode.confidence, certainty);
                item.nameAsRead.confidence = std::max(item.nameAsRead.confidence, certainty);
                return certainty;
            }
            if (agreesButForAMisreadUnit(name, *product, catalog, policy)) {
                item.product = product;
                item.matchScore = similarity;
                item.ediCode.confidence = std::max(item.ediCode.confidence, 0.95);
                item.nameAsRead.confidence = std::max(item.nameAsRead.confidence, 0.95);
                return 0.95;
            }
            // The code's product only as a suggestion: never silently pick either.
            item.product = product;
            item.matchScore = similarity;
            addReason(item.reviewReasons, Kind::CodeNameMismatch, {},
                      QStringLiteral("code %1 is %2").arg(*item.ediCode, product->name));
            return std::min(0.5, similarity);
        }
        addReason(item.reviewReasons, Kind::CodeNotFound, QStringLiteral("edi_code"));
    }

    if (name.isEmpty()) {
        addReason(item.reviewReasons, item.ediCode.hasValue() ? Kind::NoMatch : Kind::Missing,
                  item.ediCode.hasValue() ? QString() : QStringLiteral("name"));
        return 0.0;
    }
    const QList<core::ProductMatch> matches = catalog.matchName(name, 5);
    if (matches.isEmpty() || matches.front().score < policy.nameAccept) {
        addReason(item.reviewReasons, Kind::NoMatch, {});
        return 0.0;
    }
    // Several products may legitimately share a name (pack sizes): only a different name competes.
    double runnerUp = 0.0;
    for (qsizetype i = 1; i < matches.size(); ++i) {
        if (matches[i].product.name != matches.front().product.name) {
            runnerUp = matches[i].score;
            break;
        }
    }
    if (matches.front().score - runnerUp < policy.nameMargin) {
        addReason(item.reviewReasons, Kind::NameAmbiguous, {},
                  QStringLiteral("%1 or %2").arg(matches.front().product.name, matches[1].product.name));
        return 0.0;
    }
    item.product = matches.front().product;
    item.matchScore = matches.front().score;
    return matches.front().score;
}

template<typename T>
void reviewNumber(core::PrescriptionItem& item, const core::Field<T>& field, const QString& key, bool plausible,
                  const ReviewPolicy& policy)
{
    if (!field.hasValue()) {
        addReason(item.reviewReasons, Kind::Missing, key);
        return;
    }
    if (!plausible)
        addReason(item.reviewReasons, Kind::Implausible, key);
    if (field.confidence < policy.threshold)
        addReason(item.reviewReasons, Kind::LowConfidence, key);
}

/// Words printed on the form itself: a "name" made of them is a label the parser picked up, not a
/// person (measured: "내역" from 조제내역 read as the prescriber with high OCR confidence).
bool isFormWord(const QString& s)
{
    static const QStringList kFormWords = {
        QStringLiteral("내역"), QStringLiteral("의의"), QStringLiteral("성명"), QStringLiteral("면허"), QStringLiteral("서명"),
        QStringLiteral("날인"), QStringLiteral("의사"), QStringLiteral("조제"), QStringLiteral("처방"), QStringLiteral("환자"),
        QStringLiteral("번호"), QStringLiteral("명칭"), QStringLiteral("기관"), QStringLiteral("의료"), QStringLiteral("종별"),
        QStringLiteral("약사"), QStringLiteral("의료인"), QStringLiteral("진료과"), QStringLiteral("주민"),
    };
    return std::any_of(kFormWords.cbegin(), kFormWords.cend(), [&](const QString& w) { return s.contains(w); });
}

/// A Korean personal name as printed on prescriptions: 2 to 5 Hangul syllables, no form words.
bool plausiblePersonName(const QString& name)
{
    static const QRegularExpression hangulName(QStringLiteral("^[가-힣]{2,5}$"));
    return hangulName.match(name).hasMatch() && !isFormWord(name);
}

/// An institution name ends with what it is: 의원, 병원, 치과, 보건소 ..., or a department
/// (하늘내과, 튼튼이비인후과 — common clinic names without 의원).
bool plausibleInstitutionName(const QString& name)
{
    static const QRegularExpression suffix(
        QStringLiteral("(의원|병원|치과|한의원|보건소|보건지소|보건진료소|센터|클리닉|의료원|[가-힣]과)$"));
    return name.size() >= 3 && suffix.match(name).hasMatch();
}

} // namespace

void reviewItem(core::PrescriptionItem& item, const core::DrugCatalog& catalog, const ReviewPolicy& policy,
                std::optional<double> printedTotal)
{
    const double productConfidence = decideProduct(item, catalog, policy);
    if (item.product && productConfidence < policy.threshold && item.reviewReasons.isEmpty())
        addReason(item.reviewReasons, Kind::LowConfidence, item.ediCode.hasValue() ? QStringLiteral("edi_code") : QStringLiteral("name"));

    // Solid forms by the decided product's name (정, 캡슐) unless a liquid word says otherwise.
    const QString productName = item.product ? item.product->name : QString();
    static const QRegularExpression solid(QStringLiteral("정|캡슐"));
    static const QRegularExpression liquid(QStringLiteral("시럽|액|현탁|주사|크림|연고|겔|로션|과립|산\\(|산$"));
    const bool isSolid = solid.match(productName).hasMatch() && !liquid.match(productName).hasMatch();
    const double doseLimit = isSolid ? policy.maxSolidDose : policy.maxDose;
    const bool doseOk = item.dose.hasValue() && *item.dose > 0.0 && *item.dose <= doseLimit;
    const bool timesOk = item.timesPerDay.hasValue() && *item.timesPerDay >= policy.minTimesPerDay
        && *item.timesPerDay <= policy.maxTimesPerDay;
    const bool daysOk = item.days.hasValue() && *item.days >= policy.minDays && *item.days <= policy.maxDays;
    reviewNumber(item, item.dose, QStringLiteral("dose"), doseOk, policy);
    reviewNumber(item, item.timesPerDay, QStringLiteral("times_per_day"), timesOk, policy);
    reviewNumber(item, item.days, QStringLiteral("days"), daysOk, policy);

    // The usage goes onto the patient's guide as printed: a doubtful reading is reviewed.
    if (item.usage.hasValue() && item.usage.confidence < policy.threshold)
        addReason(item.reviewReasons, Kind::LowConfidence, QStringLiteral("usage"));

    if (printedTotal && item.dose.hasValue() && item.timesPerDay.hasValue() && item.days.hasValue()) {
        const double expected = *item.dose * *item.timesPerDay * *item.days;
        if (std::abs(expected - *printedTotal) > 0.02 * std::max(1.0, *printedTotal))
            addReason(item.reviewReasons, Kind::TotalMismatch, {});
    }

    auto conf = [](const auto& f) { return f.hasValue() ? f.confidence : 0.0; };
    item.confidence = std::min({ productConfidence, conf(item.dose), conf(item.timesPerDay), conf(item.days) });
    if (!(doseOk && timesOk && daysOk))
        item.confidence = std::min(item.confidence, 0.5);
}

void reviewHeader(core::Prescription& p, const ReviewPolicy& policy)
{
    auto check = [&](const auto& field, const char* key, bool required) {
        const QString k = QString::fromLatin1(key);
        const bool invalid = std::any_of(p.reviewReasons.cbegin(), p.reviewReasons.cend(), [&](const ReviewReason& r) {
            return r.kind == Kind::Invalid && r.field == k;
        });
        if (!field.hasValue()) {
            if (required && !invalid)
                addReason(p.reviewReasons, Kind::Missing, k);
            return;
        }
        if (field.confidence < policy.threshold)
            addReason(p.reviewReasons, Kind::LowConfidence, k);
    };
    check(p.issueDate, "issue_date", true);
    check(p.issueNumber, "issue_number", true);
    check(p.validityDays, "validity_days", false);
    check(p.institution.name, "institution.name", true);
    check(p.institution.code, "institution.code", true);
    check(p.institution.phone, "institution.phone", false);
    check(p.patient.name, "patient.name", true);
    check(p.patient.rrn, "patient.rrn", true);
    check(p.prescriber.name, "prescriber.name", true);
    check(p.prescriber.licenseType, "prescriber.license_type", false);
    check(p.prescriber.licenseNumber, "prescriber.license_number", true);
    check(p.diagnosisCodes, "diagnosis_codes", false);

    // Knowledge checks: a confident read of the wrong thing is still wrong.
    auto implausible = [&](const core::Field<QString>& field, const char* key, bool (*plausible)(const QString&)) {
        if (field.hasValue() && !plausible(*field))
            addReason(p.reviewReasons, Kind::Implausible, QString::fromLatin1(key));
    };
    implausible(p.patient.name, "patient.name", plausiblePersonName);
    implausible(p.prescriber.name, "prescriber.name", plausiblePersonName);
    implausible(p.institution.name, "institution.name", plausibleInstitutionName);
}

void capUnverifiedHeaderFields(core::Prescription& p, bool bilevelCapture, double cap, const QSet<QString>& confirmedNames)
{
    auto limit = [cap](auto& field) { field.confidence = std::min(field.confidence, cap); };
    auto settleName = [&](core::Field<QString>& field, const QString& key) {
        if (confirmedNames.contains(key) && !bilevelCapture)
            field.confidence = std::max(field.confidence, kConfirmedNameConfidence);
        else
            limit(field);
    };
    settleName(p.patient.name, QStringLiteral("patient.name"));
    settleName(p.prescriber.name, QStringLiteral("prescriber.name"));
    settleName(p.institution.name, QStringLiteral("institution.name"));
    if (!bilevelCapture)
        return;
    limit(p.issueDate);
    limit(p.issueNumber);
    limit(p.validityDays);
    limit(p.institution.code);
    limit(p.institution.phone);
    limit(p.patient.rrn);
    limit(p.prescriber.licenseType);
    limit(p.prescriber.licenseNumber);
    limit(p.diagnosisCodes);
}

} // namespace pharmdesk::ocr
