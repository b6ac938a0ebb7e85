// SPDX-License-Identifier: GPL-3.0-or-later
// Internals of RecordStore shared by its .cpp files (not installed).
#pragma once

#include "pharmdesk/store/KeySet.h"
#include "pharmdesk/store/RecordStore.h"

#include "ImageVault.h"

#include <QHash>
#include <QMutex>
#include <QRecursiveMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <memory>
#include <thread>

namespace pharmdesk::store {

/// UTC timestamps as stored: ISO 8601 with milliseconds, so they sort as text.
QString isoNow();
QString isoOf(const QDateTime& t);
QDateTime fromIso(const QString& s);

core::Error sqlError(const QString& message, const QSqlError& error);

/// Replaces every clear occurrence of `rrn` (with or without the hyphen) in `text` by its mask:
/// a belt to the braces of core::json, which already writes the number masked.
QString scrubRrn(QString text, const QString& rrn);

struct RecordStore::Private
{
    QString directory;
    QString dbPath;
    std::shared_ptr<Keychain> keychain;
    KeySet keys;
    ImageVault vault;
    QString connectionPrefix;

    /// One connection per live thread, closed by that thread when it ends (a thread_local hook),
    /// so pools that replace their threads do not leak handles. Shared with those hooks, which
    /// may run after the store is gone.
    struct Connections
    {
        struct Entry
        {
            std::thread::id thread;
            QSqlDatabase db;
        };
        QMutex mutex;
        QList<Entry> entries;
        int serial = 0;

        void close(const QString& name);
        void closeAll();
    };
    std::shared_ptr<Connections> connections = std::make_shared<Connections>();
    /// Serialises this process's writers (SQLite serialises processes).
    mutable QRecursiveMutex writeMutex;

    Private(QString dir, std::shared_ptr<Keychain> chain, KeySet keySet);
    ~Private();

    /// The calling thread's connection, opened with the store's pragmas; invalid on failure.
    QSqlDatabase db() const;
    core::Status openConnection(QSqlDatabase& db) const;
    void closeAll();

    // Helpers for use inside a write transaction on db().
    core::Result<QByteArray> sealText(const QString& text, const QByteArray& aad) const;
    core::Result<QString> openText(const QByteArray& envelope, const QByteArray& aad) const;
    QByteArray patientKey(const QString& rrn) const;  ///< empty unless a full valid number
    core::Status appendAudit(QSqlDatabase& db, const QString& actor, const QString& action, const QString& subject,
                             const QString& detail) const;
    core::Status addEvent(QSqlDatabase& db, const QString& kind, const QUuid& subject, const QJsonObject& payload) const;
    core::Status addStatus(QSqlDatabase& db, const QUuid& id, RecordStatus status, const QString& actor,
                           const QString& note) const;
    /// Seals "<last id>:<hash>" with the current index key into meta.audit_head.
    core::Status sealAuditHead(QSqlDatabase& db, qint64 lastId, const QByteArray& lastHash) const;
};

/// BEGIN IMMEDIATE … COMMIT under the store's write mutex; rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(const RecordStore::Private& d);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    core::Status begin();
    core::Status commit();
    QSqlDatabase& db() { return m_db; }

private:
    QMutexLocker<QRecursiveMutex> m_lock;
    QSqlDatabase m_db;
    bool m_open = false;
};

/// Runs `sql` with positional bindings; on failure returns a Database error naming `what`.
core::Result<QSqlQuery> run(QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& what);

/// Creates or migrates the schema (PRAGMA user_version). Runs inside its own transaction.
core::Status migrate(QSqlDatabase& db);

/// The audit row hash: SHA-256 over prev hash and the length-prefixed fields.
QByteArray auditHash(const QByteArray& prevHash, qint64 id, const QString& at, const QString& actor,
                     const QString& action, const QString& subject, const QString& detail);

} // namespace pharmdesk::store
