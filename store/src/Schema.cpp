// SPDX-License-Identifier: GPL-3.0-or-later
// Versioned migrations of the record store (PRAGMA user_version). Append new steps; never edit one.
#include "StorePrivate.h"

#include <QScopeGuard>

#include <array>

namespace pharmdesk::store {

namespace {

const char* const kMigration1[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    // One row per distinct image. Resident numbers only sealed (rrn_read, rrn_confirmed) and as a
    // keyed hash (patient_key); the JSON columns hold core::json output, which is masked.
    "CREATE TABLE prescriptions("
    " id TEXT PRIMARY KEY,"
    " image_sha256 TEXT NOT NULL UNIQUE,"
    " image_size INTEGER NOT NULL,"
    " source_name TEXT NOT NULL,"
    " imported_at TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " status_at TEXT NOT NULL,"
    " patient_name TEXT,"
    " rrn_masked TEXT,"
    " patient_key BLOB,"
    " rrn_read BLOB,"
    " rrn_confirmed BLOB,"
    " issue_date TEXT,"
    " institution TEXT,"
    " item_count INTEGER NOT NULL DEFAULT 0,"
    " recognised_json TEXT,"
    " confirmed_json TEXT,"
    " confirmed_at TEXT,"
    " confirmed_by TEXT)",
    "CREATE INDEX prescriptions_patient ON prescriptions(patient_key)",
    "CREATE INDEX prescriptions_imported ON prescriptions(imported_at)",
    "CREATE INDEX prescriptions_status ON prescriptions(status)",
    "CREATE TABLE status_history("
    " id INTEGER PRIMARY KEY,"
    " prescription_id TEXT NOT NULL REFERENCES prescriptions(id) ON DELETE CASCADE,"
    " status TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, note TEXT)",
    "CREATE INDEX status_history_prescription ON status_history(prescription_id)",
    // 조제기록: a copy that outlives the prescription (5 years against 2).
    "CREATE TABLE dispensings("
    " id TEXT PRIMARY KEY,"
    " prescription_id TEXT NOT NULL,"
    " dispensed_at TEXT NOT NULL,"
    " pharmacist TEXT NOT NULL,"
    " patient_name TEXT,"
    " rrn_masked TEXT,"
    " patient_key BLOB,"
    " rrn BLOB,"
    " prescription_json TEXT NOT NULL)",
    "CREATE INDEX dispensings_at ON dispensings(dispensed_at)",
    "CREATE INDEX dispensings_prescription ON dispensings(prescription_id)",
    "CREATE TABLE guides("
    " id TEXT PRIMARY KEY,"
    " prescription_id TEXT NOT NULL REFERENCES prescriptions(id) ON DELETE CASCADE,"
    " printed_at TEXT NOT NULL, actor TEXT NOT NULL, pdf_sha256 TEXT)",
    "CREATE TABLE outbox("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " event_id TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL,"
    " subject TEXT,"
    " payload TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " sent_at TEXT)",
    "CREATE INDEX outbox_unsent ON outbox(sent_at, seq)",
    "CREATE TABLE audit("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
    " subject TEXT NOT NULL, detail TEXT NOT NULL,"
    " prev_hash BLOB NOT NULL, hash BLOB NOT NULL)",
    // Append-only for honest code paths; the hash chain and the sealed head catch the rest.
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TABLE accounts("
    " user TEXT PRIMARY KEY,"
    " display_name TEXT NOT NULL,"
    " password_hash TEXT NOT NULL,"
    " pin_hash TEXT,"
    " failed_attempts INTEGER NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL)",
};

// A multi-page PDF or TIFF is one stored file and one prescription per page: the image digest is
// unique together with the page. SQLite cannot drop a column constraint, so the table is rebuilt
// (with foreign keys off, see migrate()).
const char* const kMigration2[] = {
    "CREATE TABLE prescriptions_v2("
    " id TEXT PRIMARY KEY,"
    " image_sha256 TEXT NOT NULL,"
    " page INTEGER NOT NULL DEFAULT 0,"
    " image_size INTEGER NOT NULL,"
    " source_name TEXT NOT NULL,"
    " imported_at TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " status_at TEXT NOT NULL,"
    " patient_name TEXT,"
    " rrn_masked TEXT,"
    " patient_key BLOB,"
    " rrn_read BLOB,"
    " rrn_confirmed BLOB,"
    " issue_date TEXT,"
    " institution TEXT,"
    " item_count INTEGER NOT NULL DEFAULT 0,"
    " recognised_json TEXT,"
    " confirmed_json TEXT,"
    " confirmed_at TEXT,"
    " confirmed_by TEXT)",
    "INSERT INTO prescriptions_v2(id, image_sha256, page, image_size, source_name, imported_at, status, status_at,"
    " patient_name, rrn_masked, patient_key, rrn_read, rrn_confirmed, issue_date, institution, item_count,"
    " recognised_json, confirmed_json, confirmed_at, confirmed_by)"
    " SELECT id, image_sha256, 0, image_size, source_name, imported_at, status, status_at,"
    " patient_name, rrn_masked, patient_key, rrn_read, rrn_confirmed, issue_date, institution, item_count,"
    " recognised_json, confirmed_json, confirmed_at, confirmed_by FROM prescriptions",
    "DROP TABLE prescriptions",
    "ALTER TABLE prescriptions_v2 RENAME TO prescriptions",
    "CREATE UNIQUE INDEX prescriptions_image ON prescriptions(image_sha256, page)",
    "CREATE INDEX prescriptions_patient ON prescriptions(patient_key)",
    "CREATE INDEX prescriptions_imported ON prescriptions(imported_at)",
    "CREATE INDEX prescriptions_status ON prescriptions(status)",
};

// Accounts can be disabled (kept for the audit trail, refused at login and PIN switch).
const char* const kMigration3[] = {
    "ALTER TABLE accounts ADD COLUMN disabled_at TEXT",
};

struct Migration
{
    const char* const* statements;
    std::size_t count;
};

const std::array<Migration, 3> kMigrations { {
    { kMigration1, std::size(kMigration1) },
    { kMigration2, std::size(kMigration2) },
    { kMigration3, std::size(kMigration3) },
} };

} // namespace

core::Status migrate(QSqlDatabase& db)
{
    QSqlQuery q(db);
    // Table rebuilds must not cascade deletes into child tables; the pragma only works outside a
    // transaction. Checked with foreign_key_check before the commit instead.
    q.exec(QStringLiteral("PRAGMA foreign_keys=OFF"));
    const auto foreignKeysBackOn = qScopeGuard([&db] { QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys=ON")); });
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("Cannot open the record store."), q.lastError());
    auto fail = [&](const QSqlError& e) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return sqlError(QStringLiteral("Cannot upgrade the record store."), e);
    };
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(q.lastError());
    const int version = q.value(0).toInt();
    if (version > static_cast<int>(kMigrations.size())) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return core::makeError(core::ErrorCategory::Database,
                               QStringLiteral("The record store was written by a newer PharmDesk."),
                               QStringLiteral("schema %1, this build knows %2").arg(version).arg(kMigrations.size()));
    }
    for (int v = version; v < static_cast<int>(kMigrations.size()); ++v) {
        const Migration& m = kMigrations.at(static_cast<std::size_t>(v));
        for (std::size_t i = 0; i < m.count; ++i) {
            if (!q.exec(QString::fromLatin1(m.statements[i])))
                return fail(q.lastError());
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1)))
            return fail(q.lastError());
    }
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return fail(q.lastError());
    if (q.next())
        return fail(QSqlError(QStringLiteral("foreign key check"), q.value(0).toString()));
    q.finish();
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(q.lastError());
    return core::Done {};
}

} // namespace pharmdesk::store
