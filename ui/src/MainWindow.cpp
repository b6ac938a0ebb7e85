// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/MainWindow.h"

#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ui/AlertsPanel.h"
#include "pharmdesk/ui/CaptureActions.h"
#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/EditHistory.h"
#include "pharmdesk/ui/GuideOutput.h"
#include "pharmdesk/ui/GuideService.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

using Status = QueueEntry::Status;

namespace {
/// The image is only for display: a picture too big to show sensibly is not decoded at all
/// (recognition rejects it with its own error).
constexpr qint64 kMaxDisplayPixels = 60'000'000;

/// `name` tells a PDF or TIFF (its suffix) when `path` does not (a memory file).
QImage loadDisplayImage(const QString& path, int page, const QString& name)
{
    if (QueueController::mayHavePages(name)) {
        // The page as recognition saw it (a PDF rendered at the reader's resolution), so the
        // recognised boxes fall where they belong.
        const auto loaded = ocr::loadImage(path, ocr::LoadLimits {}, nullptr, page);
        if (!loaded || loaded->image.empty())
            return {};
        const cv::Mat& m = loaded->image;
        if (m.channels() == 1)
            return QImage(m.data, m.cols, m.rows, int(m.step), QImage::Format_Grayscale8).copy();
        if (m.channels() == 3)
            return QImage(m.data, m.cols, m.rows, int(m.step), QImage::Format_BGR888).copy();
        return {};
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > kMaxDisplayPixels)
        return {};
    return reader.read();
}
} // namespace

