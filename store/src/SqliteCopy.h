// SPDX-License-Identifier: GPL-3.0-or-later
// Online copies of the record database through the SQLite backup API (not installed).
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/store/KeySet.h"

#include <QString>

#include <functional>

namespace pharmdesk::store {

/// How copyDatabase() paces itself.
struct CopyPacing
{
    int pagesPerStep = 256;  ///< pages copied per sqlite3_backup_step (4 KiB each)
    int pauseMs = 1;         ///< sleep between steps, so the copy never hogs the disk
    int busyRetryMs = 20;    ///< sleep after SQLITE_BUSY / SQLITE_LOCKED before trying again
    int busyLimitMs = 10000; ///< give up after this long without progress
    /// Called after each step with the pages copied so far and the total; may be empty.
    std::function<void(int copied, int total)> progress;
};

/// Copies the SQLite database `from` into `to` with sqlite3_backup_init/step/finish, `pacing`
/// pages at a time. The source is read in one read transaction opened before the first step, so
/// the copy is the snapshot of that moment however much other connections write meanwhile (in
/// WAL mode they are never blocked by it). The destination is written in one transaction: if the
/// copy fails or the process dies, `to` keeps what it had. Opens its own connections (the SQLite
/// C API, not QtSql), so it may run on any thread.
core::Status copyDatabase(const QString& from, const QString& to, const CopyPacing& pacing = {});

/// `PRAGMA integrity_check` on a database file through its own connection; Io error unless "ok".
core::Status checkIntegrity(const QString& path);

/// Reads meta.key_check of the database file and proves one of `keys` opens it.
core::Status checkKeysOpen(const QString& path, const KeySet& keys);

/// True when `base64Envelope` (a meta.key_check value) opens with `keys`.
bool keyCheckOpens(const KeySet& keys, const QString& base64Envelope);

/// Folds the WAL of the database file back into it and truncates the WAL (no-op without one).
void checkpointTruncate(const QString& path);

} // namespace pharmdesk::store
