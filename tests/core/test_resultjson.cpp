// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ResultJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk::core;

namespace {
ImportResult sampleResult()
{
    Prescription p;
    p.id = QUuid::createUuid();
    p.issueDate = Field<QDate>::read(QDate(2026, 11, 2), 0.97);
    p.issueNumber = Field<QString>::read(QStringLiteral("20261102-00017"), 0.95);
    p.patient.name = Field<QString>::read(QStringLiteral("김하늘"), 0.93);
    p.patient.rrn = Field<QString>::read(QStringLiteral("850412-1736284"), 0.99);
    p.institution.code = Field<QString>::read(QStringLiteral("12345678"), 0.98);
    p.diagnosisCodes = Field<QStringList>::read({ QStringLiteral("J00"), QStringLiteral("K21.9") }, 0.9);
    PrescriptionItem item;
    item.line = 1;
    item.rawText = QStringLiteral("645301220 타이레놀정500밀리그람 1 3 5");
    item.ediCode = Field<QString>::read(QStringLiteral("645301220"), 0.99);
    Product prod;
    prod.id = 7;
    prod.name = QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");
    prod.ediCodes = { QStringLiteral("645301220") };
    item.product = prod;
    item.dose = Field<double>::read(1.0, 0.98);
    item.timesPerDay = Field<int>::read(3, 0.98);
    // days never read: must stay null, not 0
    item.reviewReasons.append({ ReviewReason::Kind::Missing, QStringLiteral("days"), {} });
    p.items.append(item);
    ImportResult r;
    r.source = QStringLiteral("/tmp/a.png");
    r.sha256 = QStringLiteral("ab");
    r.prescription = p;
    r.settleStatus();
    return r;
}
} // namespace

class TestResultJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void neverWritesRrnInClear()
    {
        const QByteArray text = QJsonDocument(json::toJson(sampleResult())).toJson();
        QVERIFY(!text.contains("736284"));
        QVERIFY(text.contains("850412-1******"));
    }

    void unreadFieldsAreNull()
    {
        const QJsonObject o = json::toJson(sampleResult());
        const QJsonObject item = o[QStringLiteral("prescription")][QStringLiteral("items")][0].toObject();
        QVERIFY(item[QStringLiteral("days")].isNull());
        QCOMPARE(item[QStringLiteral("times_per_day")].toInt(), 3);
        QVERIFY(o[QStringLiteral("prescription")][QStringLiteral("prescriber")][QStringLiteral("name")].isNull());
        QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("needs_review"));
        QCOMPARE(item[QStringLiteral("review_reasons")].toArray().first().toString(), QStringLiteral("missing:days"));
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.json"));
        QVERIFY(json::writeJsonFile(path, json::toJson(sampleResult())).ok());
        const auto back = json::readImportResult(path);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(back->status, ImportResult::Status::NeedsReview);
        const Prescription& p = *back->prescription;
        QCOMPARE(p.patient.maskedRrn(), QStringLiteral("850412-1******"));
        QCOMPARE(p.patient.birthDate().value(), QDate(1985, 4, 12));
        QCOMPARE(p.items.size(), 1);
        QCOMPARE(p.items[0].product->name, QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"));
        QCOMPARE(*p.items[0].dose, 1.0);
        QVERIFY(!p.items[0].days.hasValue());
        QCOMPARE(p.items[0].reviewReasons.size(), 1);
        QCOMPARE(p.diagnosisCodes.valueOr({}), QStringList({ QStringLiteral("J00"), QStringLiteral("K21.9") }));
        // Re-serialising what was read gives the same document, but for confidences (read as certain).
        QCOMPARE(json::toJson(*back)[QStringLiteral("prescription")][QStringLiteral("items")][0][QStringLiteral("edi_code")],
                 QJsonValue(QStringLiteral("645301220")));
    }

    void rejectsWrongTypes_data()
    {
        QTest::addColumn<QByteArray>("doc");
        QTest::newRow("not json") << QByteArray("{\"source\": ");
        QTest::newRow("status unknown") << QByteArray(R"({"source":"a","status":"great"})");
        QTest::newRow("prescription is a string") << QByteArray(R"({"source":"a","status":"ok","prescription":"x"})");
        QTest::newRow("days is a string")
            << QByteArray(R"({"source":"a","status":"ok","prescription":{"items":[{"line":1,"days":"5"}]}})");
    }
    void rejectsWrongTypes()
    {
        QFETCH(QByteArray, doc);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(doc);
        f.close();
        const auto r = json::readImportResult(f.fileName());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().category, ErrorCategory::Input);
    }

    void emptyPrescriptionIsNeverOk()
    {
        ImportResult r;
        r.prescription = Prescription {};
        r.settleStatus();
        QCOMPARE(r.status, ImportResult::Status::NeedsReview);
    }
};

QTEST_GUILESS_MAIN(TestResultJson)
#include "test_resultjson.moc"
