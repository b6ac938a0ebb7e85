// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore internals: connections, transactions, schema, audit chain and outbox helpers.
#include "StorePrivate.h"

#include "pharmdesk/core/Rrn.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>

namespace pharmdesk::store {

QString isoNow()
{
    return isoOf(QDateTime::currentDateTimeUtc());
}

QString isoOf(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString& s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    return t.toUTC();
}

core::Error sqlError(const QString& message, const QSqlError& error)
{
    return core::makeError(core::ErrorCategory::Database, message, error.text());
}

QString scrubRrn(QString text, const QString& rrn)
{
    const auto normal = core::rrn::normalize(rrn);
    if (!normal)
        return text;
    const QString masked = core::rrn::mask(*normal);
    QString digits = *normal;
    digits.remove(u'-');
    text.replace(*normal, masked);
    text.replace(digits, masked);
    return text;
}

namespace {

/// Closes, when its thread ends, the connections that thread opened in stores still alive.
struct ThreadExit
{
    QList<std::pair<std::weak_ptr<RecordStore::Private::Connections>, QString>> owned;
    ~ThreadExit()
    {
        for (const auto& [registry, name] : owned) {
            if (const auto r = registry.lock())
                r->close(name);
        }
    }
};
thread_local ThreadExit t_threadExit;

} // namespace

RecordStore::Private::Private(QString dir, std::shared_ptr<Keychain> chain, KeySet keySet)
    : directory(std::move(dir))
    , dbPath(directory + QStringLiteral("/records.sqlite"))
    , keychain(std::move(chain))
    , keys(std::move(keySet))
    , vault(directory + QStringLiteral("/images"))
    , connectionPrefix(QStringLiteral("pharmdesk-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

RecordStore::Private::~Private()
{
    closeAll();
}

core::Status RecordStore::Private::openConnection(QSqlDatabase& db) const
{
    if (!db.isValid())
        return core::makeError(core::ErrorCategory::Database, QStringLiteral("The SQLite driver is not available."),
                               QStringLiteral("QSQLITE plugin missing"));
    db.setDatabaseName(dbPath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return sqlError(QStringLiteral("Cannot open the record store."), db.lastError());
    // WAL: readers never block the writer and a crash loses at most the open transaction;
    // FULL: a committed transaction survives a power cut; secure_delete: purged rows are zeroed.
    for (const char* pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                                "PRAGMA secure_delete=ON", "PRAGMA busy_timeout=10000" }) {
        QSqlQuery q(db);
        if (!q.exec(QString::fromLatin1(pragma)))
            return sqlError(QStringLiteral("Cannot configure the record store."), q.lastError());
    }
    return core::Done {};
}

QSqlDatabase RecordStore::Private::db() const
{
    const std::thread::id thread = std::this_thread::get_id();
    QString name;
    {
        const QMutexLocker lock(&connections->mutex);
        for (const Connections::Entry& e : std::as_const(connections->entries)) {
            if (e.thread == thread)
                return e.db;
        }
        name = connectionPrefix + QStringLiteral("-%1").arg(++connections->serial);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!openConnection(db)) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return {};
    }
    {
        const QMutexLocker lock(&connections->mutex);
        connections->entries.append(Connections::Entry { thread, db });
    }
    t_threadExit.owned.removeIf([](const auto& entry) { return entry.first.expired(); });
    t_threadExit.owned.append({ connections, name });
    return db;
}

void RecordStore::Private::closeAll()
{
    connections->closeAll();
}

void RecordStore::Private::Connections::close(const QString& name)
{
    {
        const QMutexLocker lock(&mutex);
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [&](const Entry& e) { return e.db.connectionName() == name; });
        if (it == entries.end())
            return;
        it->db.close();
        entries.erase(it);  // drop our handle first, or removeDatabase() warns it is in use
    }
    QSqlDatabase::removeDatabase(name);
}

void RecordStore::Private::Connections::closeAll()
{
    QStringList names;
    {
        const QMutexLocker lock(&mutex);
        for (Entry& e : entries) {
            names.append(e.db.connectionName());
            e.db.close();
        }
        entries.clear();
    }
    for (const QString& name : std::as_const(names))
        QSqlDatabase::removeDatabase(name);
}

core::Result<QSqlQuery> run(QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& what)
{
    QSqlQuery q(db);
    if (!q.prepare(sql))
        return sqlError(QStringLiteral("Record store: %1 failed.").arg(what), q.lastError());
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("Record store: %1 failed.").arg(what), q.lastError());
    return q;
}

WriteTransaction::WriteTransaction(const RecordStore::Private& d)
    : m_lock(&d.writeMutex)
    , m_db(d.db())
{
}

WriteTransaction::~WriteTransaction()
{
    if (m_open) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK"));
    }
}

core::Status WriteTransaction::begin()
{
    if (!m_db.isValid() || !m_db.isOpen())
        return core::makeError(core::ErrorCategory::Database, QStringLiteral("The record store is not open."));
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("Record store is busy."), q.lastError());
    m_open = true;
    return core::Done {};
}

