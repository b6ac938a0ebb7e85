// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/ocr/SaneScanner.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace pharmdesk::ui {

/// Scanning at the counter: the scanners SANE finds (listed on a worker; none is a normal state),
/// flatbed or document feeder, 300 dpi grey. Each page is handed out (pageScanned) as soon as it
/// is complete, so the first prescription is recognised while the feeder still runs.
/// F5 lists the scanners again; Esc while scanning cancels the scan (sane_cancel), otherwise
/// closes the dialog.
///
/// Threading: GUI thread only. Listing and scanning run on the global thread pool (one SANE
/// session at a time, see ocr::SaneScanner). The list comes back through a QFutureWatcher; pages
/// and progress through a relay object the worker shares (deleted on the GUI thread after the
/// last user), so a closed dialog leaves nothing pointing at it. Closing cancels a running scan.
class ScanRelay;

class ScanDialog : public QDialog
{
    Q_OBJECT

public:
    /// Pre-selects `device` (a SANE name; empty: the first found) and the feeder when `feeder`.
    ScanDialog(const QString& device, bool feeder, QWidget* parent = nullptr);
    ~ScanDialog() override;

    static constexpr int kDpi = 300;

    QString device() const;
    bool feeder() const;
    /// The scanner list is being read (until devicesListed()).
    bool isListing() const { return m_listPending; }
    bool isScanning() const { return m_relay != nullptr; }
    /// Scanners in the list (0 also while listing).
    int deviceCount() const;

public Q_SLOTS:
    /// Lists the scanners again (on a worker).
    void refresh();
    /// Scans one page from the glass, or the whole feeder.
    void startScan();
    void cancelScan();
    void reject() override;

Q_SIGNALS:
    /// The scanner list arrived (`count` may be 0).
    void devicesListed(int count);
    /// A scan starts with this device and source: worth remembering.
    void deviceChosen(const QString& device, bool feeder);
    /// A complete page, in feed order; 300 dpi grey (or what the scanner allowed).
    void pageScanned(const QImage& page);
    /// The scan ended: `pages` complete pages; `error` when it stopped early (cancelled, jam).
    void scanFinished(int pages, const std::optional<core::Error>& error);

private:
    void onListed();
    void onProgress(int page, int percent);
    void onPage(const QImage& page);
    void onScanDone(bool failed, const core::Error& error);
    void updateState();
    void setStatus(const QString& text);

    QString m_preferredDevice;
    QComboBox* m_devices = nullptr;
    QComboBox* m_source = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_scan = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_close = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;

    QFutureWatcher<core::Result<QList<ocr::ScannerDevice>>> m_listing;
    std::shared_ptr<ScanRelay> m_relay; ///< while a scan runs
    core::CancelToken m_cancelToken;
    int m_pages = 0;
    bool m_listPending = false;
};

} // namespace pharmdesk::ui
