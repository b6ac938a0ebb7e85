// SPDX-License-Identifier: GPL-3.0-or-later
// `pharmdesk-cli drugs ...` run in-process on string streams.
#include "CliInProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;

namespace {

using Run = pharmdesk::testing::CliRun;

Run drugs(const QStringList& args)
{
    return pharmdesk::testing::runInProcess(&cli::runDrugs, QStringLiteral("drugs"), args);
}

QJsonObject parseObject(const QString& line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
    return doc.object();
}

} // namespace

class TestDrugsCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QStringList dataDir() const { return { QStringLiteral("--data-dir"), m_dir.path() }; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Run run = drugs(QStringList { QStringLiteral("rebuild") } + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        QVERIFY(run.out.contains(QStringLiteral("44293")));
    }

    void matchWritesOneJsonLinePerQuery()
    {
        QTemporaryDir inputs;
        const QString path = inputs.filePath(QStringLiteral("names.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("리피토정20밀리그램(아토르바스타틴칼슘삼수화물)\n텔미스크정 80/5 mg\n\n다이레놀정500mg\r\nqwertyuiop\n");
        file.close();

        const Run run = drugs(QStringList { QStringLiteral("match"), path, QStringLiteral("--limit"), QStringLiteral("3") }
                              + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);  // the blank line is no query

        const QJsonObject exact = parseObject(lines.at(0));
        QCOMPARE(exact.value(QStringLiteral("query")).toString(),
                 QStringLiteral("리피토정20밀리그램(아토르바스타틴칼슘삼수화물)"));
        const QJsonArray candidates = exact.value(QStringLiteral("candidates")).toArray();
        QVERIFY(!candidates.isEmpty());
        QVERIFY(candidates.size() <= 3);
        const QJsonObject best = candidates.at(0).toObject();
        QCOMPARE(best.value(QStringLiteral("product_name")).toString(),
                 QStringLiteral("리피토정20밀리그램(아토르바스타틴칼슘삼수화물)"));
        QCOMPARE(best.value(QStringLiteral("score")).toDouble(), 1.0);
        // Codes stay text, leading zero included.
        QCOMPARE(best.value(QStringLiteral("edi_codes")).toArray(), QJsonArray { QStringLiteral("073400330") });
        QVERIFY(best.contains(QStringLiteral("item_seq")));

        const QJsonObject spaced = parseObject(lines.at(1));
        const QJsonObject spacedBest = spaced.value(QStringLiteral("candidates")).toArray().at(0).toObject();
        QCOMPARE(spacedBest.value(QStringLiteral("product_name")).toString(), QStringLiteral("텔미스크정80/5밀리그램"));
        QCOMPARE(spacedBest.value(QStringLiteral("edi_codes")).toArray(), QJsonArray { QStringLiteral("059000340") });

        const QJsonObject crlf = parseObject(lines.at(2));
        QCOMPARE(crlf.value(QStringLiteral("query")).toString(), QStringLiteral("다이레놀정500mg"));

        const QJsonObject nonsense = parseObject(lines.at(3));
        for (const QJsonValue& c : nonsense.value(QStringLiteral("candidates")).toArray())
            QVERIFY(c.toObject().value(QStringLiteral("score")).toDouble() < 0.5);
    }

    void showByCode()
    {
        const Run run = drugs(QStringList { QStringLiteral("show"), QStringLiteral("059000340"), QStringLiteral("--json") }
                              + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        const QJsonObject o = parseObject(run.out.trimmed());
        QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("텔미스크정80/5밀리그램"));
        QCOMPARE(o.value(QStringLiteral("form")).toString(), QStringLiteral("정"));
        QCOMPARE(o.value(QStringLiteral("edi_codes")).toArray(), QJsonArray { QStringLiteral("059000340") });
    }

    void showUnknownCode()
    {
        const Run run = drugs(QStringList { QStringLiteral("show"), QStringLiteral("000000000") } + dataDir());
        QCOMPARE(run.code, int(cli::ExitItemsFailed));
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.contains(QStringLiteral("000000000")));
    }

    void searchJson()
    {
        const Run run = drugs(QStringList { QStringLiteral("search"), QStringLiteral("ㅌㅇㄹㄴ"), QStringLiteral("--limit"),
                                            QStringLiteral("4"), QStringLiteral("--json") }
                              + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        const QJsonArray found = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(found.size(), 4);
        for (const QJsonValue& v : found)
            QVERIFY(v.toObject().contains(QStringLiteral("edi_codes")));
    }

    void statsJson()
    {
        const Run run = drugs(QStringList { QStringLiteral("stats"), QStringLiteral("--json") } + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        const QJsonObject o = parseObject(run.out.trimmed());
        QCOMPARE(o.value(QStringLiteral("products")).toInt(), 44293);
        QCOMPARE(o.value(QStringLiteral("products_with_code")).toInt(), 20673);
        QCOMPARE(o.value(QStringLiteral("edi_codes")).toInt(), 21959);
        QCOMPARE(o.value(QStringLiteral("guide_texts")).toInt(), 490);
        QCOMPARE(o.value(QStringLiteral("schema_version")).toInt(), 3);
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("embedded:2025-11-27"));
        // The shipped cache has no DUR data: all eight kinds are listed, none loaded.
        const QJsonObject dur = o.value(QStringLiteral("dur")).toObject();
        QCOMPARE(dur.size(), 8);
        for (const QJsonValue& v : dur)
            QVERIFY(v.isNull());
        QCOMPARE(o.value(QStringLiteral("pills")).toInt(), 0);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("no action") << QStringList {} << int(cli::ExitUsage);
        QTest::newRow("unknown action") << QStringList { QStringLiteral("frobnicate") } << int(cli::ExitUsage);
        QTest::newRow("match without a file") << QStringList { QStringLiteral("match") } << int(cli::ExitUsage);
        QTest::newRow("match of a missing file")
            << QStringList { QStringLiteral("match"), QStringLiteral("/nonexistent/names.txt") } << int(cli::ExitUsage);
        QTest::newRow("search without a query") << QStringList { QStringLiteral("search") } << int(cli::ExitUsage);
        QTest::newRow("bad limit") << QStringList { QStringLiteral("search"), QStringLiteral("정"),
                                                    QStringLiteral("--limit"), QStringLiteral("zero") }
                                   << int(cli::ExitUsage);
        QTest::newRow("unknown option") << QStringList { QStringLiteral("stats"), QStringLiteral("--frob") }
                                        << int(cli::ExitUsage);
        QTest::newRow("import without a file") << QStringList { QStringLiteral("import") } << int(cli::ExitUsage);
        QTest::newRow("import with an unknown service")
            << QStringList { QStringLiteral("import"), QStringLiteral("x.json"), QStringLiteral("--service"),
                             QStringLiteral("dur-everything") }
            << int(cli::ExitUsage);
        QTest::newRow("update of an unknown service")
            << QStringList { QStringLiteral("update"), QStringLiteral("--service"), QStringLiteral("permits,nope") }
            << int(cli::ExitUsage);
        QTest::newRow("import of a file that is no dump")
            << QStringList { QStringLiteral("import"), QStringLiteral(PHARMDESK_TEST_DATA_DIR "/mfds/gateway-error-22.xml") }
            << int(cli::ExitFatal);
        QTest::newRow("help") << QStringList { QStringLiteral("--help") } << int(cli::ExitOk);
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Run run = drugs(args + dataDir());
        QCOMPARE(run.code, code);
        if (code == cli::ExitUsage)
            QVERIFY(!run.err.isEmpty());
    }

    // Runs last: it changes the cache. An imported DUR dump shows in stats; pills and details in show.
    void importThenStatsAndShow()
    {
        const QString dir = QStringLiteral(PHARMDESK_TEST_DATA_DIR "/mfds/");
        Run run = drugs(QStringList { QStringLiteral("import"), dir + QStringLiteral("dur-dos-precaution-response.json"),
                                      QStringLiteral("--json") }
                        + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        QJsonObject o = parseObject(run.out.trimmed());
        QCOMPARE(o.value(QStringLiteral("rows")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("services")).toArray().first().toString(), QStringLiteral("dur-dose"));

        run = drugs(QStringList { QStringLiteral("import"), dir + QStringLiteral("drug-pill-identification-response.json") }
                    + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        QVERIFY2(run.out.startsWith(QStringLiteral("1 rows of pills stored")), qPrintable(run.out));

        run = drugs(QStringList { QStringLiteral("stats"), QStringLiteral("--json") } + dataDir());
        o = parseObject(run.out.trimmed());
        const QJsonObject dur = o.value(QStringLiteral("dur")).toObject();
        QCOMPARE(dur.value(QStringLiteral("max_daily_dose")).toObject().value(QStringLiteral("origin")).toString(),
                 QStringLiteral("import"));
        QVERIFY(dur.value(QStringLiteral("combination_contraindicated")).isNull());
        QCOMPARE(o.value(QStringLiteral("pills")).toInt(), 1);
        QVERIFY(o.value(QStringLiteral("source")).toString().startsWith(QStringLiteral("import:")));
        run = drugs(QStringList { QStringLiteral("stats") } + dataDir());
        QVERIFY2(run.out.contains(QRegularExpression(QStringLiteral("dur combination_contraindicated: +never downloaded"))),
                 qPrintable(run.out));

        // The permit list links 중외5%포도당생리식염액 to its ITEM_SEQ; its detail then shows.
        for (const char* file : { "medi-products-list.json", "single-medi-product-details.json" }) {
            run = drugs(QStringList { QStringLiteral("import"), dir + QLatin1String(file) } + dataDir());
            QCOMPARE(run.code, int(cli::ExitOk));
        }
        run = drugs(QStringList { QStringLiteral("show"), QStringLiteral("644902212"), QStringLiteral("--json") } + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        o = parseObject(run.out.split(u'\n').first());
        QCOMPARE(o.value(QStringLiteral("item_seq")).toString(), QStringLiteral("195500005"));
        QCOMPARE(o.value(QStringLiteral("detail")).toObject().value(QStringLiteral("atc_code")).toString(),
                 QStringLiteral("B05BB02"));
        QVERIFY(o.value(QStringLiteral("pill")).isNull());
        run = drugs(QStringList { QStringLiteral("show"), QStringLiteral("644902212") } + dataDir());
        QVERIFY2(run.out.contains(QStringLiteral("atc code:    B05BB02")), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestDrugsCli)
#include "test_drugscli.moc"
