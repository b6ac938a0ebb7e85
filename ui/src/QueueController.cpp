// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/QueueController.h"

#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ui/HeaderFields.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QDateTime>
#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

int flaggedValueCount(const core::Prescription& prescription, double threshold)
{
    PrescriptionItemsModel items;
    items.setReviewThreshold(threshold);
    items.setItems(prescription.items);
    int count = items.flaggedCellCount();
    for (HeaderField field : headerFields())
        count += headerFieldFlagged(prescription, field, threshold) ? 1 : 0;
    return count;
}

QueueController::QueueController(std::shared_ptr<RecognitionService> recognition, QObject* parent)
    : QObject(parent)
    , m_recognition(std::move(recognition))
    , m_queue(new PrescriptionQueue(this))
    , m_inbox(new InboxWatcher(this))
    , m_threshold(core::Settings::kDefaultReviewThreshold)
{
    Q_ASSERT(m_recognition);
    connect(m_inbox, &InboxWatcher::fileReady, this,
        [this](const QString& path) { enqueueFile(path, QueueEntry::Origin::Inbox); });
}

QueueController::~QueueController()
{
    cancelAll();
}

quint64 QueueController::enqueueFile(const QString& path, QueueEntry::Origin origin)
{
    const quint64 id = m_queue->add(path, origin);
    startRecognition(id);
    Q_EMIT queued(id);
    return id;
}

quint64 QueueController::enqueueResult(const core::ImportResult& result, QueueEntry::Origin origin)
{
    const int flagged = result.prescription ? flaggedValueCount(*result.prescription, m_threshold) : 0;
    const quint64 id = m_queue->addRecognised(result, flagged, origin);
    Q_EMIT queued(id);
    Q_EMIT recognised(id);
    return id;
}

void QueueController::enqueueImage(const QImage& image, const QString& folder)
{
    if (image.isNull()) {
        Q_EMIT captureFailed(tr("클립보드에 이미지가 없습니다."));
        return;
    }
    const QString path = QDir(folder).filePath(
        QStringLiteral("clipboard-%1.png")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
    auto* watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        if (watcher->result())
            enqueueFile(path, QueueEntry::Origin::Clipboard);
        else
            Q_EMIT captureFailed(tr("붙여넣은 이미지를 저장할 수 없습니다: %1").arg(QDir::toNativeSeparators(path)));
    });
    // PNG encoding of a 300 dpi page takes a noticeable fraction of a second: not on the GUI thread.
    watcher->setFuture(QtConcurrent::run([image, folder, path] {
        return QDir().mkpath(folder) && image.save(path, "PNG");
    }));
}

void QueueController::startRecognition(quint64 id)
{
    const QueueEntry* e = m_queue->entry(id);
    if (!e)
        return;
    const QString path = e->source;
    const core::CancelToken cancel = e->cancel;
    m_queue->setStatus(id, QueueEntry::Status::Recognising);
    ++m_pending;
    auto* watcher = new QFutureWatcher<core::ImportResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, path] {
        watcher->deleteLater();
        --m_pending;
        if (watcher->future().resultCount() > 0) {
            onResult(id, watcher->result());
            return;
        }
        // The service dropped the job without a result (it shut down): report it as cancelled.
        core::ImportResult dropped;
        dropped.source = path;
        dropped.error = core::makeError(core::ErrorCategory::Cancelled, tr("인식이 중단되었습니다."));
        onResult(id, dropped);
    });
    watcher->setFuture(m_recognition->recognise(path, cancel));
}

void QueueController::onResult(quint64 id, const core::ImportResult& result)
{
    const QueueEntry* e = m_queue->entry(id);
    if (!e)
        return; // removed while it was recognised
    const bool fromInbox = e->origin == QueueEntry::Origin::Inbox;
    const int flagged = result.prescription ? flaggedValueCount(*result.prescription, m_threshold) : 0;
    m_queue->setResult(id, result, flagged);
    const bool cancelled = result.error && result.error->category == core::ErrorCategory::Cancelled;
    if (fromInbox && !cancelled && m_inbox->isWatching()) {
        // Read: the inbox keeps only what is still to come.
        auto* watcher = new QFutureWatcher<QString>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
            watcher->deleteLater();
            const QString archived = watcher->result();
            if (!archived.isEmpty())
                m_queue->setSource(id, archived);
        });
        watcher->setFuture(m_inbox->archive(result.source));
    }
    Q_EMIT recognised(id);
}

void QueueController::cancel(quint64 id)
{
    if (const QueueEntry* e = m_queue->entry(id))
        e->cancel.cancel();
}

void QueueController::cancelAll()
{
    for (int row = 0; row < m_queue->count(); ++row)
        m_queue->entry(m_queue->idAt(row))->cancel.cancel();
}

} // namespace pharmdesk::ui
