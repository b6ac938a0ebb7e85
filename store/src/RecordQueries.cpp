// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: audited reading, the audit chain check and the outbox.
#include "StorePrivate.h"

#include "pharmdesk/core/ResultJson.h"

#include <QJsonDocument>

#include <algorithm>

namespace pharmdesk::store {

namespace {

QString idText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

const QString kSummaryColumns = QStringLiteral(
    "id, image_sha256, source_name, imported_at, status, status_at, patient_name, rrn_masked, issue_date, institution, item_count, "
    "page");

RecordSummary summaryOf(const QSqlQuery& q)
{
    RecordSummary s;
    s.id = QUuid::fromString(q.value(0).toString());
    s.imageSha256 = q.value(1).toString();
    s.sourceName = q.value(2).toString();
    s.importedAt = fromIso(q.value(3).toString());
    s.status = statusFromName(q.value(4).toString()).value_or(RecordStatus::New);
    s.statusAt = fromIso(q.value(5).toString());
    s.patientName = q.value(6).toString();
    s.maskedRrn = q.value(7).toString();
    s.issueDate = QDate::fromString(q.value(8).toString(), Qt::ISODate);
    s.institution = q.value(9).toString();
    s.itemCount = q.value(10).toInt();
    s.page = q.value(11).toInt();
    return s;
}

std::optional<core::ImportResult> resultOf(const QString& json)
{
    if (json.isEmpty())
        return std::nullopt;
    auto parsed = core::json::importResultFromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!parsed)
        return std::nullopt;
    return *parsed;
}

core::Error notFound(const QUuid& id)
{
    return core::makeError(core::ErrorCategory::Input, QStringLiteral("No such prescription in the records."), idText(id));
}

} // namespace

