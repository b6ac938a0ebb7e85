// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/core/Settings.h"

#include <QMainWindow>
#include <QRect>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QSplitter;

namespace pharmdesk::ui {

class GuideService;
class ImageView;
class PrescriptionPanel;
class RecognitionService;

/// The services the window works through; created by the composition root (or a test).
struct MainWindowServices
{
    std::shared_ptr<RecognitionService> recognition;
    std::shared_ptr<GuideService> guide;
};

/// The review window: the prescription image beside the recognised prescription, with the actions
/// to open an image, jump between uncertain values and print or export the guide.
///
/// Recognition and image loading run on worker threads; results arrive through QFutureWatcher on
/// the GUI thread. Opening another image cancels the running job. Only this window (in ui/) shows
/// message boxes, and never modally from a worker's result.
/// Threading: GUI thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(MainWindowServices services, core::Settings settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Shows the image and starts recognising it; returns at once.
    void openImage(const QString& path);
    bool isRecognising() const;
    QString currentPath() const { return m_path; }

    /// The drug cache is ready: edited codes and names are looked up in it.
    void setCatalog(std::shared_ptr<const core::DrugCatalog> catalog);
    /// Completion for the drug name editor, once the cache is open.
    void setDrugSearch(std::function<QList<core::Product>(const QString&, int)> search);
    /// The drug cache could not be opened; shown in the status bar.
    void setCatalogFailed(const core::Error& error);

    /// Writes the guide of the prescription on screen to `path` on a worker thread.
    void exportGuidePdf(const QString& path);

    ImageView* imageView() const { return m_imageView; }
    PrescriptionPanel* panel() const { return m_panel; }
    /// The last recognition outcome as received (before edits); nullopt before the first.
    const std::optional<core::ImportResult>& lastResult() const { return m_result; }

    /// Shown before the window exists (bad data directory); modal, for main() only.
    static void showStartupError(const core::Error& error);

public Q_SLOTS:
    void openImageDialog();
    void cancelRecognition();
    void nextUncertain();
    void printPreview();
    void exportGuidePdfDialog();

Q_SIGNALS:
    /// A recognition job ended and its outcome is on screen (ok, needs review, failed or
    /// cancelled); lastResult() holds it.
    void recognitionFinished();
    /// A PDF export ended.
    void guideExported(bool ok, const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void updateActions();
    void updateTitle();
    void onRecognitionDone(const core::ImportResult& result);
    void updateReviewStatus(int flaggedCount);
    void updateRegions();
    void showError(const QString& title, const core::Error& error);
    static QStringList imageFileSuffixes();

    MainWindowServices m_services;
    core::Settings m_settings;
    std::shared_ptr<const core::DrugCatalog> m_catalog;

    QSplitter* m_splitter = nullptr;
    ImageView* m_imageView = nullptr;
    PrescriptionPanel* m_panel = nullptr;
    QLabel* m_recognitionLabel = nullptr;
    QLabel* m_cacheLabel = nullptr;
    QProgressBar* m_progress = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_printPreviewAction = nullptr;
    QAction* m_exportPdfAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_nextUncertainAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_rotateAction = nullptr;
    QAction* m_aboutAction = nullptr;

    QString m_path;
    QRect m_selectedBox; ///< region of the field or cell with the focus, source-image pixels
    core::CancelToken m_cancel;
    quint64 m_job = 0; ///< generation of the current open(); stale results are dropped
    bool m_recognising = false;
    bool m_exporting = false;
    std::optional<core::ImportResult> m_result;
};

} // namespace pharmdesk::ui
