// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/core/Settings.h"

#include <QDialog>
#include <QElapsedTimer>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace pharmdesk::ui {

class CounterRecords;
class RecognitionService;

/// Batch import: files and folders of prescription images recognised several at a time (the
/// pages of a PDF or multi-page TIFF are rows of their own, counted on a worker; the
/// service given is usually a RecognitionPool), with a progress bar, an estimate of the time
/// left, a status per file and cancel. Start again after a cancel carries on with the files not
/// yet read (resumable while the dialog is open). Prescriptions that need review, or any chosen
/// row, go to the counter's queue for review without being recognised again.
/// Threading: GUI thread only; folders are listed on the global pool.
class BatchImportDialog : public QDialog
{
    Q_OBJECT

public:
    /// `parallelJobs` jobs are kept in flight; `threshold` counts the values needing review.
    BatchImportDialog(std::shared_ptr<RecognitionService> recognition, QWidget* parent = nullptr,
        int parallelJobs = 2, double threshold = core::Settings::kDefaultReviewThreshold);
    ~BatchImportDialog() override;

    /// Adds the files; PDFs and TIFFs get a row per page once counted (filesAdded()).
    void addFiles(const QStringList& paths);
    /// Where every page read is recorded (CounterRecords::imported); null (tests): nowhere.
    void setRecords(CounterRecords* records) { m_records = records; }
    /// Adds the images in `folder` and its subfolders (listed on a worker).
    void addFolder(const QString& folder);
    void start();
    void cancel();
    bool isRunning() const { return m_running > 0; }

    /// Rows: one per page of each file added so far.
    int fileCount() const { return int(m_files.size()); }
    /// Files whose pages are still being counted.
    int countingCount() const { return m_counting; }
    /// Files read (any outcome other than cancelled).
    int doneCount() const;
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    /// Results the pharmacist sends to the queue for review.
    void openForReview(const QList<pharmdesk::core::ImportResult>& results);
    /// Every file has been read (or the run was cancelled and the last job came back).
    void batchFinished();
    /// Rows were added (after counting pages for PDFs and TIFFs).
    void filesAdded();

private:
    enum class State { Pending, Running, Ok, NeedsReview, Failed, Cancelled };
    struct File
    {
        QString path;
        int page = 0;      ///< 0-based
        int pageCount = 1;
        State state = State::Pending;
        std::optional<core::ImportResult> result;
        bool sentForReview = false; ///< already handed to the queue: not twice
    };

    void appendPages(const QString& path, int pageCount);
    void fillSlots();
    void submitNext();
    void onResult(int index, const core::ImportResult& result);
    void updateRow(int index);
    void updateProgress();
    void sendForReview(bool onlySelected);
    static QString stateText(State state);

    std::shared_ptr<RecognitionService> m_recognition;
    CounterRecords* m_records = nullptr;
    int m_parallel;
    double m_threshold;
    QList<File> m_files;
    core::CancelToken m_cancel;
    int m_running = 0;
    int m_counting = 0;     ///< page counts still running
    bool m_active = false;  ///< a run was started and has not ended
    int m_doneThisRun = 0;
    QElapsedTimer m_clock;
    QTableWidget* m_table = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_eta = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_reviewButton = nullptr;
};

} // namespace pharmdesk::ui