core::Result<QList<RecordSummary>> RecordStore::list(const RecordFilter& filter, const QString& actor)
{
    QString sql = QStringLiteral("SELECT %1 FROM prescriptions WHERE 1").arg(kSummaryColumns);
    QVariantList binds;
    if (filter.status) {
        sql += QStringLiteral(" AND status = ?");
        binds.append(statusName(*filter.status));
    }
    if (filter.importedFrom.isValid()) {
        sql += QStringLiteral(" AND imported_at >= ?");
        binds.append(isoOf(filter.importedFrom));
    }
    if (filter.importedTo.isValid()) {
        sql += QStringLiteral(" AND imported_at < ?");
        binds.append(isoOf(filter.importedTo));
    }
    if (!filter.rrn.isEmpty()) {
        const QByteArray key = d->patientKey(filter.rrn);
        if (key.isEmpty())
            return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Not a valid resident registration number."));
        sql += QStringLiteral(" AND patient_key = ?");
        binds.append(key);
    }
    if (const QString drug = filter.drug.trimmed(); !drug.isEmpty()) {
        // The JSON columns hold core::json output (masked): searched in place, nothing decrypted.
        const bool code = drug.size() == 9 && std::all_of(drug.cbegin(), drug.cend(), [](QChar c) { return c.isDigit(); });
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM json_each(COALESCE(confirmed_json, recognised_json), "
                              "'$.prescription.items') AS item WHERE ");
        if (code) {
            sql += QStringLiteral("json_extract(item.value, '$.edi_code') = ? OR EXISTS (SELECT 1 FROM "
                                  "json_each(item.value, '$.product_edi_codes') AS c WHERE c.value = ?))");
            binds << drug << drug;
        } else {
            sql += QStringLiteral("instr(lower(json_extract(item.value, '$.product_name')), lower(?)) > 0 OR "
                                  "instr(lower(json_extract(item.value, '$.name_as_read')), lower(?)) > 0)");
            binds << drug << drug;
        }
    }
    sql += QStringLiteral(" ORDER BY imported_at DESC, rowid DESC LIMIT ? OFFSET ?");
    binds.append(qBound(1, filter.limit, 100000));
    binds.append(qMax(0, filter.offset));

    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    auto q = run(tx.db(), sql, binds, QStringLiteral("list"));
    if (!q)
        return q.error();
    QList<RecordSummary> out;
    while (q->next())
        out.append(summaryOf(*q));
    q->finish();
    // Searching by patient is the sensitive act; the keyed hash is not logged either.
    const QString action = filter.rrn.isEmpty() ? QStringLiteral("list") : QStringLiteral("search");
    const QString detail = QStringLiteral("%1 rows%2%3").arg(out.size()).arg(
        filter.status ? QStringLiteral(", status ") + statusName(*filter.status) : QString(),
        filter.drug.trimmed().isEmpty() ? QString() : QStringLiteral(", by drug"));
    if (const core::Status s = d->appendAudit(tx.db(), actor, action, {}, detail); !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    return out;
}

namespace {

core::Result<RecordDetail> loadDetail(QSqlDatabase& db, const QUuid& id, QByteArray* rrnRead, QByteArray* rrnConfirmed)
{
    auto q = run(db,
                 QStringLiteral("SELECT %1, recognised_json, confirmed_json, rrn_read, rrn_confirmed FROM prescriptions WHERE id = ?")
                     .arg(kSummaryColumns),
                 { idText(id) }, QStringLiteral("show"));
    if (!q)
        return q.error();
    if (!q->next())
        return notFound(id);
    RecordDetail detail;
    detail.summary = summaryOf(*q);
    detail.recognised = resultOf(q->value(12).toString());
    if (auto confirmed = resultOf(q->value(13).toString()))
        detail.confirmed = confirmed->prescription;
    *rrnRead = q->value(14).toByteArray();
    *rrnConfirmed = q->value(15).toByteArray();
    q->finish();

    auto h = run(db, QStringLiteral("SELECT status, at, actor, note FROM status_history WHERE prescription_id = ? ORDER BY id"),
                 { idText(id) }, QStringLiteral("history"));
    if (!h)
        return h.error();
    while (h->next()) {
        detail.history.append(StatusChange { statusFromName(h->value(0).toString()).value_or(RecordStatus::New),
                                             fromIso(h->value(1).toString()), h->value(2).toString(), h->value(3).toString() });
    }
    auto dq = run(db,
                  QStringLiteral("SELECT id, dispensed_at, pharmacist, patient_name, rrn_masked, prescription_json FROM dispensings "
                                 "WHERE prescription_id = ? ORDER BY dispensed_at"),
                  { idText(id) }, QStringLiteral("dispensing records"));
    if (!dq)
        return dq.error();
    while (dq->next()) {
        detail.dispensings.append(DispensingRecord { QUuid::fromString(dq->value(0).toString()), id,
                                                     fromIso(dq->value(1).toString()), dq->value(2).toString(),
                                                     dq->value(3).toString(), dq->value(4).toString(),
                                                     QJsonDocument::fromJson(dq->value(5).toString().toUtf8()).object() });
    }
    auto g = run(db, QStringLiteral("SELECT id, printed_at, actor, pdf_sha256 FROM guides WHERE prescription_id = ? ORDER BY printed_at"),
                 { idText(id) }, QStringLiteral("guides"));
    if (!g)
        return g.error();
    while (g->next()) {
        detail.guides.append(GuidePrint { QUuid::fromString(g->value(0).toString()), fromIso(g->value(1).toString()),
                                          g->value(2).toString(), g->value(3).toString() });
    }
    return detail;
}

} // namespace

core::Result<RecordDetail> RecordStore::show(const QUuid& id, const QString& actor)
{
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    QByteArray read, confirmed;
    auto detail = loadDetail(tx.db(), id, &read, &confirmed);
    if (!detail)
        return detail.error();
    if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("view"), idText(id), {}); !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    return detail;
}