MainWindow::MainWindow(
    MainWindowServices services, core::Settings settings, CounterSettings counter, QWidget* parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
    , m_settings(std::move(settings))
    , m_counter(std::move(counter))
{
    Q_ASSERT(m_services.recognition && m_services.guide);
    if (!m_services.batchRecognition)
        m_services.batchRecognition = m_services.recognition;
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    m_controller = new QueueController(m_services.recognition, this);
    m_controller->setReviewThreshold(m_settings.reviewThreshold);
    m_guideOutput = new GuideOutput(m_services.guide, this);
    m_guideOutput->setSettings(m_counter);
    m_dur = new DurChecker(this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_imageView = new ImageView(m_splitter);
    m_imageView->setObjectName(QStringLiteral("imageView"));
    m_imageView->setAccessibleName(tr("처방전 이미지"));
    m_panel = new PrescriptionPanel(m_splitter);
    m_panel->setObjectName(QStringLiteral("prescriptionPanel"));
    m_panel->setReviewThreshold(m_settings.reviewThreshold);
    m_splitter->addWidget(m_imageView);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setChildrenCollapsible(false);
    // The panel's size hint would take nearly everything: start from a 4:5 split instead.
    m_splitter->setSizes({ 3 * 140, 5 * 140 });
    setCentralWidget(m_splitter);
    m_history = new EditHistory(m_panel, this);

    createDocks();
    createActions();
    createMenus();
    createStatusBar();
    // Scanner (Ctrl+Shift+S) and camera (Ctrl+Shift+C): pages and photos join the queue like a
    // pasted image; the devices chosen there are kept in the settings.
    new CaptureActions(this, m_batchAction, [this](const core::Settings& chosen) {
        m_settings = chosen;
        if (!m_dataDir.isEmpty() && !m_settings.save(m_dataDir))
            statusBar()->showMessage(tr("설정을 저장할 수 없습니다"), 8000);
    });

    connect(m_controller, &QueueController::queued, this, [this](quint64 id) {
        const QueueEntry* e = m_controller->queue()->entry(id);
        // The inbox keeps its file until the store has answered (sealed or failed). A history or
        // recovered entry is already a record (adopted).
        if (m_records && e->origin != QueueEntry::Origin::History && e->origin != QueueEntry::Origin::Recovered) {
            if (auto held = m_controller->heldImage(id))
                m_records->intake(id, std::move(held), e->displayName, e->page);
            else
                m_records->intake(id, e->source, e->page);
        }
        const QueueEntry* current = m_controller->queue()->entry(m_current);
        if (!current || current->status == Status::GuidePrinted)
            showEntry(id);
        updateQueueStatus();
    });
    connect(m_controller, &QueueController::recognised, this, &MainWindow::onRecognised);
    connect(m_controller, &QueueController::captureFailed, this,
        [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_controller->inbox(), &InboxWatcher::error, this,
        [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(m_panel, &PrescriptionPanel::regionSelected, this, [this](const QRect& box) {
        m_selectedBox = box;
        m_imageView->highlight(box);
    });
    connect(m_panel, &PrescriptionPanel::reviewStateChanged, this, [this](int flagged) {
        updateReviewStatus(flagged);
        updateRegions();
    });
    connect(m_panel, &PrescriptionPanel::edited, this, &MainWindow::onEdited);
    connect(m_panel, &PrescriptionPanel::editRejected, this,
        [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_dur, &DurChecker::checked, this, [this](const QList<core::DurAlert>& alerts) {
        m_panel->setAlerts(alerts);
        m_alerts->setAlerts(alerts);
        storeCurrentEdits();
    });
    connect(m_alerts, &AlertsPanel::lineActivated, m_panel, &PrescriptionPanel::focusLine);
    connect(m_guideOutput, &GuideOutput::delivered, this, &MainWindow::onGuideDelivered);

    applySettings(m_settings, m_counter);
    resize(1440, 860);
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Running jobs stop at their next check instead of finishing for nobody.
    m_controller->cancelAll();
}

void MainWindow::showStartupError(const core::Error& error)
{
    QMessageBox box(QMessageBox::Critical, tr("PharmDesk"), error.message, QMessageBox::Ok);
    box.setDetailedText(error.detail);
    box.exec();
}

QStringList MainWindow::imageFileSuffixes()
{
    return InboxWatcher::acceptedSuffixes();
}

QUndoStack* MainWindow::undoStack() const
{
    return m_history->stack();
}

bool MainWindow::isRecognising() const
{
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    return e && (e->status == Status::New || e->status == Status::Recognising);
}

QString MainWindow::currentPath() const
{
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    return e ? e->source : QString();
}

void MainWindow::setCatalog(std::shared_ptr<const core::DrugCatalog> catalog)
{
    m_catalog = std::move(catalog);
    m_panel->setCatalog(m_catalog);
    m_dur->setCatalog(m_catalog);
    if (m_panel->hasPrescription())
        m_dur->check(m_panel->prescription());
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

void MainWindow::applySettings(const core::Settings& settings, const CounterSettings& counter)
{
    m_settings = settings;
    m_counter = counter;
    m_panel->setReviewThreshold(settings.reviewThreshold);
    m_controller->setReviewThreshold(settings.reviewThreshold);
    m_services.guide->applySettings(settings);
    m_guideOutput->setSettings(counter);
    InboxWatcher* inbox = m_controller->inbox();
    inbox->setSettleDelay(counter.inboxSettleMs);
    m_controller->setKeepProcessedFiles(counter.keepProcessedFiles);
    if (inbox->folder() != QFileInfo(counter.inboxFolder).absoluteFilePath() || counter.inboxFolder.isEmpty())
        inbox->start(counter.inboxFolder);
    updateQueueStatus();
}

void MainWindow::setRecords(std::shared_ptr<CounterRecords> records)
{
    m_records = std::move(records);
    m_controller->setSealsImages(m_records != nullptr);
    if (m_records) {
        connect(m_records.get(), &CounterRecords::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
        connect(m_records.get(), &CounterRecords::sealed, m_controller, &QueueController::imageSealed);
        connect(m_records.get(), &CounterRecords::intakeFailed, m_controller, &QueueController::intakeFailed);
        recoverUnfinished(); // first: the records worker runs in order, before any new intake
        loadAccounts();
    }
    updateActions();
}

void MainWindow::openImage(const QString& path)
{
    const quint64 id = m_controller->enqueueFile(path);
    showEntry(id);
}

void MainWindow::storeCurrentEdits()
{
    if (m_current == 0 || !m_panel->hasPrescription())
        return;
    m_controller->queue()->setEdited(m_current, m_panel->prescription(), m_panel->flaggedCount());
}

void MainWindow::showEntry(quint64 id)
{
    const QueueEntry* e = m_controller->queue()->entry(id);
    if (!e || id == m_current)
        return;
    storeCurrentEdits();
    m_current = id;
    m_result = e->result;
    m_selectedBox = QRect();
    m_dur->cancel();
    m_panel->clear();
    m_history->reset();
    m_imageView->clear();
    setWindowModified(false);
    loadImage(*e);
    const int row = m_controller->queue()->rowOf(id);
    m_queueView->selectRow(row);
    m_queueView->scrollTo(m_controller->queue()->index(row, 0));
    if (const core::Prescription* p = e->prescription()) {
        showPrescription(*e->result, *p);
    } else if (e->status == Status::Failed) {
        const core::Error error = e->result && e->result->error ? *e->result->error : core::Error {};
        m_recognitionLabel->setText(tr("인식 실패: %1").arg(error.message));
        m_alerts->showMessage(QString());
    } else {
        m_recognitionLabel->setText(tr("인식 중: %1").arg(PrescriptionQueue::sourceText(*e)));
        m_alerts->showMessage(tr("인식이 끝나면 DUR을 점검합니다."));
    }
    updateTitle();
    updateActions();
}

void MainWindow::loadImage(const QueueEntry& e)
{
    const quint64 job = ++m_imageJob;
    const int page = e.page;
    const QString name = e.displayName.isEmpty() ? e.source : e.displayName;
    const auto show = [this, job](QFuture<QImage> decoded) {
        auto* watcher = new QFutureWatcher<QImage>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job] {
            watcher->deleteLater();
            if (job != m_imageJob)
                return;
            m_imageView->setImage(watcher->result());
            updateRegions();
        });
        watcher->setFuture(decoded);
    };
    if (!e.source.isEmpty()) {
        // The decoding job holds a held image itself: it may be released meanwhile.
        show(QtConcurrent::run([path = e.source, page, name, held = m_controller->heldImage(e.id)] {
            return loadDisplayImage(path, page, name);
        }));
        return;
    }
    if (!m_records)
        return; // released without a store: nothing left to show
    auto* unsealed = new QFutureWatcher<core::Result<std::shared_ptr<store::MemoryFile>>>(this);
    connect(unsealed, &QFutureWatcherBase::finished, this, [this, unsealed, job, page, name, show] {
        unsealed->deleteLater();
        if (job != m_imageJob)
            return;
        auto image = unsealed->result();
        if (!image) {
            statusBar()->showMessage(tr("이미지를 기록 저장소에서 읽을 수 없습니다: %1").arg(image.error().message), 8000);
            return;
        }
        // Freed with the decoding job: the clear image lives only while it is decoded.
        show(QtConcurrent::run([held = std::move(image).value(), page, name] {
            return loadDisplayImage(held->path(), page, name);
        }));
    });
    unsealed->setFuture(m_records->image(e.id));
}

void MainWindow::showPrescription(const core::ImportResult& result, const core::Prescription& prescription)
{
    m_result = result;
    m_panel->setPrescription(prescription);
    m_history->reset();
    updateReviewStatus(m_panel->flaggedCount());
    updateRegions();
    if (!prescription.alerts.isEmpty())
        m_alerts->setAlerts(prescription.alerts);
    else
        m_alerts->showMessage(m_dur->hasCatalog() ? tr("DUR 점검 중…") : tr("약품 DB가 열리면 DUR을 점검합니다."));
    m_dur->check(prescription);
    // Keyboard first: the cursor starts on the first value that needs the pharmacist.
    if (m_panel->flaggedCount() > 0)
        m_panel->focusNextUncertain();
    else
        m_panel->itemsView()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::onRecognised(quint64 id)
{
    updateQueueStatus();
    const QueueEntry* e = m_controller->queue()->entry(id);
    if (!e)
        return;
    // A cancelled recognition (closing, Esc) is no outcome: the record stays unfinished and is
    // read again on the next start.
    const bool cancelled = e->result && e->result->error && e->result->error->category == core::ErrorCategory::Cancelled;
    if (m_records && e->result && !cancelled && e->origin != QueueEntry::Origin::History)
        m_records->recognised(id, *e->result);
    if (id != m_current) {
        const QueueEntry* current = m_controller->queue()->entry(m_current);
        if (!current || current->status == Status::GuidePrinted)
            showEntry(id);
        return;
    }
    const core::ImportResult& result = *e->result;
    m_result = result;
    const QString name = QFileInfo(result.source).fileName();
    if (e->status == Status::Failed) {
        const core::Error error = result.error.value_or(
            core::makeError(core::ErrorCategory::Internal, tr("인식 결과가 없습니다.")));
        if (error.category == core::ErrorCategory::Cancelled) {
            m_recognitionLabel->setText(tr("인식을 취소했습니다: %1").arg(name));
        } else {
            m_recognitionLabel->setText(tr("인식 실패: %1").arg(error.message));
            m_recognitionLabel->setToolTip(error.toString());
            showError(tr("처방전을 인식할 수 없습니다"), error);
        }
        m_alerts->showMessage(QString());
    } else {
        showPrescription(result, *result.prescription);
    }
    updateActions();
    Q_EMIT recognitionFinished();
}

void MainWindow::onEdited()
{
    setWindowModified(true);
    if (m_current == 0)
        return;
    storeCurrentEdits();
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    if (e && (e->status == Status::Confirmed || e->status == Status::GuidePrinted)) {
        // Changed after confirming: it has to be confirmed again before its guide goes out.
        m_controller->queue()->setStatus(
            m_current, m_panel->flaggedCount() > 0 ? Status::NeedsReview : Status::Recognised);
        statusBar()->showMessage(tr("수정되어 다시 확정해야 합니다 (F9)."), 6000);
    }
    m_dur->check(m_panel->prescription());
    updateActions();
}

int MainWindow::blockingFlagCount() const
{
    // The resident number is shown masked and cannot be typed: the pharmacist checks it against
    // the paper, and confirming says so.
    return m_panel->flaggedCount() - (m_panel->isFieldFlagged(HeaderField::PatientRrn) ? 1 : 0);
}

void MainWindow::confirmCurrent()
{
    if (!m_panel->hasPrescription() || m_current == 0)
        return;
    const int blocking = blockingFlagCount();
    if (blocking > 0) {
        statusBar()->showMessage(tr("확인이 필요한 항목이 %1개 남아 있습니다 (F8: 다음 항목).").arg(blocking), 8000);
        m_panel->focusNextUncertain();
        return;
    }
    if (m_panel->itemsModel()->rowCount() == 0) {
        statusBar()->showMessage(tr("약품이 한 줄도 없어 확정할 수 없습니다."), 8000);
        return;
    }
    // Confirmed: the pharmacist has checked every value against the paper; nothing is left for
    // review, so the guide is no longer a draft.
    core::Prescription p = m_panel->prescription();
    p.reviewReasons.clear();
    if (p.patient.rrn.hasValue())
        p.patient.rrn.confidence = 1.0;
    for (core::PrescriptionItem& item : p.items)
        item.reviewReasons.clear();
    m_panel->setPrescription(p);
    m_history->reset();
    m_controller->queue()->setEdited(m_current, p, 0);
    m_controller->queue()->setStatus(m_current, Status::Confirmed);
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    // A reopened record holds only the masked resident number: it is not confirmed over the
    // original (the store keeps what was confirmed then).
    if (m_records && e->origin != QueueEntry::Origin::History)
        m_records->confirmed(m_current, p);
    statusBar()->showMessage(tr("확정했습니다. F12: 복약안내문"), 8000);
    updateActions();
    Q_EMIT confirmed(m_current);
}

void MainWindow::outputGuide()
{
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    if (!e || !e->prescription())
        return;
    if (e->status != Status::Confirmed && e->status != Status::GuidePrinted) {
        statusBar()->showMessage(tr("먼저 처방을 확정하세요 (F9)."), 6000);
        return;
    }
    // Pages of one file get their own guides: <stem>-p<N>, as the CLI names their results.
    QString name = QFileInfo(e->displayName.isEmpty() ? e->source : e->displayName).completeBaseName();
    if (e->page > 0 || e->pageCount > 1)
        name += QStringLiteral("-p%1").arg(e->page + 1);
    if (!m_guideOutput->deliver(m_current, *e->prescription(), name))
        statusBar()->showMessage(tr("복약안내문을 만드는 중입니다."), 4000);
    else
        statusBar()->showMessage(tr("복약안내문 출력 중…"));
}

void MainWindow::onGuideDelivered(quint64 id, bool ok, const QString& where, const core::Error& error)
{
    if (!ok) {
        statusBar()->showMessage(tr("복약안내문 출력 실패: %1").arg(error.message), 10000);
        showError(tr("복약안내문을 출력할 수 없습니다"), error);
        Q_EMIT guideDelivered(id, false, where);
        return;
    }
    m_controller->queue()->setGuideWritten(id, where);
    if (m_records)
        m_records->guidePrinted(id, m_counter.guideOutput == CounterSettings::GuideOutput::Pdf ? where : QString());
    const QueueEntry* e = m_controller->queue()->entry(id);
    const double seconds = e ? double(e->guideMs) / 1000.0 : 0.0;
    statusBar()->showMessage(tr("복약안내문: %1 (도착부터 %2초)")
                                 .arg(QDir::toNativeSeparators(where), QLocale().toString(seconds, 'f', 1)),
        10000);
    Q_EMIT guideDelivered(id, true, where);
    if (m_counter.advanceAfterGuide && id == m_current) {
        const quint64 next = m_controller->queue()->nextAwaitingReview(id);
        if (next != 0)
            showEntry(next);
    }
    updateActions();
}

void MainWindow::updateReviewStatus(int flaggedCount)
{
    if (!m_panel->hasPrescription())
        return;
    const int lines = m_panel->itemsModel()->rowCount();
    QString text
        = flaggedCount > 0 ? tr("확인 필요 %1개 항목 (F8: 다음 항목)").arg(flaggedCount) : tr("모두 확인됨");
    text = tr("약품 %1줄 · %2").arg(lines).arg(text);
    if (m_result && m_result->timings.total > 0)
        text += tr(" · 인식 %1초").arg(QLocale().toString(m_result->timings.total / 1000.0, 'f', 1));
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    if (e && (e->status == Status::Confirmed || e->status == Status::GuidePrinted))
        text += QStringLiteral(" · ") + PrescriptionQueue::statusText(e->status);
    m_recognitionLabel->setText(text);
    m_recognitionLabel->setToolTip(QString());
    m_recognitionLabel->setProperty("flaggedCount", flaggedCount);
}

void MainWindow::updateQueueStatus()
{
    const PrescriptionQueue* q = m_controller->queue();
    const int pending = m_controller->pendingCount();
    const int waiting = q->countWith(Status::Recognised) + q->countWith(Status::NeedsReview);
    m_queueLabel->setText(tr("대기열: 인식 중 %1 · 검토 대기 %2 · 확정 %3 · 출력 %4")
                              .arg(pending)
                              .arg(waiting)
                              .arg(q->countWith(Status::Confirmed))
                              .arg(q->countWith(Status::GuidePrinted)));
    m_progress->setVisible(pending > 0);
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
        statusBar()->showMessage(tr("확인이 필요한 항목이 없습니다. F9: 확정"), 4000);
}

void MainWindow::cancelRecognition()
{
    if (!isRecognising())
        return;
    m_controller->cancel(m_current);
    m_recognitionLabel->setText(tr("인식 취소 중…"));
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

void MainWindow::updateTitle()
{
    const QString path = currentPath();
    setWindowFilePath(path);
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    setWindowTitle(e ? tr("%1[*] — PharmDesk").arg(PrescriptionQueue::sourceText(*e)) : tr("PharmDesk"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_controller->cancelAll();
    QMainWindow::closeEvent(event);
}

} // namespace pharmdesk::ui
