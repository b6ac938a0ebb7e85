// SPDX-License-Identifier: GPL-3.0-or-later
#include "MatcherStore.h"

#include "MatcherIndex.h"
#include "pharmdesk/drugdb/NameMatcher.h"

#include <QCryptographicHash>

#include <sqlite3.h>

namespace pharmdesk::drugdb::detail {

namespace {

core::Error failure(sqlite3* db, const QString& path)
{
    return core::makeError(core::ErrorCategory::Database, QStringLiteral("Drug cache: storing the name index failed."),
                           QStringLiteral("%1: %2").arg(path, QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory")));
}

} // namespace

QByteArray matcherFingerprint(const QStringList& names)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    const quint32 header[2] = { kMatcherIndexFormat, quint32(names.size()) };
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(header), sizeof header));
    for (const QString& name : names) {
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(name.utf16()), name.size() * 2));
        hash.addData(QByteArrayView("\0\0", 2));  // names end: "ab"+"c" differs from "a"+"bc"
    }
    return hash.result().toHex();
}

std::unique_ptr<NameMatcher> loadStoredMatcher(const QString& sqlitePath, const QByteArray& fingerprint,
                                               int productCount, const std::vector<bool>& preferred)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(sqlitePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        sqlite3_close_v2(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    std::unique_ptr<NameMatcher> matcher;
    sqlite3_stmt* st = nullptr;
    // A cache of schema 2 has no such table: the statement fails and the index is built.
    if (sqlite3_prepare_v2(db, "SELECT format, fingerprint, data FROM matcher_index WHERE id = 1", -1, &st, nullptr)
            == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == kMatcherIndexFormat) {
        const auto* stored = static_cast<const char*>(sqlite3_column_blob(st, 1));
        const QByteArray storedFingerprint(stored, sqlite3_column_bytes(st, 1));
        if (storedFingerprint == fingerprint) {
            // The blob is only valid until the next step: read it in place.
            const auto* data = static_cast<const char*>(sqlite3_column_blob(st, 2));
            const QByteArray blob = QByteArray::fromRawData(data, sqlite3_column_bytes(st, 2));
            matcher = NameMatcher::fromBlob(blob, productCount, preferred);
        }
    }
    sqlite3_finalize(st);
    sqlite3_close_v2(db);
    return matcher;
}

core::Status storeMatcher(const QString& sqlitePath, const QByteArray& fingerprint, const NameMatcher& matcher)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(sqlitePath.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        const core::Error error = failure(db, sqlitePath);
        sqlite3_close_v2(db);
        return error;
    }
    sqlite3_busy_timeout(db, 5000);
    const QByteArray blob = matcher.toBlob();
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO matcher_index (id, format, fingerprint, data) VALUES (1, ?, ?, ?)",
                                -1, &st, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, kMatcherIndexFormat);
        sqlite3_bind_blob(st, 2, fingerprint.constData(), int(fingerprint.size()), SQLITE_STATIC);
        sqlite3_bind_blob64(st, 3, blob.constData(), sqlite3_uint64(blob.size()), SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    core::Status status = core::Done {};
    if (rc != SQLITE_DONE)
        status = failure(db, sqlitePath);
    sqlite3_close_v2(db);
    return status;
}

} // namespace pharmdesk::drugdb::detail
