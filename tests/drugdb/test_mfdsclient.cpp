// SPDX-License-Identifier: GPL-3.0-or-later
// MfdsClient: request URLs, classification of every answer shape, retries, key redaction; the
// network cases run the libcurl client against LocalHttpServer.
#include "LocalHttpServer.h"
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace pharmdesk::drugdb;
using namespace pharmdesk::drugdb::testing;
using Mode = ScriptedReply::Mode;

Q_DECLARE_METATYPE(pharmdesk::drugdb::MfdsFailure)
Q_DECLARE_METATYPE(pharmdesk::drugdb::MfdsService)
Q_DECLARE_METATYPE(pharmdesk::drugdb::testing::ScriptedReply::Mode)

namespace {

// Distinctive, so finding it anywhere in a message is certainly a leak.
const QString kFakeKey = QStringLiteral("ZqX9+Fake/Key7719==");

MfdsConfig testConfig(const QString& baseUrl)
{
    MfdsConfig config;
    config.serviceKey = kFakeKey;
    config.baseUrl = baseUrl;
    config.connectTimeoutMs = 1000;
    config.totalTimeoutMs = 1000;
    config.maxRetries = 2;
    config.backoffBaseMs = 10;
    return config;
}

QByteArray halfOf(const QByteArray& body)
{
    return body.left(body.size() / 2);
}

} // namespace

class TestMfdsClient : public QObject
{
    Q_OBJECT

private slots:
    void recordedPermitPage()
    {
        const MfdsFetch f = parseMfdsReply(
            MfdsService::Permits, 200, mfdsFixture(QStringLiteral("medi-products-list.json")));
        QVERIFY2(f.ok(), qPrintable(f.error.toString()));
        QCOMPARE(f.page.totalCount, 45053);
        QCOMPARE(f.page.numOfRows, 3);
        QCOMPARE(f.page.permits.size(), 3);
        const MfdsPermit& p = f.page.permits.at(1);
        QCOMPARE(p.itemSeq, QStringLiteral("195500006"));
        QCOMPARE(p.itemName, QStringLiteral("중외5%포도당주사액"));
        QCOMPARE(p.company, QStringLiteral("제이더블유중외제약(주)"));
        QCOMPARE(p.permitNumber, QStringLiteral("192"));
        QCOMPARE(p.ediCodes.size(), 7);
        QCOMPARE(p.ediCodes.first(), QStringLiteral("644902232"));
        QVERIFY(p.cancelDate.isEmpty());
    }

    void leadingZerosKept()
    {
        const QJsonArray rows { mfdsPermitRow(
            QStringLiteral("200000001"), QStringLiteral("영점정"), QStringLiteral("012345678, 000000019")) };
        const MfdsFetch f = parseMfdsReply(MfdsService::Permits, 200, mfdsListPage(rows, 1, 100));
        QVERIFY2(f.ok(), qPrintable(f.error.toString()));
        QCOMPARE(f.page.permits.at(0).ediCodes,
            (QStringList { QStringLiteral("012345678"), QStringLiteral("000000019") }));
    }

    void easyDrugPage()
    {
        const MfdsFetch f
            = parseMfdsReply(MfdsService::EasyDrug, 200, mfdsFixture(QStringLiteral("easy-drug-list.json")));
        QVERIFY2(f.ok(), qPrintable(f.error.toString()));
        QCOMPARE(f.page.guides.size(), 3);
        QCOMPARE(f.page.guides.at(0).itemSeq, QStringLiteral("195700020"));
        QCOMPARE(f.page.guides.at(0).itemName, QStringLiteral("활명수"));
        QVERIFY(f.page.guides.at(0).efficacy.startsWith(QStringLiteral("이 약은 식욕감퇴")));
        QVERIFY(!f.page.guides.at(0).storage.isEmpty());
        QVERIFY(f.page.guides.at(0).sideEffects.isEmpty()); // null in the answer
    }

    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<MfdsFailure>("failure");
        QTest::addColumn<QString>("code");

