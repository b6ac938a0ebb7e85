// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/store/Records.h"
#include "pharmdesk/ui/CounterSettings.h"

#include <QMainWindow>
#include <QRect>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QSplitter;
class QTableView;
class QUndoStack;

namespace pharmdesk::ui {

class AlertsPanel;
class CounterRecords;
class DurChecker;
class EditHistory;
class GuideOutput;
class GuideService;
class ImageView;
class PrescriptionPanel;
class QueueController;
struct QueueEntry;
class RecognitionService;

/// The services the window works through; created by the composition root (or a test).
struct MainWindowServices
{
    std::shared_ptr<RecognitionService> recognition;
    std::shared_ptr<GuideService> guide;
    /// For the batch import dialog (several readers at once); null: `recognition`.
    std::shared_ptr<RecognitionService> batchRecognition;
};

/// The counter window: the queue of incoming prescriptions (left), the image of the one under
/// review beside its editable prescription (centre), its DUR findings (right).
///
/// Every image that arrives (open, drop, paste, inbox, batch) is queued and recognised in the
/// background while the pharmacist reviews another. Keyboard first: F8 jumps to the next value
/// that needs review, Enter confirms a value, F9 confirms the prescription, F12 puts out its guide
/// (PDF or printer, per the settings) and moves on to the next prescription waiting.
/// Only this window (in ui/) shows message boxes, never modally from a worker's result.
/// Threading: GUI thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(MainWindowServices services, core::Settings settings, CounterSettings counter = {},
        QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Queues the image, shows it and starts recognising it; returns at once.
    void openImage(const QString& path);
    /// The prescription on screen is still being recognised.
    bool isRecognising() const;
    /// Image of the prescription on screen; empty when none.
    QString currentPath() const;
    /// Queue id of the prescription on screen; 0 when none.
    quint64 currentEntry() const { return m_current; }
    /// Shows a queued prescription (its edits are kept when another is shown).
    void showEntry(quint64 id);

    /// The drug cache is ready: edited codes and names are looked up in it, DUR is checked.
    void setCatalog(std::shared_ptr<const core::DrugCatalog> catalog);
    /// Completion for the drug name editor, once the cache is open.
    void setDrugSearch(std::function<QList<core::Product>(const QString&, int)> search);
    /// The drug cache could not be opened; shown in the status bar.
    void setCatalogFailed(const core::Error& error);
    /// The record store and keychain behind history, the MFDS key and the records of every
    /// prescription; without them (tests) nothing is recorded and history is unavailable.
    /// Prescriptions the last session left unfinished are queued again at once (recognised anew
    /// on the same records); when the store has pharmacist accounts the switch dialog opens.
    /// Call before queuing anything.
    void setRecords(std::shared_ptr<CounterRecords> records);
    /// The pharmacist at the counter ("" before anyone switched in); shown in the status bar,
    /// written as "pharmacist:<user>" to the audit log.
    QString currentUser() const { return m_currentUser; }
    /// Where settings are saved from the settings dialog; empty: they apply until quit only.
    void setDataDirectory(const QString& path) { m_dataDir = path; }
    /// Applies new settings (threshold, guide, inbox, output) at once.
    void applySettings(const core::Settings& settings, const CounterSettings& counter);
    const core::Settings& settings() const { return m_settings; }
    const CounterSettings& counterSettings() const { return m_counter; }

    /// Writes the guide of the prescription on screen to `path` on a worker thread.
    void exportGuidePdf(const QString& path);

    ImageView* imageView() const { return m_imageView; }
    PrescriptionPanel* panel() const { return m_panel; }
    QueueController* queueController() const { return m_controller; }
    QTableView* queueView() const { return m_queueView; }
    AlertsPanel* alertsPanel() const { return m_alerts; }
    QUndoStack* undoStack() const;
    /// The recognition outcome of the prescription on screen as received (before edits);
    /// nullopt before it has arrived.
    const std::optional<core::ImportResult>& lastResult() const { return m_result; }

