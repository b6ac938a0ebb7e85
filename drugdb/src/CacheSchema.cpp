// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheSchema.h"

#include "EmbeddedData.h"
#include "SqlConnection.h"
#include "pharmdesk/drugdb/DrugCache.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>

namespace pharmdesk::drugdb::detail {

namespace {

struct ColumnAddition
{
    const char* table;
    const char* column;
    const char* type;
};

// Columns a version adds to tables of an earlier one. guide_texts.source_date was added on the fly
// by the MFDS sync of schema 1, so it may be there already.
QList<ColumnAddition> columnsOf(int version)
{
    if (version == 2)
        return { { "guide_texts", "source_date", "TEXT" } };
    return {};
}

bool hasColumn(SqlConnection& c, const QString& table, const QString& column)
{
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return false;
    while (q.next()) {
        if (q.value(1).toString() == column)
            return true;
    }
    return false;
}

// True when the file was built from embedded data other than this program's (an older release):
// such a cache is stale and rebuilt. Caches holding downloaded or imported data are kept.
bool staleEmbeddedBuild(SqlConnection& c)
{
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('source', 'build_identity')")))
        return true;
    QString source;
    QString identity;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("source"))
            source = q.value(1).toString();
        else
            identity = q.value(1).toString();
    }
    return source.startsWith(QLatin1String("embedded:")) && identity != embeddedBuildIdentity();
}

} // namespace

QStringList migrationTo(int version)
{
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE products ("
                           " id INTEGER PRIMARY KEY,"
                           " item_seq TEXT,"
                           " name TEXT NOT NULL,"
                           " company TEXT,"
                           " permit_no TEXT,"
                           " ingredients TEXT,"
                           " form TEXT,"
                           " source_date TEXT)"),
            QStringLiteral("CREATE INDEX products_item_seq ON products(item_seq)"),
            // Codes are TEXT: 1,182 of them start with 0.
            QStringLiteral("CREATE TABLE product_codes ("
                           " code TEXT NOT NULL,"
                           " product_id INTEGER NOT NULL REFERENCES products(id),"
                           " UNIQUE (code, product_id))"),
            QStringLiteral("CREATE INDEX product_codes_product ON product_codes(product_id)"),
            QStringLiteral("CREATE TABLE guide_texts ("
                           " item_seq TEXT PRIMARY KEY,"
                           " item_name TEXT NOT NULL,"
                           " efficacy TEXT,"
                           " usage TEXT,"
                           " caution TEXT,"
                           " interaction TEXT,"
                           " side_effects TEXT,"
                           " storage TEXT)"),
            // Substring search on names for tools reading the file; the program searches in memory.
            QStringLiteral("CREATE VIRTUAL TABLE products_fts USING fts5("
                           "name, content='products', content_rowid='id', tokenize='trigram')"),
        };
    case 2:
        return {
            // Download checkpoints (schema 1 created them on the first download).
            QStringLiteral("CREATE TABLE IF NOT EXISTS mfds_sync ("
                           " service TEXT PRIMARY KEY,"
                           " next_page INTEGER NOT NULL,"
                           " total_count INTEGER NOT NULL,"
                           " started TEXT NOT NULL,"
                           " completed_total INTEGER NOT NULL DEFAULT 0,"
                           " completed_started TEXT)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS products_name ON products(name)"),
            // 품목허가 상세 (getDrugPrdtPrmsnDtlInq05), by ITEM_SEQ.
            QStringLiteral("CREATE TABLE IF NOT EXISTS product_details ("
                           " item_seq TEXT PRIMARY KEY,"
                           " item_name TEXT NOT NULL,"
                           " material TEXT,"          // MATERIAL_NAME: ingredients with amounts
                           " main_ingredients TEXT,"  // MAIN_ITEM_INGR "[M040702]포도당|…"
                           " storage TEXT,"
                           " valid_term TEXT,"
                           " atc_code TEXT,"
                           " etc_otc TEXT,"
                           " ee_doc TEXT,"            // 효능효과 / 용법용량 / 사용상의주의사항 (XML as published)
                           " ud_doc TEXT,"
                           " nb_doc TEXT,"
                           " source_date TEXT)"),
            // DUR rules (DURPrdlstInfoService03), one row per published row. `kind` is the
            // DurAlert kind name; row_key identifies the row within its kind (re-downloads replace).
            QStringLiteral("CREATE TABLE IF NOT EXISTS dur_rules ("
                           " kind TEXT NOT NULL,"
                           " row_key TEXT NOT NULL,"
                           " item_seq TEXT,"
                           " item_name TEXT,"
                           " ingr_code TEXT,"
                           " ingr_name TEXT,"
                           " partner_item_seq TEXT,"
                           " partner_item_name TEXT,"
                           " partner_ingr_code TEXT,"
                           " partner_ingr_name TEXT,"
                           " content TEXT,"
                           " remark TEXT,"
                           " effect_name TEXT,"
                           " series_name TEXT,"
                           " limit_value TEXT,"
                           " form_name TEXT,"
                           " notified TEXT,"
                           " source_date TEXT,"
                           " PRIMARY KEY (kind, row_key))"),
            // Kinds of DUR data present: set when a download completes or a dump is imported. A kind
            // without a row here was never loaded and its checks report RulesUnavailable.
            QStringLiteral("CREATE TABLE IF NOT EXISTS dur_sources ("
                           " kind TEXT PRIMARY KEY,"
                           " source_date TEXT NOT NULL,"
                           " origin TEXT NOT NULL,"
                           " rows INTEGER NOT NULL)"),
            // 낱알식별 (MdcinGrnIdntfcInfoService02), by ITEM_SEQ; images cached separately.
            QStringLiteral("CREATE TABLE IF NOT EXISTS pills ("
                           " item_seq TEXT PRIMARY KEY,"
                           " item_name TEXT NOT NULL,"
                           " image_url TEXT,"
                           " shape TEXT,"
                           " color1 TEXT,"
                           " color2 TEXT,"
                           " print_front TEXT,"
                           " print_back TEXT,"
                           " line_front TEXT,"
                           " line_back TEXT,"
                           " mark_front TEXT,"
                           " mark_back TEXT,"
                           " length_mm TEXT,"
                           " width_mm TEXT,"
                           " thickness_mm TEXT,"
                           " form_name TEXT,"
                           " edi_code TEXT,"
                           " source_date TEXT)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS pill_images ("
                           " item_seq TEXT PRIMARY KEY,"
                           " url TEXT NOT NULL,"
                           " content_type TEXT,"
                           " image BLOB NOT NULL,"
                           " fetched_at TEXT NOT NULL)"),
        };
    case 3:
        // The name matcher's index (MatcherStore.h): one row, rewritten whenever the product names
        // or the matcher change.
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS matcher_index ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " format INTEGER NOT NULL,"
                           " fingerprint BLOB NOT NULL,"
                           " data BLOB NOT NULL)"),
        };
    default:
        return {};
    }
}

