// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's ways in and out: file dialog, drag and drop, clipboard, print preview, PDF export,
// settings and batch import dialogs.
#include "pharmdesk/ui/BatchImportDialog.h"
#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/HistoryDialog.h"
#include "pharmdesk/ui/GuideService.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/SettingsDialog.h"

#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QMessageBox>
#include <QMimeData>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>

namespace pharmdesk::ui {

namespace {
bool isImageFile(const QUrl& url, const QStringList& suffixes)
{
    return url.isLocalFile() && suffixes.contains(QFileInfo(url.toLocalFile()).suffix().toLower());
}

/// How a pasted or dropped picture is named in the queue (it is held in memory, not in a file).
QString pastedImageName()
{
    return QStringLiteral("clipboard-%1.png").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
}
} // namespace

void MainWindow::openImageDialog()
{
    QStringList patterns;
    for (const QString& suffix : imageFileSuffixes())
        patterns.append(QStringLiteral("*.") + suffix);
    const QString current = currentPath();
    const QString start = current.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                                            : QFileInfo(current).absolutePath();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("처방전 이미지 열기"), start,
        tr("처방전 이미지 (%1)").arg(patterns.join(QLatin1Char(' '))) + QStringLiteral(";;")
            + tr("모든 파일 (*)"));
    for (const QString& path : paths)
        m_controller->enqueueFile(path);
    if (!paths.isEmpty())
        showEntry(m_controller->queue()->idAt(m_controller->queue()->count() - int(paths.size())));
}

void MainWindow::pasteImage()
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (mime && mime->hasUrls()) {
        int queued = 0;
        for (const QUrl& url : mime->urls()) {
            if (isImageFile(url, imageFileSuffixes())) {
                m_controller->enqueueFile(url.toLocalFile());
                ++queued;
            }
        }
        if (queued > 0)
            return;
    }
    if (!mime || !mime->hasImage()) {
        statusBar()->showMessage(tr("클립보드에 이미지가 없습니다."), 5000);
        return;
    }
    m_controller->enqueueImage(qvariant_cast<QImage>(mime->imageData()), pastedImageName(), QueueEntry::Origin::Clipboard);
    statusBar()->showMessage(tr("붙여넣은 이미지를 대기열에 넣었습니다."), 4000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    const QStringList suffixes = imageFileSuffixes();
    if (std::any_of(urls.cbegin(), urls.cend(), [&](const QUrl& url) { return isImageFile(url, suffixes); })
        || event->mimeData()->hasImage()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QStringList suffixes = imageFileSuffixes();
    quint64 first = 0;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!isImageFile(url, suffixes))
            continue;
        const quint64 id = m_controller->enqueueFile(url.toLocalFile());
        first = first == 0 ? id : first;
    }
    if (first == 0 && event->mimeData()->hasImage()) {
        event->acceptProposedAction();
        m_controller->enqueueImage(qvariant_cast<QImage>(event->mimeData()->imageData()), pastedImageName(),
                                   QueueEntry::Origin::Clipboard);
        return;
    }
    if (first == 0)
        return;
    event->acceptProposedAction();
    // The first dropped file comes up unless the pharmacist is in the middle of another one.
    if (!m_panel->hasPrescription())
        showEntry(first);
}

void MainWindow::printPreview()
{
    if (!m_panel->hasPrescription())
        return;
    auto* dialog = new QPrintPreviewDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("복약안내문 인쇄 미리보기"));
    dialog->printer()->setPageSize(QPageSize(QPageSize::A4));
    dialog->printer()->setPageOrientation(QPageLayout::Portrait);
    dialog->printer()->setDocName(tr("복약안내문"));
    // The preview shows the prescription as it is now, edits included.
    const core::Prescription prescription = m_panel->prescription();
    connect(dialog, &QPrintPreviewDialog::paintRequested, this, [this, prescription](QPrinter* printer) {
        const core::Status status = m_services.guide->paint(prescription, printer);
        if (!status)
            statusBar()->showMessage(tr("복약안내문을 그릴 수 없습니다: %1").arg(status.error().message), 10000);
    });
    dialog->resize(900, 1000);
    dialog->open();
}

void MainWindow::exportGuidePdfDialog()
{
    if (!m_panel->hasPrescription())
        return;
    const QFileInfo image(currentPath());
    const QString suggested = QDir(image.absolutePath()).filePath(image.completeBaseName() + tr("-복약안내문.pdf"));
    const QString path
        = QFileDialog::getSaveFileName(this, tr("복약안내문 PDF로 내보내기"), suggested, tr("PDF 파일 (*.pdf)"));
    if (!path.isEmpty())
        exportGuidePdf(path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".pdf"));
}

