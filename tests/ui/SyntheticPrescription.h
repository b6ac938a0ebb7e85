// SPDX-License-Identifier: GPL-3.0-or-later
// A hand-made prescription for the ui tests: one clean line, one with a doubtful day count and an
// unsure usage, one whose product was not found; one doubtful header field (issue number).
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Prescription.h"

#include <QDate>

namespace pharmdesk::ui::test {

inline core::Product tylenol()
{
    core::Product p;
    p.id = 1;
    p.name = QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");
    p.company = QStringLiteral("한국존슨앤드존슨");
    p.ediCodes = { QStringLiteral("645301230") };
    return p;
}

inline core::Product amoxicillin()
{
    core::Product p;
    p.id = 2;
    p.name = QStringLiteral("아모크라정375밀리그램");
    p.ediCodes = { QStringLiteral("671803380") };
    return p;
}

inline core::PrescriptionItem cleanItem()
{
    core::PrescriptionItem item;
    item.line = 1;
    item.rawText = QStringLiteral("645301230 타이레놀정500밀리그람 1 3 3 식후30분");
    item.box = QRect(100, 700, 1200, 40);
    item.ediCode = core::Field<QString>::read(QStringLiteral("645301230"), 0.99, QRect(100, 700, 180, 40));
    item.nameAsRead
        = core::Field<QString>::read(QStringLiteral("타이레놀정500밀리그람"), 0.97, QRect(300, 700, 500, 40));
    item.product = tylenol();
    item.matchScore = 0.99;
    item.dose = core::Field<double>::read(1.0, 0.99, QRect(820, 700, 60, 40));
    item.doseUnit = QStringLiteral("정");
    item.timesPerDay = core::Field<int>::read(3, 0.98, QRect(900, 700, 60, 40));
    item.days = core::Field<int>::read(3, 0.97, QRect(980, 700, 60, 40));
    item.usage = core::Field<QString>::read(QStringLiteral("식후 30분"), 0.95, QRect(1060, 700, 200, 40));
    item.confidence = 0.96;
    return item;
}

/// Days read at 0.55 with a low_confidence reason; usage at 0.60 without any reason.
inline core::PrescriptionItem doubtfulDaysItem()
{
    core::PrescriptionItem item = cleanItem();
    item.line = 2;
    item.box = QRect(100, 750, 1200, 40);
    item.ediCode.box = QRect(100, 750, 180, 40);
    item.nameAsRead.box = QRect(300, 750, 500, 40);
    item.dose.box = QRect(820, 750, 60, 40);
    item.timesPerDay.box = QRect(900, 750, 60, 40);
    item.days = core::Field<int>::read(7, 0.55, QRect(980, 750, 60, 40));
    item.usage = core::Field<QString>::read(QStringLiteral("식후 30분"), 0.60, QRect(1060, 750, 200, 40));
    item.confidence = 0.52;
    item.reviewReasons
        = { { core::ReviewReason::Kind::LowConfidence, QStringLiteral("days"), QStringLiteral("55%") } };
    return item;
}

/// No product decided (a whole-line no_match reason) and no code read (missing:edi_code).
inline core::PrescriptionItem unmatchedItem()
{
    core::PrescriptionItem item;
    item.line = 3;
    item.rawText = QStringLiteral("아목크라정37?밀리그램 1 2 5");
    item.box = QRect(100, 800, 1200, 40);
    item.nameAsRead
        = core::Field<QString>::read(QStringLiteral("아목크라정37?밀리그램"), 0.70, QRect(300, 800, 500, 40));
    item.dose = core::Field<double>::read(1.0, 0.97);
    item.doseUnit = QStringLiteral("정");
    item.timesPerDay = core::Field<int>::read(2, 0.96);
    item.days = core::Field<int>::read(5, 0.95);
    item.confidence = 0.30;
    item.reviewReasons = { { core::ReviewReason::Kind::NoMatch, QString(), QString() },
        { core::ReviewReason::Kind::Missing, QStringLiteral("edi_code"), QString() } };
    return item;
}

inline core::Prescription syntheticPrescription()
{
    core::Prescription p;
    p.id = QUuid::createUuid();
    p.issueDate = core::Field<QDate>::read(QDate(2026, 11, 20), 0.98, QRect(150, 200, 250, 36));
    p.issueNumber = core::Field<QString>::read(QStringLiteral("00042"), 0.60, QRect(450, 200, 200, 36));
    p.institution.name
        = core::Field<QString>::read(QStringLiteral("서울내과의원"), 0.97, QRect(700, 250, 300, 36));
    p.institution.code = core::Field<QString>::read(QStringLiteral("11345678"), 0.95);
    p.institution.phone = core::Field<QString>::read(QStringLiteral("02-123-4567"), 0.93);
    p.prescriber.name = core::Field<QString>::read(QStringLiteral("김의사"), 0.96);
    p.prescriber.licenseType = core::Field<QString>::read(QStringLiteral("의사"), 0.99);
    p.prescriber.licenseNumber = core::Field<QString>::read(QStringLiteral("12345"), 0.95);
    p.patient.name = core::Field<QString>::read(QStringLiteral("홍길동"), 0.97, QRect(150, 300, 150, 36));
    p.patient.rrn
        = core::Field<QString>::read(QStringLiteral("900101-1234567"), 0.95, QRect(350, 300, 300, 36));
    p.diagnosisCodes = core::Field<QStringList>::read({ QStringLiteral("J00") }, 0.92);
    p.reviewReasons = { { core::ReviewReason::Kind::LowConfidence, QStringLiteral("issue_number"), {} } };
    p.items = { cleanItem(), doubtfulDaysItem(), unmatchedItem() };
    return p;
}

/// A two-product catalog: enough to check that edited codes and names are looked up again.
class TinyCatalog final : public core::DrugCatalog
{
public:
    std::optional<core::Product> productByCode(const QString& ediCode) const override
    {
        for (const core::Product& p : { tylenol(), amoxicillin() }) {
            if (p.ediCodes.contains(ediCode))
                return p;
        }
        return std::nullopt;
    }
    QList<core::ProductMatch> matchName(const QString& query, int limit) const override
    {
        QList<core::ProductMatch> matches;
        for (const core::Product& p : { tylenol(), amoxicillin() }) {
            if (matches.size() < limit && p.name.startsWith(query.left(4)))
                matches.append({ p, p.name == query ? 1.0 : 0.5, QStringLiteral("name") });
        }
        return matches;
    }
    double nameSimilarity(const QString& query, const core::Product& product) const override
    {
        return query == product.name ? 1.0 : 0.0;
    }
    std::optional<core::GuideText> guideFor(const core::Product&) const override { return std::nullopt; }
    qsizetype productCount() const override { return 2; }
};

} // namespace pharmdesk::ui::test
