// SPDX-License-Identifier: GPL-3.0-or-later
// Page-by-page download of an MFDS list service into the drug cache, with a checkpoint per service.
#include "pharmdesk/drugdb/MfdsSync.h"

#include "CacheSchema.h"
#include "SqlConnection.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QDate>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace pharmdesk::drugdb {

namespace {

using core::ErrorCategory;

QVariant orNull(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// The sync's own tables and indexes, added to a cache of the current schema. All additive and
// idempotent: DrugCache ignores them, and a rebuilt cache simply has none (a fresh start).
core::Status ensureSyncTables(detail::SqlConnection& c)
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS mfds_sync ("
                       " service TEXT PRIMARY KEY,"
                       " next_page INTEGER NOT NULL,"
                       " total_count INTEGER NOT NULL,"
                       " started TEXT NOT NULL,"
                       " completed_total INTEGER NOT NULL DEFAULT 0,"
                       " completed_started TEXT)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS products_name ON products(name)"),
    };
    for (const QString& sql : statements) {
        if (auto st = c.exec(sql, QStringLiteral("preparing the MFDS sync tables")); !st)
            return st;
    }
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("PRAGMA table_info(guide_texts)")))
        return detail::sqlError(QStringLiteral("Drug cache: reading the guide table failed."), q.lastError());
    bool hasSourceDate = false;
    while (q.next())
        hasSourceDate = hasSourceDate || q.value(1).toString() == QLatin1String("source_date");
    if (!hasSourceDate)
        return c.exec(QStringLiteral("ALTER TABLE guide_texts ADD COLUMN source_date TEXT"),
            QStringLiteral("adding the guide source date"));
    return core::Done {};
}

