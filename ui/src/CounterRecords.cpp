// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/CounterRecords.h"

#include <QCryptographicHash>
#include <QFile>
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

void CounterRecords::intake(quint64 entry, const QString& imagePath)
{
    m_pool.start([this, entry, imagePath] {
        const auto store = openedStore();
        if (!store)
            return;
        const auto taken = store->intakeImage(imagePath, m_actor);
        if (!taken) {
            report(taken.error());
            return;
        }
        m_records.insert(entry, taken->id);
    });
}

void CounterRecords::adopt(quint64 entry, const QUuid& record)
{
    m_pool.start([this, entry, record] { m_records.insert(entry, record); });
}

void CounterRecords::recognised(quint64 entry, const core::ImportResult& result)
{
    m_pool.start([this, entry, result] {
        const auto store = openedStore();
        if (!store || !m_records.contains(entry))
            return;
        const core::Status status = store->recordRecognition(m_records.value(entry), result, m_actor);
        if (!status)
            report(status.error());
    });
}

void CounterRecords::confirmed(quint64 entry, const core::Prescription& prescription)
{
    m_pool.start([this, entry, prescription] {
        const auto store = openedStore();
        if (!store || !m_records.contains(entry))
            return;
        const core::Status status = store->confirm(m_records.value(entry), prescription, m_actor);
        if (!status)
            report(status.error());
    });
}

void CounterRecords::guidePrinted(quint64 entry, const QString& pdfPath)
{
    m_pool.start([this, entry, pdfPath] {
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
        const core::Status status = store->recordGuidePrinted(m_records.value(entry), m_actor, digest);
        if (!status)
            report(status.error());
    });
}

QFuture<core::Result<QList<store::RecordSummary>>> CounterRecords::list(const store::RecordFilter& filter)
{
    return QtConcurrent::run(&m_pool, [this, filter]() -> core::Result<QList<store::RecordSummary>> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        return store->list(filter, m_actor);
    });
}

QFuture<core::Result<store::RecordDetail>> CounterRecords::show(const QUuid& record)
{
    return QtConcurrent::run(&m_pool, [this, record]() -> core::Result<store::RecordDetail> {
        const auto store = openedStore();
        if (!store)
            return m_storeError.value_or(core::makeError(core::ErrorCategory::Internal, tr("기록 저장소가 없습니다.")));
        return store->show(record, m_actor);
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
