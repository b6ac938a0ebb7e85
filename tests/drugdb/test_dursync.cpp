// SPDX-License-Identifier: GPL-3.0-or-later
// DUR, pill and permit-detail downloads against LocalHttpServer: a DUR kind counts as loaded only
// once its download is complete; every failure leaves the rules and the kinds as they were; pill
// images are cached by item and never fetched twice.
#include "LocalHttpServer.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/drugdb/CacheRecords.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/drugdb/MfdsSync.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;
using namespace pharmdesk::drugdb::testing;
using Mode = ScriptedReply::Mode;

Q_DECLARE_METATYPE(pharmdesk::drugdb::MfdsSyncOutcome)
Q_DECLARE_METATYPE(pharmdesk::drugdb::testing::ScriptedReply)

namespace {

const QString kFakeKey = QStringLiteral("DuR+Fake/Key5151==");

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

QJsonObject recordedRow(const QString& fixture)
{
    const QJsonObject doc = QJsonDocument::fromJson(mfdsFixture(fixture)).object();
    return doc.value(QStringLiteral("body")).toObject().value(QStringLiteral("items")).toArray().first().toObject();
}

// `count` 병용금기 rows: the recorded one, then synthetic ingredient pairs D9xxxxx × D8xxxxx.
QJsonArray combinationRows(int count)
{
    const QJsonObject recorded = recordedRow(QStringLiteral("dur-concomittant-use-contrainedication-response.json"));
    QJsonArray rows { recorded };
    for (int i = 1; rows.size() < count; ++i) {
        QJsonObject r = recorded;
        r.insert(QStringLiteral("DUR_SEQ"), QString::number(1000 + i));
        r.insert(QStringLiteral("INGR_CODE"), QStringLiteral("D9%1").arg(i, 5, 10, QLatin1Char('0')));
        r.insert(QStringLiteral("ITEM_SEQ"), QString::number(209800000 + i));
        r.insert(QStringLiteral("MIXTURE_INGR_CODE"), QStringLiteral("D8%1").arg(i, 5, 10, QLatin1Char('0')));
        r.insert(QStringLiteral("MIXTURE_ITEM_SEQ"), QString::number(209700000 + i));
        rows.append(r);
    }
    return rows;
}

int pageOf(const QUrlQuery& query)
{
    return query.queryItemValue(QStringLiteral("pageNo")).toInt();
}

// Serves `rows` on `operation`, page by page; `failPage` (0 = none) gets `failure` instead.
LocalHttpServer::Handler listHandler(const QString& operation, const QJsonArray& rows, int failPage = 0,
                                     const ScriptedReply& failure = {})
{
    return [=](const QString& path, const QUrlQuery& query) {
        if (!path.endsWith(operation))
            return ScriptedReply { Mode::Normal, 404, QByteArray("no such operation") };
        const int page = pageOf(query);
        if (page == failPage)
            return failure;
        ScriptedReply r;
        r.body = mfdsListPage(rows, page, query.queryItemValue(QStringLiteral("numOfRows")).toInt());
        return r;
    };
}

// A prescription of the two recorded 병용금기 products.
core::Prescription pairPrescription(const DrugCache& cache)
{
    core::Prescription p;
    const QStringList names = { QStringLiteral("에리시스정(에리트로마이신스티노프레이트)(수출용)"),
                                QStringLiteral("리코민주(염산린코마이신)(수출용)") };
    for (const QString& name : names) {
        core::PrescriptionItem item;
        item.line = int(p.items.size() + 1);
        for (const core::Product& product : cache.products()) {
            if (product.name == name)
                item.product = product;
        }
        p.items.append(item);
    }
    return p;
}

QList<core::DurAlert::Kind> kindsOf(const QList<core::DurAlert>& alerts, core::DurAlert::Kind kind)
{
    QList<core::DurAlert::Kind> out;
    for (const core::DurAlert& a : alerts) {
        if (a.kind == kind)
            out.append(a.kind);
    }
    return out;
}

} // namespace

class TestDurSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_templateDir;
    QString m_template;
    std::unique_ptr<QTemporaryDir> m_dir;
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

    MfdsSyncReport sync(MfdsService service)
    {
        MfdsClient client(config(), *m_http);
        MfdsSyncOptions options;
        options.service = service;
        return MfdsSync(m_path, client).run(options);
    }

    QString durState() const
    {
        return scalar(m_path, QStringLiteral("SELECT (SELECT COUNT(*) FROM dur_rules) || '/' || "
                                             "(SELECT COUNT(*) FROM dur_sources) || '/' || "
                                             "(SELECT TOTAL(length(row_key)) FROM dur_rules)"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_template = m_templateDir.filePath(QStringLiteral("template.sqlite"));
        QVERIFY(buildEmbeddedCache(m_template));
        m_http = makeCurlHttpClient();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("drugs.sqlite"));
        QVERIFY(QFile::copy(m_template, m_path));
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        m_server = std::make_unique<LocalHttpServer>(
            listHandler(QStringLiteral("getUsjntTabooInfoList03"), combinationRows(250)));
        QVERIFY(m_server->start());
    }

    void cleanup()
    {
        m_server.reset();
        m_dir.reset();
    }

    void completeDownloadEnablesTheCheck()
    {
        auto before = DrugCache::open(m_path);
        QVERIFY(before);
        const auto unavailable = (*before)->checkDur(pairPrescription(**before));
        QCOMPARE(kindsOf(unavailable, core::DurAlert::Kind::CombinationContraindicated).size(), 0);
        QVERIFY(!kindsOf(unavailable, core::DurAlert::Kind::RulesUnavailable).isEmpty());

        const MfdsSyncReport r = sync(MfdsService::DurCombination);
        QVERIFY2(r.outcome == MfdsSyncOutcome::Completed, qPrintable(r.error.toString()));
        QCOMPARE(r.rowsStored, 250);
        QCOMPARE(scalar(m_path, QStringLiteral("SELECT rows FROM dur_sources WHERE kind = 'combination_contraindicated' "
                                               "AND origin = 'mfds'"))
                     .toInt(),
                 250);
        auto after = DrugCache::open(m_path);
        QVERIFY(after);
        const auto alerts = (*after)->checkDur(pairPrescription(**after));
        QCOMPARE(kindsOf(alerts, core::DurAlert::Kind::CombinationContraindicated).size(), 1);
        QCOMPARE((*after)->stats().dur.size(), 1);
        for (const core::DurAlert& a : alerts) {
            // The downloaded kind is no longer reported missing; the others still are.
            if (a.kind == core::DurAlert::Kind::RulesUnavailable)
                QVERIFY(!a.text.contains(QStringLiteral("combination_contraindicated")));
        }
        // Downloading again replaces the rows.
        QCOMPARE(sync(MfdsService::DurCombination).outcome, MfdsSyncOutcome::Completed);
        QCOMPARE(scalar(m_path, QStringLiteral("SELECT COUNT(*) FROM dur_rules")).toInt(), 250);
    }

    void failureLeavesRulesUnchanged_data()
    {
        QTest::addColumn<int>("failPage");
        QTest::addColumn<ScriptedReply>("reply");
        QTest::addColumn<MfdsSyncOutcome>("outcome");
        const QByteArray page2 = mfdsListPage(combinationRows(250), 2, 100);
        QByteArray badRow = page2;
        badRow.replace("\"MIXTURE_INGR_CODE\":\"D800150\"", "\"MIXTURE_INGR_CODE\":null");
        badRow.replace("\"MIXTURE_ITEM_SEQ\":\"209700150\"", "\"MIXTURE_ITEM_SEQ\":null");
        QVERIFY(badRow != page2);
        for (int failPage : { 1, 2 }) {
            auto row = [failPage](const char* name) -> QTestData& {
                return QTest::addRow("page %d: %s", failPage, name) << failPage;
            };
            row("http 500") << ScriptedReply { Mode::Normal, 500, QByteArray("<html>oops</html>") } << MfdsSyncOutcome::Failed;
            row("slow answer") << ScriptedReply { Mode::Slow, 200, page2, QByteArrayLiteral("application/json"), 3000 }
                               << MfdsSyncOutcome::Failed;
            row("truncated transfer") << ScriptedReply { Mode::Truncated, 200, page2 } << MfdsSyncOutcome::Failed;
            row("truncated body") << ScriptedReply { Mode::Normal, 200, page2.left(page2.size() / 2) }
                                  << MfdsSyncOutcome::Failed;
            row("malformed json") << ScriptedReply { Mode::Normal, 200, QByteArray("{\"header\":{\"resultCode\":\"00\"},") }
                                  << MfdsSyncOutcome::Failed;
            row("row without partner") << ScriptedReply { Mode::Normal, 200, badRow } << MfdsSyncOutcome::Failed;
            row("connection reset") << ScriptedReply { Mode::Reset, 200, page2 } << MfdsSyncOutcome::Failed;
            row("gateway 22") << ScriptedReply { Mode::Normal, 200, mfdsFixture(QStringLiteral("gateway-error-22.xml")) }
                              << MfdsSyncOutcome::DailyLimit;
            row("gateway 30") << ScriptedReply { Mode::Normal, 200, mfdsFixture(QStringLiteral("gateway-error-30.xml")) }
                              << MfdsSyncOutcome::KeyNotRegistered;
        }
    }
    void failureLeavesRulesUnchanged()
    {
        QFETCH(int, failPage);
        QFETCH(ScriptedReply, reply);
        QFETCH(MfdsSyncOutcome, outcome);
        m_server->setHandler(listHandler(QStringLiteral("getUsjntTabooInfoList03"), combinationRows(250), failPage, reply));
        const MfdsSyncReport r = sync(MfdsService::DurCombination);
        QCOMPARE(r.outcome, outcome);
        // Only whole pages before the failure are stored, and the kind is not marked loaded.
        QCOMPARE(scalar(m_path, QStringLiteral("SELECT COUNT(*) FROM dur_rules")).toInt(), (failPage - 1) * 100);
        QCOMPARE(scalar(m_path, QStringLiteral("SELECT COUNT(*) FROM dur_sources")).toInt(), 0);
        QCOMPARE(scalar(m_path, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        // The key never appears in what is reported.
        QVERIFY(!r.error.message.contains(QStringLiteral("Fake")));
        QVERIFY(!r.error.detail.contains(QStringLiteral("Fake")));
        QVERIFY(!r.error.detail.contains(QStringLiteral("DuR%2BFake")));
        auto cache = DrugCache::open(m_path);
        QVERIFY(cache);
        QVERIFY((*cache)->stats().dur.isEmpty());
        const QString state = durState();

        // The next run resumes from the checkpoint and completes the kind.
        m_server->setHandler(listHandler(QStringLiteral("getUsjntTabooInfoList03"), combinationRows(250)));
        m_server->clearRequests();
        const MfdsSyncReport resumed = sync(MfdsService::DurCombination);
        QVERIFY2(resumed.outcome == MfdsSyncOutcome::Completed, qPrintable(resumed.error.toString()));
        QCOMPARE(m_server->requests().first().contains(QByteArray("pageNo=") + QByteArray::number(failPage)), true);
        QVERIFY(durState() != state);
        QCOMPARE(scalar(m_path, QStringLiteral("SELECT rows FROM dur_sources")).toInt(), 250);
    }

    void pillsDetailsAndImages()
    {
        const QJsonObject pill = recordedRow(QStringLiteral("drug-pill-identification-response.json"));
        QJsonObject pill2 = pill;
        pill2.insert(QStringLiteral("ITEM_SEQ"), QStringLiteral("198000059"));
        pill2.insert(QStringLiteral("ITEM_IMAGE"), m_server->baseUrl() + QStringLiteral("/img/broken"));
        QJsonObject pill1 = pill;
        pill1.insert(QStringLiteral("ITEM_IMAGE"), m_server->baseUrl() + QStringLiteral("/img/198000058"));
        const QJsonObject detail = recordedRow(QStringLiteral("single-medi-product-details.json"));
        int imageRequests = 0;
        m_server->setHandler([&](const QString& path, const QUrlQuery& query) {
            if (path.endsWith(QStringLiteral("/img/198000058"))) {
                ++imageRequests;
                return ScriptedReply { Mode::Normal, 200, mfdsFixture(QStringLiteral("pill-1x1.png")), "image/png" };
            }
            if (path.endsWith(QStringLiteral("/img/broken")))  // an error page served as 200
                return ScriptedReply { Mode::Normal, 200, QByteArray("<html>no image</html>"), "text/html" };
            const QJsonArray rows = path.endsWith(QStringLiteral("getMdcinGrnIdntfcInfoList02")) ? QJsonArray { pill1, pill2 }
                                                                                                 : QJsonArray { detail };
            return ScriptedReply { Mode::Normal, 200, mfdsListPage(rows, pageOf(query), 100) };
        });
        QCOMPARE(sync(MfdsService::Pills).outcome, MfdsSyncOutcome::Completed);
        QCOMPARE(sync(MfdsService::PermitDetails).outcome, MfdsSyncOutcome::Completed);
        QVERIFY(m_server->requests().at(0).contains("MdcinGrnIdntfcInfoService02/getMdcinGrnIdntfcInfoList02"));
        QVERIFY(m_server->requests().at(1).contains("DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnDtlInq05"));

        auto read = readPill(m_path, QStringLiteral("198000058"));
        QVERIFY(read && read->has_value());
        QCOMPARE((*read)->printFront, QStringLiteral("마크"));
        QCOMPARE((*read)->shape, QStringLiteral("원형"));
        QCOMPARE((*read)->ediCode, QStringLiteral("645901100"));
        auto d = readPermitDetail(m_path, QStringLiteral("195500005"));
        QVERIFY(d && d->has_value());
        QCOMPARE((*d)->atcCode, QStringLiteral("B05BB02"));
        QVERIFY((*d)->material.contains(QStringLiteral("성분명 : 포도당")));

        int progressCalls = 0;
        PillImageOptions options;
        options.progress = [&progressCalls](int, int) { ++progressCalls; };
        auto images = fetchPillImages(m_path, *m_http, options);
        QVERIFY(images);
        QCOMPARE(images->wanted, 2);
        QCOMPARE(images->fetched, 1);
        QCOMPARE(images->failed, 1);  // the error page is not stored as an image
        QCOMPARE(progressCalls, 2);
        auto image = readPillImage(m_path, QStringLiteral("198000058"));
        QVERIFY(image && image->has_value());
        QCOMPARE((*image)->data, mfdsFixture(QStringLiteral("pill-1x1.png")));
        QCOMPARE((*image)->contentType, QStringLiteral("image/png"));
        auto none = readPillImage(m_path, QStringLiteral("198000059"));
        QVERIFY(none && !none->has_value());
        // A second run fetches only what is missing: the cached image is not requested again.
        auto again = fetchPillImages(m_path, *m_http, options);
        QVERIFY(again);
        QCOMPARE(again->wanted, 1);
        QCOMPARE(imageRequests, 1);
        auto cache = DrugCache::open(m_path);
        QVERIFY(cache);
        QCOMPARE((*cache)->stats().pills, 2);
        QCOMPARE((*cache)->stats().pillImages, 1);
        QCOMPARE((*cache)->stats().permitDetails, 1);
        // The guide gets the picture through the catalog, by item sequence.
        core::Product withImage;
        withImage.itemSeq = QStringLiteral("198000058");
        QCOMPARE((*cache)->pillImage(withImage), mfdsFixture(QStringLiteral("pill-1x1.png")));
        core::Product without;
        without.itemSeq = QStringLiteral("198000059");
        QVERIFY((*cache)->pillImage(without).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDurSync)
#include "test_dursync.moc"
