// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/PrescriptionQueue.h"

#include <QApplication>
#include <QBrush>
#include <QFileInfo>
#include <QLocale>
#include <QStyle>

#include "pharmdesk/ui/ReviewText.h"

namespace pharmdesk::ui {

using Status = QueueEntry::Status;

const core::Prescription* QueueEntry::prescription() const
{
    if (edited)
        return &*edited;
    if (result && result->prescription)
        return &*result->prescription;
    return nullptr;
}

PrescriptionQueue::PrescriptionQueue(QObject* parent)
    : QAbstractTableModel(parent)
{ }

QString PrescriptionQueue::statusText(Status status)
{
    switch (status) {
    case Status::New:
        return tr("대기");
    case Status::Recognising:
        return tr("인식 중");
    case Status::Recognised:
        return tr("인식됨");
    case Status::NeedsReview:
        return tr("확인 필요");
    case Status::Confirmed:
        return tr("확정");
    case Status::GuidePrinted:
        return tr("안내문 출력");
    case Status::Failed:
        return tr("실패");
    }
    return {};
}

QString PrescriptionQueue::sourceText(const QueueEntry& entry)
{
    const QString name = entry.displayName.isEmpty() ? QFileInfo(entry.source).fileName() : entry.displayName;
    if (entry.pageCount > 1)
        return tr("%1 — %2/%3").arg(name).arg(entry.page + 1).arg(entry.pageCount);
    if (entry.page > 0)
        return tr("%1 — %2쪽").arg(name).arg(entry.page + 1);
    return name;
}

quint64 PrescriptionQueue::add(const QString& source, QueueEntry::Origin origin, int page, int pageCount,
                               const QString& displayName)
{
    QueueEntry e;
    e.id = m_nextId++;
    e.source = source;
    e.displayName = displayName;
    e.page = page;
    e.pageCount = pageCount;
    e.origin = origin;
    e.arrived = QDateTime::currentDateTime();
    e.clock.start();
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(std::move(e));
    endInsertRows();
    return m_entries.last().id;
}

quint64 PrescriptionQueue::addRecognised(
    const core::ImportResult& result, int flaggedCount, QueueEntry::Origin origin)
{
    // The result's page is 1-based (0: a one-page file); how many pages the file has is not in it.
    const int page = std::max(0, result.page - 1);
    const quint64 id = add(result.source, origin, page, result.page > 0 ? 0 : 1);
    setResult(id, result, flaggedCount);
    return id;
}

bool PrescriptionQueue::remove(quint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    return true;
}

const QueueEntry* PrescriptionQueue::entry(quint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_entries.at(row);
}

QueueEntry* PrescriptionQueue::find(quint64 id)
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_entries[row];
}

int PrescriptionQueue::rowOf(quint64 id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == id)
            return row;
    }
    return -1;
}

quint64 PrescriptionQueue::idAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).id : 0;
}

void PrescriptionQueue::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PrescriptionQueue::setStatus(quint64 id, Status status)
{
    QueueEntry* e = find(id);
    if (!e || e->status == status)
        return;
    e->status = status;
    rowChanged(rowOf(id));
    Q_EMIT statusChanged(id, status);
}

void PrescriptionQueue::setResult(quint64 id, const core::ImportResult& result, int flaggedCount)
{
    QueueEntry* e = find(id);
    if (!e)
        return;
    e->result = result;
    e->edited.reset();
    e->flaggedCount = flaggedCount;
    Status status = Status::Failed;
    if (result.status != core::ImportResult::Status::Failed && result.prescription) {
        status = result.status == core::ImportResult::Status::Ok ? Status::Recognised : Status::NeedsReview;
    }
    e->status = status;
    rowChanged(rowOf(id));
    Q_EMIT statusChanged(id, status);
}

void PrescriptionQueue::setEdited(quint64 id, const core::Prescription& prescription, int flaggedCount)
{
    QueueEntry* e = find(id);
    if (!e)
        return;
    e->edited = prescription;
    e->flaggedCount = flaggedCount;
    rowChanged(rowOf(id));
}

void PrescriptionQueue::setSource(quint64 id, const QString& source)
{
    QueueEntry* e = find(id);
    if (!e)
        return;
    e->source = source;
    if (e->result)
        e->result->source = source;
    rowChanged(rowOf(id));
}

