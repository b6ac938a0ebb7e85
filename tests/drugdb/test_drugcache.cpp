// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCache.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;

namespace {

// Runs one scalar query on the cache file through its own connection.
QVariant scalar(const QString& path, const QString& sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-scalar"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-scalar"));
    return value;
}

} // namespace

class TestDrugCache : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<const DrugCache> m_cache;
    QList<testing::CsvRow> m_rows;

    QString cachePath() const { return m_dir.filePath(QStringLiteral("drugs.sqlite")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cache = testing::openFreshCache(m_dir);
        QVERIFY(m_cache);
        m_rows = testing::shippedRows();
        QCOMPARE(m_rows.size(), 44293);
    }

    void countsAndProvenance()
    {
        const CacheStats s = m_cache->stats();
        QCOMPARE(s.products, 44293);
        QCOMPARE(m_cache->productCount(), 44293);
        QCOMPARE(s.productsWithCode, 20673);
        QCOMPARE(s.ediCodes, 21959);
        QCOMPARE(s.guideTexts, 490);
        QCOMPARE(s.schemaVersion, 3);
        QVERIFY(s.dur.isEmpty());  // no DUR data ships: the checks say so
        QCOMPARE(s.pills, 0);
        QCOMPARE(s.permitDetails, 0);
        QCOMPARE(s.source, QStringLiteral("embedded:2025-11-27"));
        QVERIFY(s.builtAt.isValid());
        QVERIFY(s.buildMs > 0);  // first open built the file
        QVERIFY(s.openMs >= s.buildMs);
    }

    // Every shipped row comes back with its name, permit number and codes, in order, as text.
    void everyRowRoundTrips()
    {
        const QList<core::Product>& products = m_cache->products();
        QCOMPARE(products.size(), m_rows.size());
        int severalCodes = 0;
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const core::Product& p = products.at(i);
            QCOMPARE(p.id, qint64(i + 1));
            QCOMPARE(p.name, m_rows.at(i).name);
            QCOMPARE(p.permitNumber, m_rows.at(i).permit);
            QCOMPARE(p.ediCodes, m_rows.at(i).codes);
            severalCodes += p.ediCodes.size() > 1 ? 1 : 0;
        }
        QCOMPARE(severalCodes, 836);
    }

    void codesWithLeadingZeros()
    {
        int checked = 0;
        for (const testing::CsvRow& row : std::as_const(m_rows)) {
            for (const QString& code : row.codes) {
                if (!code.startsWith(u'0'))
                    continue;
                const auto product = m_cache->productByCode(code);
                QVERIFY2(product, qPrintable(code));
                QCOMPARE(product->name, row.name);
                QVERIFY(product->ediCodes.contains(code));
                ++checked;
            }
        }
        QCOMPARE(checked, 1182);
        // The number without its zero is another (absent) code.
        QVERIFY(!m_cache->productByCode(QStringLiteral("59000340")));
    }

    void codeLookup_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("found");
        QTest::newRow("first code of a multi-code product") << "644902232" << true;
        QTest::newRow("last code of a multi-code product") << "644902272" << true;
        QTest::newRow("leading zero") << "059000340" << true;
        QTest::newRow("surrounding spaces") << " 644902232 " << true;
        QTest::newRow("unknown code") << "999999999" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("prefix only") << "6449022" << false;
    }
    void codeLookup()
    {
        QFETCH(QString, code);
        QFETCH(bool, found);
        const auto product = m_cache->productByCode(code);
        QCOMPARE(bool(product), found);
        if (found) {
            QVERIFY(product->ediCodes.contains(code.trimmed()));
            QCOMPARE(m_cache->productById(product->id), product);
        }
    }

    void derivedColumns_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("form");
        QTest::addColumn<QString>("ingredients");
        QTest::newRow("tablet with ingredient") << "657301000" << "정" << "파모티딘";
        QTest::newRow("eye drops") << "683101271" << "점안액" << "토브라마이신";
        QTest::newRow("injection") << "650901881" << "주" << "그라니세트론염산염";
        QTest::newRow("strength after the form, no ingredient") << "059000340" << "정" << "";
    }
    void derivedColumns()
    {
        QFETCH(QString, code);
        QFETCH(QString, form);
        QFETCH(QString, ingredients);
        const auto product = m_cache->productByCode(code);
        QVERIFY(product);
        QCOMPARE(product->form, form);
        QCOMPARE(product->ingredients, ingredients);
    }

    // e약은요 texts are linked by name: a linked product carries the text's ITEM_SEQ.
    void guidesLinkedByName()
    {
        int linked = 0;
        for (const core::Product& p : m_cache->products()) {
            if (!p.hasGuide)
                continue;
            ++linked;
            const auto guide = m_cache->guideFor(p);
            QVERIFY(guide);
            QCOMPARE(guide->itemSeq, p.itemSeq);
            QVERIFY(!guide->isEmpty());
            QCOMPARE(names::normalize(guide->itemName, names::BracketContent::Drop),
                     names::normalize(p.name, names::BracketContent::Drop));
            QVERIFY(!m_cache->productsByItemSeq(p.itemSeq).isEmpty());
        }
        QVERIFY2(linked >= 480, qPrintable(QString::number(linked)));
        core::Product unknown;
        unknown.name = QStringLiteral("없는약정");
        QVERIFY(!m_cache->guideFor(unknown));
    }

    void sqliteFile()
    {
        QCOMPARE(scalar(cachePath(), QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 3);
        QCOMPARE(scalar(cachePath(), QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(cachePath(), QStringLiteral("SELECT COUNT(*) FROM products")).toInt(), 44293);
        QCOMPARE(scalar(cachePath(), QStringLiteral("SELECT typeof(code) FROM product_codes LIMIT 1")).toString(),
                 QStringLiteral("text"));
        QCOMPARE(scalar(cachePath(), QStringLiteral("SELECT value FROM meta WHERE key = 'source'")).toString(),
                 QStringLiteral("embedded:2025-11-27"));
        // The trigram index answers substring queries.
        const QString hit = scalar(cachePath(), QStringLiteral("SELECT p.name FROM products_fts f JOIN products p ON "
                                                               "p.id = f.rowid WHERE products_fts MATCH '\"레놀정500\"'"))
                                .toString();
        QVERIFY2(hit.contains(QStringLiteral("레놀정500")), qPrintable(hit));
        // No temp file of the build is left behind.
        const QStringList left = QDir(m_dir.path()).entryList(QStringList { QStringLiteral("*.tmp") },
                                                              QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
    }

    void reopenDoesNotRebuild()
    {
        auto again = DrugCache::open(cachePath());
        QVERIFY(again);
        QCOMPARE((*again)->stats().buildMs, 0.0);
        QCOMPARE((*again)->productCount(), 44293);
        QCOMPARE((*again)->stats().builtAt, m_cache->stats().builtAt);
    }

    void olderOrForeignFileIsRebuilt_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not a database") << QByteArray("this is not sqlite");
        QTest::newRow("empty file") << QByteArray();
    }
    void olderOrForeignFileIsRebuilt()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drugs.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        auto cache = DrugCache::open(path);
        QVERIFY2(cache, cache ? "" : qPrintable(cache.error().toString()));
        QVERIFY((*cache)->stats().buildMs > 0);
        QCOMPARE((*cache)->productCount(), 44293);
    }

    // A file without a recorded version cannot be migrated: it is rebuilt (v1→v2 migrations that keep
    // the rows are in test_cachemigration).
    void unversionedFileIsRebuilt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drugs.sqlite"));
        QVERIFY(buildEmbeddedCache(path));
        scalar(path, QStringLiteral("UPDATE schema_version SET version = 0"));
        QCOMPARE(scalar(path, QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 0);
        auto cache = DrugCache::open(path);
        QVERIFY(cache);
        QVERIFY((*cache)->stats().buildMs > 0);
        QCOMPARE((*cache)->stats().schemaVersion, 3);
    }

    // The build stores the name index; it is used while the product names are those it was built
    // from, and rebuilt (and stored again) when they change or it is damaged.
    void storedNameIndex()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drugs.sqlite"));
        QVERIFY(buildEmbeddedCache(path));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM matcher_index WHERE length(data) > 0")).toInt(), 1);
        const QByteArray built = scalar(path, QStringLiteral("SELECT fingerprint FROM matcher_index")).toByteArray();
        QVERIFY(!built.isEmpty());
        {
            auto cache = DrugCache::open(path);
            QVERIFY(cache);
            QCOMPARE((*cache)->matchName(QStringLiteral("타이레놀정500mg"), 1).value(0).score, 1.0);
        }
        QCOMPARE(scalar(path, QStringLiteral("SELECT fingerprint FROM matcher_index")).toByteArray(), built);

        // A product renamed behind the index's back (as a download does): the stored index is stale.
        const QString renamed = QStringLiteral("가상의테스트정77밀리그램");
        scalar(path, QStringLiteral("UPDATE products SET name = '%1' WHERE id = (SELECT MIN(id) FROM products)").arg(renamed));
        {
            auto cache = DrugCache::open(path);
            QVERIFY(cache);
            const QList<core::ProductMatch> hits = (*cache)->matchName(QStringLiteral("가상의테스트정77mg"), 1);
            QCOMPARE(hits.size(), 1);
            QCOMPARE(hits.first().product.name, renamed);
            QCOMPARE(hits.first().score, 1.0);
        }
        const QByteArray rebuilt = scalar(path, QStringLiteral("SELECT fingerprint FROM matcher_index")).toByteArray();
        QVERIFY(!rebuilt.isEmpty());
        QVERIFY(rebuilt != built);

        // A damaged index is ignored and replaced.
        scalar(path, QStringLiteral("UPDATE matcher_index SET data = x'504d44490400000001'"));
        {
            auto cache = DrugCache::open(path);
            QVERIFY(cache);
            QCOMPARE((*cache)->matchName(QStringLiteral("가상의테스트정77mg"), 1).value(0).product.name, renamed);
        }
        QVERIFY(scalar(path, QStringLiteral("SELECT length(data) FROM matcher_index")).toInt() > 1000);
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drugs.sqlite"));
        QVERIFY(buildEmbeddedCache(path));
        scalar(path, QStringLiteral("UPDATE schema_version SET version = 99"));
        auto cache = DrugCache::open(path);
        QVERIFY(!cache);
        QCOMPARE(cache.error().category, core::ErrorCategory::Database);
    }
};

QTEST_GUILESS_MAIN(TestDrugCache)
#include "test_drugcache.moc"
