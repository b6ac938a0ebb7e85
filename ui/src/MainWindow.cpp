// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/MainWindow.h"

#include "pharmdesk/ui/GuideService.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

namespace {
/// The image is only for display: a picture too big to show sensibly is not decoded at all
/// (recognition rejects it with its own error).
constexpr qint64 kMaxDisplayPixels = 60'000'000;

QImage loadDisplayImage(const QString& path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > kMaxDisplayPixels)
        return {};
    return reader.read();
}
} // namespace

MainWindow::MainWindow(MainWindowServices services, core::Settings settings, QWidget* parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
    , m_settings(std::move(settings))
{
    Q_ASSERT(m_services.recognition && m_services.guide);
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_imageView = new ImageView(m_splitter);
    m_imageView->setObjectName(QStringLiteral("imageView"));
    m_panel = new PrescriptionPanel(m_splitter);
    m_panel->setObjectName(QStringLiteral("prescriptionPanel"));
    m_panel->setReviewThreshold(m_settings.reviewThreshold);
    m_splitter->addWidget(m_imageView);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setChildrenCollapsible(false);
    // The panel's size hint would take nearly everything: start from a 4:5 split instead.
    m_splitter->setSizes({ 4 * 140, 5 * 140 });
    setCentralWidget(m_splitter);

    createActions();
    createMenus();
    createStatusBar();

    connect(m_panel, &PrescriptionPanel::regionSelected, this, [this](const QRect& box) {
        m_selectedBox = box;
        m_imageView->highlight(box);
    });
    connect(m_panel, &PrescriptionPanel::reviewStateChanged, this, [this](int flagged) {
        updateReviewStatus(flagged);
        updateRegions();
    });
    connect(m_panel, &PrescriptionPanel::edited, this, [this] { setWindowModified(true); });
    connect(m_panel, &PrescriptionPanel::editRejected, this,
        [this](const QString& message) { statusBar()->showMessage(message, 8000); });

    resize(1280, 820);
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // A running job stops at its next check instead of finishing for nobody.
    m_cancel.cancel();
}

void MainWindow::showStartupError(const core::Error& error)
{
    QMessageBox box(QMessageBox::Critical, tr("PharmDesk"), error.message, QMessageBox::Ok);
    box.setDetailedText(error.detail);
    box.exec();
}

QStringList MainWindow::imageFileSuffixes()
{
    return { QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("tif"),
        QStringLiteral("tiff"), QStringLiteral("bmp") };
}

bool MainWindow::isRecognising() const
{
    return m_recognising;
}

void MainWindow::setCatalog(std::shared_ptr<const core::DrugCatalog> catalog)
{
    m_catalog = std::move(catalog);
    m_panel->setCatalog(m_catalog);
    if (!m_catalog || m_catalog->productCount() == 0) {
        m_cacheLabel->setText(tr("약품 DB 비어 있음"));
        return;
    }
    m_cacheLabel->setText(
        tr("약품 DB: %1개 품목").arg(QLocale().toString(qlonglong(m_catalog->productCount()))));
    m_cacheLabel->setToolTip(QString());
}

void MainWindow::setDrugSearch(std::function<QList<core::Product>(const QString&, int)> search)
{
    m_panel->setDrugSearch(std::move(search));
}

void MainWindow::setCatalogFailed(const core::Error& error)
{
    m_cacheLabel->setText(tr("약품 DB 오류"));
    m_cacheLabel->setToolTip(error.toString());
    statusBar()->showMessage(tr("약품 DB를 열 수 없습니다: %1").arg(error.message), 15000);
}

void MainWindow::openImageDialog()
{
    QString filter = tr("처방전 이미지 (%1)");
    QStringList patterns;
    for (const QString& suffix : imageFileSuffixes())
        patterns.append(QStringLiteral("*.") + suffix);
    const QString start = m_path.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
        : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("처방전 이미지 열기"), start,
        filter.arg(patterns.join(QLatin1Char(' '))) + QStringLiteral(";;") + tr("모든 파일 (*)"));
    if (!path.isEmpty())
        openImage(path);
}

void MainWindow::openImage(const QString& path)
{
    cancelRecognition();
    const quint64 job = ++m_job;
    m_path = path;
    m_result.reset();
    m_selectedBox = QRect();
    m_panel->clear();
    m_imageView->clear();
    setWindowModified(false);
    updateTitle();

    auto* imageWatcher = new QFutureWatcher<QImage>(this);
    connect(imageWatcher, &QFutureWatcherBase::finished, this, [this, imageWatcher, job] {
        imageWatcher->deleteLater();
        if (job != m_job)
            return;
        m_imageView->setImage(imageWatcher->result());
        updateRegions();
    });
    imageWatcher->setFuture(QtConcurrent::run(&loadDisplayImage, path));

    m_cancel = core::CancelToken();
    auto* watcher = new QFutureWatcher<core::ImportResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, path] {
        watcher->deleteLater();
        if (job != m_job)
            return;
        if (watcher->future().resultCount() > 0) {
            onRecognitionDone(watcher->result());
            return;
        }
        // The service dropped the job without a result (it shut down): report it as cancelled.
        core::ImportResult dropped;
        dropped.source = path;
        dropped.error = core::makeError(core::ErrorCategory::Cancelled, tr("인식이 중단되었습니다."));
        onRecognitionDone(dropped);
    });
    m_recognising = true;
    m_recognitionLabel->setText(tr("인식 중: %1").arg(QFileInfo(path).fileName()));
    m_progress->show();
    updateActions();
    watcher->setFuture(m_services.recognition->recognise(path, m_cancel));
}

