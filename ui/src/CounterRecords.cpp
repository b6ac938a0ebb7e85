// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/CounterRecords.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

CounterRecords::CounterRecords(StoreFactory openStore, KeychainFactory openKeychain, QString actor, QObject* parent)
    : QObject(parent)
    , m_openStore(std::move(openStore))
    , m_openKeychain(std::move(openKeychain))
    , m_actor(std::move(actor))
{
    m_pool.setMaxThreadCount(1); // one job at a time, in order
    m_pool.setObjectName(QStringLiteral("pharmdesk-records"));
}

CounterRecords::~CounterRecords()
{
    m_pool.waitForDone();
}

void CounterRecords::waitForIdle()
{
    m_pool.waitForDone();
}

void CounterRecords::report(const core::Error& error)
{
    const QString message = tr("기록 저장소: %1").arg(error.message);
    QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
}

std::shared_ptr<store::RecordStore> CounterRecords::openedStore()
{
    if (!m_store && !m_storeError && m_openStore) {
        auto opened = m_openStore();
        if (opened) {
            m_store = std::move(opened).value();
        } else {
            m_storeError = opened.error();
            report(opened.error()); // once: later jobs skip quietly
        }
    }
    return m_store;
}

store::Keychain* CounterRecords::openedKeychain(QString* error)
{
    if (!m_keychain && m_openKeychain)
        m_keychain = m_openKeychain();
    if (!m_keychain && error)
        *error = tr("키 저장소를 열 수 없습니다.");
    return m_keychain.get();
}

std::optional<QUuid> CounterRecords::takeIn(const QString& imagePath, int page, const QString& actor,
                                           const QString& sourceName)
{
    const auto store = openedStore();
    if (!store)
        return std::nullopt;
    const auto taken = [&]() -> core::Result<store::RecordStore::Intake> {
        if (sourceName.isEmpty())
            return store->intakeImage(imagePath, actor, page);
        QFile file(imagePath); // a memory file: the bytes under the name the queue shows
        if (!file.open(QIODevice::ReadOnly))
            return core::makeError(core::ErrorCategory::Io, tr("이미지를 읽을 수 없습니다."), sourceName);
        return store->intakeBytes(file.readAll(), sourceName, actor, page);
    }();
    if (!taken) {
        report(taken.error());
        return std::nullopt;
    }
    return taken->id;
}

void CounterRecords::tookIn(quint64 entry, const std::optional<QUuid>& record)
{
    // m_records is touched by pool jobs only; the pool runs one at a time, in order, and its
    // queue's lock orders each job after the one before, whichever thread ran that.
    if (!record) {
        QMetaObject::invokeMethod(this, [this, entry] { Q_EMIT intakeFailed(entry); }, Qt::QueuedConnection);
        return;
    }
    m_records.insert(entry, *record);
    // Emitted on the GUI thread (this object's), after the transaction has committed.
    QMetaObject::invokeMethod(this, [this, entry] { Q_EMIT sealed(entry); }, Qt::QueuedConnection);
}

void CounterRecords::intake(quint64 entry, const QString& imagePath, int page)
{
    m_pool.start([this, entry, imagePath, page, actor = m_actor] {
        tookIn(entry, takeIn(imagePath, page, actor));
    });
}

void CounterRecords::intake(quint64 entry, std::shared_ptr<store::MemoryFile> image, const QString& sourceName, int page)
{
    Q_ASSERT(image);
    m_pool.start([this, entry, image = std::move(image), sourceName, page, actor = m_actor] {
        tookIn(entry, takeIn(image->path(), page, actor, sourceName));
    });
}

void CounterRecords::imported(const QString& imagePath, int page, const core::ImportResult& result)
{
    m_pool.start([this, imagePath, page, result, actor = m_actor] {
        const auto id = takeIn(imagePath, page, actor);
        if (!id)
            return;
        const core::Status status = openedStore()->recordRecognition(*id, result, actor);
        if (!status)
            report(status.error());
    });
}

void CounterRecords::adopt(quint64 entry, const QUuid& record)
{
    m_pool.start([this, entry, record] { m_records.insert(entry, record); });
}

void CounterRecords::recognised(quint64 entry, const core::ImportResult& result)
{
    m_pool.start([this, entry, result, actor = m_actor] {
        const auto store = openedStore();
        if (!store || !m_records.contains(entry))
            return;
        const core::Status status = store->recordRecognition(m_records.value(entry), result, actor);
        if (!status)
            report(status.error());
    });
}

void CounterRecords::confirmed(quint64 entry, const core::Prescription& prescription)
{
    m_pool.start([this, entry, prescription, actor = m_actor] {
        const auto store = openedStore();
        if (!store || !m_records.contains(entry))
            return;
        const core::Status status = store->confirm(m_records.value(entry), prescription, actor);
        if (!status)
            report(status.error());
    });
}

