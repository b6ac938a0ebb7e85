// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/QueueController.h"

#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ui/HeaderFields.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
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
    // A removed entry's image is needed by nobody any more (readers in flight hold their own).
    connect(m_queue, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex&, int first, int last) {
        for (int row = first; row <= last; ++row) {
            m_held.erase(m_queue->idAt(row));
            m_intake.erase(m_queue->idAt(row));
        }
    });
}

QueueController::~QueueController()
{
    cancelAll();
}

bool QueueController::mayHavePages(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pdf") || suffix == QLatin1String("tif") || suffix == QLatin1String("tiff");
}

quint64 QueueController::enqueueFile(const QString& path, QueueEntry::Origin origin)
{
    const bool pages = mayHavePages(path);
    const quint64 id = m_queue->add(path, origin, 0, pages ? 0 : 1);
    startRecognition(id);
    Q_EMIT queued(id);
    if (pages)
        countPages(id, true);
    return id;
}

quint64 QueueController::enqueuePage(const QString& path, int page, QueueEntry::Origin origin, const QString& displayName)
{
    const bool pages = mayHavePages(displayName.isEmpty() ? path : displayName);
    const quint64 id = m_queue->add(path, origin, page, pages ? 0 : 1, displayName);
    startRecognition(id);
    Q_EMIT queued(id);
    if (pages)
        countPages(id, false);
    return id;
}

void QueueController::countPages(quint64 id, bool expand)
{
    const QueueEntry* e = m_queue->entry(id);
    if (!e)
        return;
    const QString path = e->source;
    auto* watcher = new QFutureWatcher<int>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, path, expand] {
        watcher->deleteLater();
        const int count = watcher->result();
        const QueueEntry* first = m_queue->entry(id);
        if (!first)
            return; // removed meanwhile
        const QueueEntry::Origin origin = first->origin;
        m_queue->setPageCount(id, count);
        for (int page = 1; expand && page < count; ++page) {
            const quint64 next = m_queue->add(path, origin, page, count);
            startRecognition(next);
            Q_EMIT queued(next);
        }
        archiveWhenRead(path);
    });
    // Opening a PDF (poppler) or walking a TIFF's directories is file I/O: not on the GUI thread.
    // An unreadable file counts as one page: its recognition reports why.
    // A held image (a recovered PDF page) stays alive while it is counted, released or not.
    watcher->setFuture(QtConcurrent::run([path, held = heldImage(id)] {
        const auto counted = ocr::pageCount(path);
        return counted ? std::max(1, *counted) : 1;
    }));
}

void QueueController::archiveWhenRead(QString source)
{
    if (!m_inbox->isWatching() || source.isEmpty() || m_leaving.contains(source))
        return;
    QList<quint64> pages;
    bool failed = false;
    for (int row = 0; row < m_queue->count(); ++row) {
        const QueueEntry* e = m_queue->entry(m_queue->idAt(row));
        if (e->source != source || e->origin != QueueEntry::Origin::Inbox)
            continue;
        const bool cancelled = e->result && e->result->error
            && e->result->error->category == core::ErrorCategory::Cancelled;
        // Pages still uncounted or unread keep the file where it is; a cancelled one keeps it
        // in the inbox for good (it is still to be read).
        if (e->pageCount == 0 || !e->result || cancelled)
            return;
        failed = failed || e->result->error.has_value();
        if (m_sealsImages) {
            // The store reads the file itself: it stays until the store has answered.
            const auto intake = m_intake.find(e->id);
            if (intake == m_intake.end())
                return;
            failed = failed || !intake->second;
        }
        pages.append(e->id);
    }
    if (pages.isEmpty())
        return;
    m_leaving.insert(source);
    if (m_sealsImages && !m_keepProcessed && !failed) {
        // Every page is sealed in the store, the archive: the clear copy goes. The entries read
        // their image from the store from now on, even while (or if) the removal fails.
        for (quint64 id : std::as_const(pages))
            m_queue->forgetSource(id);
        auto* watcher = new QFutureWatcher<bool>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, source] {
            watcher->deleteLater();
            m_leaving.remove(source);
        });
        watcher->setFuture(m_inbox->discard(source));
        return;
    }
    // Kept (asked for, no store, or a page that failed): the inbox keeps only what is to come.
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, pages, source] {
        watcher->deleteLater();
        m_leaving.remove(source);
        const QString archived = watcher->result();
        if (archived.isEmpty())
            return;
        for (quint64 id : pages)
            m_queue->setSource(id, archived);
    });
    watcher->setFuture(m_inbox->archive(source));
}