void MainWindow::cancelRecognition()
{
    if (!m_recognising)
        return;
    m_cancel.cancel();
    m_recognitionLabel->setText(tr("인식 취소 중…"));
}

void MainWindow::onRecognitionDone(const core::ImportResult& result)
{
    m_recognising = false;
    m_progress->hide();
    m_result = result;
    const QString name = QFileInfo(result.source).fileName();
    if (result.status == core::ImportResult::Status::Failed || !result.prescription) {
        const core::Error error = result.error.value_or(
            core::makeError(core::ErrorCategory::Internal, tr("인식 결과가 없습니다.")));
        if (error.category == core::ErrorCategory::Cancelled) {
            m_recognitionLabel->setText(tr("인식을 취소했습니다: %1").arg(name));
        } else {
            m_recognitionLabel->setText(tr("인식 실패: %1").arg(error.message));
            m_recognitionLabel->setToolTip(error.toString());
            showError(tr("처방전을 인식할 수 없습니다"), error);
        }
    } else {
        m_panel->setPrescription(*result.prescription);
        updateReviewStatus(m_panel->flaggedCount());
        updateRegions();
        // Keyboard first: the cursor starts on the first value that needs the pharmacist.
        if (m_panel->flaggedCount() > 0)
            m_panel->focusNextUncertain();
        else
            m_panel->itemsView()->setFocus(Qt::OtherFocusReason);
    }
    updateActions();
    Q_EMIT recognitionFinished();
}

void MainWindow::updateReviewStatus(int flaggedCount)
{
    if (!m_panel->hasPrescription())
        return;
    const int lines = m_panel->itemsModel()->rowCount();
    const QString seconds
        = m_result ? QLocale().toString(m_result->timings.total / 1000.0, 'f', 1) : QString();
    QString text
        = flaggedCount > 0 ? tr("확인 필요 %1개 항목 (F8: 다음 항목)").arg(flaggedCount) : tr("모두 확인됨");
    text = tr("약품 %1줄 · %2").arg(lines).arg(text);
    if (m_result && m_result->timings.total > 0)
        text += tr(" · 인식 %1초").arg(seconds);
    m_recognitionLabel->setText(text);
    m_recognitionLabel->setToolTip(QString());
    m_recognitionLabel->setProperty("flaggedCount", flaggedCount);
}

void MainWindow::updateRegions()
{
    // The image and the result arrive in either order: whichever comes second draws both.
    m_imageView->setRegions(m_panel->regions());
    m_imageView->highlight(m_selectedBox);
}

void MainWindow::nextUncertain()
{
    if (!m_panel->focusNextUncertain())
        statusBar()->showMessage(tr("확인이 필요한 항목이 없습니다."), 4000);
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
            statusBar()->showMessage(
                tr("복약안내문을 그릴 수 없습니다: %1").arg(status.error().message), 10000);
    });
    dialog->resize(900, 1000);
    dialog->open();
}

void MainWindow::exportGuidePdfDialog()
{
    if (!m_panel->hasPrescription())
        return;
    const QFileInfo image(m_path);
    const QString suggested
        = QDir(image.absolutePath()).filePath(image.completeBaseName() + tr("-복약안내문.pdf"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("복약안내문 PDF로 내보내기"), suggested, tr("PDF 파일 (*.pdf)"));
    if (!path.isEmpty())
        exportGuidePdf(
            path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".pdf"));
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
            statusBar()->showMessage(
                tr("복약안내문을 저장했습니다: %1").arg(QDir::toNativeSeparators(path)), 10000);
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

void MainWindow::showError(const QString& title, const core::Error& error)
{
    // Not exec(): the result arrived from a worker and nothing may wait on a nested event loop.
    auto* box = new QMessageBox(QMessageBox::Warning, title, error.message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!error.detail.isEmpty())
        box->setDetailedText(error.detail);
    box->open();
}

void MainWindow::updateActions()
{
    const bool loaded = m_panel->hasPrescription();
    m_cancelAction->setEnabled(m_recognising);
    m_printPreviewAction->setEnabled(loaded);
    m_exportPdfAction->setEnabled(loaded && !m_exporting);
    m_nextUncertainAction->setEnabled(loaded);
    const bool image = !m_path.isEmpty();
    m_zoomInAction->setEnabled(image);
    m_zoomOutAction->setEnabled(image);
    m_fitAction->setEnabled(image);
    m_rotateAction->setEnabled(image);
}

void MainWindow::updateTitle()
{
    setWindowFilePath(m_path);
    setWindowTitle(
        m_path.isEmpty() ? tr("PharmDesk") : tr("%1[*] — PharmDesk").arg(QFileInfo(m_path).fileName()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()
        && imageFileSuffixes().contains(QFileInfo(urls.first().toLocalFile()).suffix().toLower())) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    if (urls.size() > 1)
        statusBar()->showMessage(tr("여러 파일 중 첫 번째만 열었습니다."), 6000);
    openImage(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_cancel.cancel();
    QMainWindow::closeEvent(event);
}

} // namespace pharmdesk::ui
