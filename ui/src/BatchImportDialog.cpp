// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/BatchImportDialog.h"

#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/PrescriptionQueue.h"

#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

namespace {
enum Column { FileColumn, StateColumn, FlaggedColumn, TimeColumn, ColumnCount };

QStringList listImages(const QString& folder)
{
    QStringList files;
    const QStringList suffixes = InboxWatcher::acceptedSuffixes();
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (suffixes.contains(info.suffix().toLower()))
            files.append(info.absoluteFilePath());
    }
    files.sort();
    return files;
}
} // namespace

BatchImportDialog::BatchImportDialog(
    std::shared_ptr<RecognitionService> recognition, QWidget* parent, int parallelJobs, double threshold)
    : QDialog(parent)
    , m_recognition(std::move(recognition))
    , m_parallel(std::max(1, parallelJobs))
    , m_threshold(threshold)
{
    setObjectName(QStringLiteral("batchImportDialog"));
    setWindowTitle(tr("일괄 가져오기"));
    auto* addFilesButton = new QPushButton(tr("파일 추가(&F)…"), this);
    auto* addFolderButton = new QPushButton(tr("폴더 추가(&D)…"), this);
    connect(addFilesButton, &QPushButton::clicked, this, [this] {
        addFiles(QFileDialog::getOpenFileNames(this, tr("처방전 이미지"), QString(),
            tr("처방전 이미지 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)")));
    });
    connect(addFolderButton, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("처방전 폴더"));
        if (!folder.isEmpty())
            addFolder(folder);
    });
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(addFilesButton);
    addRow->addWidget(addFolderButton);
    addRow->addStretch(1);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("batchTable"));
    m_table->setAccessibleName(tr("가져올 파일"));
    m_table->setHorizontalHeaderLabels({ tr("파일"), tr("상태"), tr("확인"), tr("시간") });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FileColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_table, &QTableWidget::cellActivated, this, [this] { sendForReview(true); });

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("batchProgress"));
    m_progress->setAccessibleName(tr("일괄 가져오기 진행"));
    m_eta = new QLabel(this);
    m_eta->setObjectName(QStringLiteral("batchEta"));
    m_eta->setAccessibleName(tr("남은 시간"));

    m_startButton = new QPushButton(tr("시작(&S)"), this);
    m_startButton->setObjectName(QStringLiteral("batchStart"));
    m_cancelButton = new QPushButton(tr("취소(&C)"), this);
    m_cancelButton->setObjectName(QStringLiteral("batchCancel"));
    m_reviewButton = new QPushButton(tr("확인 필요 건 검토(&R)"), this);
    m_reviewButton->setObjectName(QStringLiteral("batchReview"));
    auto* closeButton = new QPushButton(tr("닫기"), this);
    connect(m_startButton, &QPushButton::clicked, this, &BatchImportDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &BatchImportDialog::cancel);
    connect(m_reviewButton, &QPushButton::clicked, this, [this] { sendForReview(false); });
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_reviewButton);
    buttons->addStretch(1);
    buttons->addWidget(closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(addRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_eta);
    layout->addLayout(buttons);
    resize(720, 480);
    updateProgress();
}

BatchImportDialog::~BatchImportDialog()
{
    m_cancel.cancel();
}

QString BatchImportDialog::stateText(State state)
{
    switch (state) {
    case State::Pending:
        return tr("대기");
    case State::Running:
        return tr("인식 중");
    case State::Ok:
        return tr("완료");
    case State::NeedsReview:
        return tr("확인 필요");
    case State::Failed:
        return tr("실패");
    case State::Cancelled:
        return tr("취소됨");
    }
    return {};
}