core::Status applyMigration(SqlConnection& c, int version)
{
    for (const QString& sql : migrationTo(version)) {
        if (auto st = c.exec(sql, QStringLiteral("schema migration %1").arg(version)); !st)
            return st;
    }
    for (const ColumnAddition& add : columnsOf(version)) {
        const QString table = QLatin1String(add.table);
        const QString column = QLatin1String(add.column);
        if (hasColumn(c, table, column))
            continue;
        if (auto st = c.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3").arg(table, column, QLatin1String(add.type)),
                             QStringLiteral("schema migration %1").arg(version));
            !st)
            return st;
    }
    return core::Done {};
}

int schemaVersionOf(SqlConnection& c)
{
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

core::Status migrate(SqlConnection& c, int from)
{
    if (!c.db().transaction())
        return sqlError(QStringLiteral("Drug cache: starting the schema migration failed."), c.db().lastError());
    core::Status st = core::Done {};
    for (int version = from + 1; st && version <= kSchemaVersion; ++version)
        st = applyMigration(c, version);
    if (st)
        st = c.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(kSchemaVersion),
                    QStringLiteral("recording the schema version"));
    if (st && !c.db().commit())
        st = sqlError(QStringLiteral("Drug cache: committing the schema migration failed."), c.db().lastError());
    if (!st)
        c.db().rollback();
    return st;
}

core::Status prepareCacheFile(const QString& path, double* buildMs)
{
    QElapsedTimer timer;
    timer.start();
    if (buildMs)
        *buildMs = 0;
    int version = 0;
    bool stale = false;
    if (QFileInfo::exists(path)) {
        SqlConnection probe(path);
        if (auto st = probe.open(); !st)
            return st;
        version = schemaVersionOf(probe);
        stale = version > 0 && version <= kSchemaVersion && staleEmbeddedBuild(probe);
        if (version > kSchemaVersion)
            return core::makeError(core::ErrorCategory::Database,
                                   QStringLiteral("The drug cache was made by a newer PharmDesk; run "
                                                  "'pharmdesk-cli drugs rebuild' to replace it."),
                                   QStringLiteral("%1: schema %2 > %3").arg(path).arg(version).arg(kSchemaVersion));
        if (version > 0 && version < kSchemaVersion && !stale) {
            if (auto st = migrate(probe, version); !st)
                return st;
            if (buildMs)
                *buildMs = double(timer.nsecsElapsed()) / 1e6;
            return core::Done {};
        }
    }
    if (version == kSchemaVersion && !stale)
        return core::Done {};
    if (auto st = buildEmbeddedCache(path); !st)
        return st;
    if (buildMs)
        *buildMs = double(timer.nsecsElapsed()) / 1e6;
    return core::Done {};
}

} // namespace pharmdesk::drugdb::detail
