// SPDX-License-Identifier: GPL-3.0-or-later
// `pharmdesk-cli drugs update` in-process against LocalHttpServer (PHARMDESK_MFDS_BASE_URL).
#include "LocalHttpServer.h"
#include "CliInProcess.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::drugdb::testing;

namespace {

const QByteArray kFakeKey = QByteArrayLiteral("CliFake+Key/5150==");

using Run = pharmdesk::testing::CliRun;

Run drugs(const QStringList& args)
{
    return pharmdesk::testing::runInProcess(&cli::runDrugs, QStringLiteral("drugs"), args);
}

QJsonArray rows(int count)
{
    QJsonArray a;
    for (int i = 0; i < count; ++i)
        a.append(
            mfdsPermitRow(QString::number(209800000 + i), QStringLiteral("씨엘아이시험캡슐%1밀리그램").arg(i),
                QStringLiteral("0%1").arg(700000 + i, 8, 10, QLatin1Char('0'))));
    return a;
}

// Permit pages of `count` rows, the e약은요 fixture, and `failPage` of the permits answered by `failure`.
LocalHttpServer::Handler handler(int count, int failPage = 0, QByteArray failure = {})
{
    const QJsonArray list = rows(count);
    return [=](const QString& path, const QUrlQuery& query) {
        ScriptedReply r;
        const int page = query.queryItemValue(QStringLiteral("pageNo")).toInt();
        if (path.endsWith(QStringLiteral("getDrbEasyDrugList")))
            r.body = mfdsFixture(QStringLiteral("easy-drug-list.json"));
        else if (page == failPage)
            r.body = failure;
        else
            r.body = mfdsListPage(list, page, 100);
        return r;
    };
}

} // namespace

class TestMfdsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir* m_dir = nullptr;
    std::unique_ptr<LocalHttpServer> m_server;
    QStringList dataDir() const { return { QStringLiteral("--data-dir"), m_dir->path() }; }

private slots:
    void init()
    {
        m_dir = new QTemporaryDir;
        m_server = std::make_unique<LocalHttpServer>(handler(150));
        QVERIFY(m_server->start());
        qputenv("PHARMDESK_MFDS_BASE_URL", m_server->baseUrl().toUtf8());
        qputenv("PHARMDESK_MFDS_KEY", kFakeKey);
    }

    void cleanup()
    {
        m_server.reset();
        delete m_dir;
        qunsetenv("PHARMDESK_MFDS_BASE_URL");
        qunsetenv("PHARMDESK_MFDS_KEY");
    }

    void updateAll()
    {
        const Run run = drugs(QStringList { QStringLiteral("update"), QStringLiteral("--service"),
                                            QStringLiteral("permits,easy"), QStringLiteral("--json") }
                              + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        QVERIFY2(run.err.contains(QStringLiteral("permits page 2/2 (150 rows)")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("easy page 1/1 (3 rows)")));
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QJsonObject permits = QJsonDocument::fromJson(lines.at(0).toUtf8()).object();
        QCOMPARE(permits.value(QStringLiteral("service")).toString(), QStringLiteral("permits"));
        QCOMPARE(permits.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
        QCOMPARE(permits.value(QStringLiteral("rows_stored")).toInt(), 150);
        QCOMPARE(QJsonDocument::fromJson(lines.at(1).toUtf8())
                     .object()
                     .value(QStringLiteral("rows_stored"))
                     .toInt(),
            3);

        const Run show
            = drugs(QStringList { QStringLiteral("show"), QStringLiteral("000700149") } + dataDir());
        QCOMPARE(show.code, int(cli::ExitOk));
        QVERIFY2(show.out.contains(QStringLiteral("씨엘아이시험캡슐149밀리그램")),
            qPrintable(show.out + show.err));
    }

    void maxPagesThenResume()
    {
        Run run = drugs(QStringList { QStringLiteral("update"), QStringLiteral("--service"),
                            QStringLiteral("permits"), QStringLiteral("--max-pages"), QStringLiteral("1") }
            + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        QVERIFY2(run.err.contains(QStringLiteral("1 of 2 pages done")), qPrintable(run.err));
        m_server->clearRequests();
        run = drugs(
            QStringList { QStringLiteral("update"), QStringLiteral("--service"), QStringLiteral("permits") }
            + dataDir());
        QCOMPARE(run.code, int(cli::ExitOk));
        QCOMPARE(m_server->requests().size(), 1);
        QVERIFY(m_server->requests().at(0).contains("pageNo=2&"));
    }

    void dailyLimit()
    {
        m_server->setHandler(handler(150, 2, mfdsFixture(QStringLiteral("gateway-error-22.xml"))));
        const Run run = drugs(QStringList { QStringLiteral("update") } + dataDir());
        QCOMPARE(run.code, int(cli::ExitItemsFailed));
        QVERIFY2(run.err.contains(QStringLiteral("resume tomorrow: 1 of 2 pages done")), qPrintable(run.err));
        QVERIFY(!run.err.contains(QStringLiteral("easy"))); // stops: the quota is shared
    }

    void keyProblems_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("says");
        QTest::newRow("not registered") << kFakeKey << QStringLiteral("not registered");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("no MFDS service key");
    }

    void keyProblems()
    {
        QFETCH(QByteArray, key);
        QFETCH(QString, says);
        qputenv("PHARMDESK_MFDS_KEY", key);
        m_server->setHandler(handler(150, 1, mfdsFixture(QStringLiteral("gateway-error-30.xml"))));
        const Run run = drugs(QStringList { QStringLiteral("update") } + dataDir());
        QCOMPARE(run.code, int(cli::ExitFatal));
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
        for (const QString& leak :
            { QStringLiteral("CliFake"), QStringLiteral("Key/5150"), QStringLiteral("Key%2F5150") })
            QVERIFY2(!(run.err + run.out).contains(leak, Qt::CaseInsensitive), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestMfdsCli)
#include "test_mfdscli.moc"
