// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ocr/SaneScanner.h"

#include <QFutureWatcher>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace pharmdesk::ui {

/// The "스캐너/카메라" page of the settings dialog: which scanner (SANE name; listed on a worker
/// the first time the page is shown, or with "찾기"), glass or feeder, and which camera. A saved
/// device that is not attached stays selectable ("연결되지 않음"), so settings survive a scanner
/// being switched off. Threading: GUI thread only.
class CaptureSettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit CaptureSettingsPage(const core::Settings& settings, QWidget* parent = nullptr);

    /// Writes the choices into `settings` (scannerDevice, scannerFeeder, cameraDevice).
    void apply(core::Settings& settings) const;

public Q_SLOTS:
    void listScanners();

Q_SIGNALS:
    void scannersListed(int count);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onListed();
    void fillCameras(const QString& selected);

    QString m_savedScanner;
    QComboBox* m_scanner = nullptr;
    QPushButton* m_find = nullptr;
    QCheckBox* m_feeder = nullptr;
    QComboBox* m_camera = nullptr;
    QLabel* m_state = nullptr;
    QFutureWatcher<core::Result<QList<ocr::ScannerDevice>>> m_listing;
    bool m_listed = false;
};

} // namespace pharmdesk::ui
