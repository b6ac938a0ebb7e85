// SPDX-License-Identifier: GPL-3.0-or-later
// Online copies of the record database through the SQLite backup API.
#include "SqliteCopy.h"

#include "pharmdesk/store/Crypto.h"

#include <QElapsedTimer>
#include <QFile>

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <thread>

namespace pharmdesk::store {

namespace {

struct CloseDb
{
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

core::Error sqliteError(const QString& message, sqlite3* db, const QString& path)
{
    const QString why = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    return core::makeError(core::ErrorCategory::Database, message, path + QStringLiteral(": ") + why);
}

/// Opens `path` read-write (never creating it unless `create`), with a 10 s busy timeout.
core::Result<Db> openDb(const QString& path, bool create)
{
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return sqliteError(QStringLiteral("Cannot open a record database."), db.get(), path);
    sqlite3_busy_timeout(db.get(), 10000);
    return db;
}

bool exec(sqlite3* db, const char* sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

/// The first column of the first row of `sql` as text; nullopt when no row or on error.
std::optional<QString> scalar(sqlite3* db, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return std::nullopt;
    std::optional<QString> out;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        out = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return out;
}

} // namespace

core::Status copyDatabase(const QString& from, const QString& to, const CopyPacing& pacing)
{
    auto src = openDb(from, false);
    if (!src)
        return src.error();
    auto dst = openDb(to, true);
    if (!dst)
        return dst.error();
    // Pin one snapshot of the source: without an open read transaction every step would see the
    // writes of other connections and the backup would restart from page 1 after each of them.
    if (!exec(src->get(), "BEGIN") || !scalar(src->get(), "SELECT COUNT(*) FROM sqlite_schema"))
        return sqliteError(QStringLiteral("Cannot read the record database."), src->get(), from);
    sqlite3_backup* backup = sqlite3_backup_init(dst->get(), "main", src->get(), "main");
    if (!backup)
        return sqliteError(QStringLiteral("Cannot start the database copy."), dst->get(), to);

    QElapsedTimer sinceProgress;
    sinceProgress.start();
    int rc = SQLITE_OK;
    while (true) {
        rc = sqlite3_backup_step(backup, std::max(1, pacing.pagesPerStep));
        if (rc == SQLITE_DONE)
            break;
        if (rc == SQLITE_OK) {
            sinceProgress.restart();
            if (pacing.progress) {
                const int total = sqlite3_backup_pagecount(backup);
                pacing.progress(total - sqlite3_backup_remaining(backup), total);
            }
            if (pacing.pauseMs > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(pacing.pauseMs));
            continue;
        }
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && sinceProgress.elapsed() < pacing.busyLimitMs) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pacing.busyRetryMs));
            continue;
        }
        break;
    }
    if (rc == SQLITE_DONE && pacing.progress) {
        const int total = sqlite3_backup_pagecount(backup);
        pacing.progress(total, total);
    }
    const int finished = sqlite3_backup_finish(backup);
    exec(src->get(), "COMMIT");
    if (rc != SQLITE_DONE) {
        const QString why = QString::fromUtf8(sqlite3_errstr(rc));
        return core::makeError(core::ErrorCategory::Database,
                               rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? QStringLiteral("The record database stayed busy; the copy was given up.")
                                                                        : QStringLiteral("The database copy failed."),
                               QStringLiteral("%1 -> %2: %3").arg(from, to, why));
    }
    if (finished != SQLITE_OK)
        return sqliteError(QStringLiteral("The database copy failed."), dst->get(), to);
    return core::Done {};
}

core::Status checkIntegrity(const QString& path)
{
    auto db = openDb(path, false);
    if (!db)
        return db.error();
    const auto result = scalar(db->get(), "PRAGMA integrity_check");
    if (!result || *result != QLatin1String("ok"))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The record database is damaged."),
                               path + QStringLiteral(": ") + result.value_or(QString::fromUtf8(sqlite3_errmsg(db->get()))));
    return core::Done {};
}

core::Status checkKeysOpen(const QString& path, const KeySet& keys)
{
    auto db = openDb(path, false);
    if (!db)
        return db.error();
    const auto check = scalar(db->get(), "SELECT value FROM meta WHERE key = 'key_check'");
    if (!check || !keyCheckOpens(keys, *check))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The record keys do not open this database."), path);
    return core::Done {};
}

bool keyCheckOpens(const KeySet& keys, const QString& base64Envelope)
{
    static const QByteArray kKeyCheck = QByteArrayLiteral("pharmdesk-key-check");
    const QByteArray envelope = QByteArray::fromBase64(base64Envelope.toLatin1());
    const auto header = crypto::peek(envelope);
    const DataKey* key = header ? keys.find(header->keyId) : nullptr;
    return key && crypto::open(key->encryptionKey, envelope, kKeyCheck).ok();
}

void checkpointTruncate(const QString& path)
{
    if (auto db = openDb(path, false))
        exec(db->get(), "PRAGMA wal_checkpoint(TRUNCATE)");
}

} // namespace pharmdesk::store
