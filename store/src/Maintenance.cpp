// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: retention purge, online backup and restore, key rotation.
#include "StorePrivate.h"

#include "pharmdesk/core/Rrn.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace pharmdesk::store {

namespace {

QString quoted(const QString& path)
{
    QString p = path;
    p.replace(u'\'', QStringLiteral("''"));
    return u'\'' + p + u'\'';
}

QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

core::Status copyDurably(const QString& from, const QString& to)
{
    QFile f(from);
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot read a record file."), from);
    return writeFileDurably(to, f.readAll());
}

} // namespace

core::Result<PurgeReport> RecordStore::purge(const QDateTime& now, bool dryRun, const QString& actor)
{
    PurgeReport report;
    report.prescriptionsBefore = now.toUTC().addYears(-2);
    report.dispensingsBefore = now.toUTC().addYears(-5);
    report.dryRun = dryRun;
    QStringList removedImages;
    {
        WriteTransaction tx(*d);
        if (const core::Status s = tx.begin(); !s)
            return s.error();
        auto q = run(tx.db(), QStringLiteral("SELECT id, image_sha256 FROM prescriptions WHERE imported_at < ?"),
                     { isoOf(report.prescriptionsBefore) }, QStringLiteral("purge"));
        if (!q)
            return q.error();
        QList<QUuid> ids;
        while (q->next())
            ids.append(QUuid::fromString(q->value(0).toString()));
        q->finish();
        // A file stays while any page of it is kept.
        auto kept = run(tx.db(), QStringLiteral("SELECT image_sha256 FROM prescriptions WHERE imported_at >= ?"),
                        { isoOf(report.prescriptionsBefore) }, QStringLiteral("purge"));
        if (!kept)
            return kept.error();
        QSet<QString> keptDigests;
        while (kept->next())
            keptDigests.insert(kept->value(0).toString());
        kept->finish();
        // Image files no row names (left by a crash between file and row) go as well.
        for (const QString& digest : d->vault.digests()) {
            if (!keptDigests.contains(digest))
                removedImages.append(digest);
        }
        auto count = run(tx.db(), QStringLiteral("SELECT COUNT(*) FROM dispensings WHERE dispensed_at < ?"),
                         { isoOf(report.dispensingsBefore) }, QStringLiteral("purge"));
        if (!count || !count->next())
            return count ? sqlError(QStringLiteral("Record store: purge failed."), count->lastError()) : count.error();
        report.dispensings = count->value(0).toInt();
        count->finish();
        report.prescriptions = static_cast<int>(ids.size());
        report.images = static_cast<int>(removedImages.size());
        if (dryRun)
            return report;

        for (const QUuid& id : ids) {
            const QString idText = id.toString(QUuid::WithoutBraces);
            auto del = run(tx.db(), QStringLiteral("DELETE FROM prescriptions WHERE id = ?"), { idText }, QStringLiteral("purge"));
            if (!del)
                return del.error();
            if (const core::Status s = d->addEvent(tx.db(), QStringLiteral("prescription.purged"), id,
                                                   { { QStringLiteral("id"), idText } });
                !s)
                return s.error();
        }
        auto del = run(tx.db(), QStringLiteral("DELETE FROM dispensings WHERE dispensed_at < ?"),
                       { isoOf(report.dispensingsBefore) }, QStringLiteral("purge"));
        if (!del)
            return del.error();
        if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("purge"), {},
                                                  QStringLiteral("%1 prescriptions, %2 images, %3 dispensing records")
                                                      .arg(report.prescriptions)
                                                      .arg(report.images)
                                                      .arg(report.dispensings));
            !s)
            return s.error();
        if (const core::Status s = tx.commit(); !s)
            return s.error();
    }
    // Files after the commit: a crash here leaves orphans, which the next purge removes.
    for (const QString& digest : std::as_const(removedImages)) {
        if (const core::Status s = d->vault.remove(digest); !s)
            return s.error();
    }
    // Old page images of the deleted rows may still sit in the WAL: fold it back and truncate it.
    QSqlDatabase db = d->db();
    QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return report;
}