core::Status WriteTransaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlError(QStringLiteral("Record store: saving failed."), q.lastError());
    m_open = false;
    return core::Done {};
}

core::Result<QByteArray> RecordStore::Private::sealText(const QString& text, const QByteArray& aad) const
{
    const DataKey& key = keys.current();
    return crypto::seal(key.cipher, key.encryptionKey, key.id, text.toUtf8(), aad);
}

core::Result<QString> RecordStore::Private::openText(const QByteArray& envelope, const QByteArray& aad) const
{
    const auto header = crypto::peek(envelope);
    const DataKey* key = header ? keys.find(header->keyId) : nullptr;
    if (!key)
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("A resident number cannot be decrypted."),
                               QStringLiteral("key not in the keyset"));
    const auto plain = crypto::open(key->encryptionKey, envelope, aad);
    if (!plain)
        return plain.error();
    return QString::fromUtf8(*plain);
}

QByteArray RecordStore::Private::patientKey(const QString& rrn) const
{
    const auto normal = core::rrn::normalize(rrn);
    if (!normal)
        return {};
    return crypto::hmacSha256(keys.current().indexKey, QByteArrayLiteral("patient:") + normal->toLatin1());
}

QByteArray auditHash(const QByteArray& prevHash, qint64 id, const QString& at, const QString& actor, const QString& action,
                     const QString& subject, const QString& detail)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prevHash);
    for (const QString& field : { QString::number(id), at, actor, action, subject, detail }) {
        const QByteArray utf8 = field.toUtf8();
        char len[4];
        qToBigEndian<quint32>(static_cast<quint32>(utf8.size()), len);
        h.addData(QByteArrayView(len, 4));
        h.addData(utf8);
    }
    return h.result();
}

core::Status RecordStore::Private::sealAuditHead(QSqlDatabase& db, qint64 lastId, const QByteArray& lastHash) const
{
    const DataKey& key = keys.current();
    const QString body = QStringLiteral("%1:%2").arg(lastId).arg(QString::fromLatin1(lastHash.toHex()));
    const QByteArray mac = crypto::hmacSha256(key.indexKey, QByteArrayLiteral("audit-head:") + body.toLatin1());
    const QString value = QStringLiteral("%1:%2:%3").arg(body).arg(key.id).arg(QString::fromLatin1(mac.toHex()));
    const auto q = run(db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('audit_head', ?)"), { value },
                       QStringLiteral("sealing the audit log"));
    if (!q)
        return q.error();
    return core::Done {};
}

core::Status RecordStore::Private::appendAudit(QSqlDatabase& db, const QString& actor, const QString& action,
                                               const QString& subject, const QString& detail) const
{
    auto last = run(db, QStringLiteral("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1"), {}, QStringLiteral("audit"));
    if (!last)
        return last.error();
    qint64 prevId = 0;
    QByteArray prevHash(32, '\0');
    if (last->next()) {
        prevId = last->value(0).toLongLong();
        prevHash = last->value(1).toByteArray();
    }
    const qint64 id = prevId + 1;
    const QString at = isoNow();
    // NOT NULL columns: a null QString would bind as NULL.
    const QString empty = QString::fromLatin1("", 0);
    const QString subjectText = subject.isNull() ? empty : subject;
    const QString detailText = detail.isNull() ? empty : detail;
    const QByteArray hash = auditHash(prevHash, id, at, actor, action, subjectText, detailText);
    const auto ins = run(db,
                         QStringLiteral("INSERT INTO audit(id, at, actor, action, subject, detail, prev_hash, hash) "
                                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)"),
                         { id, at, actor, action, subjectText, detailText, prevHash, hash }, QStringLiteral("audit"));
    if (!ins)
        return ins.error();
    return sealAuditHead(db, id, hash);
}

core::Status RecordStore::Private::addEvent(QSqlDatabase& db, const QString& kind, const QUuid& subject,
                                            const QJsonObject& payload) const
{
    const auto q = run(db,
                       QStringLiteral("INSERT INTO outbox(event_id, kind, subject, payload, created_at) VALUES(?, ?, ?, ?, ?)"),
                       { QUuid::createUuid().toString(QUuid::WithoutBraces), kind, subject.toString(QUuid::WithoutBraces),
                         QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), isoNow() },
                       QStringLiteral("outbox"));
    if (!q)
        return q.error();
    return core::Done {};
}

core::Status RecordStore::Private::addStatus(QSqlDatabase& db, const QUuid& id, RecordStatus status, const QString& actor,
                                             const QString& note) const
{
    const QString at = isoNow();
    const QString idText = id.toString(QUuid::WithoutBraces);
    auto q = run(db, QStringLiteral("INSERT INTO status_history(prescription_id, status, at, actor, note) VALUES(?, ?, ?, ?, ?)"),
                 { idText, statusName(status), at, actor, note }, QStringLiteral("status history"));
    if (!q)
        return q.error();
    q = run(db, QStringLiteral("UPDATE prescriptions SET status = ?, status_at = ? WHERE id = ?"), { statusName(status), at, idText },
            QStringLiteral("status"));
    if (!q)
        return q.error();
    return core::Done {};
}

} // namespace pharmdesk::store
