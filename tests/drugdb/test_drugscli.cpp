// SPDX-License-Identifier: GPL-3.0-or-later
// `pharmdesk-cli drugs ...` run in-process on string streams.
#include "CliInProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
        QCOMPARE(o.value(QStringLiteral("schema_version")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("embedded:2025-11-27"));
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
};

QTEST_GUILESS_MAIN(TestDrugsCli)
#include "test_drugscli.moc"
