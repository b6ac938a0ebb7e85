// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/CaptureSettingsPage.h"

#include <QCameraDevice>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QPushButton>
#include <QShowEvent>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

CaptureSettingsPage::CaptureSettingsPage(const core::Settings& settings, QWidget* parent)
    : QWidget(parent)
    , m_savedScanner(settings.scannerDevice)
{
    setObjectName(QStringLiteral("captureSettings"));
    m_scanner = new QComboBox(this);
    m_scanner->setObjectName(QStringLiteral("scannerDevice"));
    m_scanner->setAccessibleName(tr("스캐너"));
    m_scanner->addItem(tr("처음 찾은 스캐너"), QString());
    if (!m_savedScanner.isEmpty())
        m_scanner->addItem(m_savedScanner, m_savedScanner);
    m_scanner->setCurrentIndex(m_scanner->count() - 1);
    m_find = new QPushButton(tr("스캐너 찾기"), this);
    m_find->setObjectName(QStringLiteral("findScanners"));
    m_find->setAccessibleName(tr("스캐너 다시 찾기"));
    connect(m_find, &QPushButton::clicked, this, &CaptureSettingsPage::listScanners);
    auto* scannerRow = new QHBoxLayout;
    scannerRow->addWidget(m_scanner, 1);
    scannerRow->addWidget(m_find);

    m_feeder = new QCheckBox(tr("자동 급지기(ADF)에서 여러 장 스캔"), this);
    m_feeder->setObjectName(QStringLiteral("scannerFeeder"));
    m_feeder->setChecked(settings.scannerFeeder);

    m_camera = new QComboBox(this);
    m_camera->setObjectName(QStringLiteral("cameraDevice"));
    m_camera->setAccessibleName(tr("카메라"));
    fillCameras(settings.cameraDevice);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("captureSettingsState"));
    m_state->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("스캐너(&S):"), scannerRow);
    form->addRow(QString(), m_feeder);
    form->addRow(tr("카메라(&C):"), m_camera);
    form->addRow(QString(), m_state);
    connect(&m_listing, &QFutureWatcherBase::finished, this, &CaptureSettingsPage::onListed);
}

void CaptureSettingsPage::apply(core::Settings& settings) const
{
    settings.scannerDevice = m_scanner->currentData().toString();
    settings.scannerFeeder = m_feeder->isChecked();
    settings.cameraDevice = m_camera->currentData().toString();
}

void CaptureSettingsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_listed)
        listScanners();
}

void CaptureSettingsPage::listScanners()
{
    if (m_listing.isRunning())
        return;
    m_listed = true;
    m_find->setEnabled(false);
    m_state->setText(tr("스캐너를 찾는 중…"));
    m_listing.setFuture(QtConcurrent::run([] { return ocr::SaneScanner().devices(); }));
}

void CaptureSettingsPage::onListed()
{
    m_find->setEnabled(true);
    const auto listed = m_listing.result();
    if (!listed) {
        m_state->setText(tr("스캐너 목록을 읽을 수 없습니다: %1 (%2)").arg(listed.error().message, listed.error().detail));
        Q_EMIT scannersListed(0);
        return;
    }
    const QString selected = m_scanner->currentData().toString();
    m_scanner->clear();
    m_scanner->addItem(tr("처음 찾은 스캐너"), QString());
    for (const ocr::ScannerDevice& d : listed.value())
        m_scanner->addItem(d.displayName(), d.name);
    if (!selected.isEmpty() && m_scanner->findData(selected) < 0)
        m_scanner->addItem(tr("%1 (연결되지 않음)").arg(selected), selected);
    m_scanner->setCurrentIndex(std::max(0, m_scanner->findData(selected)));
    m_state->setText(listed->isEmpty() ? tr("스캐너가 없습니다.") : tr("스캐너 %1대를 찾았습니다.").arg(int(listed->size())));
    Q_EMIT scannersListed(int(listed->size()));
}

void CaptureSettingsPage::fillCameras(const QString& selected)
{
    m_camera->clear();
    m_camera->addItem(tr("기본 카메라"), QString());
    for (const QCameraDevice& device : QMediaDevices::videoInputs())
        m_camera->addItem(device.description(), QString::fromUtf8(device.id()));
    if (!selected.isEmpty() && m_camera->findData(selected) < 0)
        m_camera->addItem(tr("%1 (연결되지 않음)").arg(selected), selected);
    m_camera->setCurrentIndex(std::max(0, m_camera->findData(selected)));
}

} // namespace pharmdesk::ui
