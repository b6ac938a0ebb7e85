// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/ui/PrescriptionQueue.h"
#include "pharmdesk/store/MemoryFile.h"

#include <QImage>
#include <QObject>
#include <QSet>
#include <functional>
#include <map>
#include <memory>

namespace pharmdesk::ui {

class InboxWatcher;
class RecognitionService;

/// Feeds the queue: every arriving image (file, drop, paste, inbox) becomes an entry at once and
/// is recognised in the background while the pharmacist reviews another. Every page of a PDF or
/// multi-page TIFF is an entry of its own ("file.pdf — 2/3"): the first is queued at once, the
/// others when the pages have been counted (on a worker). Entries are handed to
/// the recognition service as they arrive (it runs them in order, or spreads them over a pool);
/// each has its own cancel token.
///
/// Inbox files (they show the resident number in clear) leave the inbox once every page of them
/// has been read and, when a record store seals images (setSealsImages()), taken in: removed
/// when every page was recognised and sealed (the sealed store copy is the archive), or moved
/// into the `processed` subfolder when setKeepProcessedFiles(true), when no store seals them, or
/// when a page's recognition or intake failed (such a file is never deleted). A cancelled page
/// keeps the file in the inbox.
///
/// Images held in memory (paste, scanner, camera, recovery) are held only until the record store
/// has sealed them (imageSealed()), their recognition fails for good, or their entry is removed;
/// a reader still busy with one (recognition, intake, display) keeps its own reference, so the
/// memory file goes when the last of them is done. A released entry's `source` is empty (the
/// /proc path may name another file by then): its image is read back from the store.
///
/// Threading: GUI thread only. Results arrive through QFutureWatcher; the clipboard image is
/// encoded and saved on the global pool.
class QueueController : public QObject
{
    Q_OBJECT

public:
    QueueController(std::shared_ptr<RecognitionService> recognition, QObject* parent = nullptr);
    ~QueueController() override;

    PrescriptionQueue* queue() const { return m_queue; }
    InboxWatcher* inbox() const { return m_inbox; }

    /// Review threshold used to count the values that need review in a new result.
    void setReviewThreshold(double threshold) { m_threshold = threshold; }

    /// Queues `path` (its first page) and starts recognising it; returns the entry id. The other
    /// pages of a multi-page file follow as entries of their own (queued() for each).
    quint64 enqueueFile(const QString& path, QueueEntry::Origin origin = QueueEntry::Origin::File);
    /// Queues page `page` (0-based) of `path` alone (recovery of one stored page) and starts
    /// recognising it; returns the entry id. `displayName` names it in the queue when the path
    /// does not (an image held in memory).
    quint64 enqueuePage(const QString& path, int page, QueueEntry::Origin origin, const QString& displayName = {});
    /// PDF and TIFF files may hold several prescriptions (pages).
    static bool mayHavePages(const QString& path);
    /// Encodes `image` as PNG on a worker and queues it held in memory only (a pasted, scanned
    /// or photographed prescription shows the resident number: it never lands on disk unsealed;
    /// the record store seals it at intake). `displayName` names it in the queue; `onQueued`
    /// (GUI thread) gets the entry id. Returns at once; failure is reported through
    /// captureFailed().
    void enqueueImage(const QImage& image, const QString& displayName, QueueEntry::Origin origin,
                      std::function<void(quint64)> onQueued = {});
    /// Queues page `page` of `image` (held in memory, not null) as an entry named `displayName`
    /// and starts recognising it; the controller holds the image until releaseImage().
    quint64 enqueueHeld(std::shared_ptr<store::MemoryFile> image, int page, QueueEntry::Origin origin,
                        const QString& displayName);
    /// The image held for entry `id`; null for a file on disk or once released. A reader keeps
    /// the returned reference while it reads the entry's source.
    std::shared_ptr<store::MemoryFile> heldImage(quint64 id) const;
    /// Drops the controller's hold on entry `id`'s image and empties its `source`; the memory
    /// file is freed once the readers in flight let it go. Nothing when none is held.
    void releaseImage(quint64 id);
    /// Images the controller still holds (not counting readers' references).
    int heldImageCount() const { return int(m_held.size()); }
    /// Queues an already recognised result (batch import, history): nothing is recognised again.
    quint64 enqueueResult(const core::ImportResult& result, QueueEntry::Origin origin = QueueEntry::Origin::Batch);

    /// Whether a record store takes every queued image in (CounterRecords): inbox files then wait
    /// for imageSealed() or intakeFailed() of each of their pages before they leave the inbox.
    void setSealsImages(bool seals) { m_sealsImages = seals; }
    /// Keep processed inbox files, moved to `processed/` (setting inbox/keepProcessedFiles),
    /// instead of removing them once sealed.
    void setKeepProcessedFiles(bool keep) { m_keepProcessed = keep; }
    bool keepProcessedFiles() const { return m_keepProcessed; }

    /// The record store has committed entry `id`'s image, sealed (CounterRecords::sealed): a held
    /// image is released; an inbox file may leave the inbox.
    void imageSealed(quint64 id);
    /// The record store could not take entry `id`'s image in (CounterRecords::intakeFailed): an
    /// inbox file is kept (moved to `processed/` once read, never removed).
    void intakeFailed(quint64 id);

    /// Cancels the entry's recognition if it is waiting or running.
    void cancel(quint64 id);
    void cancelAll();
    /// Entries waiting for or in recognition.
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    /// The entry's recognition ended (any outcome); the queue holds the result.
    void recognised(quint64 id);
    /// A new entry was queued (`id`), before its recognition ends.
    void queued(quint64 id);
    void captureFailed(const QString& message);

private:
    void startRecognition(quint64 id);
    void onResult(quint64 id, const core::ImportResult& result);
    /// Counts the pages of the entry's file on a worker; `expand`: queues the other pages.
    void countPages(quint64 id, bool expand);
    /// Removes or archives an inbox file once every page of it has been read (and sealed or
    /// refused by the store, when one seals images); see the class comment. `source` by value:
    /// the caller's may be an entry's, which this empties.
    void archiveWhenRead(QString source);

    std::shared_ptr<RecognitionService> m_recognition;
    PrescriptionQueue* m_queue = nullptr;
    /// Images of entries held in memory (paste, scanner, camera, recovery), by entry id, until
    /// the store has sealed them (see releaseImage()).
    std::map<quint64, std::shared_ptr<store::MemoryFile>> m_held;
    InboxWatcher* m_inbox = nullptr;
    /// Intake outcome of the entries the store has answered for (true: sealed; false: failed).
    std::map<quint64, bool> m_intake;
    QSet<QString> m_leaving; ///< inbox files being removed or moved
    double m_threshold;
    int m_pending = 0;
    bool m_sealsImages = false;
    bool m_keepProcessed = false;
};

/// Number of values in `prescription` that need review at `threshold`: flagged header fields plus
/// flagged cells of the items table (as PrescriptionPanel::flaggedCount() would show).
int flaggedValueCount(const core::Prescription& prescription, double threshold);

} // namespace pharmdesk::ui