core::Result<ExportedRecord> RecordStore::exportRecord(const QUuid& id, const QString& actor, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("An export of resident numbers needs a reason."));
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    QByteArray read, confirmed;
    auto detail = loadDetail(tx.db(), id, &read, &confirmed);
    if (!detail)
        return detail.error();
    ExportedRecord out;
    out.detail = *detail;
    if (!read.isEmpty()) {
        auto r = d->openText(read, QByteArrayLiteral("rrn_read:") + idText(id).toLatin1());
        if (!r)
            return r.error();
        out.rrnAsRead = *r;
    }
    if (!confirmed.isEmpty()) {
        auto c = d->openText(confirmed, QByteArrayLiteral("rrn_confirmed:") + idText(id).toLatin1());
        if (!c)
            return c.error();
        out.rrnConfirmed = *c;
    }
    // Audited before the number is handed out: no export without its log row.
    if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("export"), idText(id), reason.trimmed()); !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    return out;
}

namespace {

/// The decrypted image of `id`, audited as `action` in the same transaction; with `onlyNew`
/// refused (Usage) once the prescription is past New.
core::Result<QByteArray> auditedImage(const RecordStore::Private& d, const QUuid& id, const QString& actor, const QString& action,
                                      bool onlyNew)
{
    WriteTransaction tx(d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    auto q = run(tx.db(), QStringLiteral("SELECT image_sha256, status FROM prescriptions WHERE id = ?"), { idText(id) },
                 QStringLiteral("image"));
    if (!q)
        return q.error();
    if (!q->next())
        return notFound(id);
    const QString sha = q->value(0).toString();
    const bool isNew = statusFromName(q->value(1).toString()) == RecordStatus::New;
    q->finish();
    if (onlyNew && !isNew)
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("The prescription was already recognised."), idText(id));
    auto bytes = d.vault.get(sha, d.keys);
    if (!bytes)
        return bytes.error();
    if (const core::Status s = d.appendAudit(tx.db(), actor, action, idText(id), {}); !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    return bytes;
}

} // namespace

core::Result<QByteArray> RecordStore::image(const QUuid& id, const QString& actor)
{
    return auditedImage(*d, id, actor, QStringLiteral("view-image"), false);
}

core::Result<QList<RecordSummary>> RecordStore::unfinishedRecords() const
{
    QSqlDatabase db = d->db();
    auto q = run(db, QStringLiteral("SELECT %1 FROM prescriptions WHERE status = 'new' ORDER BY imported_at, page").arg(kSummaryColumns),
                 {}, QStringLiteral("unfinished"));
    if (!q)
        return q.error();
    QList<RecordSummary> out;
    while (q->next())
        out.append(summaryOf(*q));
    return out;
}

core::Result<QByteArray> RecordStore::imageForRecovery(const QUuid& id, const QString& actor)
{
    return auditedImage(*d, id, actor, QStringLiteral("recover-image"), true);
}

core::Result<AuditVerification> RecordStore::verifyAudit() const
{
    QSqlDatabase db = d->db();
    // One read transaction: a consistent snapshot even while others append.
    QSqlQuery(db).exec(QStringLiteral("BEGIN"));
    auto q = run(db, QStringLiteral("SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY id"), {},
                 QStringLiteral("audit check"));
    if (!q) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return q.error();
    }
    AuditVerification v;
    QByteArray prev(32, '\0');
    qint64 expectedId = 1;
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        const QByteArray prevHash = q->value(6).toByteArray();
        const QByteArray hash = q->value(7).toByteArray();
        ++v.entries;
        if (v.firstBadId != 0)
            continue;
        if (id != expectedId) {
            v.firstBadId = id;
            v.problem = QStringLiteral("entry %1 is missing (deleted)").arg(expectedId);
        } else if (prevHash != prev) {
            v.firstBadId = id;
            v.problem = QStringLiteral("entry %1 does not follow entry %2 (an entry was deleted or changed)").arg(id).arg(id - 1);
        } else if (auditHash(prevHash, id, q->value(1).toString(), q->value(2).toString(), q->value(3).toString(),
                             q->value(4).toString(), q->value(5).toString())
                   != hash) {
            v.firstBadId = id;
            v.problem = QStringLiteral("entry %1 was changed after it was written").arg(id);
        }
        prev = hash;
        expectedId = id + 1;
    }
    q->finish();
    auto head = run(db, QStringLiteral("SELECT value FROM meta WHERE key = 'audit_head'"), {}, QStringLiteral("audit check"));
    QString headValue;
    if (head && head->next())
        headValue = head->value(0).toString();
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    if (v.firstBadId != 0)
        return v;

    // The sealed head names the last entry: catches a cut-off tail or a chain rebuilt without the key.
    const QStringList parts = headValue.split(u':');
    const qint64 lastId = expectedId - 1;
    if (parts.size() != 4) {
        if (v.entries > 0)
            v.problem = QStringLiteral("the audit head is missing");
    } else {
        const QString body = parts.at(0) + u':' + parts.at(1);
        const QByteArray mac = QByteArray::fromHex(parts.at(3).toLatin1());
        bool sealOk = false;
        {
            const QMutexLocker lock(&d->writeMutex);  // the keyset changes only under it (rotation)
            const DataKey* key = d->keys.find(parts.at(2).toUInt());
            sealOk = key
                && crypto::equalConstantTime(
                         crypto::hmacSha256(key->indexKey, QByteArrayLiteral("audit-head:") + body.toLatin1()), mac);
        }
        if (!sealOk)
            v.problem = QStringLiteral("the audit head seal does not verify (the log was rewritten)");
        else if (parts.at(0).toLongLong() != lastId)
            v.problem = parts.at(0).toLongLong() > lastId
                ? QStringLiteral("entries %1 to %2 are missing (deleted)").arg(lastId + 1).arg(parts.at(0))
                : QStringLiteral("entries after %1 were added without the key").arg(parts.at(0));
        else if (QByteArray::fromHex(parts.at(1).toLatin1()) != prev)
            v.problem = QStringLiteral("the last entry does not match the sealed head");
    }
    v.intact = v.problem.isEmpty();
    return v;
}