std::optional<MfdsCheckpoint> readCheckpoint(
    detail::SqlConnection& c, const QString& service, core::Status* status)
{
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT next_page, total_count, started, completed_total, completed_started "
                             "FROM mfds_sync WHERE service = ?"));
    q.bindValue(0, service);
    if (!q.exec()) {
        *status = detail::sqlError(
            QStringLiteral("Drug cache: reading the download checkpoint failed."), q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    MfdsCheckpoint cp;
    cp.service = service;
    cp.nextPage = q.value(0).toInt();
    cp.totalCount = q.value(1).toLongLong();
    cp.started = q.value(2).toString();
    cp.completedTotal = q.value(3).toLongLong();
    cp.completedStarted = q.value(4).toString();
    return cp;
}

core::Status writeCheckpoint(detail::SqlConnection& c, const MfdsCheckpoint& cp)
{
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO mfds_sync (service, next_page, total_count, started, "
                             "completed_total, completed_started) VALUES (?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, cp.service);
    q.bindValue(1, cp.nextPage);
    q.bindValue(2, cp.totalCount);
    q.bindValue(3, cp.started);
    q.bindValue(4, cp.completedTotal);
    q.bindValue(5, orNull(cp.completedStarted));
    if (!q.exec())
        return detail::sqlError(
            QStringLiteral("Drug cache: writing the download checkpoint failed."), q.lastError());
    return core::Done {};
}

class PageWriter
{
public:
    PageWriter(detail::SqlConnection& c, QString sourceDate)
        : m_q(c.db())
        , m_date(std::move(sourceDate))
    { }

    core::Status permit(const MfdsPermit& p)
    {
        qint64 id
            = scalarId(QStringLiteral("SELECT MIN(id) FROM products WHERE item_seq = ?"), { p.itemSeq });
        if (id == 0) // an embedded row (no ITEM_SEQ) of the same product
            id = scalarId(
                QStringLiteral("SELECT MIN(id) FROM products WHERE item_seq IS NULL AND name = ? AND "
                               "permit_no = ?"),
                { p.itemName, p.permitNumber });
        // Or one with the same permit number and an insurance code in common (the name was respelled).
        for (qsizetype i = 0; id == 0 && i < p.ediCodes.size(); ++i)
            id = scalarId(
                QStringLiteral("SELECT MIN(p.id) FROM products p JOIN product_codes c ON c.product_id = p.id "
                               "WHERE p.item_seq IS NULL AND p.permit_no = ? AND c.code = ?"),
                { p.permitNumber, p.ediCodes.at(i) });
        if (id < 0)
            return fail(QStringLiteral("looking up a product"));
        const QVariantList values = { p.itemSeq, p.itemName, orNull(p.company), orNull(p.permitNumber),
            orNull(names::ingredientsOf(p.itemName)), orNull(names::formOf(p.itemName)), m_date };
        if (id > 0) {
            // products_fts is an external-content index: remove the old name before it changes.
            if (!run(QStringLiteral(
                         "INSERT INTO products_fts(products_fts, rowid, name) SELECT 'delete', id, name "
                         "FROM products WHERE id = ?"),
                    { id }))
                return fail(QStringLiteral("updating the name index"));
            if (!run(QStringLiteral("UPDATE products SET item_seq = ?, name = ?, company = ?, permit_no = ?, "
                                    "ingredients = ?, form = ?, source_date = ? WHERE id = ?"),
                    values + QVariantList { id }))
                return fail(QStringLiteral("updating a product"));
        } else {
            if (!run(QStringLiteral(
                         "INSERT INTO products (item_seq, name, company, permit_no, ingredients, form, "
                         "source_date) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    values))
                return fail(QStringLiteral("inserting a product"));
            id = m_q.lastInsertId().toLongLong();
        }
        if (!run(QStringLiteral("INSERT INTO products_fts(rowid, name) VALUES (?, ?)"), { id, p.itemName }))
            return fail(QStringLiteral("updating the name index"));
        if (!run(QStringLiteral("DELETE FROM product_codes WHERE product_id = ?"), { id }))
            return fail(QStringLiteral("replacing codes"));
        for (const QString& code : p.ediCodes) {
            if (!run(QStringLiteral("INSERT OR IGNORE INTO product_codes (code, product_id) VALUES (?, ?)"),
                    { code, id }))
                return fail(QStringLiteral("inserting codes"));
        }
        return core::Done {};
    }

    core::Status guide(const core::GuideText& g)
    {
        if (!run(QStringLiteral(
                     "INSERT OR REPLACE INTO guide_texts (item_seq, item_name, efficacy, usage, caution, "
                     "interaction, side_effects, storage, source_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                { g.itemSeq, g.itemName, g.efficacy, g.usage, g.caution, g.interaction, g.sideEffects,
                    g.storage, m_date }))
            return fail(QStringLiteral("storing a guide text"));
        // Link an embedded product of exactly this name that has no ITEM_SEQ yet.
        if (!run(QStringLiteral("UPDATE products SET item_seq = ? WHERE item_seq IS NULL AND name = ?"),
                { g.itemSeq, g.itemName }))
            return fail(QStringLiteral("linking a guide text"));
        return core::Done {};
    }

    core::Status meta()
    {
        if (!run(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('source', ?)"),
                { QStringLiteral("mfds:") + m_date }))
            return fail(QStringLiteral("writing meta"));
        return core::Done {};
    }

private:
    bool run(const QString& sql, const QVariantList& values)
    {
        if (!m_q.prepare(sql))
            return false;
        for (qsizetype i = 0; i < values.size(); ++i)
            m_q.bindValue(int(i), values.at(i));
        return m_q.exec();
    }
    // The first column of the first row as an id; 0 when NULL or absent, -1 on an SQL error.
    qint64 scalarId(const QString& sql, const QVariantList& values)
    {
        if (!run(sql, values))
            return -1;
        return m_q.next() ? m_q.value(0).toLongLong() : 0;
    }
    core::Status fail(const QString& what)
    {
        return detail::sqlError(QStringLiteral("Drug cache: %1 failed.").arg(what), m_q.lastError());
    }

    QSqlQuery m_q;
    QString m_date;
};

// Stores one page and the checkpoint after it in one transaction: all of it or nothing.
core::Status storePage(
    detail::SqlConnection& c, MfdsService service, const MfdsPage& page, const MfdsCheckpoint& after)
{
    if (!c.db().transaction())
        return detail::sqlError(QStringLiteral("Drug cache: starting a page failed."), c.db().lastError());
    core::Status st = core::Done {};
    {
        PageWriter w(c, after.started);
        if (service == MfdsService::Permits) {
            for (qsizetype i = 0; st && i < page.permits.size(); ++i)
                st = w.permit(page.permits.at(i));
        } else {
            for (qsizetype i = 0; st && i < page.guides.size(); ++i)
                st = w.guide(page.guides.at(i));
        }
        if (st && page.rowCount() > 0)
            st = w.meta();
    }
    if (st)
        st = writeCheckpoint(c, after);
    if (st && !c.db().commit())
        st = detail::sqlError(QStringLiteral("Drug cache: committing a page failed."), c.db().lastError());
    if (!st)
        c.db().rollback();
    return st;
}

int pagesFor(qint64 totalCount)
{
    return int((totalCount + MfdsConfig::kPageSize - 1) / MfdsConfig::kPageSize);
}

// A cache file of this program's schema at `path`, built from the embedded data when missing or
// of an older schema (DrugCache::open() would rebuild such a file and drop downloaded rows anyway).
core::Status ensureCache(const QString& path)
{
    int version = 0;
    if (QFileInfo::exists(path)) {
        detail::SqlConnection probe(path);
        if (auto st = probe.open(); !st)
            return st;
        QSqlQuery q(probe.db());
        if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next())
            version = q.value(0).toInt();
    }
    if (version > detail::kSchemaVersion)
        return core::makeError(
            ErrorCategory::Database, QStringLiteral("The drug cache was made by a newer PharmDesk."), path);
    if (version < detail::kSchemaVersion)
        return buildEmbeddedCache(path);
    return core::Done {};
}

MfdsSyncOutcome outcomeOf(const MfdsFetch& f)
{
    if (f.error.category == ErrorCategory::Cancelled)
        return MfdsSyncOutcome::Cancelled;
    switch (f.failure) {
    case MfdsFailure::DailyLimit:
        return MfdsSyncOutcome::DailyLimit;
    case MfdsFailure::KeyNotRegistered:
        return MfdsSyncOutcome::KeyNotRegistered;
    default:
        return MfdsSyncOutcome::Failed;
    }
}

} // namespace

MfdsSync::MfdsSync(QString cachePath, MfdsClient& client)
    : m_cachePath(std::move(cachePath))
    , m_client(client)
{ }

core::Result<std::optional<MfdsCheckpoint>> MfdsSync::checkpoint(
    const QString& cachePath, MfdsService service)
{
    if (!QFileInfo::exists(cachePath))
        return std::optional<MfdsCheckpoint>();
    detail::SqlConnection c(cachePath);
    if (auto st = c.open(); !st)
        return st.error();
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mfds_sync'"))
        || !q.next())
        return std::optional<MfdsCheckpoint>();
    core::Status st = core::Done {};
    auto cp = readCheckpoint(c, mfdsServiceName(service), &st);
    if (!st)
        return st.error();
    return cp;
}

MfdsSyncReport MfdsSync::run(const MfdsSyncOptions& options)
{
    MfdsSyncReport report;
    auto fail = [&report](MfdsSyncOutcome outcome, core::Error error) {
        report.outcome = outcome;
        report.error = std::move(error);
        return report;
    };
    if (m_client.config().serviceKey.isEmpty())
        return fail(MfdsSyncOutcome::KeyNotRegistered,
            core::makeError(ErrorCategory::Usage,
                QStringLiteral("No MFDS service key: set mfds/service_key in "
                               "settings.ini or PHARMDESK_MFDS_KEY.")));
    if (auto st = ensureCache(m_cachePath); !st)
        return fail(MfdsSyncOutcome::Failed, st.error());
    detail::SqlConnection c(m_cachePath);
    if (auto st = c.open(); !st)
        return fail(MfdsSyncOutcome::Failed, st.error());
    if (auto st = ensureSyncTables(c); !st)
        return fail(MfdsSyncOutcome::Failed, st.error());

    const QString service = mfdsServiceName(options.service);
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    core::Status st = core::Done {};
    MfdsCheckpoint cp = readCheckpoint(c, service, &st).value_or(MfdsCheckpoint {});
    cp.service = service;
    if (!st)
        return fail(MfdsSyncOutcome::Failed, st.error());

    int page = 1;
    if (cp.inProgress() && !options.full) {
        page = cp.nextPage;
    } else {
        cp.started = today;
        if (!options.full && cp.completedTotal > 0) {
            page = int(cp.completedTotal / MfdsConfig::kPageSize) + 1;
            report.incremental = true;
        }
    }
    const int firstPage = page;
    report.totalCount = cp.totalCount;
    report.totalPages = pagesFor(cp.totalCount);
    report.pagesDone = page - 1;

    auto finishRun = [&](MfdsSyncOutcome outcome, core::Error error) {
        report.outcome = outcome;
        report.error = std::move(error);
        return report;
    };

    for (;;) {
        if (options.maxPages > 0 && report.pagesFetched >= options.maxPages)
            return finishRun(MfdsSyncOutcome::PageLimit,
                core::makeError(ErrorCategory::Cancelled,
                    QStringLiteral("Stopped after %1 pages as asked.").arg(options.maxPages)));
        if (options.cancel.isCancelled())
            return finishRun(MfdsSyncOutcome::Cancelled,
                core::makeError(ErrorCategory::Cancelled, QStringLiteral("The download was cancelled.")));
        const MfdsFetch f = m_client.fetchPage(options.service, page, options.cancel);
        if (!f.ok()) {
            // Keep (or start) the checkpoint at the failed page; the cache rows stay as they were. An
            // incremental run that stored nothing leaves the checkpoint alone: the next run starts over
            // with the same count comparison.
            MfdsCheckpoint keep = cp;
            keep.nextPage = page;
            if (!(report.incremental && report.pagesFetched == 0)) {
                if (auto w = writeCheckpoint(c, keep); !w)
                    return finishRun(MfdsSyncOutcome::Failed, w.error());
            }
            return finishRun(outcomeOf(f), f.error);
        }
        const qint64 total = f.page.totalCount;
        if (report.incremental && page == firstPage && total < cp.completedTotal) {
            // Rows left the list: positions shifted, so walk it all again.
            report.incremental = false;
            page = 1;
            continue;
        }
        const int totalPages = pagesFor(total);
        const bool last = page >= totalPages || f.page.rowCount() == 0;
        MfdsCheckpoint after = cp;
        after.totalCount = total;
        after.nextPage = last ? 0 : page + 1;
        if (last) {
            after.completedTotal = total;
            after.completedStarted = cp.started;
        }
        if (auto w = storePage(c, options.service, f.page, after); !w)
            return finishRun(MfdsSyncOutcome::Failed, w.error());
        cp = after;
        ++report.pagesFetched;
        report.rowsStored += f.page.rowCount();
        report.totalCount = total;
        report.totalPages = totalPages;
        report.pagesDone = last ? totalPages : page;
        if (options.progress)
            options.progress(MfdsSyncProgress { page, totalPages, report.rowsStored });
        if (last)
            return finishRun(MfdsSyncOutcome::Completed, {});
        ++page;
    }
}

} // namespace pharmdesk::drugdb
