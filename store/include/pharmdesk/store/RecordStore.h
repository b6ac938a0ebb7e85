// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DataDirectory.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/store/Crypto.h"
#include "pharmdesk/store/Keychain.h"
#include "pharmdesk/store/Records.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <memory>

namespace pharmdesk::store {

struct StoreOptions
{
    QString directory;                   ///< holds records.sqlite (+ WAL) and images/
    std::shared_ptr<Keychain> keychain;  ///< where the keyset lives; required
    /// Cipher of a keyset created on first use (an existing keyset keeps its own).
    crypto::Cipher cipher = crypto::Cipher::Aes256Gcm;
};

/// How RecordStore::backup paces its copy of the database.
struct BackupOptions
{
    /// Database pages (4 KiB) copied per step of the SQLite backup API; between steps the source
    /// is not locked at all (WAL), so writers are never held up by the backup.
    int pagesPerStep = 256;
    /// Called on the calling thread after each step with pages copied and total; may be empty.
    std::function<void(int copied, int total)> progress;
};

/// The dispensing record store: prescriptions with their encrypted images, what recognition read
/// and what the pharmacist confirmed, dispensing records, printed guides, status history, the
/// sync outbox, pharmacist accounts and the hash-chained audit log, in one SQLite database in WAL
/// mode (docs/records.md).
///
/// Privacy: resident numbers are sealed (AES-/ARIA-256-GCM) before they reach SQLite and found
/// through a keyed hash; images are sealed files named by their SHA-256. Nothing this class
/// writes to disk or returns (except exportRecord) holds a full resident number.
///
/// Crash safety: every method is one SQLite transaction (synchronous=FULL); image files are
/// written and fsync'ed before the row that names them is committed.
///
/// Threads: every method may be called from any thread; each thread gets its own connection and
/// writes are serialised inside the store. Several processes may open the same directory (SQLite
/// locking, 10 s busy timeout).
///
/// `actor` names who acts ("pharmacist:kim", "cli:alice"): it goes to the audit log.
class RecordStore
{
public:
    /// Opens or creates the store, running schema migrations. Creates a keyset in the keychain
    /// when there is none and the store is new; refuses to open when data exists but the key
    /// that sealed it is not in the keychain.
    static core::Result<std::unique_ptr<RecordStore>> open(const StoreOptions& options);

    /// <data>/records, the keychain from Keychain::openDefault(keyDirectory(data)).
    static StoreOptions defaultOptions(const core::DataDirectory& data, QString* keychainNote = nullptr);
    /// $PHARMDESK_KEY_DIR, else <data>/keys (its own 0700 folder: backups leave it out).
    static QString keyDirectory(const core::DataDirectory& data);

    ~RecordStore();
    RecordStore(const RecordStore&) = delete;
    RecordStore& operator=(const RecordStore&) = delete;

    QString directory() const;
    QString databasePath() const;
    QString keychainBackend() const;
    quint32 currentKeyId() const;
    crypto::Cipher currentCipher() const;

    // --- Intake and workflow ------------------------------------------------------------------

    struct Intake
    {
        QUuid id;
        bool created = false;  ///< false: the same image (by SHA-256) was already recorded
        RecordStatus status = RecordStatus::New;
    };
    /// Stores the image file (sealed, content-addressed) and a prescription in state New.
    /// Idempotent by the SHA-256 of the bytes and the page: the same image is one prescription
    /// however often it is imported. `page` (0-based) tells the pages of a PDF or multi-page TIFF
    /// apart: one stored file, one prescription per page.
    core::Result<Intake> intakeImage(const QString& imagePath, const QString& actor, int page = 0);
    core::Result<Intake> intakeBytes(const QByteArray& bytes, const QString& sourceName, const QString& actor, int page = 0);

    /// Records what recognition read: New → Recognised / NeedsReview / Failed. A prescription
    /// already past New keeps what it has (no second history row): re-importing changes nothing.
    core::Status recordRecognition(const QUuid& id, const core::ImportResult& result, const QString& actor);

    /// The pharmacist's reviewed prescription (with the full RRN as corrected, if it was).
    /// Keeps the recognised version, moves to Confirmed and writes the dispensing record.
    /// Confirming again records a new version (audited "edit").
    core::Status confirm(const QUuid& id, const core::Prescription& confirmed, const QString& actor);

    /// Confirmed → GuidePrinted; audited "print". `pdfSha256` may be empty.
    core::Status recordGuidePrinted(const QUuid& id, const QString& actor, const QString& pdfSha256 = {});