quint64 QueueController::enqueueResult(const core::ImportResult& result, QueueEntry::Origin origin)
{
    const int flagged = result.prescription ? flaggedValueCount(*result.prescription, m_threshold) : 0;
    const quint64 id = m_queue->addRecognised(result, flagged, origin);
    Q_EMIT queued(id);
    Q_EMIT recognised(id);
    return id;
}

void QueueController::enqueueImage(const QImage& image, const QString& displayName, QueueEntry::Origin origin,
                                   std::function<void(quint64)> onQueued)
{
    if (image.isNull()) {
        Q_EMIT captureFailed(tr("받은 이미지가 비어 있습니다."));
        return;
    }
    auto* watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, displayName, origin, onQueued] {
        watcher->deleteLater();
        const QByteArray png = watcher->result();
        auto held = png.isEmpty() ? core::Result<std::unique_ptr<store::MemoryFile>>(core::makeError(
                                        core::ErrorCategory::Io, tr("이미지를 PNG로 바꿀 수 없습니다.")))
                                  : store::MemoryFile::create(png);
        if (!held) {
            Q_EMIT captureFailed(tr("받은 이미지를 둘 수 없습니다: %1").arg(held.error().message));
            return;
        }
        const quint64 id = enqueueHeld(std::move(held).value(), 0, origin, displayName);
        if (onQueued)
            onQueued(id);
    });
    // PNG encoding of a 300 dpi page takes a noticeable fraction of a second: not on the GUI thread.
    watcher->setFuture(QtConcurrent::run([image] {
        QByteArray png;
        QBuffer buffer(&png);
        return buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG") ? png : QByteArray();
    }));
}

quint64 QueueController::enqueueHeld(std::shared_ptr<store::MemoryFile> image, int page, QueueEntry::Origin origin,
                                     const QString& displayName)
{
    Q_ASSERT(image);
    const QString path = image->path();
    const bool pages = mayHavePages(displayName);
    const quint64 id = m_queue->add(path, origin, page, pages ? 0 : 1, displayName);
    m_held.emplace(id, std::move(image)); // before anyone reads it: queued() hands it to intake
    startRecognition(id);
    Q_EMIT queued(id);
    if (pages)
        countPages(id, false);
    return id;
}

std::shared_ptr<store::MemoryFile> QueueController::heldImage(quint64 id) const
{
    const auto it = m_held.find(id);
    return it == m_held.end() ? nullptr : it->second;
}

void QueueController::releaseImage(quint64 id)
{
    if (m_held.erase(id) > 0)
        m_queue->forgetSource(id);
}

void QueueController::imageSealed(quint64 id)
{
    releaseImage(id);
    const QueueEntry* e = m_queue->entry(id);
    if (e && e->origin == QueueEntry::Origin::Inbox) {
        m_intake[id] = true;
        archiveWhenRead(e->source);
    }
}

void QueueController::intakeFailed(quint64 id)
{
    const QueueEntry* e = m_queue->entry(id);
    if (e && e->origin == QueueEntry::Origin::Inbox) {
        m_intake[id] = false;
        archiveWhenRead(e->source);
    }
}

void QueueController::startRecognition(quint64 id)
{
    const QueueEntry* e = m_queue->entry(id);
    if (!e)
        return;
    const QString path = e->source;
    const int page = e->page;
    const core::CancelToken cancel = e->cancel;
    m_queue->setStatus(id, QueueEntry::Status::Recognising);
    ++m_pending;
    auto* watcher = new QFutureWatcher<core::ImportResult>(this);
    // A held image stays alive while the service reads it, released or not.
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, path, held = heldImage(id)] {
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
    watcher->setFuture(m_recognition->recognise(path, page, cancel));
}

void QueueController::onResult(quint64 id, const core::ImportResult& result)
{
    const QueueEntry* e = m_queue->entry(id);
    if (!e)
        return; // removed while it was recognised
    const bool fromInbox = e->origin == QueueEntry::Origin::Inbox;
    const QString source = e->source;
    const int flagged = result.prescription ? flaggedValueCount(*result.prescription, m_threshold) : 0;
    if (e->displayName.isEmpty()) {
        m_queue->setResult(id, result, flagged);
    } else {
        // An image held in memory: its name, never the /proc path that read it.
        core::ImportResult named = result;
        named.source = e->displayName;
        m_queue->setResult(id, named, flagged);
    }
    // Failed for good: nothing will read the held image again (the store, if any, has its own
    // reference through the intake).
    if (result.error && result.error->category != core::ErrorCategory::Cancelled)
        releaseImage(id);
    if (fromInbox)
        archiveWhenRead(source);
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
