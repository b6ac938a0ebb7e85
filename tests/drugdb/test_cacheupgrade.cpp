// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations keep downloaded data; `drugs import` of recorded MFDS dumps, all or nothing.
#include "TestCache.h"
#include "pharmdesk/drugdb/MfdsImport.h"
#include "pharmdesk/drugdb/MfdsSync.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;

namespace {

// Runs statements on `path` through a connection of its own; the last statement's first value.
QVariant sql(const QString& path, const QStringList& statements)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-sql"));
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery q(db);
        for (const QString& s : statements) {
            if (!q.exec(s))
                qFatal("%s: %s", qPrintable(s), qPrintable(q.lastError().text()));
        }
        if (q.isSelect() && q.next())
            result = q.value(0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-sql"));
    return result;
}

QVariant scalar(const QString& path, const QString& statement)
{
    return sql(path, { statement });
}

// A cache file as PharmDesk with schema 1 wrote it (the statements of that release), holding rows
// downloaded from MFDS. `syncTables`: the first download had added mfds_sync and guide source dates.
QStringList schema1(bool syncTables, const QString& source)
{
    QStringList s = {
        QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE products (id INTEGER PRIMARY KEY, item_seq TEXT, name TEXT NOT NULL, company TEXT, "
                       "permit_no TEXT, ingredients TEXT, form TEXT, source_date TEXT)"),
        QStringLiteral("CREATE INDEX products_item_seq ON products(item_seq)"),
        QStringLiteral("CREATE TABLE product_codes (code TEXT NOT NULL, product_id INTEGER NOT NULL REFERENCES "
                       "products(id), UNIQUE (code, product_id))"),
        QStringLiteral("CREATE INDEX product_codes_product ON product_codes(product_id)"),
        QStringLiteral("CREATE TABLE guide_texts (item_seq TEXT PRIMARY KEY, item_name TEXT NOT NULL, efficacy TEXT, "
                       "usage TEXT, caution TEXT, interaction TEXT, side_effects TEXT, storage TEXT)"),
        QStringLiteral("CREATE VIRTUAL TABLE products_fts USING fts5(name, content='products', content_rowid='id', "
                       "tokenize='trigram')"),
        QStringLiteral("INSERT INTO schema_version VALUES (1)"),
        QStringLiteral("INSERT INTO meta VALUES ('source', '%1'), ('build_identity', 'an older release'), "
                       "('built_at', '2026-10-01T09:00:00.000')")
            .arg(source),
        QStringLiteral("INSERT INTO products VALUES (1, '200808876', '타이레놀정500밀리그람(아세트아미노펜)', "
                       "'한국얀센', '60', '아세트아미노펜', '정', '2026-10-01')"),
        QStringLiteral("INSERT INTO products VALUES (2, '202106092', '타이레놀8시간이알서방정(아세트아미노펜)', "
                       "'한국얀센', '61', '아세트아미노펜', '서방정', '2026-10-01')"),
        QStringLiteral("INSERT INTO products_fts(rowid, name) SELECT id, name FROM products"),
        QStringLiteral("INSERT INTO product_codes VALUES ('073400330', 1), ('645301220', 1)"),
        QStringLiteral("INSERT INTO guide_texts VALUES ('200808876', '타이레놀정500밀리그람(아세트아미노펜)', "
                       "'해열 진통', '1회 1정', NULL, NULL, NULL, '실온 보관')"),
    };
    if (syncTables) {
        s += {
            QStringLiteral("CREATE TABLE mfds_sync (service TEXT PRIMARY KEY, next_page INTEGER NOT NULL, total_count "
                           "INTEGER NOT NULL, started TEXT NOT NULL, completed_total INTEGER NOT NULL DEFAULT 0, "
                           "completed_started TEXT)"),
            QStringLiteral("INSERT INTO mfds_sync VALUES ('permits', 0, 2, '2026-10-01', 2, '2026-10-01')"),
            QStringLiteral("ALTER TABLE guide_texts ADD COLUMN source_date TEXT"),
            QStringLiteral("UPDATE guide_texts SET source_date = '2026-10-01'"),
        };
    }
    return s;
}

} // namespace

