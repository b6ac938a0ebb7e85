// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/HistoryDialog.h"

#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/PrescriptionQueue.h"
#include "pharmdesk/ui/QueueController.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pharmdesk::ui {

namespace {
enum Column {
    ImportedColumn,
    PatientColumn,
    RrnColumn,
    InstitutionColumn,
    IssueColumn,
    ItemsColumn,
    StatusColumn,
    FileColumn,
    ColumnCount
};

QString statusText(store::RecordStatus status)
{
    using S = store::RecordStatus;
    using Q = QueueEntry::Status;
    switch (status) {
    case S::New:
        return PrescriptionQueue::statusText(Q::New);
    case S::Recognised:
        return PrescriptionQueue::statusText(Q::Recognised);
    case S::NeedsReview:
        return PrescriptionQueue::statusText(Q::NeedsReview);
    case S::Failed:
        return PrescriptionQueue::statusText(Q::Failed);
    case S::Confirmed:
        return PrescriptionQueue::statusText(Q::Confirmed);
    case S::GuidePrinted:
        return PrescriptionQueue::statusText(Q::GuidePrinted);
    }
    return {};
}

/// The file name, with the page for a PDF or TIFF (one prescription per page).
QString fileText(const store::RecordSummary& r)
{
    if (!QueueController::mayHavePages(r.sourceName))
        return r.sourceName;
    return HistoryDialog::tr("%1 — %2쪽").arg(r.sourceName).arg(r.page + 1);
}
} // namespace

HistoryDialog::HistoryDialog(CounterRecords* records, QWidget* parent)
    : QDialog(parent)
    , m_records(records)
{
    setObjectName(QStringLiteral("historyDialog"));
    setWindowTitle(tr("처방 기록"));
    m_patient = new QLineEdit(this);
    m_patient->setObjectName(QStringLiteral("historyPatient"));
    m_patient->setAccessibleName(tr("환자 이름"));
    m_institution = new QLineEdit(this);
    m_institution->setObjectName(QStringLiteral("historyInstitution"));
    m_institution->setAccessibleName(tr("의료기관"));
    m_drug = new QLineEdit(this);
    m_drug->setObjectName(QStringLiteral("historyDrug"));
    m_drug->setAccessibleName(tr("약품 이름 또는 코드"));
    m_drug->setPlaceholderText(tr("약품 이름 일부 또는 9자리 보험코드"));
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_from->setCalendarPopup(true);
    m_from->setAccessibleName(tr("시작일"));
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setCalendarPopup(true);
    m_to->setAccessibleName(tr("종료일"));
    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("상태"));
    m_status->addItem(tr("전체"), -1);
    for (auto status : { store::RecordStatus::NeedsReview, store::RecordStatus::Confirmed, store::RecordStatus::GuidePrinted,
             store::RecordStatus::Failed })
        m_status->addItem(statusText(status), int(status));
    auto* searchButton = new QPushButton(tr("찾기(&S)"), this);
    searchButton->setDefault(false);
    searchButton->setAutoDefault(false);
    connect(searchButton, &QPushButton::clicked, this, &HistoryDialog::search);
    for (QLineEdit* edit : { m_patient, m_institution, m_drug })
        connect(edit, &QLineEdit::returnPressed, this, &HistoryDialog::search);

    auto* form = new QFormLayout;
    form->addRow(tr("환자 이름(&P):"), m_patient);
    form->addRow(tr("의료기관(&I):"), m_institution);
    form->addRow(tr("약품(&G):"), m_drug);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(QStringLiteral("~"), this));
    dates->addWidget(m_to);
    dates->addWidget(m_status);
    dates->addWidget(searchButton);
    auto* datesLabel = new QLabel(tr("접수일(&D):"), this);
    datesLabel->setBuddy(m_from); // Alt+D: the first date
    form->addRow(datesLabel, dates);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("처방 기록 목록"));
    m_table->setHorizontalHeaderLabels(
        { tr("접수"), tr("환자"), tr("주민등록번호"), tr("의료기관"), tr("교부일"), tr("약품"), tr("상태"), tr("파일") });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(InstitutionColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_table, &QTableWidget::cellActivated, this, [this] { openChosen(false); });

    m_summary = new QLabel(this);
    auto* reopenButton = new QPushButton(tr("다시 열기(&O)"), this);
    reopenButton->setObjectName(QStringLiteral("historyReopen"));
    auto* reprintButton = new QPushButton(tr("안내문 다시 출력(&R)"), this);
    reprintButton->setObjectName(QStringLiteral("historyReprint"));
    auto* closeButton = new QPushButton(tr("닫기"), this);
    // Enter belongs to the field it is typed in (search) or to the table (reopen): no button
    // takes it over as the dialog's default.
    for (QPushButton* button : { reopenButton, reprintButton, closeButton })
        button->setAutoDefault(false);
    connect(reopenButton, &QPushButton::clicked, this, [this] { openChosen(false); });
    connect(reprintButton, &QPushButton::clicked, this, [this] { openChosen(true); });
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(reopenButton);
    buttons->addWidget(reprintButton);
    buttons->addWidget(closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    resize(860, 520);
}