        const QByteArray page = mfdsFixture(QStringLiteral("medi-products-list.json"));
        QTest::newRow("ok") << 200 << page << MfdsFailure::None << QStringLiteral("00");
        QTest::newRow("json envelope 11") << 200 << mfdsFixture(QStringLiteral("default-error-response.json"))
                                          << MfdsFailure::Permanent << QStringLiteral("11");
        QTest::newRow("json envelope 22")
            << 200 << QByteArray(R"({"header":{"resultCode":"22","resultMsg":"LIMITED"},"body":{}})")
            << MfdsFailure::DailyLimit << QStringLiteral("22");
        QTest::newRow("json envelope 05")
            << 200 << QByteArray(R"({"header":{"resultCode":"05","resultMsg":"SERVICETIMEOUT"}})")
            << MfdsFailure::Retryable << QStringLiteral("05");
        QTest::newRow("no data 03") << 200
                                    << QByteArray(
                                           R"({"header":{"resultCode":"03","resultMsg":"NODATA_ERROR"}})")
                                    << MfdsFailure::None << QStringLiteral("03");
        QTest::newRow("gateway 22") << 200 << mfdsFixture(QStringLiteral("gateway-error-22.xml"))
                                    << MfdsFailure::DailyLimit << QStringLiteral("22");
        QTest::newRow("gateway 30") << 200 << mfdsFixture(QStringLiteral("gateway-error-30.xml"))
                                    << MfdsFailure::KeyNotRegistered << QStringLiteral("30");
        QTest::newRow("gateway 20") << 200 << mfdsFixture(QStringLiteral("gateway-error-20.xml"))
                                    << MfdsFailure::Retryable << QStringLiteral("20");
        QTest::newRow("gateway 22 with HTTP 429")
            << 429 << mfdsFixture(QStringLiteral("gateway-error-22.xml")) << MfdsFailure::DailyLimit
            << QStringLiteral("22");
        QTest::newRow("http 500") << 500 << QByteArray("<html>Internal Server Error</html>")
                                  << MfdsFailure::Retryable << QString();
        QTest::newRow("http 503 empty") << 503 << QByteArray() << MfdsFailure::Retryable << QString();
        QTest::newRow("http 404") << 404 << QByteArray("not found") << MfdsFailure::Permanent << QString();
        QTest::newRow("truncated json") << 200 << halfOf(page) << MfdsFailure::Permanent << QString();
        QTest::newRow("malformed json")
            << 200 << QByteArray("{\"header\": {\"resultCode\": \"00\"}, \"body\": [")
            << MfdsFailure::Permanent << QString();
        QTest::newRow("no header") << 200 << QByteArray(R"({"body":{"items":[]}})") << MfdsFailure::Permanent
                                   << QString();
        QTest::newRow("short page") << 200
                                    << QByteArray(page).replace("\"totalCount\": 45053", "\"totalCount\": 4")
                                    << MfdsFailure::None << QStringLiteral("00");
        QTest::newRow("rows missing")
            << 200 << QByteArray(page).replace("\"numOfRows\": 3", "\"numOfRows\": 4")
            << MfdsFailure::Permanent << QString();
        QTest::newRow("row without ITEM_SEQ")
            << 200 << QByteArray(page).replace("\"ITEM_SEQ\": \"195500006\"", "\"ITEM_SEQ\": null")
            << MfdsFailure::Permanent << QString();
    }

    void classify()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(MfdsFailure, failure);
        QFETCH(QString, code);
        const MfdsFetch f = parseMfdsReply(MfdsService::Permits, status, body);
        QCOMPARE(f.failure, failure);
        if (!code.isEmpty())
            QCOMPARE(f.code, code);
        QCOMPARE(f.error.message.isEmpty(), failure == MfdsFailure::None);
    }

    void bundleNesting()
    {
        // items:[{"item":{…}}] (DrbBundleInfoService02 style) unwraps to rows; those lack ITEM_SEQ.
        const MfdsFetch f = parseMfdsReply(
            MfdsService::Permits, 200, mfdsFixture(QStringLiteral("bundle-information-response.json")));
        QCOMPARE(f.failure, MfdsFailure::Permanent);
        QVERIFY(f.error.detail.contains(QStringLiteral("ITEM_SEQ")));
    }

    void pageUrl_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("decoding key") << QStringLiteral("abc+def/gh==");
        QTest::newRow("encoding key") << QStringLiteral("abc%2Bdef%2Fgh%3D%3D");
    }

    void pageUrl()
    {
        QFETCH(QString, key);
        MfdsConfig config;
        config.serviceKey = key;
        auto http = makeCurlHttpClient();
        const MfdsClient client(config, *http);
        QCOMPARE(client.pageUrl(MfdsService::Permits, 7),
            QByteArray("https://apis.data.go.kr/1471000/DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnInq06"
                       "?serviceKey=abc%2Bdef%2Fgh%3D%3D&pageNo=7&numOfRows=100&type=json"));
        QVERIFY(
            client.pageUrl(MfdsService::EasyDrug, 1).contains("/DrbEasyDrugInfoService/getDrbEasyDrugList?"));
    }

    void redact_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::newRow("query value") << QStringLiteral("GET https://h/x?serviceKey=ZqX9%2BFake&pageNo=1")
                                     << QString();
        QTest::newRow("other case") << QStringLiteral("url ?SERVICEKEY=ZqX9+Fake") << QString();
        QTest::newRow("raw key in text") << QStringLiteral("bad key ZqX9+Fake/Key7719== refused") << kFakeKey;
        QTest::newRow("encoded key in text")
            << QStringLiteral("bad key ZqX9%2BFake%2FKey7719%3D%3D") << kFakeKey;
    }

    void redact()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        const QString out = redactServiceKey(text, secret);
        QVERIFY2(!out.contains(QStringLiteral("ZqX9"), Qt::CaseInsensitive), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("***")));
    }

    void configFromSettingsAndEnvironment()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[mfds]\nservice_key=from-settings\n");
        file.close();
        qunsetenv("PHARMDESK_MFDS_KEY");
        qputenv("PHARMDESK_MFDS_BASE_URL", "http://127.0.0.1:9/1471000/");
        MfdsConfig c = MfdsConfig::load(ini);
        QCOMPARE(c.serviceKey, QStringLiteral("from-settings"));
        QCOMPARE(c.baseUrl, QStringLiteral("http://127.0.0.1:9/1471000"));
        qputenv("PHARMDESK_MFDS_KEY", "from-env");
        qunsetenv("PHARMDESK_MFDS_BASE_URL");
        c = MfdsConfig::load(ini);
        QCOMPARE(c.serviceKey, QStringLiteral("from-env"));
        QCOMPARE(c.baseUrl, MfdsConfig::defaultBaseUrl());
        qunsetenv("PHARMDESK_MFDS_KEY");
    }

    void fetchOverHttp()
    {
        LocalHttpServer server([](const QString& path, const QUrlQuery& query) {
            ScriptedReply r;
            if (!path.endsWith(QStringLiteral("/getDrugPrdtPrmsnInq06"))
                || query.queryItemValue(QStringLiteral("type")) != QStringLiteral("json")
                || query.queryItemValue(QStringLiteral("numOfRows")) != QStringLiteral("100")) {
                r.status = 404;
                return r;
            }
            r.body = mfdsFixture(QStringLiteral("medi-products-list.json"));
            return r;
        });
        QVERIFY(server.start());
        auto http = makeCurlHttpClient();
        MfdsClient client(testConfig(server.baseUrl()), *http);
        const MfdsFetch f = client.fetchPage(MfdsService::Permits, 1);
        QVERIFY2(f.ok(), qPrintable(f.error.toString()));
        QCOMPARE(f.attempts, 1);
        QCOMPARE(f.page.permits.size(), 3);
        QCOMPARE(server.requests().size(), 1);
        // The key reaches the server percent-encoded exactly once.
        QVERIFY(server.requests().at(0).contains("serviceKey=ZqX9%2BFake%2FKey7719%3D%3D&"));
    }

    void failures_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<MfdsFailure>("failure");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<QString>("says"); // part of the message telling which failure it was

        const QByteArray page = mfdsFixture(QStringLiteral("medi-products-list.json"));
        // maxRetries = 2: retryable failures are tried 3 times.
        QTest::newRow("json envelope")
            << Mode::Normal << 200 << mfdsFixture(QStringLiteral("default-error-response.json"))
            << MfdsFailure::Permanent << 1 << QStringLiteral("code 11");
        QTest::newRow("gateway 22") << Mode::Normal << 200
                                    << mfdsFixture(QStringLiteral("gateway-error-22.xml"))
                                    << MfdsFailure::DailyLimit << 1 << QStringLiteral("daily request limit");
        QTest::newRow("gateway 30") << Mode::Normal << 200
                                    << mfdsFixture(QStringLiteral("gateway-error-30.xml"))
                                    << MfdsFailure::KeyNotRegistered << 1 << QStringLiteral("not registered");
        QTest::newRow("gateway 20") << Mode::Normal << 200
                                    << mfdsFixture(QStringLiteral("gateway-error-20.xml"))
                                    << MfdsFailure::Retryable << 3 << QStringLiteral("code 20");
        QTest::newRow("http 500") << Mode::Normal << 500 << QByteArray("oops") << MfdsFailure::Retryable << 3
                                  << QStringLiteral("HTTP 500");
        QTest::newRow("slow") << Mode::Slow << 200 << page << MfdsFailure::Retryable << 3
                              << QStringLiteral("did not answer in time");
        QTest::newRow("truncated transfer")
            << Mode::Truncated << 200 << page << MfdsFailure::Retryable << 3 << QStringLiteral("cut off");
        QTest::newRow("truncated body") << Mode::Normal << 200 << halfOf(page) << MfdsFailure::Permanent << 1
                                        << QStringLiteral("malformed");
        QTest::newRow("malformed json") << Mode::Normal << 200 << QByteArray("{\"header\":")
                                        << MfdsFailure::Permanent << 1 << QStringLiteral("malformed");
        QTest::newRow("connection reset")
            << Mode::Reset << 200 << page << MfdsFailure::Retryable << 3 << QStringLiteral("reset");
    }

    void failures()
    {
        QFETCH(Mode, mode);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(MfdsFailure, failure);
        QFETCH(int, attempts);
        QFETCH(QString, says);
        LocalHttpServer server([=](const QString&, const QUrlQuery&) {
            return ScriptedReply { mode, status, body, QByteArrayLiteral("application/json"), 1500 };
        });
        QVERIFY(server.start());
        auto http = makeCurlHttpClient();
        MfdsClient client(testConfig(server.baseUrl()), *http);
        QElapsedTimer timer;
        timer.start();
        const MfdsFetch f = client.fetchPage(MfdsService::Permits, 1);
        QCOMPARE(f.failure, failure);
        QCOMPARE(f.attempts, attempts);
        QCOMPARE(int(server.requests().size()), attempts);
        QVERIFY(timer.elapsed() < 6000);
        QVERIFY2(f.error.message.contains(says), qPrintable(f.error.toString()));
        const QString all = f.error.message + u' ' + f.error.detail;
        for (const QString& leak : { kFakeKey, QStringLiteral("ZqX9"), QStringLiteral("Key7719") })
            QVERIFY2(!all.contains(leak, Qt::CaseInsensitive), qPrintable(all));
        if (failure == MfdsFailure::Retryable)
            QVERIFY2(
                f.error.message.contains(QStringLiteral("after 3 attempts")), qPrintable(f.error.message));
    }

    void retryThenSuccess()
    {
        std::atomic_int calls { 0 };
        LocalHttpServer server([&calls](const QString&, const QUrlQuery&) {
            ScriptedReply r;
            if (++calls <= 2) {
                r.status = 503;
                r.body = "busy";
            } else {
                r.body = mfdsFixture(QStringLiteral("medi-products-list.json"));
            }
            return r;
        });
        QVERIFY(server.start());
        auto http = makeCurlHttpClient();
        MfdsConfig config = testConfig(server.baseUrl());
        config.backoffBaseMs = 40;
        MfdsClient client(config, *http);
        QElapsedTimer timer;
        timer.start();
        const MfdsFetch f = client.fetchPage(MfdsService::Permits, 1);
        QVERIFY2(f.ok(), qPrintable(f.error.toString()));
        QCOMPARE(f.attempts, 3);
        QVERIFY(timer.elapsed() >= 40 + 80); // backoff doubled between the retries
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            LocalHttpServer server([](const QString&, const QUrlQuery&) { return ScriptedReply {}; });
            QVERIFY(server.start());
            port = server.port();
        }
        auto http = makeCurlHttpClient();
        MfdsConfig config = testConfig(QStringLiteral("http://127.0.0.1:%1/1471000").arg(port));
        config.maxRetries = 1;
        MfdsClient client(config, *http);
        const MfdsFetch f = client.fetchPage(MfdsService::Permits, 1);
        QCOMPARE(f.failure, MfdsFailure::Retryable);
        QCOMPARE(f.attempts, 2);
        QCOMPARE(f.error.category, pharmdesk::core::ErrorCategory::Network);
        QVERIFY(f.error.detail.contains(QStringLiteral("serviceKey=***")));
        QVERIFY(!f.error.detail.contains(QStringLiteral("ZqX9")));
    }

    void tlsCertificateVerified()
    {
        LocalHttpServer server([](const QString&, const QUrlQuery&) {
            ScriptedReply r;
            r.body = mfdsFixture(QStringLiteral("medi-products-list.json"));
            return r;
        });
        server.setTls(mfdsFixture(QStringLiteral("tls-selfsigned-127.0.0.1.crt")),
            mfdsFixture(QStringLiteral("tls-selfsigned-127.0.0.1.key")));
        QVERIFY(server.start());
        auto http = makeCurlHttpClient();
        const QString base = server.baseUrl().replace(QStringLiteral("http://"), QStringLiteral("https://"));
        MfdsClient client(testConfig(base), *http);
        const MfdsFetch f = client.fetchPage(MfdsService::Permits, 1);
        // A self-signed certificate is refused, at once (no retries), and no request got through.
        QCOMPARE(f.failure, MfdsFailure::Permanent);
        QCOMPARE(f.attempts, 1);
        QVERIFY2(f.error.message.contains(QStringLiteral("certificate")), qPrintable(f.error.toString()));
        QVERIFY(server.requests().isEmpty());
        // curl's own reason: verification refused the certificate (not a broken handshake).
        QVERIFY2(f.error.detail.contains(QStringLiteral("certificate problem")), qPrintable(f.error.detail));
        QVERIFY(!f.error.detail.contains(QStringLiteral("ZqX9")));
    }

    void missingKey()
    {
        auto http = makeCurlHttpClient();
        MfdsConfig config = testConfig(QStringLiteral("http://127.0.0.1:9/1471000"));
        config.serviceKey.clear();
        MfdsClient client(config, *http);
        const MfdsFetch f = client.fetchPage(MfdsService::Permits, 1);
        QCOMPARE(f.failure, MfdsFailure::KeyNotRegistered);
        QCOMPARE(f.attempts, 0);
    }
};

QTEST_GUILESS_MAIN(TestMfdsClient)
#include "test_mfdsclient.moc"