void BatchImportDialog::addFiles(const QStringList& paths)
{
    QStringList counted;
    for (const QString& path : paths) {
        const bool known = std::any_of(m_files.cbegin(), m_files.cend(), [&](const File& f) { return f.path == path; });
        if (known || counted.contains(path))
            continue;
        if (QueueController::mayHavePages(path))
            counted.append(path);
        else
            appendPages(path, 1);
    }
    if (!counted.isEmpty()) {
        // Opening a PDF or walking a TIFF is file I/O: on a worker. Unreadable files count as one
        // page (their recognition says why).
        ++m_counting;
        auto* watcher = new QFutureWatcher<QList<int>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, counted] {
            watcher->deleteLater();
            --m_counting;
            const QList<int> counts = watcher->result();
            for (int i = 0; i < counted.size(); ++i)
                appendPages(counted.at(i), counts.value(i, 1));
            updateProgress();
            Q_EMIT filesAdded();
            fillSlots();
            if (m_active && m_running == 0 && m_counting == 0) {
                m_active = false;
                Q_EMIT batchFinished();
            }
        });
        watcher->setFuture(QtConcurrent::run([counted] {
            QList<int> counts;
            for (const QString& path : counted) {
                const auto pages = ocr::pageCount(path);
                counts.append(pages ? std::max(1, *pages) : 1);
            }
            return counts;
        }));
    }
    updateProgress();
    if (counted.size() < paths.size())
        Q_EMIT filesAdded();
}

void BatchImportDialog::appendPages(const QString& path, int pageCount)
{
    for (int page = 0; page < pageCount; ++page) {
        m_files.append({ path, page, pageCount, State::Pending, std::nullopt, false });
        m_table->insertRow(m_table->rowCount());
        updateRow(int(m_files.size()) - 1);
    }
}

void BatchImportDialog::fillSlots()
{
    if (!m_active)
        return;
    const int free = m_parallel - m_running;
    for (int i = 0; i < free; ++i)
        submitNext();
    updateProgress();
}

void BatchImportDialog::addFolder(const QString& folder)
{
    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        addFiles(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&listImages, folder));
}

int BatchImportDialog::doneCount() const
{
    return int(std::count_if(m_files.cbegin(), m_files.cend(), [](const File& f) {
        return f.state == State::Ok || f.state == State::NeedsReview || f.state == State::Failed;
    }));
}

void BatchImportDialog::start()
{
    if (m_running > 0)
        return;
    m_cancel = core::CancelToken();
    for (File& f : m_files) {
        if (f.state == State::Cancelled)
            f.state = State::Pending;
    }
    m_doneThisRun = 0;
    m_clock.start();
    m_active = true;
    fillSlots();
    if (m_running == 0 && m_counting == 0)
        m_active = false; // nothing to read
}

void BatchImportDialog::cancel()
{
    m_cancel.cancel();
}

void BatchImportDialog::submitNext()
{
    if (m_cancel.isCancelled())
        return;
    for (int index = 0; index < m_files.size(); ++index) {
        File& f = m_files[index];
        if (f.state != State::Pending)
            continue;
        f.state = State::Running;
        updateRow(index);
        ++m_running;
        auto* watcher = new QFutureWatcher<core::ImportResult>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, index] {
            watcher->deleteLater();
            core::ImportResult result;
            if (watcher->future().resultCount() > 0) {
                result = watcher->result();
            } else {
                result.source = m_files.at(index).path;
                result.error = core::makeError(core::ErrorCategory::Cancelled, tr("인식이 중단되었습니다."));
            }
            onResult(index, result);
        });
        watcher->setFuture(m_recognition->recognise(f.path, f.page, m_cancel));
        return;
    }
}

