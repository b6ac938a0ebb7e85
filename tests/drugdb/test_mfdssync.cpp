// SPDX-License-Identifier: GPL-3.0-or-later
// MfdsSync against LocalHttpServer: full and resumed downloads, the daily limit, incremental runs,
// and every failure leaving the cache as it was before the failing page.
#include "LocalHttpServer.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/drugdb/MfdsSync.h"

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pharmdesk::drugdb;
using namespace pharmdesk::drugdb::testing;
using Mode = ScriptedReply::Mode;

Q_DECLARE_METATYPE(pharmdesk::drugdb::MfdsSyncOutcome)
Q_DECLARE_METATYPE(pharmdesk::drugdb::testing::ScriptedReply)

namespace {

const QString kFakeKey = QStringLiteral("SyNc+Fake/Key4242==");
constexpr int kRecorded = 3; // the recorded rows lead the list; the embedded cache already has them

// `count` rows: the recorded permit rows, then synthetic products whose codes start with 0.
QJsonArray permitRows(int count, int firstSynthetic = 0)
{
    const QJsonObject doc
        = QJsonDocument::fromJson(mfdsFixture(QStringLiteral("medi-products-list.json"))).object();
    QJsonArray rows = doc.value(QStringLiteral("body")).toObject().value(QStringLiteral("items")).toArray();
    for (int i = firstSynthetic; rows.size() < count; ++i)
        rows.append(mfdsPermitRow(QString::number(209900000 + i),
            QStringLiteral("엠에프디에스시험정%1밀리그램").arg(i),
            QStringLiteral("0%1,1%2").arg(i, 8, 10, QLatin1Char('0')).arg(i, 8, 10, QLatin1Char('0'))));
    return rows;
}

QString code0(int i)
{
    return QStringLiteral("0%1").arg(i, 8, 10, QLatin1Char('0'));
}

QVariant scalar(const QString& path, const QString& sql)
{
    const QString name = QUuid::createUuid().toString();
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// What must not change when a page fails: rows, codes, and their content.
QString snapshot(const QString& path)
{
    return scalar(path,
        QStringLiteral("SELECT (SELECT COUNT(*) FROM products) || '/' || (SELECT COUNT(*) FROM "
                       "product_codes) || '/' || (SELECT TOTAL(length(name) + id) FROM products) "
                       "|| '/' || (SELECT COUNT(*) FROM products WHERE item_seq IS NOT NULL)"))
        .toString();
}

qint64 productCount(const QString& path)
{
    return scalar(path, QStringLiteral("SELECT COUNT(*) FROM products")).toLongLong();
}

qint64 duplicateItemSeqs(const QString& path)
{
    return scalar(path,
        QStringLiteral("SELECT COUNT(*) FROM (SELECT item_seq FROM products WHERE item_seq IS NOT "
                       "NULL GROUP BY item_seq HAVING COUNT(*) > 1)"))
        .toLongLong();
}

// FTS5's own check of an external-content index against its table.
bool ftsConsistent(const QString& path)
{
    const QString name = QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(
                QStringLiteral("INSERT INTO products_fts(products_fts, rank) VALUES('integrity-check', 1)"));
            if (!ok)
                qWarning("%s", qPrintable(q.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

int pageOf(const QUrlQuery& query)
{
    return query.queryItemValue(QStringLiteral("pageNo")).toInt();
}

// Serves `rows` page by page; `failPage` (0 = none) gets `failure` instead.
LocalHttpServer::Handler listHandler(
    const QJsonArray& rows, int failPage = 0, const ScriptedReply& failure = {})
{
    return [=](const QString&, const QUrlQuery& query) {
        const int page = pageOf(query);
        if (page == failPage)
            return failure;
        ScriptedReply r;
        r.body = mfdsListPage(rows, page, query.queryItemValue(QStringLiteral("numOfRows")).toInt());
        return r;
    };
}

QList<int> requestedPages(const LocalHttpServer& server)
{
    QList<int> pages;
    for (const QByteArray& target : server.requests())
        pages.append(pageOf(QUrlQuery(QUrl::fromEncoded(target))));
    return pages;
}

} // namespace

class TestMfdsSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_templateDir;
    QString m_template;
    qint64 m_baseProducts = 0;
    qint64 m_baseDuplicates = 0; ///< embedded products sharing an ITEM_SEQ (linked by name to one text)
    QTemporaryDir* m_dir = nullptr;
    QString m_path;
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<HttpClient> m_http;

    MfdsConfig config() const
    {
        MfdsConfig c;
        c.serviceKey = kFakeKey;
        c.baseUrl = m_server->baseUrl();
        c.connectTimeoutMs = 1000;
        c.totalTimeoutMs = 1000;
        c.maxRetries = 1;
        c.backoffBaseMs = 10;
        return c;
    }

    MfdsSyncReport sync(MfdsSyncOptions options = {})
    {
        MfdsClient client(config(), *m_http);
        return MfdsSync(m_path, client).run(options);
    }

    MfdsCheckpoint checkpoint(MfdsService service = MfdsService::Permits) const
    {
        auto cp = MfdsSync::checkpoint(m_path, service);
        if (!cp || !cp->has_value())
            return {};
        return **cp;
    }

private slots:
    void initTestCase()
    {
        m_template = m_templateDir.filePath(QStringLiteral("template.sqlite"));
        const auto st = buildEmbeddedCache(m_template);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));
        m_baseProducts = productCount(m_template);
        QVERIFY(m_baseProducts > 40000);
        m_baseDuplicates = duplicateItemSeqs(m_template);
        m_http = makeCurlHttpClient();
    }

    void init()
    {
        m_dir = new QTemporaryDir;
        m_path = m_dir->filePath(QStringLiteral("drugs.sqlite"));
        QVERIFY(QFile::copy(m_template, m_path));
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        m_server = std::make_unique<LocalHttpServer>(listHandler(permitRows(250)));
        QVERIFY(m_server->start());
    }

    void cleanup()
    {
        m_server.reset();
        delete m_dir;
        m_dir = nullptr;
    }

    void fullDownload()
    {
        QList<MfdsSyncProgress> progress;
        MfdsSyncOptions options;
        options.progress = [&progress](const MfdsSyncProgress& p) { progress.append(p); };
        const MfdsSyncReport r = sync(options);
        QVERIFY2(r.outcome == MfdsSyncOutcome::Completed, qPrintable(r.error.toString()));
        QCOMPARE(r.pagesFetched, 3);
        QCOMPARE(r.totalPages, 3);
        QCOMPARE(r.totalCount, 250);
        QCOMPARE(r.rowsStored, 250);
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().rowsStored, 250);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 1, 2, 3 }));
        // The recorded rows adopt their embedded products; the others are new.
        QCOMPARE(productCount(m_path), m_baseProducts + 250 - kRecorded);
        QCOMPARE(duplicateItemSeqs(m_path), m_baseDuplicates);

        const MfdsCheckpoint cp = checkpoint();
        QCOMPARE(cp.nextPage, 0);
        QCOMPARE(cp.completedTotal, 250);
        QCOMPARE(cp.completedStarted, QDate::currentDate().toString(Qt::ISODate));

        auto cache = DrugCache::open(m_path);
        QVERIFY2(cache, cache ? "" : qPrintable(cache.error().toString()));
        const auto& c = *cache;
        QCOMPARE(c->stats().buildMs, 0.0); // kept, not rebuilt from the embedded data
        QVERIFY(c->stats().source.startsWith(QStringLiteral("mfds:")));
        for (int i : { 0, 1, 99, 246 }) {
            const auto p = c->productByCode(code0(i));
            QVERIFY2(p, qPrintable(code0(i)));
            QCOMPARE(p->itemSeq, QString::number(209900000 + i));
            QCOMPARE(p->ediCodes.first(), code0(i));
            QCOMPARE(p->company, QStringLiteral("제이더블유중외제약(주)"));
        }
        const auto recorded = c->productByCode(QStringLiteral("644902212"));
        QVERIFY(recorded);
        QCOMPARE(recorded->itemSeq, QStringLiteral("195500005"));
        QCOMPARE(recorded->company, QStringLiteral("제이더블유중외제약(주)"));
        QCOMPARE(
            scalar(m_path, QStringLiteral("SELECT source_date FROM products WHERE item_seq = '209900007'"))
                .toString(),
            QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(scalar(m_path, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        // The trigram index follows the page transactions: new and adopted names are found, and it is
        // consistent with its content table.
        QCOMPARE(
            scalar(m_path,
                QStringLiteral("SELECT COUNT(*) FROM products_fts WHERE name MATCH '에프디에스시험정12'"))
                .toInt(),
            11); // 12, 120..129
        QCOMPARE(scalar(m_path,
                     QStringLiteral("SELECT COUNT(*) FROM products_fts WHERE name MATCH '중외20%포도당'"))
                     .toInt(),
            scalar(m_template,
                QStringLiteral("SELECT COUNT(*) FROM products_fts WHERE name MATCH '중외20%포도당'"))
                .toInt());
        QVERIFY(ftsConsistent(m_path));
    }

    void resumeAfterInterruption()
    {
        MfdsSyncOptions once;
        once.maxPages = 1;
        MfdsSyncReport r = sync(once);
        QCOMPARE(r.outcome, MfdsSyncOutcome::PageLimit);
        QCOMPARE(r.pagesDone, 1);
        QCOMPARE(checkpoint().nextPage, 2);
        QCOMPARE(productCount(m_path), m_baseProducts + 100 - kRecorded);

        m_server->clearRequests();
        r = sync();
        QVERIFY2(r.outcome == MfdsSyncOutcome::Completed, qPrintable(r.error.toString()));
        QCOMPARE(requestedPages(*m_server), (QList<int> { 2, 3 }));
        QCOMPARE(r.pagesDone, 3);
        QCOMPARE(productCount(m_path), m_baseProducts + 250 - kRecorded);
        QCOMPARE(duplicateItemSeqs(m_path), m_baseDuplicates);
        QCOMPARE(scalar(m_path,
                     QStringLiteral("SELECT COUNT(*) FROM product_codes WHERE code = '%1'").arg(code0(50)))
                     .toInt(),
            1);
    }

    void dailyLimitStopsCleanly()
    {
        m_server->setHandler(listHandler(
            permitRows(250), 2, { Mode::Normal, 200, mfdsFixture(QStringLiteral("gateway-error-22.xml")) }));
        MfdsSyncReport r = sync();
        QCOMPARE(r.outcome, MfdsSyncOutcome::DailyLimit);
        QCOMPARE(r.pagesDone, 1);
        QCOMPARE(r.totalPages, 3);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 1, 2 })); // no retries against the quota
        QCOMPARE(checkpoint().nextPage, 2);
        QCOMPARE(checkpoint().totalCount, 250);
        QCOMPARE(productCount(m_path), m_baseProducts + 100 - kRecorded);

        // Tomorrow: resumes at page 2.
        m_server->setHandler(listHandler(permitRows(250)));
        m_server->clearRequests();
        r = sync();
        QCOMPARE(r.outcome, MfdsSyncOutcome::Completed);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 2, 3 }));
        QCOMPARE(productCount(m_path), m_baseProducts + 250 - kRecorded);
    }

    void failureLeavesCacheUnchanged_data()
    {
        QTest::addColumn<int>("failPage");
        QTest::addColumn<ScriptedReply>("reply");
        QTest::addColumn<MfdsSyncOutcome>("outcome");

        const QByteArray page2 = mfdsListPage(permitRows(250), 2, 100);
        QByteArray badRow = page2;
        badRow.replace("\"ITEM_SEQ\":\"209900150\"", "\"ITEM_SEQ\":\"\"");
        QVERIFY(badRow != page2);
        const QByteArray json = QByteArrayLiteral("application/json");
        for (int failPage : { 1, 2 }) {
            auto row = [failPage](const char* name) -> QTestData& {
                return QTest::addRow("page %d: %s", failPage, name) << failPage;
            };
            row("json envelope") << ScriptedReply { Mode::Normal, 200,
                mfdsFixture(QStringLiteral("default-error-response.json")), json, 0 }
                                 << MfdsSyncOutcome::Failed;
            row("gateway 22") << ScriptedReply { Mode::Normal, 200,
                mfdsFixture(QStringLiteral("gateway-error-22.xml")), json, 0 }
                              << MfdsSyncOutcome::DailyLimit;
            row("gateway 30") << ScriptedReply { Mode::Normal, 200,
                mfdsFixture(QStringLiteral("gateway-error-30.xml")), json, 0 }
                              << MfdsSyncOutcome::KeyNotRegistered;
            row("http 500") << ScriptedReply { Mode::Normal, 500, QByteArray("error"), json, 0 }
                            << MfdsSyncOutcome::Failed;
            row("slow") << ScriptedReply { Mode::Slow, 200, page2, json, 1500 } << MfdsSyncOutcome::Failed;
            row("truncated transfer")
                << ScriptedReply { Mode::Truncated, 200, page2, json, 0 } << MfdsSyncOutcome::Failed;
            row("truncated body") << ScriptedReply { Mode::Normal, 200, page2.left(page2.size() * 2 / 3),
                json, 0 } << MfdsSyncOutcome::Failed;
            row("malformed json") << ScriptedReply { Mode::Normal, 200,
                QByteArray("{\"header\":{\"resultCode\":\"00\"},"), json, 0 }
                                  << MfdsSyncOutcome::Failed;
            row("one bad row") << ScriptedReply { Mode::Normal, 200, badRow, json, 0 }
                               << MfdsSyncOutcome::Failed;
            row("connection reset") << ScriptedReply { Mode::Reset, 200, page2, json, 0 }
                                    << MfdsSyncOutcome::Failed;
        }
    }

    void failureLeavesCacheUnchanged()
    {
        QFETCH(int, failPage);
        QFETCH(ScriptedReply, reply);
        QFETCH(MfdsSyncOutcome, outcome);
        if (failPage == 2) { // page 1 stored first, by a run of its own
            MfdsSyncOptions once;
            once.maxPages = 1;
            QCOMPARE(sync(once).outcome, MfdsSyncOutcome::PageLimit);
        }
        const QString before = snapshot(m_path);
        m_server->setHandler(listHandler(permitRows(250), failPage, reply));
        const MfdsSyncReport r = sync();
        QCOMPARE(r.outcome, outcome);
        QCOMPARE(r.pagesFetched, 0);
        QCOMPARE(snapshot(m_path), before);
        QCOMPARE(checkpoint().nextPage, failPage);
        QCOMPARE(scalar(m_path, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QVERIFY(ftsConsistent(m_path));
        const QString all = r.error.message + u' ' + r.error.detail;
        QVERIFY(!r.error.message.isEmpty());
        for (const QString& leak : { kFakeKey, QStringLiteral("SyNc"), QStringLiteral("Key4242") })
            QVERIFY2(!all.contains(leak, Qt::CaseInsensitive), qPrintable(all));
    }

    void adoptsEmbeddedProductByCode()
    {
        // The second recorded row respelled (a space), still permit 192 with its codes: it takes over the
        // embedded product instead of adding a second one holding the same codes.
        QJsonArray rows = permitRows(250);
        QJsonObject respelled = rows.at(1).toObject();
        respelled[QStringLiteral("ITEM_NAME")] = QStringLiteral("중외 5% 포도당주사액");
        rows[1] = respelled;
        m_server->setHandler(listHandler(rows));
        QCOMPARE(sync().outcome, MfdsSyncOutcome::Completed);
        QCOMPARE(productCount(m_path), m_baseProducts + 250 - kRecorded);
        QCOMPARE(scalar(m_path,
                     QStringLiteral("SELECT COUNT(DISTINCT product_id) FROM product_codes WHERE code = "
                                    "'644902232'"))
                     .toInt(),
            1);
        QCOMPARE(scalar(m_path, QStringLiteral("SELECT name FROM products WHERE item_seq = '195500006'"))
                     .toString(),
            QStringLiteral("중외 5% 포도당주사액"));
    }

    void incrementalFailureKeepsCheckpoint()
    {
        QCOMPARE(sync().outcome, MfdsSyncOutcome::Completed);
        const MfdsCheckpoint before = checkpoint();
        m_server->setHandler(listHandler(permitRows(280), 3, { Mode::Normal, 500, QByteArray("down") }));
        const MfdsSyncReport r = sync();
        QCOMPARE(r.outcome, MfdsSyncOutcome::Failed);
        QVERIFY(r.incremental);
        QCOMPARE(checkpoint().nextPage, 0); // still "complete at 250": the next run compares counts again
        QCOMPARE(checkpoint().completedTotal, before.completedTotal);
    }

    void laterRunsFetchOnlyNewPages()
    {
        QCOMPARE(sync().outcome, MfdsSyncOutcome::Completed);

        // 30 new products appended: only the page holding row 251 onwards is fetched.
        m_server->setHandler(listHandler(permitRows(280)));
        m_server->clearRequests();
        MfdsSyncReport r = sync();
        QVERIFY2(r.outcome == MfdsSyncOutcome::Completed, qPrintable(r.error.toString()));
        QVERIFY(r.incremental);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 3 }));
        QCOMPARE(productCount(m_path), m_baseProducts + 280 - kRecorded);
        QCOMPARE(checkpoint().completedTotal, 280);

        // Nothing new: one request, nothing added.
        m_server->clearRequests();
        r = sync();
        QCOMPARE(r.outcome, MfdsSyncOutcome::Completed);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 3 }));
        QCOMPARE(productCount(m_path), m_baseProducts + 280 - kRecorded);

        // Rows withdrawn (the list shrank): positions moved, so everything is walked again.
        m_server->setHandler(listHandler(permitRows(270)));
        m_server->clearRequests();
        r = sync();
        QCOMPARE(r.outcome, MfdsSyncOutcome::Completed);
        QVERIFY(!r.incremental);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 3, 1, 2, 3 }));
        QCOMPARE(duplicateItemSeqs(m_path), m_baseDuplicates);

        // --full walks everything regardless.
        m_server->clearRequests();
        MfdsSyncOptions full;
        full.full = true;
        QCOMPARE(sync(full).outcome, MfdsSyncOutcome::Completed);
        QCOMPARE(requestedPages(*m_server), (QList<int> { 1, 2, 3 }));
    }

    void easyDrugTexts()
    {
        m_server->setHandler([](const QString& path, const QUrlQuery&) {
            ScriptedReply r;
            if (path.endsWith(QStringLiteral("/DrbEasyDrugInfoService/getDrbEasyDrugList")))
                r.body = mfdsFixture(QStringLiteral("easy-drug-list.json"));
            else
                r.status = 404;
            return r;
        });
        MfdsSyncOptions options;
        options.service = MfdsService::EasyDrug;
        const MfdsSyncReport r = sync(options);
        QVERIFY2(r.outcome == MfdsSyncOutcome::Completed, qPrintable(r.error.toString()));
        QCOMPARE(r.rowsStored, 3);
        QCOMPARE(
            scalar(m_path, QStringLiteral("SELECT source_date FROM guide_texts WHERE item_seq = '195700020'"))
                .toString(),
            QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(checkpoint(MfdsService::EasyDrug).completedTotal, 3);
        QVERIFY(!checkpoint(MfdsService::Permits).completedTotal);
        auto cache = DrugCache::open(m_path);
        QVERIFY(cache);
        const auto products = (*cache)->productsByItemSeq(QStringLiteral("195700020"));
        QVERIFY(!products.isEmpty());
        const auto guide = (*cache)->guideFor(products.first());
        QVERIFY(guide);
        QVERIFY(guide->efficacy.startsWith(QStringLiteral("이 약은 식욕감퇴")));
    }

    void missingKeyTouchesNothing()
    {
        const QString before = snapshot(m_path);
        MfdsConfig c = config();
        c.serviceKey.clear();
        MfdsClient client(c, *m_http);
        const MfdsSyncReport r = MfdsSync(m_path, client).run({});
        QCOMPARE(r.outcome, MfdsSyncOutcome::KeyNotRegistered);
        QVERIFY(m_server->requests().isEmpty());
        QCOMPARE(snapshot(m_path), before);
    }

    void buildsMissingCache()
    {
        QVERIFY(QFile::remove(m_path));
        MfdsSyncOptions once;
        once.maxPages = 1;
        QCOMPARE(sync(once).outcome, MfdsSyncOutcome::PageLimit);
        QCOMPARE(productCount(m_path), m_baseProducts + 100 - kRecorded);
    }
};

QTEST_GUILESS_MAIN(TestMfdsSync)
#include "test_mfdssync.moc"
