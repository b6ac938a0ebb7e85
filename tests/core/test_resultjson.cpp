// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ResultJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk::core;

Q_DECLARE_METATYPE(pharmdesk::core::DurAlert)

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
        QTest::newRow("alerts is an object")
            << QByteArray(R"({"source":"a","status":"ok","prescription":{"items":[],"alerts":{}}})");
        QTest::newRow("alert kind unknown")
            << QByteArray(R"({"source":"a","status":"ok","prescription":{"items":[],"alerts":[)"
                          R"({"kind":"bad_luck","severity":"warning","lines":[1],"text":"x","source":null}]}})");
        QTest::newRow("alert severity unknown")
            << QByteArray(R"({"source":"a","status":"ok","prescription":{"items":[],"alerts":[)"
                          R"({"kind":"same_ingredient","severity":"grave","lines":[1],"text":"x","source":null}]}})");
        QTest::newRow("alert without text")
            << QByteArray(R"({"source":"a","status":"ok","prescription":{"items":[],"alerts":[)"
                          R"({"kind":"same_ingredient","severity":"warning","lines":[1],"source":null}]}})");
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

    // Every kind and severity, pairs and whole-prescription alerts, with and without a source, survive
    // writing and reading unchanged, and are written with their documented names.
    void alertsRoundTrip_data()
    {
        QTest::addColumn<DurAlert>("alert");
        QTest::addColumn<QString>("kindName");
        QTest::addColumn<QString>("severityName");
        using K = DurAlert::Kind;
        using S = DurAlert::Severity;
        QTest::newRow("combination pair")
            << DurAlert { K::CombinationContraindicated, S::Contraindicated, { 1, 3 },
                          QStringLiteral("병용을 하여도 항균작용이 증가되지 않음"), QStringLiteral("DUR 병용금기 (2026-11-22)") }
            << QStringLiteral("combination_contraindicated") << QStringLiteral("contraindicated");
        QTest::newRow("same ingredient")
            << DurAlert { K::SameIngredient, S::Warning, { 2, 4 }, QStringLiteral("동일 성분 중복: 아세트아미노펜"),
                          QStringLiteral("제품 성분") }
            << QStringLiteral("same_ingredient") << QStringLiteral("warning");
        QTest::newRow("therapeutic") << DurAlert { K::TherapeuticDuplicate, S::Warning, { 1, 2 },
                                                   QStringLiteral("해열진통소염제"), QStringLiteral("DUR 효능군중복 (2026-11-22)") }
                                     << QStringLiteral("therapeutic_duplicate") << QStringLiteral("warning");
        QTest::newRow("age") << DurAlert { K::AgeContraindicated, S::Contraindicated, { 1 },
                                           QStringLiteral("12세 미만 금기"), QStringLiteral("DUR 특정연령대금기 (2026-11-22)") }
                             << QStringLiteral("age_contraindicated") << QStringLiteral("contraindicated");
        QTest::newRow("elderly info") << DurAlert { K::ElderlyCaution, S::Info, { 2 }, QStringLiteral("클로르페니라민 노인주의"),
                                                    QStringLiteral("DUR 노인주의 (2026-11-22)") }
                                      << QStringLiteral("elderly_caution") << QStringLiteral("info");
        QTest::newRow("pregnancy") << DurAlert { K::PregnancyContraindicated, S::Contraindicated, { 1 },
                                                 QStringLiteral("동물실험에서 기형발생 작용 보고."), QStringLiteral("DUR 임부금기 (2026-11-22)") }
                                   << QStringLiteral("pregnancy_contraindicated") << QStringLiteral("contraindicated");
        QTest::newRow("dose") << DurAlert { K::MaxDailyDose, S::Warning, { 1 }, QStringLiteral("클로르페니라민말레산염 24mg"),
                                            QStringLiteral("DUR 용량주의 (2026-11-22)") }
                              << QStringLiteral("max_daily_dose") << QStringLiteral("warning");
        QTest::newRow("duration") << DurAlert { K::MaxDuration, S::Warning, { 3 }, QStringLiteral("메토클로프라미드 투여기간주의"),
                                                QStringLiteral("DUR 투여기간주의 (2026-11-22)") }
                                  << QStringLiteral("max_duration") << QStringLiteral("warning");
        QTest::newRow("split") << DurAlert { K::SplitCaution, S::Warning, { 1 }, QStringLiteral("분할불가"),
                                             QStringLiteral("DUR 서방정분할주의 (2026-11-22)") }
                               << QStringLiteral("split_caution") << QStringLiteral("warning");
        QTest::newRow("rules unavailable, no lines, no source")
            << DurAlert { K::RulesUnavailable, S::Info, {}, QStringLiteral("DUR 병용금기 자료가 캐시에 없어 확인하지 않았습니다."), {} }
            << QStringLiteral("rules_unavailable") << QStringLiteral("info");
    }
    void alertsRoundTrip()
    {
        QFETCH(DurAlert, alert);
        QFETCH(QString, kindName);
        QFETCH(QString, severityName);
        ImportResult r = sampleResult();
        r.prescription->alerts = { alert };
        const QJsonObject o = json::toJson(r);
        const QJsonObject written = o[QStringLiteral("prescription")][QStringLiteral("alerts")][0].toObject();
        QCOMPARE(written[QStringLiteral("kind")].toString(), kindName);
        QCOMPARE(written[QStringLiteral("severity")].toString(), severityName);
        QCOMPARE(written[QStringLiteral("lines")].toArray().size(), alert.lines.size());
        QCOMPARE(written[QStringLiteral("source")].isNull(), alert.source.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.json"));
        QVERIFY(json::writeJsonFile(path, o).ok());
        const auto back = json::readImportResult(path);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(back->prescription->alerts.size(), 1);
        QCOMPARE(back->prescription->alerts.first(), alert);
    }

    void noAlertsIsAnEmptyArray()
    {
        const QJsonObject o = json::toJson(sampleResult());
        const QJsonValue alerts = o[QStringLiteral("prescription")][QStringLiteral("alerts")];
        QVERIFY(alerts.isArray());
        QVERIFY(alerts.toArray().isEmpty());
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