void BatchImportDialog::onResult(int index, const core::ImportResult& result)
{
    --m_running;
    File& f = m_files[index];
    const bool cancelled = result.error && result.error->category == core::ErrorCategory::Cancelled;
    if (cancelled) {
        f.state = State::Cancelled;
    } else {
        f.result = result;
        ++m_doneThisRun;
        // Recorded as it comes back: a failed page too (the store keeps that it was unreadable).
        if (m_records)
            m_records->imported(f.path, f.page, result);
        f.state = result.status == core::ImportResult::Status::Ok ? State::Ok
            : result.status == core::ImportResult::Status::NeedsReview ? State::NeedsReview
                                                                          : State::Failed;
    }
    updateRow(index);
    submitNext();
    updateProgress();
    // Pages still being counted belong to this run: it ends when they are read too.
    if (m_running == 0 && (m_counting == 0 || m_cancel.isCancelled())) {
        m_active = false;
        Q_EMIT batchFinished();
    }
}

void BatchImportDialog::updateRow(int index)
{
    const File& f = m_files.at(index);
    const auto set = [this, index](int column, const QString& text) {
        auto* item = m_table->item(index, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(index, column, item);
        }
        item->setText(text);
    };
    set(FileColumn,
        f.pageCount > 1 ? tr("%1 — %2/%3").arg(QFileInfo(f.path).fileName()).arg(f.page + 1).arg(f.pageCount)
                        : QFileInfo(f.path).fileName());
    m_table->item(index, FileColumn)->setToolTip(f.path);
    set(StateColumn, stateText(f.state));
    if (f.result && f.result->error)
        m_table->item(index, StateColumn)->setToolTip(f.result->error->toString());
    set(FlaggedColumn,
        f.result && f.result->prescription
            ? QString::number(flaggedValueCount(*f.result->prescription, m_threshold))
            : QString());
    set(TimeColumn,
        f.result && f.result->timings.total > 0
            ? tr("%1초").arg(QLocale().toString(f.result->timings.total / 1000.0, 'f', 1))
            : QString());
}

void BatchImportDialog::updateProgress()
{
    const int total = int(m_files.size());
    const int done = doneCount();
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_progress->setFormat(tr("%1 / %2").arg(done).arg(total));
    const int left = int(std::count_if(m_files.cbegin(), m_files.cend(), [](const File& f) {
        return f.state == State::Pending || f.state == State::Running || f.state == State::Cancelled;
    }));
    if (m_running > 0 && m_doneThisRun > 0) {
        // Throughput of this run so far (several jobs at once), applied to what is left.
        const double perFile = double(m_clock.elapsed()) / m_doneThisRun;
        const int seconds = int(perFile * left / 1000.0 + 0.5);
        m_eta->setText(tr("남은 시간 약 %1분 %2초 (%3개 남음)").arg(seconds / 60).arg(seconds % 60).arg(left));
    } else if (m_running > 0) {
        m_eta->setText(tr("첫 결과를 기다리는 중… (%1개 남음)").arg(left));
    } else if (m_cancel.isCancelled() && left > 0) {
        m_eta->setText(tr("취소했습니다. 시작을 누르면 남은 %1개를 이어서 읽습니다.").arg(left));
    } else {
        m_eta->setText(total == 0 ? tr("파일이나 폴더를 추가하세요.") : tr("%1개 중 %2개 완료").arg(total).arg(done));
    }
    m_startButton->setEnabled(m_running == 0 && left > 0);
    m_cancelButton->setEnabled(m_running > 0);
    m_reviewButton->setEnabled(std::any_of(
        m_files.cbegin(), m_files.cend(), [](const File& f) { return f.state == State::NeedsReview; }));
}

void BatchImportDialog::sendForReview(bool onlySelected)
{
    QList<core::ImportResult> results;
    for (int index = 0; index < m_files.size(); ++index) {
        File& f = m_files[index];
        if (!f.result || !f.result->prescription || f.sentForReview)
            continue;
        const bool chosen = onlySelected ? m_table->selectionModel()->isRowSelected(index, {})
                                         : f.state == State::NeedsReview;
        if (chosen) {
            results.append(*f.result);
            f.sentForReview = true;
        }
    }
    if (!results.isEmpty())
        Q_EMIT openForReview(results);
}

} // namespace pharmdesk::ui
