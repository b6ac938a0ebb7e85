// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/core/Prescription.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace pharmdesk::store {

/// Where a prescription stands. Moves forward only:
/// new → recognised | needs_review | failed → confirmed → guide_printed.
enum class RecordStatus {
    New,           ///< image stored, recognition not finished (redone after a crash)
    Recognised,    ///< recognised, nothing flagged
    NeedsReview,   ///< recognised, fields flagged for the pharmacist
    Failed,        ///< recognition failed (not a prescription, unreadable)
    Confirmed,     ///< the pharmacist confirmed it; a dispensing record exists
    GuidePrinted,  ///< the medication guide was printed
};

QString statusName(RecordStatus status);  ///< "new", "recognised", "needs_review", "failed", "confirmed", "guide_printed"
std::optional<RecordStatus> statusFromName(const QString& name);

/// One row of a list: masked resident number only.
struct RecordSummary
{
    QUuid id;
    QString imageSha256;
    int page = 0;            ///< page of a multi-page file, 0-based
    QString sourceName;      ///< file name at import (no folder)
    QDateTime importedAt;    ///< UTC
    RecordStatus status = RecordStatus::New;
    QDateTime statusAt;      ///< UTC, last status change
    QString patientName;
    QString maskedRrn;       ///< "YYMMDD-S******" or empty
    QDate issueDate;
    QString institution;
    int itemCount = 0;
};

struct StatusChange
{
    RecordStatus status = RecordStatus::New;
    QDateTime at;  ///< UTC
    QString actor;
    QString note;
};

/// 조제기록: written when a prescription is confirmed; kept 5 years.
struct DispensingRecord
{
    QUuid id;
    QUuid prescriptionId;
    QDateTime dispensedAt;  ///< UTC
    QString pharmacist;
    QString patientName;
    QString maskedRrn;
    QJsonObject prescription;  ///< core::json::toJson(confirmed prescription): masked
};

/// A printed medication guide.
struct GuidePrint
{
    QUuid id;
    QDateTime printedAt;  ///< UTC
    QString actor;
    QString pdfSha256;    ///< empty when printed to paper only
};

/// Everything about one prescription, masked. Reading it is audited ("view").
struct RecordDetail
{
    RecordSummary summary;
    std::optional<core::ImportResult> recognised;  ///< what recognition read (RRN masked)
    std::optional<core::Prescription> confirmed;   ///< what the pharmacist confirmed (RRN masked)
    QList<StatusChange> history;                   ///< oldest first
    QList<DispensingRecord> dispensings;
    QList<GuidePrint> guides;
};

/// The only way the full resident number leaves the store: an explicit, audited export.
struct ExportedRecord
{
    RecordDetail detail;
    QString rrnAsRead;       ///< "YYMMDD-SNNNNNN" or empty; sensitive
    QString rrnConfirmed;    ///< empty until confirmed; sensitive
};

/// Filter for RecordStore::list. Empty members match everything.
struct RecordFilter
{
    std::optional<RecordStatus> status;
    QDateTime importedFrom;  ///< inclusive, UTC
    QDateTime importedTo;    ///< exclusive, UTC
    QString rrn;             ///< full number: matched through the keyed hash, never by decrypting
    /// A drug: a 9-digit insurance (EDI) code matches a line's printed or matched product code;
    /// other text matches part of a line's product name or name as read (ASCII case ignored).
    /// Looked up in the confirmed prescription, else in what recognition read.
    QString drug;
    int limit = 100;
    int offset = 0;
};

/// One append-only audit row. `hash` = SHA-256 over `prevHash` and the row's fields.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;  ///< UTC
    QString actor;
    QString action;   ///< "view", "list", "search", "export", "edit", "print", "import", "purge", ...
    QString subject;  ///< prescription id or empty
    QString detail;   ///< never an RRN in clear
    QByteArray prevHash;
    QByteArray hash;
};

struct AuditVerification
{
    bool intact = false;
    qint64 entries = 0;
    qint64 firstBadId = 0;  ///< the first row that does not verify (0: none, or the tail is missing)
    QString problem;        ///< one sentence; empty when intact
};

/// An event for the future central-server sync. `eventId` is unique, so a receiver applies each
/// event exactly once however often it is delivered.
struct OutboxEvent
{
    qint64 sequence = 0;
    QUuid eventId;
    QString kind;        ///< "prescription.created", ".recognised", ".confirmed", ".guide_printed", ".purged", "dispensing.created"
    QUuid subject;
    QJsonObject payload; ///< masked data only
    QDateTime createdAt;
    std::optional<QDateTime> sentAt;
};

/// A local pharmacist account. Password and PIN are stored as scrypt hashes only.
struct Account
{
    QString user;
    QString displayName;
    bool hasPin = false;
    int failedAttempts = 0;  ///< since the last success; 5 locks the PIN (the password still works)
    QDateTime createdAt;
    bool disabled = false;   ///< refused at login and PIN switch; kept for the audit trail

    static constexpr int kMaxPinFailures = 5;
    bool pinLocked() const { return failedAttempts >= kMaxPinFailures; }
};

/// What a retention run removed (or would remove, dry run).
struct PurgeReport
{
    QDateTime prescriptionsBefore;  ///< imported before this: prescription + image removed (2 years)
    QDateTime dispensingsBefore;    ///< dispensed before this: dispensing record removed (5 years)
    int prescriptions = 0;
    int images = 0;
    int dispensings = 0;
    bool dryRun = false;
};

struct RotationReport
{
    quint32 oldKeyId = 0;
    quint32 newKeyId = 0;
    int rows = 0;    ///< resident numbers re-sealed
    int images = 0;  ///< image files re-sealed
};

} // namespace pharmdesk::store