core::Status RecordStore::backup(const QString& destination, const QString& actor)
{
    const QDir dest(destination);
    if (dest.exists() && !dest.isEmpty())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("The backup folder must be new or empty."), destination);
    if (!QDir().mkpath(dest.absolutePath()))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot create the backup folder."), destination);
    const QString dbCopy = dest.absoluteFilePath(QStringLiteral("records.sqlite"));
    {
        // VACUUM INTO reads one consistent snapshot while other connections keep writing.
        const QMutexLocker lock(&d->writeMutex);
        QSqlDatabase db = d->db();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("VACUUM INTO %1").arg(quoted(dbCopy))))
            return sqlError(QStringLiteral("The backup of the database failed."), q.lastError());
    }
    int images = 0;
    for (const QString& digest : d->vault.digests()) {
        const QString from = d->vault.pathOf(digest);
        const QString to = dest.absoluteFilePath(QStringLiteral("images/") + QFileInfo(from).dir().dirName() + u'/'
                                                 + QFileInfo(from).fileName());
        if (const core::Status s = copyDurably(from, to); !s)
            return s;
        ++images;
    }
    const QJsonObject manifest { { QStringLiteral("format"), QStringLiteral("pharmdesk-records-backup-1") },
                                 { QStringLiteral("created_at"), isoNow() },
                                 { QStringLiteral("database_sha256"), fileSha256(dbCopy) },
                                 { QStringLiteral("images"), images },
                                 { QStringLiteral("key_id"), static_cast<qint64>(d->keys.current().id) } };
    if (const core::Status s = writeFileDurably(dest.absoluteFilePath(QStringLiteral("backup.json")),
                                                QJsonDocument(manifest).toJson());
        !s)
        return s;
    return audit(actor, QStringLiteral("backup"), {}, QStringLiteral("%1 (%2 images)").arg(dest.absolutePath()).arg(images));
}

