// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: retention purge and key rotation (backup and restore: Backup.cpp).
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