void HistoryDialog::search()
{
    store::RecordFilter filter;
    filter.importedFrom = QDateTime(m_from->date(), QTime(0, 0)).toUTC();
    filter.importedTo = QDateTime(m_to->date().addDays(1), QTime(0, 0)).toUTC();
    if (m_status->currentData().toInt() >= 0)
        filter.status = store::RecordStatus(m_status->currentData().toInt());
    filter.drug = m_drug->text().trimmed();
    filter.limit = 500;
    const QString patient = m_patient->text().trimmed();
    const QString institution = m_institution->text().trimmed();
    const quint64 generation = ++m_generation;
    m_summary->setText(tr("찾는 중…"));
    auto* watcher = new QFutureWatcher<core::Result<QList<store::RecordSummary>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, patient, institution] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const auto found = watcher->result();
        m_results.clear();
        m_table->setRowCount(0);
        if (!found) {
            m_summary->setText(found.error().message);
            Q_EMIT searchFinished();
            return;
        }
        // Name and institution are matched here: the store searches by date, status and the
        // keyed resident-number hash only.
        for (const store::RecordSummary& r : *found) {
            if (!patient.isEmpty() && !r.patientName.contains(patient, Qt::CaseInsensitive))
                continue;
            if (!institution.isEmpty() && !r.institution.contains(institution, Qt::CaseInsensitive))
                continue;
            m_results.append(r);
        }
        m_table->setRowCount(int(m_results.size()));
        for (int row = 0; row < m_results.size(); ++row) {
            const store::RecordSummary& r = m_results.at(row);
            const QStringList cells { QLocale().toString(r.importedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")),
                r.patientName, r.maskedRrn, r.institution,
                r.issueDate.isValid() ? r.issueDate.toString(Qt::ISODate) : QString(), QString::number(r.itemCount),
                statusText(r.status), fileText(r) };
            for (int column = 0; column < ColumnCount; ++column)
                m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
        m_summary->setText(tr("%1건").arg(m_results.size()));
        if (!m_results.isEmpty())
            m_table->selectRow(0);
        Q_EMIT searchFinished();
    });
    watcher->setFuture(m_records->list(filter));
}

void HistoryDialog::openChosen(bool reprint)
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_results.size())
        return;
    auto* watcher = new QFutureWatcher<core::Result<store::RecordDetail>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, reprint] {
        watcher->deleteLater();
        const auto detail = watcher->result();
        if (!detail) {
            m_summary->setText(detail.error().message);
            return;
        }
        Q_EMIT reopen(*detail, reprint);
    });
    watcher->setFuture(m_records->show(m_results.at(row).id));
}

} // namespace pharmdesk::ui
