// SPDX-License-Identifier: GPL-3.0-or-later
#include "Scoring.h"

#include <cmath>

namespace pharmdesk::ocr::test {

namespace {

template<typename T>
bool same(const core::Field<T>& a, const core::Field<T>& b)
{
    return a.hasValue() && b.hasValue() && *a == *b;
}

bool sameDouble(const core::Field<double>& a, const core::Field<double>& b)
{
    return a.hasValue() && b.hasValue() && std::abs(*a - *b) < 1e-6;
}

} // namespace

Score scoreResult(const core::ImportResult& result, const core::ImportResult& truth)
{
    Score s;
    const core::Prescription& t = *truth.prescription;
    s.truthLines = int(t.items.size());
    if (!result.prescription) {
        s.problems.append(QStringLiteral("failed: ") + (result.error ? result.error->toString() : QString()));
        s.headerFields = 9;
        return s;
    }
    const core::Prescription& r = *result.prescription;

    QList<int> pairOf(t.items.size(), -1);
    QList<bool> used(r.items.size(), false);
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        for (qsizetype j = 0; j < r.items.size(); ++j) {
            if (!used[j] && same(r.items[j].ediCode, t.items[i].ediCode)) {
                pairOf[i] = int(j);
                used[j] = true;
                break;
            }
        }
    }
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        if (pairOf[i] >= 0)
            continue;
        for (qsizetype j = 0; j < r.items.size(); ++j) {
            if (!used[j]) {
                pairOf[i] = int(j);
                used[j] = true;
                break;
            }
        }
    }
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        const core::PrescriptionItem& ti = t.items[i];
        if (pairOf[i] < 0) {
            s.problems.append(QStringLiteral("line %1 missing (%2)").arg(i + 1).arg(ti.ediCode.valueOr(QString())));
            if (result.status == core::ImportResult::Status::Ok)
                s.okButMissingLine = true;
            continue;
        }
        const core::PrescriptionItem& ri = r.items[pairOf[i]];
        const bool identity = ri.product && ti.product && ri.product->name == ti.product->name;
        const bool right = identity && sameDouble(ri.dose, ti.dose) && same(ri.timesPerDay, ti.timesPerDay)
            && same(ri.days, ti.days);
        s.identityRight += identity ? 1 : 0;
        s.linesRight += right ? 1 : 0;
        if (!right) {
            QStringList reasons;
            for (const auto& reason : ri.reviewReasons)
                reasons.append(reason.code());
            s.problems.append(QStringLiteral("line %1: truth %2 %3 %4/%5/%6, read %7 [%8] %9/%10/%11 reasons {%12}")
                                  .arg(i + 1)
                                  .arg(ti.ediCode.valueOr(QString()), ti.product ? ti.product->name : QString())
                                  .arg(ti.dose.valueOr(-1))
                                  .arg(ti.timesPerDay.valueOr(-1))
                                  .arg(ti.days.valueOr(-1))
                                  .arg(ri.ediCode.valueOr(QString()), ri.nameAsRead.valueOr(QString()))
                                  .arg(ri.dose.valueOr(-1))
                                  .arg(ri.timesPerDay.valueOr(-1))
                                  .arg(ri.days.valueOr(-1))
                                  .arg(reasons.join(QLatin1Char(','))));
        }
        if (!right && !ri.needsReview())
            ++s.certainButWrong;
    }
    for (qsizetype j = 0; j < r.items.size(); ++j) {
        if (!used[j]) {
            s.problems.append(QStringLiteral("extra line: ") + r.items[j].rawText);
            if (!r.items[j].needsReview())
                ++s.certainButWrong;
        }
    }

    auto header = [&](bool ok, const QString& name, const QString& truthText, const QString& readText) {
        ++s.headerFields;
        if (ok)
            ++s.headerRight;
        else
            s.problems.append(QStringLiteral("header %1: truth '%2' read '%3'").arg(name, truthText, readText));
    };
    header(same(r.patient.name, t.patient.name), QStringLiteral("patient.name"), t.patient.name.valueOr(QString()),
           r.patient.name.valueOr(QString()));
    header(!t.patient.maskedRrn().isEmpty() && r.patient.maskedRrn() == t.patient.maskedRrn(), QStringLiteral("patient.rrn"),
           t.patient.maskedRrn(), r.patient.maskedRrn());
    header(same(r.institution.name, t.institution.name), QStringLiteral("institution.name"),
           t.institution.name.valueOr(QString()), r.institution.name.valueOr(QString()));
    header(same(r.institution.code, t.institution.code), QStringLiteral("institution.code"),
           t.institution.code.valueOr(QString()), r.institution.code.valueOr(QString()));
    header(same(r.prescriber.name, t.prescriber.name), QStringLiteral("prescriber.name"),
           t.prescriber.name.valueOr(QString()), r.prescriber.name.valueOr(QString()));
    header(same(r.prescriber.licenseNumber, t.prescriber.licenseNumber), QStringLiteral("prescriber.license_number"),
           t.prescriber.licenseNumber.valueOr(QString()), r.prescriber.licenseNumber.valueOr(QString()));
    header(same(r.issueDate, t.issueDate), QStringLiteral("issue_date"), t.issueDate.valueOr(QDate()).toString(Qt::ISODate),
           r.issueDate.valueOr(QDate()).toString(Qt::ISODate));
    header(same(r.issueNumber, t.issueNumber), QStringLiteral("issue_number"), t.issueNumber.valueOr(QString()),
           r.issueNumber.valueOr(QString()));
    header(r.diagnosisCodes.valueOr({}) == t.diagnosisCodes.valueOr({}), QStringLiteral("diagnosis_codes"),
           t.diagnosisCodes.valueOr({}).join(QLatin1Char(' ')), r.diagnosisCodes.valueOr({}).join(QLatin1Char(' ')));
    return s;
}

} // namespace pharmdesk::ocr::test
