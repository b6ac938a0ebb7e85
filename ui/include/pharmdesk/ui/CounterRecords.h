// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/store/Keychain.h"
#include "pharmdesk/store/RecordStore.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>

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

    CounterRecords(StoreFactory openStore, KeychainFactory openKeychain, QString actor, QObject* parent = nullptr);
    ~CounterRecords() override;

    // Workflow of queue entry `entry`, in order.
    void intake(quint64 entry, const QString& imagePath);
    void recognised(quint64 entry, const core::ImportResult& result);
    /// The prescription as confirmed, full resident number included (the store seals it).
    void confirmed(quint64 entry, const core::Prescription& prescription);
    /// `pdfPath` empty when printed on paper; else its SHA-256 is recorded.
    void guidePrinted(quint64 entry, const QString& pdfPath);
    /// An entry reopened from the history: it is that record.
    void adopt(quint64 entry, const QUuid& record);

    QFuture<core::Result<QList<store::RecordSummary>>> list(const store::RecordFilter& filter);
    QFuture<core::Result<store::RecordDetail>> show(const QUuid& record);

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

private:
    std::shared_ptr<store::RecordStore> openedStore(); ///< worker thread only
    store::Keychain* openedKeychain(QString* error);   ///< worker thread only
    void report(const core::Error& error);             ///< worker thread: to the GUI, queued

    StoreFactory m_openStore;
    KeychainFactory m_openKeychain;
    QString m_actor;
    QThreadPool m_pool;
    // Worker-thread state (jobs run one at a time, in order).
    std::shared_ptr<store::RecordStore> m_store;
    std::optional<core::Error> m_storeError;
    std::unique_ptr<store::Keychain> m_keychain;
    QHash<quint64, QUuid> m_records;
};

} // namespace pharmdesk::ui