    /// Shown before the window exists (bad data directory); modal, for main() only.
    static void showStartupError(const core::Error& error);

public Q_SLOTS:
    void openImageDialog();
    void pasteImage();
    void cancelRecognition();
    void nextUncertain();
    /// F9: confirms the prescription on screen once nothing editable needs review.
    void confirmCurrent();
    /// F12: puts out the guide of the confirmed prescription on screen.
    void outputGuide();
    void printPreview();
    void exportGuidePdfDialog();
    void openSettings();
    void openBatchImport();
    void openHistory();
    /// Ctrl+L: the PIN switch between pharmacists (when the store has accounts).
    void openUserSwitch();

Q_SIGNALS:
    /// The recognition of the prescription on screen ended and its outcome is shown (ok, needs
    /// review, failed or cancelled); lastResult() holds it.
    void recognitionFinished();
    /// A PDF export (Ctrl+E) ended.
    void guideExported(bool ok, const QString& path);
    /// The guide of queue entry `id` was put out (F12); `where` is the PDF or printer.
    void guideDelivered(quint64 id, bool ok, const QString& where);
    /// The prescription on screen was confirmed (F9).
    void confirmed(quint64 id);
    /// The store's accounts were read (`count` of them; 0: no accounts, no switch); the switch
    /// dialog, when there are, is open already.
    void accountsLoaded(int count);
    /// `count` unfinished prescriptions from the last session were queued again.
    void recoveryQueued(int count);
    /// The pharmacist at the counter changed.
    void userSwitched(const QString& user);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void updateActions();
    void updateTitle();
    void onRecognised(quint64 id);
    void onEdited();
    void onGuideDelivered(quint64 id, bool ok, const QString& where, const core::Error& error);
    void reopenRecord(const store::RecordDetail& detail, bool reprint);
    void showPrescription(const core::ImportResult& result, const core::Prescription& prescription);
    void storeCurrentEdits();
    /// Shows entry `e`'s image: read from its source (a held image kept alive meanwhile), or,
    /// once only the store has it, unsealed into memory for the decoding and freed after.
    void loadImage(const QueueEntry& e);
    void loadAccounts();
    void recoverUnfinished();
    void updateUserLabel();
    void updateReviewStatus(int flaggedCount);
    void updateQueueStatus();
    void updateRegions();
    int blockingFlagCount() const;
    void showError(const QString& title, const core::Error& error);
    static QStringList imageFileSuffixes();

    MainWindowServices m_services;
    core::Settings m_settings;
    CounterSettings m_counter;
    QString m_dataDir;
    std::shared_ptr<const core::DrugCatalog> m_catalog;
    std::shared_ptr<CounterRecords> m_records;

    QueueController* m_controller = nullptr;
    GuideOutput* m_guideOutput = nullptr;
    DurChecker* m_dur = nullptr;
    EditHistory* m_history = nullptr;

    QSplitter* m_splitter = nullptr;
    ImageView* m_imageView = nullptr;
    PrescriptionPanel* m_panel = nullptr;
    QTableView* m_queueView = nullptr;
    AlertsPanel* m_alerts = nullptr;
    QLabel* m_recognitionLabel = nullptr;
    QLabel* m_queueLabel = nullptr;
    QLabel* m_cacheLabel = nullptr;
    QLabel* m_userLabel = nullptr;
    QProgressBar* m_progress = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_batchAction = nullptr;
    QAction* m_historyAction = nullptr;
    QAction* m_switchUserAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_confirmAction = nullptr;
    QAction* m_guideAction = nullptr;
    QAction* m_printPreviewAction = nullptr;
    QAction* m_exportPdfAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_addLineAction = nullptr;
    QAction* m_removeLineAction = nullptr;
    QAction* m_lineUpAction = nullptr;
    QAction* m_lineDownAction = nullptr;
    QAction* m_nextUncertainAction = nullptr;
    QAction* m_nextEntryAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_rotateAction = nullptr;
    QAction* m_aboutAction = nullptr;

    quint64 m_current = 0;  ///< queue entry on screen
    quint64 m_imageJob = 0; ///< generation of the display image load; stale images are dropped
    QRect m_selectedBox;    ///< region of the field or cell with the focus, source-image pixels
    bool m_exporting = false;
    std::optional<core::ImportResult> m_result;
    QList<store::Account> m_accounts; ///< as last read; empty: no accounts
    QString m_currentUser;
};

} // namespace pharmdesk::ui