    /// Prescriptions still New: their recognition was interrupted and must be redone.
    core::Result<QList<QUuid>> unfinished() const;
    /// The same, with what is needed to redo them (source name, page, image digest), oldest
    /// first. Not audited: a New prescription holds no patient data yet.
    core::Result<QList<RecordSummary>> unfinishedRecords() const;
    /// The decrypted image of an unfinished prescription, for recognising it again; audited
    /// "recover-image". Usage error when the prescription is past New (nothing to redo).
    /// Keep the bytes in memory (or a 0600 file deleted after): they show the resident number.
    core::Result<QByteArray> imageForRecovery(const QUuid& id, const QString& actor);
    /// The prescription of an image (page), by the SHA-256 (hex) of the file's bytes.
    core::Result<std::optional<QUuid>> findByImageHash(const QString& sha256, int page = 0) const;

    // --- Reading (audited) --------------------------------------------------------------------

    /// Newest first. Audited as "list" (or "search" when filtering by patient).
    core::Result<QList<RecordSummary>> list(const RecordFilter& filter, const QString& actor);
    /// Masked detail; audited "view". Error (Input) when no such prescription.
    core::Result<RecordDetail> show(const QUuid& id, const QString& actor);
    /// Full resident numbers; audited "export" with `reason`.
    core::Result<ExportedRecord> exportRecord(const QUuid& id, const QString& actor, const QString& reason);
    /// The decrypted image bytes; audited "view-image".
    core::Result<QByteArray> image(const QUuid& id, const QString& actor);

    // --- Audit log and outbox -------------------------------------------------------------------

    /// Appends an entry (for actions outside the store, e.g. a GUI print preview).
    core::Status audit(const QString& actor, const QString& action, const QString& subject, const QString& detail);
    /// Walks the whole chain and checks the sealed head: finds an edited, deleted or appended row.
    core::Result<AuditVerification> verifyAudit() const;
    core::Result<QList<AuditEntry>> auditEntries(qint64 afterId = 0, int limit = 1000) const;

    /// Unsent events, oldest first.
    core::Result<QList<OutboxEvent>> pendingEvents(int limit = 1000) const;
    core::Status markEventsSent(const QList<QUuid>& eventIds);

    // --- Accounts ---------------------------------------------------------------------------

    /// Creates a pharmacist account; `pin` may be empty (4-8 digits otherwise).
    core::Status createAccount(const QString& user, const QString& displayName, const QString& password,
                               const QString& pin, const QString& actor,
                               crypto::ScryptCost cost = {});
    /// Password login; audited "login" / "login-failed".
    core::Result<Account> login(const QString& user, const QString& password);
    /// The quick switch at the counter. After 5 wrong PINs the account needs its password.
    core::Result<Account> switchByPin(const QString& user, const QString& pin);
    core::Result<QList<Account>> accounts() const;
    /// Sets a new password (8+ characters) without the old one: an administrator's reset, or the
    /// second step after login(). Clears the failed-PIN counter; audited "account-password".
    core::Status setPassword(const QString& user, const QString& password, const QString& actor,
                             crypto::ScryptCost cost = {});
    /// Sets (4-8 digits) or removes (empty) the quick-switch PIN; clears the failed-PIN counter.
    /// Audited "account-pin".
    core::Status setPin(const QString& user, const QString& pin, const QString& actor, crypto::ScryptCost cost = {});
    /// A disabled account cannot log in or switch by PIN; it stays for the audit trail. Audited
    /// "account-disabled" / "account-enabled".
    core::Status setAccountDisabled(const QString& user, bool disabled, const QString& actor);

    // --- Maintenance --------------------------------------------------------------------------

    /// Retention: prescriptions (and their images) imported more than 2 years before `now`,
    /// dispensing records more than 5 years before. Deleted rows are overwritten (secure_delete).
    core::Result<PurgeReport> purge(const QDateTime& now, bool dryRun, const QString& actor);

    /// Online backup into an empty or new folder: one consistent snapshot of the database copied
    /// with the SQLite backup API in steps (writers in this and other processes go on meanwhile),
    /// checked (integrity_check, the keys open it), then the sealed images and a manifest
    /// (backup.json, written last). The keys are NOT in it.
    core::Status backup(const QString& destination, const QString& actor, const BackupOptions& options = {});

    /// Replaces the store in `options.directory` with a backup made by backup(). Checks the
    /// backup's checksum, integrity, that the keychain's keys open it and that its images are
    /// there before touching anything; then copies the images and the database (SQLite backup
    /// API, one transaction: interrupted, the old records stay). No RecordStore may be open on
    /// that directory.
    static core::Status restore(const QString& backupDir, const StoreOptions& options, const QString& actor);

    /// Re-seals every resident number and image under a new key generation (`cipher`), updates
    /// every keyed hash, then retires the old keys. Safe to interrupt: rerun it.
    core::Result<RotationReport> rotateKey(crypto::Cipher cipher, const QString& actor);

    struct Private;

private:
    explicit RecordStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace pharmdesk::store