core::Status RecordStore::restore(const QString& backupDir, const StoreOptions& options, const QString& actor)
{
    const QDir src(backupDir);
    const QString srcDb = src.absoluteFilePath(QStringLiteral("records.sqlite"));
    QFile manifestFile(src.absoluteFilePath(QStringLiteral("backup.json")));
    if (!QFileInfo::exists(srcDb) || !manifestFile.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Not a PharmDesk records backup."), backupDir);
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    if (manifest.value(QStringLiteral("database_sha256")).toString() != fileSha256(srcDb))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The backup is damaged (database checksum)."), srcDb);

    // Check the backup before touching anything: integrity, keys, images.
    {
        StoreOptions probe = options;
        probe.directory = src.absolutePath();
        auto opened = RecordStore::open(probe);
        if (!opened)
            return core::makeError(opened.error().category,
                                   QStringLiteral("The backup cannot be opened: %1").arg(opened.error().message),
                                   opened.error().detail);
        QSqlDatabase db = (*opened)->d->db();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok"))
            return core::makeError(core::ErrorCategory::Io, QStringLiteral("The backup database is damaged."), srcDb);
        q.finish();
        auto digests = run(db, QStringLiteral("SELECT image_sha256 FROM prescriptions"), {}, QStringLiteral("restore"));
        if (!digests)
            return digests.error();
        while (digests->next()) {
            if (!(*opened)->d->vault.contains(digests->value(0).toString(), (*opened)->d->keys))
                return core::makeError(core::ErrorCategory::Io, QStringLiteral("The backup lacks an image."),
                                       digests->value(0).toString());
        }
        digests->finish();
        // Leave the backup folder as it was: no WAL or -shm files next to it.
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

    const QDir dir(options.directory);
    if (!QDir().mkpath(dir.absoluteFilePath(QStringLiteral("images"))))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot create the record folder."), dir.absolutePath());
    const QString target = dir.absoluteFilePath(QStringLiteral("records.sqlite"));
    if (QFileInfo::exists(target)) {
        // Fold the live WAL into the old file first: a stale WAL next to the new file would corrupt it.
        const QString name = QStringLiteral("pharmdesk-store-restore");
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            old.setDatabaseName(target);
            if (old.open()) {
                QSqlQuery(old).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
                old.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
    }
    for (const char* suffix : { "-wal", "-shm" })
        QFile::remove(target + QLatin1String(suffix));
    if (const core::Status s = copyDurably(srcDb, target); !s)
        return s;
    const ImageVault from(src.absoluteFilePath(QStringLiteral("images")));
    const ImageVault to(dir.absoluteFilePath(QStringLiteral("images")));
    for (const QString& digest : from.digests()) {
        if (!QFileInfo::exists(to.pathOf(digest))) {
            if (const core::Status s = copyDurably(from.pathOf(digest), to.pathOf(digest)); !s)
                return s;
        }
    }
    auto store = RecordStore::open(options);
    if (!store)
        return store.error();
    return (*store)->audit(actor, QStringLiteral("restore"), {}, src.absolutePath());
}

core::Result<RotationReport> RecordStore::rotateKey(crypto::Cipher cipher, const QString& actor)
{
    const QMutexLocker lock(&d->writeMutex);
    RotationReport report;
    report.oldKeyId = d->keys.current().id;
    // 1. The new generation joins the keyset, durably, before anything is sealed with it.
    KeySet next = d->keys;
    report.newKeyId = next.addGeneration(cipher);
    if (const core::Status s = d->keychain->write(KeySet::secretName(), next.toBytes()); !s)
        return s.error();
    const KeySet previous = d->keys;
    d->keys = next;
    const DataKey& key = d->keys.current();

    // 2. Images: each file is replaced atomically, so an interrupted run leaves a mix that both
    //    generations open; rerunning finishes it.
    for (const QString& digest : d->vault.digests()) {
        auto changed = d->vault.reseal(digest, d->keys, key);
        if (!changed)
            return changed.error();
        report.images += *changed ? 1 : 0;
    }

    // 3. Resident numbers, keyed hashes, the key check and the audit head in one transaction.
    {
        WriteTransaction tx(*d);
        if (const core::Status s = tx.begin(); !s)
            return s.error();
        struct Row
        {
            QString table, idColumn, id;
            QList<QPair<QString, QByteArray>> sealed;  // column → envelope
        };
        QList<Row> rows;
        auto p = run(tx.db(), QStringLiteral("SELECT id, rrn_read, rrn_confirmed FROM prescriptions"), {}, QStringLiteral("rotation"));
        if (!p)
            return p.error();
        while (p->next()) {
            rows.append(Row { QStringLiteral("prescriptions"), QStringLiteral("id"), p->value(0).toString(),
                              { { QStringLiteral("rrn_read"), p->value(1).toByteArray() },
                                { QStringLiteral("rrn_confirmed"), p->value(2).toByteArray() } } });
        }
        p->finish();
        auto dq = run(tx.db(), QStringLiteral("SELECT id, rrn FROM dispensings"), {}, QStringLiteral("rotation"));
        if (!dq)
            return dq.error();
        while (dq->next())
            rows.append(Row { QStringLiteral("dispensings"), QStringLiteral("id"), dq->value(0).toString(),
                              { { QStringLiteral("rrn"), dq->value(1).toByteArray() } } });
        dq->finish();
        for (const Row& row : std::as_const(rows)) {
            QString plainForKey;
            for (const auto& [column, envelope] : row.sealed) {
                if (envelope.isEmpty())
                    continue;
                const QByteArray aad = (row.table == QLatin1String("dispensings") ? QByteArrayLiteral("dispensing")
                                                                                    : column.toLatin1())
                    + ':' + row.id.toLatin1();
                const auto plain = d->openText(envelope, aad);
                if (!plain)
                    return plain.error();
                if (plainForKey.isEmpty() || column == QLatin1String("rrn_confirmed"))
                    plainForKey = *plain;
                const auto resealed = d->sealText(*plain, aad);
                if (!resealed)
                    return resealed.error();
                auto upd = run(tx.db(), QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(row.table, column),
                               { *resealed, row.id }, QStringLiteral("rotation"));
                if (!upd)
                    return upd.error();
            }
            const QByteArray patient = d->patientKey(plainForKey);
            auto upd = run(tx.db(), QStringLiteral("UPDATE %1 SET patient_key = ? WHERE id = ?").arg(row.table),
                           { patient.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(patient), row.id },
                           QStringLiteral("rotation"));
            if (!upd)
                return upd.error();
            report.rows += 1;
        }
        const auto check = crypto::seal(key.cipher, key.encryptionKey, key.id, QByteArrayLiteral("pharmdesk-key-check"),
                                        QByteArrayLiteral("pharmdesk-key-check"));
        if (!check)
            return check.error();
        auto upd = run(tx.db(), QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('key_check', ?)"),
                       { QString::fromLatin1(check->toBase64()) }, QStringLiteral("rotation"));
        if (!upd)
            return upd.error();
        if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("rotate-key"), {},
                                                  QStringLiteral("key %1 (%2) -> %3 (%4)")
                                                      .arg(report.oldKeyId)
                                                      .arg(crypto::cipherName(previous.current().cipher))
                                                      .arg(report.newKeyId)
                                                      .arg(crypto::cipherName(cipher)));
            !s)
            return s.error();
        if (const core::Status s = tx.commit(); !s)
            return s.error();
    }
    // Old sealed pages may linger in the WAL until a checkpoint.
    QSqlQuery(d->db()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));

    // 4. Nothing needs the old generations any more.
    KeySet retired = d->keys;
    retired.retireOld();
    if (const core::Status s = d->keychain->write(KeySet::secretName(), retired.toBytes()); !s)
        return s.error();
    d->keys = retired;
    return report;
}

} // namespace pharmdesk::store