void CounterRecords::guidePrinted(quint64 entry, const QString& pdfPath)
{
    m_pool.start([this, entry, pdfPath, actor = m_actor] {
        const auto store = openedStore();
        if (!store || !m_records.contains(entry))
            return;
        QString digest;
        QFile pdf(pdfPath);
        if (!pdfPath.isEmpty() && pdf.open(QIODevice::ReadOnly)) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            hash.addData(&pdf);
            digest = QString::fromLatin1(hash.result().toHex());
        }
        const core::Status status = store->recordGuidePrinted(m_records.value(entry), actor, digest);
        if (!status)
            report(status.error());
    });
}

QFuture<core::Result<std::shared_ptr<store::MemoryFile>>> CounterRecords::image(quint64 entry)
{
    return QtConcurrent::run(&m_pool, [this, entry, actor = m_actor]() -> core::Result<std::shared_ptr<store::MemoryFile>> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        if (!m_records.contains(entry))
            return core::makeError(core::ErrorCategory::Input, tr("이 처방전의 이미지는 기록 저장소에 없습니다."));
        const auto bytes = store->image(m_records.value(entry), actor);
        if (!bytes)
            return bytes.error();
        // In memory, never on disk: the image shows the resident number.
        auto held = store::MemoryFile::create(*bytes);
        if (!held)
            return held.error();
        return std::shared_ptr<store::MemoryFile>(std::move(held).value());
    });
}

QFuture<core::Result<QList<store::RecordSummary>>> CounterRecords::list(const store::RecordFilter& filter)
{
    return QtConcurrent::run(&m_pool, [this, filter, actor = m_actor]() -> core::Result<QList<store::RecordSummary>> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        return store->list(filter, actor);
    });
}

QFuture<core::Result<store::RecordDetail>> CounterRecords::show(const QUuid& record)
{
    return QtConcurrent::run(&m_pool, [this, record, actor = m_actor]() -> core::Result<store::RecordDetail> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        return store->show(record, actor);
    });
}

QFuture<core::Result<QList<store::Account>>> CounterRecords::accounts()
{
    return QtConcurrent::run(&m_pool, [this]() -> core::Result<QList<store::Account>> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        return store->accounts();
    });
}

QFuture<CounterRecords::SwitchOutcome> CounterRecords::switchUser(
    const QString& user, const QString& secret, bool password)
{
    return QtConcurrent::run(&m_pool, [this, user, secret, password] {
        SwitchOutcome out;
        const auto store = openedStore();
        if (!store) {
            out.error = tr("기록 저장소가 없습니다.");
            return out;
        }
        const auto switched = password ? store->login(user, secret) : store->switchByPin(user, secret);
        if (switched) {
            out.account = *switched;
            return out;
        }
        // The store answers in one sentence for every refusal (no user enumeration); the state
        // of the account says which it was.
        out.wrongSecret = switched.error().category == core::ErrorCategory::Usage;
        if (!out.wrongSecret)
            out.error = switched.error().message;
        if (const auto all = store->accounts()) {
            for (const store::Account& account : *all) {
                if (account.user != user)
                    continue;
                out.failedAttempts = account.failedAttempts;
                out.passwordRequired = !account.hasPin || account.failedAttempts >= kPinAttempts;
            }
        }
        return out;
    });
}

QFuture<core::Result<QList<CounterRecords::Unfinished>>> CounterRecords::unfinished()
{
    return QtConcurrent::run(&m_pool, [this, actor = m_actor]() -> core::Result<QList<Unfinished>> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        const auto pending = store->unfinishedRecords();
        if (!pending)
            return pending.error();
        QList<Unfinished> out;
        for (const store::RecordSummary& summary : *pending) {
            const QUuid id = summary.id;
            const auto bytes = store->imageForRecovery(id, actor);
            if (!bytes) {
                report(bytes.error());
                continue;
            }
            // In memory, never on disk: the image shows the resident number.
            auto held = store::MemoryFile::create(*bytes);
            if (!held) {
                report(held.error());
                continue;
            }
            std::shared_ptr<store::MemoryFile> image = std::move(held).value();
            const QString path = image->path();
            out.append({ id, std::move(image), path, summary.page, summary.sourceName });
        }
        return out;
    });
}

QFuture<CounterRecords::KeyState> CounterRecords::serviceKeyState()
{
    return QtConcurrent::run(&m_pool, [this] {
        KeyState state;
        store::Keychain* keychain = openedKeychain(&state.error);
        if (!keychain)
            return state;
        state.backend = keychain->backendName() == QLatin1String("file")
            ? QStringLiteral("file: %1").arg(keychain->location())
            : keychain->backendName();
        const auto read = keychain->read(serviceKeyName());
        if (read)
            state.stored = read->has_value();
        else
            state.error = read.error().message;
        return state;
    });
}

QFuture<core::Status> CounterRecords::storeServiceKey(const QString& key)
{
    return QtConcurrent::run(&m_pool, [this, key]() -> core::Status {
        QString error;
        store::Keychain* keychain = openedKeychain(&error);
        if (!keychain)
            return core::makeError(core::ErrorCategory::Io, error);
        return keychain->write(serviceKeyName(), key.toUtf8());
    });
}

} // namespace pharmdesk::ui