void MainWindow::exportGuidePdf(const QString& path)
{
    if (!m_panel->hasPrescription() || m_exporting)
        return;
    m_exporting = true;
    updateActions();
    statusBar()->showMessage(tr("복약안내문 PDF 저장 중…"));
    auto* watcher = new QFutureWatcher<core::Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        m_exporting = false;
        updateActions();
        const bool ok = watcher->future().resultCount() > 0 && watcher->result().ok();
        if (ok) {
            statusBar()->showMessage(tr("복약안내문을 저장했습니다: %1").arg(QDir::toNativeSeparators(path)), 10000);
        } else {
            const core::Error error = watcher->future().resultCount() > 0
                ? watcher->result().error()
                : core::makeError(core::ErrorCategory::Cancelled, tr("PDF 저장이 중단되었습니다."));
            statusBar()->showMessage(tr("PDF 저장 실패: %1").arg(error.message), 10000);
            showError(tr("복약안내문을 저장할 수 없습니다"), error);
        }
        Q_EMIT guideExported(ok, path);
    });
    watcher->setFuture(m_services.guide->exportPdf(m_panel->prescription(), path));
}

void MainWindow::openSettings()
{
    auto* dialog = new SettingsDialog(m_settings, m_counter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_records) {
        // Which keychain and whether a key is stored: asked on the records worker (D-Bus).
        auto* state = new QFutureWatcher<CounterRecords::KeyState>(dialog);
        connect(state, &QFutureWatcherBase::finished, dialog, [dialog, state] {
            dialog->setKeychainState(state->result().backend, state->result().stored);
        });
        state->setFuture(m_records->serviceKeyState());
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString oldLanguage = m_counter.uiLanguage;
        applySettings(dialog->settings(), dialog->counterSettings());
        if (!m_dataDir.isEmpty()) {
            const core::Status saved = m_settings.save(m_dataDir);
            const core::Status counterSaved = m_counter.save(m_dataDir);
            if (!saved || !counterSaved)
                showError(tr("설정을 저장할 수 없습니다"), saved ? counterSaved.error() : saved.error());
        }
        if (const auto key = dialog->newServiceKey(); key && m_records) {
            auto* stored = new QFutureWatcher<core::Status>(this);
            connect(stored, &QFutureWatcherBase::finished, this, [this, stored] {
                stored->deleteLater();
                const core::Status status = stored->result();
                statusBar()->showMessage(status ? tr("식약처 서비스 키를 키 저장소에 저장했습니다.")
                                                : tr("서비스 키를 저장할 수 없습니다: %1").arg(status.error().message),
                    10000);
            });
            stored->setFuture(m_records->storeServiceKey(*key));
        }
        if (m_counter.uiLanguage != oldLanguage)
            statusBar()->showMessage(tr("화면 언어는 다시 시작하면 바뀝니다."), 8000);
    });
    dialog->open();
}

void MainWindow::openBatchImport()
{
    auto* dialog = new BatchImportDialog(
        m_services.batchRecognition, this, std::clamp(QThread::idealThreadCount(), 1, 4), m_settings.reviewThreshold);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRecords(m_records.get());
    connect(dialog, &BatchImportDialog::openForReview, this, [this](const QList<core::ImportResult>& results) {
        quint64 first = 0;
        for (const core::ImportResult& result : results) {
            const quint64 id = m_controller->enqueueResult(result);
            first = first == 0 ? id : first;
        }
        if (first != 0)
            showEntry(first);
    });
    dialog->open();
}

void MainWindow::openHistory()
{
    if (!m_records)
        return;
    auto* dialog = new HistoryDialog(m_records.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HistoryDialog::reopen, this, &MainWindow::reopenRecord);
    dialog->open();
    dialog->search();
}

void MainWindow::reopenRecord(const store::RecordDetail& detail, bool reprint)
{
    core::ImportResult result;
    result.source = detail.summary.sourceName;
    result.sha256 = detail.summary.imageSha256;
    if (detail.summary.page > 0)
        result.page = detail.summary.page + 1; // a later page of a PDF or TIFF
    if (detail.confirmed)
        result.prescription = detail.confirmed;
    else if (detail.recognised && detail.recognised->prescription)
        result.prescription = detail.recognised->prescription;
    if (!result.prescription) {
        statusBar()->showMessage(tr("이 기록에는 다시 열 처방 내용이 없습니다."), 8000);
        return;
    }
    result.settleStatus();
    const quint64 id = m_controller->enqueueResult(result, QueueEntry::Origin::History);
    m_records->adopt(id, detail.summary.id);
    if (detail.confirmed) {
        // Confirmed then: it stays confirmed, so its guide can be printed again at once.
        m_controller->queue()->setEdited(id, *detail.confirmed, 0);
        m_controller->queue()->setStatus(id, QueueEntry::Status::Confirmed);
    }
    showEntry(id);
    if (reprint)
        outputGuide();
}

} // namespace pharmdesk::ui
