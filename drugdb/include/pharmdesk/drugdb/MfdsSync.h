// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QString>
#include <functional>
#include <optional>

namespace pharmdesk::drugdb {

/// Where a download of one service stands, kept in the cache's `mfds_sync` table.
struct MfdsCheckpoint
{
    QString service; ///< mfdsServiceName()
    int nextPage = 0; ///< page to fetch next; 0 when no download is under way
    qint64 totalCount = 0; ///< totalCount seen by the download under way (or the last one)
    QString started; ///< yyyy-MM-dd the download under way began (its records' source_date)
    qint64 completedTotal = 0; ///< totalCount when the last complete download ended; 0 = never
    QString completedStarted; ///< started date of that complete download
    bool inProgress() const { return nextPage > 0; }
};

/// How a run ended.
enum class MfdsSyncOutcome {
    Completed, ///< every page up to totalCount is in the cache
    DailyLimit, ///< stopped at the quota; the checkpoint resumes it tomorrow
    KeyNotRegistered, ///< no key or key refused; nothing was fetched
    PageLimit, ///< stopped after maxPages; the checkpoint resumes it
    Failed, ///< a page failed after its retries (or the cache could not be written)
    Cancelled,
};

struct MfdsSyncProgress
{
    int page = 0; ///< page just stored
    int totalPages = 0;
    qint64 rowsStored = 0; ///< rows stored by this run so far
};

struct MfdsSyncOptions
{
    MfdsService service = MfdsService::Permits;
    int maxPages = 0; ///< stop after this many pages in this run; 0 = no limit
    bool full = false; ///< ignore the last complete download; walk every page again
    core::CancelToken cancel;
    std::function<void(const MfdsSyncProgress&)> progress; ///< called on the run's thread after each page
};

struct MfdsSyncReport
{
    MfdsSyncOutcome outcome = MfdsSyncOutcome::Failed;
    int pagesFetched = 0; ///< pages stored by this run
    int pagesDone = 0; ///< pages of the download stored so far (this and earlier runs)
    int totalPages = 0; ///< pages of the whole download (from totalCount), 0 when unknown
    qint64 totalCount = 0;
    qint64 rowsStored = 0;
    bool incremental = false; ///< this run only walked the pages past the last complete download
    core::Error error; ///< set unless Completed; never contains the service key
};

/// Downloads an MFDS list service into the drug cache page by page, resumable from a checkpoint.
///
/// Any MfdsService: permits, e약은요, permit details, pills, the eight DUR lists.
///
/// Every page is stored in one SQLite transaction together with the checkpoint advance: a failing
/// page (or a crash) leaves the cache exactly as it was after the previous page. Permit rows are
/// upserted by ITEM_SEQ (an embedded product without ITEM_SEQ but with the same name and permit number
/// is adopted), their insurance codes replaced; e약은요 rows are upserted by ITEM_SEQ. Each stored
/// record's source_date is the date its download began. The cache's meta `source` becomes
/// "mfds:<date>", so DrugCache::open() keeps the file instead of rebuilding it from embedded data.
///
/// Later runs: the list services offer no "changed since" filter, and both list their rows in
/// permit (ITEM_SEQ) order, new ones appended. So after a complete download a later run first fetches
/// the page holding row `completedTotal + 1`: if totalCount did not shrink it walks only from there to
/// the end (new products); if it shrank (rows withdrawn from the list) it walks everything again.
/// Changes to existing rows (new codes, cancellations) need `full`.
///
/// Threading: run() blocks (network, SQLite); call it on a worker thread. It opens its own SQL
/// connection. Do not run two syncs of one cache file at once.
class MfdsSync
{
public:
    MfdsSync(QString cachePath, MfdsClient& client);

    /// Creates the cache from the embedded data when the file is missing, and migrates an older
    /// schema first (rows kept). A DUR service's kind is marked loaded (dur_sources) in the
    /// transaction of its last page: an unfinished DUR download is never used by the checks.
    MfdsSyncReport run(const MfdsSyncOptions& options);

    /// The stored checkpoint of `service`, std::nullopt when none was ever written.
    static core::Result<std::optional<MfdsCheckpoint>> checkpoint(
        const QString& cachePath, MfdsService service);

private:
    QString m_cachePath;
    MfdsClient& m_client;
};

} // namespace pharmdesk::drugdb
