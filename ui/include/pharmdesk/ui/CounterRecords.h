// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/store/Keychain.h"
#include "pharmdesk/store/MemoryFile.h"
#include "pharmdesk/store/RecordStore.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QUuid>
#include <functional>
#include <memory>
#include <optional>

namespace pharmdesk::ui {

/// The counter's link to the record store and the keychain: every prescription that arrives is
/// taken in (image sealed), its recognition, confirmation and printed guide recorded; the history
/// dialog reads the store; the MFDS service key lives in the keychain, never in settings.ini.
///
/// Threading: methods are called on the GUI thread and return at once. Every store and keychain
/// call runs on one worker thread of its own, in the order asked (store writes are fsync'ed
/// transactions; the keychain may talk D-Bus; Keychain wants one thread at a time). The store and
/// keychain are opened there on first use. Failures are reported through failed(), once per kind.
/// Watch the futures with QFutureWatcher; never call waitForFinished()/result() on one that may not
/// have started (Qt would run that job on the calling thread, out of order): waitForIdle() first.
class CounterRecords : public QObject
{
    Q_OBJECT

public:
    using StoreFactory = std::function<core::Result<std::shared_ptr<store::RecordStore>>()>;
    using KeychainFactory = std::function<std::unique_ptr<store::Keychain>()>;

    /// The name of the MFDS key in the keychain.
    static QString serviceKeyName() { return QStringLiteral("mfds-service-key"); }

    /// After this many wrong PINs in a row an account needs its password (RecordStore's rule).
    static constexpr int kPinAttempts = store::Account::kMaxPinFailures;

    CounterRecords(StoreFactory openStore, KeychainFactory openKeychain, QString actor, QObject* parent = nullptr);
    ~CounterRecords() override;

    /// Who acts from now on ("pharmacist:kim"): written to the audit log with every job asked
    /// after this call (view, print, edit, confirm). GUI thread.
    void setActor(const QString& actor) { m_actor = actor; }
    QString actor() const { return m_actor; }

    // Workflow of queue entry `entry`, in order. `page`: 0-based page of a PDF or TIFF.
    /// Takes the image in (sealed); sealed(entry) once the store has committed it, intakeFailed(entry)
    /// when it could not.
    void intake(quint64 entry, const QString& imagePath, int page = 0);
    /// The same for an image held in memory, recorded as `sourceName`; the job keeps `image`
    /// alive until it has read it.
    void intake(quint64 entry, std::shared_ptr<store::MemoryFile> image, const QString& sourceName, int page = 0);
    void recognised(quint64 entry, const core::ImportResult& result);
    /// The prescription as confirmed, full resident number included (the store seals it).
    void confirmed(quint64 entry, const core::Prescription& prescription);
    /// `pdfPath` empty when printed on paper; else its SHA-256 is recorded.
    void guidePrinted(quint64 entry, const QString& pdfPath);
    /// A page read outside the queue (batch import): taken in and its recognition recorded in
    /// one job, keyed by the image and page like any intake (the queue finds the same record).
    void imported(const QString& imagePath, int page, const core::ImportResult& result);
    /// An entry reopened from the history: it is that record.
    void adopt(quint64 entry, const QUuid& record);

    /// The image of entry `entry`'s record, unsealed into memory for display (audited
    /// "view-image"); the caller frees it as soon as it has read it. Error when the entry has no
    /// record (never taken in, or the intake failed).
    QFuture<core::Result<std::shared_ptr<store::MemoryFile>>> image(quint64 entry);

    QFuture<core::Result<QList<store::RecordSummary>>> list(const store::RecordFilter& filter);
    QFuture<core::Result<store::RecordDetail>> show(const QUuid& record);

    /// The pharmacist accounts (no secrets); empty when the store has none.
    QFuture<core::Result<QList<store::Account>>> accounts();

    /// What a PIN (or password) switch came to.
    struct SwitchOutcome
    {
        std::optional<store::Account> account; ///< set: switched to it
        bool wrongSecret = false;              ///< the PIN or password did not match
        bool passwordRequired = false;         ///< PIN locked (kPinAttempts wrong) or no PIN set
        int failedAttempts = 0;                ///< wrong PINs in a row so far
        QString error;                         ///< the store could not answer
    };
    /// Checks `secret` for `user` as a PIN (RecordStore::switchByPin) or, when `password`, as the
    /// password (RecordStore::login) on the records worker (the KDF takes about 0.1 s). Does not
    /// change actor(): the caller does on success.
    QFuture<SwitchOutcome> switchUser(const QString& user, const QString& secret, bool password);

    /// A prescription the last session left unfinished (state New: recognition never ended).
    struct Unfinished
    {
        QUuid record;
        std::shared_ptr<store::MemoryFile> image; ///< its image, unsealed into memory (a memfd)
        QString imagePath;  ///< image's path, readable while `image` lives
        int page = 0;       ///< 0-based
        QString sourceName; ///< file name at intake
    };
    /// The unfinished prescriptions with their images, oldest first, to be recognised again on
    /// the same records (adopt()). Ask it before any intake(): those would count too.
    QFuture<core::Result<QList<Unfinished>>> unfinished();

    struct KeyState
    {
        QString backend; ///< "secret-service" or "file: <folder>"; empty when no keychain opened
        bool stored = false;
        QString error;
    };
    QFuture<KeyState> serviceKeyState();
    QFuture<core::Status> storeServiceKey(const QString& key);

    /// Waits for every job asked so far (tests, shutdown).
    void waitForIdle();

Q_SIGNALS:
    void failed(const QString& message);
    /// Entry `entry`'s image is in the store, sealed, and the transaction committed (or it was
    /// already there): a clear copy of it is needed no more for safekeeping.
    void sealed(quint64 entry);
    /// Entry `entry`'s image could not be taken in (no store, unreadable, refused): the store has
    /// no copy of it; failed() says why.
    void intakeFailed(quint64 entry);

private:
    std::shared_ptr<store::RecordStore> openedStore(); ///< worker thread only
    store::Keychain* openedKeychain(QString* error);   ///< worker thread only
    void report(const core::Error& error);             ///< worker thread: to the GUI, queued
    /// Worker thread: takes the image in (idempotent by content and page); the record's id, or
    /// nullopt with the error reported.
    /// `sourceName` empty: the file's name.
    std::optional<QUuid> takeIn(const QString& imagePath, int page, const QString& actor, const QString& sourceName = {});
    /// Worker thread: records the entry's intake (`record`) and tells the GUI, queued, that it
    /// is sealed; nullopt: that it failed.
    void tookIn(quint64 entry, const std::optional<QUuid>& record);

    StoreFactory m_openStore;
    KeychainFactory m_openKeychain;
    QString m_actor; ///< GUI thread; every job captures it when asked
    QThreadPool m_pool;
    // Worker-thread state (jobs run one at a time, in order).
    std::shared_ptr<store::RecordStore> m_store;
    std::optional<core::Error> m_storeError;
    std::unique_ptr<store::Keychain> m_keychain;
    /// Queue entry → record. Pool jobs only: the pool runs one job at a time, and its queue's
    /// lock orders each job after the previous one, whichever pool thread ran that.
    QHash<quint64, QUuid> m_records;
};

} // namespace pharmdesk::ui
