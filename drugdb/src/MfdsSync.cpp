// SPDX-License-Identifier: GPL-3.0-or-later
// Page-by-page download of an MFDS list service into the drug cache, with a checkpoint per service.
#include "pharmdesk/drugdb/MfdsSync.h"

#include "CacheSchema.h"
#include "CacheWriter.h"
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

// Stores one page and the checkpoint after it in one transaction: all of it or nothing.
core::Status storePage(
    detail::SqlConnection& c, MfdsService service, const MfdsPage& page, const MfdsCheckpoint& after)
{
    if (!c.db().transaction())
        return detail::sqlError(QStringLiteral("Drug cache: starting a page failed."), c.db().lastError());
    core::Status st = core::Done {};
    {
        detail::CacheWriter w(c, after.started);
        st = w.page(page);
        if (st && page.rowCount() > 0)
            st = w.markSource(QStringLiteral("mfds"));
        // The last page of a DUR download: that kind of check can run from now on.
        const auto kind = durKindOf(service);
        if (st && kind && !after.inProgress())
            st = w.durLoaded(*kind, QStringLiteral("mfds"));
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
    if (auto st = detail::prepareCacheFile(m_cachePath); !st)
        return fail(MfdsSyncOutcome::Failed, st.error());
    detail::SqlConnection c(m_cachePath);
    if (auto st = c.open(); !st)
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