void PrescriptionQueue::forgetSource(quint64 id)
{
    QueueEntry* e = find(id);
    if (!e || e->source.isEmpty())
        return;
    if (e->displayName.isEmpty())
        e->displayName = QFileInfo(e->source).fileName();
    e->source.clear();
    rowChanged(rowOf(id));
}

void PrescriptionQueue::setPageCount(quint64 id, int pageCount)
{
    QueueEntry* e = find(id);
    if (!e || e->pageCount == pageCount)
        return;
    e->pageCount = pageCount;
    rowChanged(rowOf(id));
}

void PrescriptionQueue::setGuideWritten(quint64 id, const QString& where)
{
    QueueEntry* e = find(id);
    if (!e)
        return;
    e->guidePath = where;
    e->guideMs = e->clock.elapsed();
    e->status = Status::GuidePrinted;
    rowChanged(rowOf(id));
    Q_EMIT statusChanged(id, Status::GuidePrinted);
}

quint64 PrescriptionQueue::nextAwaitingReview(quint64 afterId) const
{
    const int start = rowOf(afterId);
    const int n = int(m_entries.size());
    for (int step = 1; step <= n; ++step) {
        const QueueEntry& e = m_entries.at((start + step + n) % n);
        if (e.id != afterId && e.awaitsReview())
            return e.id;
    }
    return 0;
}

int PrescriptionQueue::countWith(Status status) const
{
    return int(std::count_if(
        m_entries.cbegin(), m_entries.cend(), [status](const QueueEntry& e) { return e.status == status; }));
}

int PrescriptionQueue::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int PrescriptionQueue::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PrescriptionQueue::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueEntry& e = m_entries.at(index.row());
    switch (role) {
    case EntryIdRole:
        return QVariant::fromValue(e.id);
    case StatusRole:
        return int(e.status);
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return statusText(e.status);
        case TimeColumn:
            return QLocale().toString(e.arrived.time(), QStringLiteral("HH:mm:ss"));
        case PatientColumn: {
            // The name only: the resident number never appears in a list.
            const core::Prescription* p = e.prescription();
            return p ? p->patient.name.valueOr(QString()) : QString();
        }
        case SourceColumn:
            return sourceText(e);
        case FlaggedColumn: {
            if (!e.prescription() || e.status == Status::Failed)
                return {};
            return e.flaggedCount;
        }
        }
        return {};
    case Qt::ToolTipRole:
        if (e.status == Status::Failed && e.result && e.result->error)
            return e.result->error->toString();
        return e.source;
    case Qt::DecorationRole: {
        if (index.column() != StatusColumn)
            return {};
        QStyle::StandardPixmap icon = QStyle::SP_FileIcon;
        switch (e.status) {
        case Status::New:
        case Status::Recognising:
            icon = QStyle::SP_BrowserReload;
            break;
        case Status::Recognised:
        case Status::Confirmed:
            icon = QStyle::SP_DialogApplyButton;
            break;
        case Status::NeedsReview:
            icon = QStyle::SP_MessageBoxWarning;
            break;
        case Status::GuidePrinted:
            icon = QStyle::SP_DialogSaveButton;
            break;
        case Status::Failed:
            icon = QStyle::SP_MessageBoxCritical;
            break;
        }
        return QApplication::style()->standardIcon(icon);
    }
    case Qt::BackgroundRole:
        return e.status == Status::NeedsReview && index.column() == StatusColumn
            ? QVariant(QBrush(reviewHighlightColor()))
            : QVariant();
    case Qt::ForegroundRole:
        return e.status == Status::NeedsReview && index.column() == StatusColumn ? QVariant(QBrush(Qt::black))
                                                                               : QVariant();
    case Qt::AccessibleTextRole:
        return index.column() == StatusColumn ? statusText(e.status) : data(index, Qt::DisplayRole);
    default:
        return {};
    }
}

QVariant PrescriptionQueue::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("상태");
    case TimeColumn:
        return tr("도착");
    case PatientColumn:
        return tr("환자");
    case SourceColumn:
        return tr("파일");
    case FlaggedColumn:
        return tr("확인");
    default:
        return {};
    }
}

Qt::ItemFlags PrescriptionQueue::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace pharmdesk::ui
