// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/EvalMetrics.h"

#include <QJsonArray>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::core;

namespace {

PrescriptionItem item(const QString& name, double dose, int times, int days, bool flagged = false)
{
    PrescriptionItem i;
    Product p;
    p.id = 1;
    p.name = name;
    i.product = p;
    i.dose = Field<double>::certain(dose);
    i.timesPerDay = Field<int>::certain(times);
    i.days = Field<int>::certain(days);
    if (flagged)
        i.reviewReasons.append({ ReviewReason::Kind::LowConfidence, QStringLiteral("dose"), {} });
    return i;
}

ImportResult result(QList<PrescriptionItem> items)
{
    ImportResult r;
    Prescription p;
    p.patient.name = Field<QString>::certain(QStringLiteral("김하늘"));
    p.items = std::move(items);
    r.prescription = p;
    r.settleStatus();
    return r;
}

} // namespace

class TestEvalMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void score_data()
    {
        QTest::addColumn<ImportResult>("got");
        QTest::addColumn<int>("identity");
        QTest::addColumn<int>("exact");
        QTest::addColumn<int>("certainWrong");
        QTest::addColumn<bool>("okMissing");

        const auto a = item(QStringLiteral("가나정10밀리그램"), 1, 3, 5);
        const auto b = item(QStringLiteral("다라캡슐"), 0.5, 2, 7);
        QTest::newRow("all right") << result({ a, b }) << 2 << 2 << 0 << false;
        QTest::newRow("swapped order still aligned") << result({ b, a }) << 2 << 2 << 0 << false;
        QTest::newRow("wrong dose unflagged is certain-but-wrong")
            << result({ a, item(QStringLiteral("다라캡슐"), 1, 2, 7) }) << 2 << 1 << 1 << true;
        QTest::newRow("wrong dose flagged is not")
            << result({ a, item(QStringLiteral("다라캡슐"), 1, 2, 7, true) }) << 2 << 1 << 0 << false;
        QTest::newRow("missing line while ok") << result({ a }) << 1 << 1 << 0 << true;
        // An extra line misses nothing (every truth line is there) but is certain and wrong.
        QTest::newRow("extra unflagged line") << result({ a, b, item(QStringLiteral("마바정"), 1, 1, 1) }) << 2 << 2 << 1
                                              << false;
        QTest::newRow("wrong product unflagged")
            << result({ a, item(QStringLiteral("다라정"), 0.5, 2, 7) }) << 1 << 1 << 1 << true;
    }
    void score()
    {
        QFETCH(ImportResult, got);
        QFETCH(int, identity);
        QFETCH(int, exact);
        QFETCH(int, certainWrong);
        QFETCH(bool, okMissing);
        const ImportResult truth = result({ item(QStringLiteral("가나정10밀리그램"), 1, 3, 5), item(QStringLiteral("다라캡슐"), 0.5, 2, 7) });
        const cli::SampleScore s = cli::scoreSample(truth, got);
        QCOMPARE(s.truthLines, 2);
        QCOMPARE(s.identityHits, identity);
        QCOMPARE(s.lineExactHits, exact);
        QCOMPARE(s.certainWrongLines, certainWrong);
        QCOMPARE(s.okButMissingLine, okMissing);
    }

    void failedResultScoresNothing()
    {
        const ImportResult truth = result({ item(QStringLiteral("가나정"), 1, 3, 5) });
        ImportResult failed;
        failed.error = makeError(ErrorCategory::Input, QStringLiteral("bad"));
        failed.settleStatus();
        const cli::SampleScore s = cli::scoreSample(truth, failed);
        QCOMPARE(s.identityHits, 0);
        QCOMPARE(s.status, QStringLiteral("failed"));
        QVERIFY(s.headerFields > 0);
        QCOMPARE(s.headerExact, 0);
    }

    void headerScoredOnlyWhereTheTruthHasIt_data()
    {
        QTest::addColumn<bool>("truthHasHeader");
        QTest::addColumn<bool>("readsName");
        QTest::addColumn<int>("fields");
        QTest::addColumn<int>("exact");
        QTest::addColumn<int>("certainWrong");
        // result() sets only the patient name; the truth below adds the institution code.
        QTest::newRow("full header, name read") << true << true << 2 << 1 << 0;
        QTest::newRow("full header, nothing read") << true << false << 2 << 0 << 0;
        QTest::newRow("table crop, nothing read") << false << false << 0 << 0 << 0;
        QTest::newRow("table crop, a name read anyway") << false << true << 0 << 0 << 0;
    }
    void headerScoredOnlyWhereTheTruthHasIt()
    {
        QFETCH(bool, truthHasHeader);
        QFETCH(bool, readsName);
        QFETCH(int, fields);
        QFETCH(int, exact);
        QFETCH(int, certainWrong);
        const auto a = item(QStringLiteral("가나정"), 1, 3, 5);
        ImportResult truth = result({ a });
        if (truthHasHeader)
            truth.prescription->institution.code = Field<QString>::certain(QStringLiteral("11100011"));
        else
            truth.prescription->patient.name = {};
        ImportResult got = result({ a });
        if (!readsName)
            got.prescription->patient.name = {};
        const cli::SampleScore s = cli::scoreSample(truth, got);
        QCOMPARE(s.headerFields, fields);
        QCOMPARE(s.headerExact, exact);
        QCOMPARE(s.headerCertainWrong, certainWrong);
        QCOMPARE(s.problems.join(QLatin1Char('\n')).contains(QStringLiteral("where the image has none")),
                 !truthHasHeader && readsName);

        ImportResult failed;
        failed.error = makeError(ErrorCategory::Input, QStringLiteral("bad"));
        failed.settleStatus();
        QCOMPARE(cli::scoreSample(truth, failed).headerFields, fields);
    }

    void summariseGroupsByLayout()
    {
        cli::SampleScore statutory;
        statutory.condition = QStringLiteral("scan");
        statutory.layout = QStringLiteral("statutory");
        statutory.truthLines = 2;
        statutory.identityHits = 2;
        statutory.headerFields = 9;
        statutory.headerExact = 9;
        cli::SampleScore table = statutory;
        table.layout = QStringLiteral("table");
        table.identityHits = 1;
        table.headerFields = 0;
        table.headerExact = 0;
        const cli::EvalReport r = cli::summarise({ statutory, table }, 1000, 1);
        QCOMPARE(r.layouts.size(), 2);
        QCOMPARE(r.layouts[0].name, QStringLiteral("statutory"));
        QCOMPARE(r.layouts[1].name, QStringLiteral("table"));
        QCOMPARE(r.layouts[1].identityRecall, 0.5);
        QCOMPARE(r.layouts[1].headerFields, 0);
        QCOMPARE(r.groups.constLast().headerExact, 1.0);  // the crop adds no header fields to "all"
        const QString text = cli::formatReport(r);
        QVERIFY(text.contains(QStringLiteral("layout")));
        QVERIFY(text.contains(QStringLiteral("table")));
        const QJsonObject json = cli::toJson(r, { statutory, table });
        QCOMPARE(json.value(QStringLiteral("layouts")).toArray().size(), 2);
    }

    void summariseGroupsByCondition()
    {
        cli::SampleScore clean;
        clean.condition = QStringLiteral("clean");
        clean.truthLines = 4;
        clean.identityHits = 4;
        clean.lineExactHits = 3;
        clean.timeMs = 100;
        cli::SampleScore fax = clean;
        fax.condition = QStringLiteral("fax");
        fax.identityHits = 2;
        fax.timeMs = 300;
        const cli::EvalReport r = cli::summarise({ clean, fax }, 1000, 1);
        QCOMPARE(r.groups.size(), 3);
        QCOMPARE(r.groups[0].name, QStringLiteral("clean"));
        QCOMPARE(r.groups[0].identityRecall, 1.0);
        QCOMPARE(r.groups[1].identityRecall, 0.5);
        QCOMPARE(r.groups[2].name, QStringLiteral("all"));
        QCOMPARE(r.groups[2].identityRecall, 0.75);
        QCOMPARE(r.groups[2].medianMs, 200.0);
        QCOMPARE(r.imagesPerMinute, 120.0);
        QVERIFY(cli::formatReport(r).contains(QStringLiteral("75.0%")));
    }
};

QTEST_GUILESS_MAIN(TestEvalMetrics)
#include "test_evalmetrics.moc"
