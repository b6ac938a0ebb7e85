// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/ImportResult.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <optional>

namespace pharmdesk::ui {

/// One prescription at the counter, from the moment its image arrived until its guide is out.
struct QueueEntry
{
    /// new → recognising → recognised (nothing to check) or needs review → confirmed → guide
    /// printed; failed when recognition could not read it (or was cancelled).
    enum class Status { New, Recognising, Recognised, NeedsReview, Confirmed, GuidePrinted, Failed };
    /// Where the image came from.
    /// Recovered: left unfinished in the record store by the last session (power loss, kill) and
    /// recognised again on the same record.
    enum class Origin { File, Inbox, Clipboard, Batch, History, Recovered };

    quint64 id = 0;                 ///< unique in the queue, never reused
    QString source;                 ///< image path (after archiving: the archived path); empty once
                                    ///< the image is only in the record store (forgetSource())
    QString displayName;            ///< shown for the source when not empty (an image held in memory)
    int page = 0;                   ///< page of a PDF or multi-page TIFF, 0-based
    int pageCount = 1;              ///< pages in the file; 0 while not yet known (PDF, TIFF)
    Origin origin = Origin::File;
    Status status = Status::New;
    QDateTime arrived;              ///< local time the image was queued
    QElapsedTimer clock;            ///< started on arrival: wall time to the written guide
    core::CancelToken cancel;       ///< cancels this entry's recognition only
    std::optional<core::ImportResult> result; ///< as recognised, before any edit
    std::optional<core::Prescription> edited; ///< the pharmacist's version (edits, alerts)
    int flaggedCount = 0;           ///< values still needing review in `edited`
    QString guidePath;              ///< where the guide went (PDF path or printer name)
    qint64 guideMs = -1;            ///< arrival → guide written, milliseconds; -1 before

    /// The prescription to show and print: the edited one, else the recognised one.
    const core::Prescription* prescription() const;
    /// Waiting for the pharmacist: recognised, not yet confirmed.
    bool awaitsReview() const { return status == Status::Recognised || status == Status::NeedsReview; }
};

/// The counter's queue of incoming prescriptions, newest last, as a table.
///
/// Rows are entries; the model only holds state, the QueueController drives it. Rows are appended
/// and removed, never moved. Threading: GUI thread only.
class PrescriptionQueue : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StatusColumn, TimeColumn, PatientColumn, SourceColumn, FlaggedColumn, ColumnCount };
    enum Role {
        EntryIdRole = Qt::UserRole + 1, ///< quint64
        StatusRole, ///< int(QueueEntry::Status)
    };

    explicit PrescriptionQueue(QObject* parent = nullptr);

    /// Appends a New entry for page `page` (0-based) of `source`, which has `pageCount` pages
    /// (0: not known yet); returns its id.
    /// `displayName` is shown instead of the source's file name when not empty.
    quint64 add(const QString& source, QueueEntry::Origin origin, int page = 0, int pageCount = 1,
                const QString& displayName = {});
    /// Appends an entry with a result already known (batch import): status from the result.
    quint64 addRecognised(const core::ImportResult& result, int flaggedCount, QueueEntry::Origin origin);
    bool remove(quint64 id);

    /// Null when no entry has this id. The pointer is valid until the next add/remove.
    const QueueEntry* entry(quint64 id) const;
    /// -1 when no entry has this id.
    int rowOf(quint64 id) const;
    quint64 idAt(int row) const;
    int count() const { return int(m_entries.size()); }

    void setStatus(quint64 id, QueueEntry::Status status);
    /// Stores the recognition outcome and its number of values needing review (see
    /// flaggedValueCount()); status becomes Recognised, NeedsReview or Failed.
    void setResult(quint64 id, const core::ImportResult& result, int flaggedCount);
    /// Stores the pharmacist's version and how many values still need review.
    void setEdited(quint64 id, const core::Prescription& prescription, int flaggedCount);
    void setSource(quint64 id, const QString& source);
    /// The image behind `source` is gone (a memory file freed, an inbox file removed once
    /// sealed): `source` becomes empty, so nothing reads that path again (a /proc/self/fd path
    /// may name another file by then); the entry keeps its name (displayName) and its result.
    void forgetSource(quint64 id);
    void setPageCount(quint64 id, int pageCount);
    /// Marks the guide as written to `where`; records the time since arrival.
    void setGuideWritten(quint64 id, const QString& where);

    /// The first entry after `afterId` (in queue order, wrapping) that awaits review; 0 when none.
    quint64 nextAwaitingReview(quint64 afterId) const;
    /// Entries with this status.
    int countWith(QueueEntry::Status status) const;

    static QString statusText(QueueEntry::Status status);
    /// "file.pdf — 2/3" for a page of a multi-page file, else the file name.
    static QString sourceText(const QueueEntry& entry);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    /// Some entry's status changed (after the model's dataChanged).
    void statusChanged(quint64 id, pharmdesk::ui::QueueEntry::Status status);

private:
    QueueEntry* find(quint64 id);
    void rowChanged(int row);

    QList<QueueEntry> m_entries;
    quint64 m_nextId = 1;
};

} // namespace pharmdesk::ui