core::Result<QList<AuditEntry>> RecordStore::auditEntries(qint64 afterId, int limit) const
{
    QSqlDatabase db = d->db();
    auto q = run(db,
                 QStringLiteral("SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit WHERE id > ? "
                                "ORDER BY id LIMIT ?"),
                 { afterId, qBound(1, limit, 100000) }, QStringLiteral("audit"));
    if (!q)
        return q.error();
    QList<AuditEntry> out;
    while (q->next()) {
        out.append(AuditEntry { q->value(0).toLongLong(), fromIso(q->value(1).toString()), q->value(2).toString(),
                                q->value(3).toString(), q->value(4).toString(), q->value(5).toString(),
                                q->value(6).toByteArray(), q->value(7).toByteArray() });
    }
    return out;
}

core::Result<QList<OutboxEvent>> RecordStore::pendingEvents(int limit) const
{
    QSqlDatabase db = d->db();
    auto q = run(db,
                 QStringLiteral("SELECT seq, event_id, kind, subject, payload, created_at FROM outbox WHERE sent_at IS NULL "
                                "ORDER BY seq LIMIT ?"),
                 { qBound(1, limit, 100000) }, QStringLiteral("outbox"));
    if (!q)
        return q.error();
    QList<OutboxEvent> out;
    while (q->next()) {
        out.append(OutboxEvent { q->value(0).toLongLong(), QUuid::fromString(q->value(1).toString()), q->value(2).toString(),
                                 QUuid::fromString(q->value(3).toString()),
                                 QJsonDocument::fromJson(q->value(4).toString().toUtf8()).object(),
                                 fromIso(q->value(5).toString()), std::nullopt });
    }
    return out;
}

core::Status RecordStore::markEventsSent(const QList<QUuid>& eventIds)
{
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    const QString now = isoNow();
    for (const QUuid& id : eventIds) {
        auto q = run(tx.db(), QStringLiteral("UPDATE outbox SET sent_at = ? WHERE event_id = ? AND sent_at IS NULL"),
                     { now, idText(id) }, QStringLiteral("outbox"));
        if (!q)
            return q.error();
    }
    return tx.commit();
}

} // namespace pharmdesk::store