class TestCacheUpgrade : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_built;  // an embedded build, copied for each import test

    QString freshCopy(const QString& name) const
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_built, path))
            qFatal("copy failed");
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_built = m_dir.filePath(QStringLiteral("built.sqlite"));
        QVERIFY(buildEmbeddedCache(m_built));
    }

    void schema1IsMigrated_data()
    {
        QTest::addColumn<bool>("syncTables");
        QTest::newRow("after a download (sync tables present)") << true;
        QTest::newRow("without sync tables") << false;
    }
    void schema1IsMigrated()
    {
        QFETCH(bool, syncTables);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drugs.sqlite"));
        sql(path, schema1(syncTables, QStringLiteral("mfds:2026-10-01")));
        auto cache = DrugCache::open(path);
        QVERIFY2(cache, cache ? "" : qPrintable(cache.error().toString()));
        const CacheStats s = (*cache)->stats();
        QCOMPARE(s.schemaVersion, 3);
        QVERIFY(s.buildMs > 0);  // the migration ran
        // Every downloaded row kept, nothing rebuilt from the embedded data.
        QCOMPARE((*cache)->productCount(), 2);
        QCOMPARE(s.source, QStringLiteral("mfds:2026-10-01"));
        QCOMPARE((*cache)->productByCode(QStringLiteral("073400330"))->itemSeq, QStringLiteral("200808876"));
        QCOMPARE((*cache)->products().at(1).name, QStringLiteral("타이레놀8시간이알서방정(아세트아미노펜)"));
        QVERIFY((*cache)->guideFor((*cache)->products().first()));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM schema_version WHERE version IN (1, 3)")).toInt(), 2);
        // The new tables are there and empty; DUR is not loaded.
        for (const char* table : { "dur_rules", "dur_sources", "pills", "pill_images", "product_details" })
            QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toInt(), 0);
        QVERIFY(s.dur.isEmpty());
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('guide_texts') "
                                             "WHERE name = 'source_date'"))
                     .toInt(),
                 1);
        // The download checkpoint survives: the next run stays incremental.
        auto cp = MfdsSync::checkpoint(path, MfdsService::Permits);
        QVERIFY(cp);
        QCOMPARE(cp->has_value(), syncTables);
        if (syncTables)
            QCOMPARE((*cp)->completedTotal, 2);
        // The trigram index still answers.
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH '\"서방정\"'")).toInt(), 1);
        // The name index of the migrated products was built once and stored for the next open.
        QCOMPARE((*cache)->matchName(QStringLiteral("타이레놀8시간이알서방정"), 1).size(), 1);
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM matcher_index")).toInt(), 1);
        // Opening again neither migrates nor rebuilds.
        auto again = DrugCache::open(path);
        QVERIFY(again);
        QCOMPARE((*again)->stats().buildMs, 0.0);
        QCOMPARE((*again)->productCount(), 2);
        QCOMPARE((*again)->matchName(QStringLiteral("타이레놀8시간이알서방정"), 1).value(0).product.name,
                 QStringLiteral("타이레놀8시간이알서방정(아세트아미노펜)"));
    }

    // An embedded build of an older release holds nothing downloaded: it is rebuilt with this release's data.
    void staleEmbeddedSchema1IsRebuilt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drugs.sqlite"));
        sql(path, schema1(false, QStringLiteral("embedded:2024-01-01")));
        auto cache = DrugCache::open(path);
        QVERIFY(cache);
        QCOMPARE((*cache)->productCount(), 44293);
        QCOMPARE((*cache)->stats().schemaVersion, 3);
    }

    void importRecordedDumps_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("check");  // a query whose answer must be 1 after the import
        QTest::newRow("병용금기") << QStringLiteral("dur-concomittant-use-contrainedication-response.json")
                              << QStringLiteral("dur-combination")
                              << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE kind = 'combination_contraindicated' "
                                                "AND ingr_code = 'D000256' AND partner_ingr_code = 'D000713'");
        QTest::newRow("임부금기") << QStringLiteral("dur-pregnancy-contrainedication-response.json")
                              << QStringLiteral("dur-pregnancy")
                              << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE ingr_name = '덱사메타손'");
        QTest::newRow("노인주의") << QStringLiteral("dur-elderly-precautions-response.json") << QStringLiteral("dur-elderly")
                              << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE kind = 'elderly_caution'");
        // The recorded "age" file holds a 노인주의 row; its TYPE_NAME decides.
        QTest::newRow("노인주의 in the age file") << QStringLiteral("dur-age-specific-contraindications-response.json")
                                              << QStringLiteral("dur-elderly")
                                              << QStringLiteral("SELECT COUNT(*) FROM dur_sources WHERE kind = 'elderly_caution'");
        QTest::newRow("용량주의") << QStringLiteral("dur-dos-precaution-response.json") << QStringLiteral("dur-dose")
                              << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE content = '클로르페니라민말레산염 24mg'");
        QTest::newRow("투여기간주의") << QStringLiteral("dur-duation-of-use-precautions-response.json")
                                << QStringLiteral("dur-duration")
                                << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE kind = 'max_duration'");
        QTest::newRow("효능군중복") << QStringLiteral("dur-therapeutic-duplication-response.json")
                               << QStringLiteral("dur-therapeutic")
                               << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE effect_name = '해열진통소염제'");
        QTest::newRow("분할주의") << QStringLiteral("dur-splitting-precaution-response.json") << QStringLiteral("dur-split")
                              << QStringLiteral("SELECT COUNT(*) FROM dur_rules WHERE item_name = '키모랄에스정'");
        QTest::newRow("낱알식별") << QStringLiteral("drug-pill-identification-response.json") << QStringLiteral("pills")
                              << QStringLiteral("SELECT COUNT(*) FROM pills WHERE edi_code = '645901100' AND shape = '원형' "
                                                "AND color1 = '노랑' AND mark_front = 'ㄷㄱ,C7,9,6'");
        QTest::newRow("허가 상세") << QStringLiteral("single-medi-product-details.json") << QStringLiteral("details")
                               << QStringLiteral("SELECT COUNT(*) FROM product_details WHERE atc_code = 'B05BB02' "
                                                 "AND storage = '밀봉용기' AND nb_doc LIKE '<DOC%'");
        QTest::newRow("허가 목록") << QStringLiteral("medi-products-list.json") << QStringLiteral("permits")
                               << QStringLiteral("SELECT COUNT(*) FROM products WHERE item_seq = '195500005'");
    }
    void importRecordedDumps()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, service);
        QFETCH(QString, check);
        const QString path = freshCopy(QStringLiteral("import.sqlite"));
        auto report = importMfdsFile(path, QStringLiteral(PHARMDESK_TEST_DATA_DIR "/mfds/") + fixture);
        QVERIFY2(report, report ? "" : qPrintable(report.error().toString()));
        QCOMPARE(report->services.size(), 1);
        QCOMPARE(mfdsServiceName(report->services.first()), service);
        QVERIFY(report->rows >= 1);
        QCOMPARE(scalar(path, check).toInt(), 1);
        QVERIFY(scalar(path, QStringLiteral("SELECT value FROM meta WHERE key = 'source'")).toString().startsWith(
            QStringLiteral("import:")));
        // A DUR kind counts as loaded; other services do not touch dur_sources.
        const int loaded = scalar(path, QStringLiteral("SELECT COUNT(*) FROM dur_sources WHERE origin = 'import'")).toInt();
        QCOMPARE(loaded, service.startsWith(QStringLiteral("dur-")) ? 1 : 0);
        // Importing the same dump again replaces rows instead of adding them.
        const int rows = scalar(path, QStringLiteral("SELECT (SELECT COUNT(*) FROM dur_rules) + (SELECT COUNT(*) FROM pills) + "
                                                     "(SELECT COUNT(*) FROM product_details) + (SELECT COUNT(*) FROM products)"))
                             .toInt();
        QVERIFY(importMfdsFile(path, QStringLiteral(PHARMDESK_TEST_DATA_DIR "/mfds/") + fixture));
        QCOMPARE(scalar(path, QStringLiteral("SELECT (SELECT COUNT(*) FROM dur_rules) + (SELECT COUNT(*) FROM pills) + "
                                             "(SELECT COUNT(*) FROM product_details) + (SELECT COUNT(*) FROM products)"))
                     .toInt(),
                 rows);
    }

    void importCsv()
    {
        const QString path = freshCopy(QStringLiteral("csv.sqlite"));
        const QString csv = m_dir.filePath(QStringLiteral("dur.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // A BOM, quoted fields with a comma, a doubled quote and a line break.
        f.write("\xEF\xBB\xBFTYPE_NAME,INGR_CODE,INGR_NAME,ITEM_SEQ,ITEM_NAME,PROHBT_CONTENT\r\n"
                "임부금기,D000199,덱사메타손,196300064,부광덱사메타손정,\"기형발생, \"\"보고\"\"\n태아 성장지체\"\r\n"
                "노인주의,D000893,클로르페니라민,196000010,페니라민주사(클로르페니라민말레산염),\r\n");
        f.close();
        auto report = importMfdsFile(path, csv);
        QVERIFY2(report, report ? "" : qPrintable(report.error().toString()));
        QCOMPARE(report->rows, 2);
        QCOMPARE(report->services, (QList<MfdsService> { MfdsService::DurPregnancy, MfdsService::DurElderly }));
        QCOMPARE(scalar(path, QStringLiteral("SELECT content FROM dur_rules WHERE kind = 'pregnancy_contraindicated'")).toString(),
                 QStringLiteral("기형발생, \"보고\"\n태아 성장지체"));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM dur_sources")).toInt(), 2);
    }

    void badDumpChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("detail");
        QTest::newRow("second row without codes")
            << QByteArray(R"([{"TYPE_NAME":"임부금기","INGR_CODE":"D000199","ITEM_SEQ":"196300064","ITEM_NAME":"x"},)"
                          R"({"TYPE_NAME":"임부금기","ITEM_NAME":"y"}])")
            << QStringLiteral("row 2");
        QTest::newRow("unknown columns") << QByteArray(R"([{"A":"1"}])") << QStringLiteral("row 1");
        QTest::newRow("truncated json") << QByteArray("{\"header\":{\"resultCode\":\"00\"},\"body\":{\"items\":[{\"TYPE")
                                        << QStringLiteral("JSON");
        QTest::newRow("csv record of the wrong width") << QByteArray("TYPE_NAME,INGR_CODE\n임부금기,D000199,extra\n")
                                                       << QStringLiteral("record 2");
        QTest::newRow("combination without partner")
            << QByteArray(R"([{"TYPE_NAME":"병용금기","INGR_CODE":"D000256","ITEM_SEQ":"200704461"}])") << QStringLiteral("MIXTURE");
    }
    void badDumpChangesNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, detail);
        const QString path = freshCopy(QStringLiteral("bad.sqlite"));
        const QString dump = m_dir.filePath(QStringLiteral("bad.json"));
        QFile f(dump);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        auto report = importMfdsFile(path, dump);
        QVERIFY(!report);
        QCOMPARE(report.error().category, core::ErrorCategory::Input);
        QVERIFY2(report.error().detail.contains(detail), qPrintable(report.error().detail));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM dur_rules")).toInt(), 0);
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM dur_sources")).toInt(), 0);
        QVERIFY(scalar(path, QStringLiteral("SELECT value FROM meta WHERE key = 'source'")).toString().startsWith(
            QStringLiteral("embedded:")));
    }
};

QTEST_GUILESS_MAIN(TestCacheUpgrade)
#include "test_cacheupgrade.moc"
