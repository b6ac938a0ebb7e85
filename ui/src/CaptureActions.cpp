// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/CaptureActions.h"

#include "pharmdesk/ui/CameraCaptureDialog.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/ScanDialog.h"

#include <QAction>
#include <QDateTime>
#include <QImage>
#include <QMenu>
#include <QStatusBar>

namespace pharmdesk::ui {

namespace {
QAction* captureAction(QObject* parent, const QString& text, const QKeySequence& key, const char* name)
{
    auto* action = new QAction(text, parent);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(key);
    action->setShortcutVisibleInContextMenu(true);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(
        QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")), key.toString(QKeySequence::NativeText)));
    return action;
}

template<typename Dialog>
void raise(Dialog* dialog)
{
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}
} // namespace

CaptureActions::CaptureActions(MainWindow* window, QAction* anchor, std::function<void(const core::Settings&)> remember)
    : QObject(window)
    , m_window(window)
    , m_remember(std::move(remember))
{
    setObjectName(QStringLiteral("captureActions"));
    m_scanAction = captureAction(window, tr("스캐너로 스캔(&S)…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), "scanAction");
    m_cameraAction
        = captureAction(window, tr("카메라로 촬영(&M)…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "cameraAction");
    connect(m_scanAction, &QAction::triggered, this, &CaptureActions::openScanner);
    connect(m_cameraAction, &QAction::triggered, this, &CaptureActions::openCamera);
    window->addAction(m_scanAction);
    window->addAction(m_cameraAction);
    if (anchor) {
        for (QObject* holder : anchor->associatedObjects()) {
            if (auto* menu = qobject_cast<QMenu*>(holder))
                menu->insertActions(anchor, { m_scanAction, m_cameraAction });
        }
    }
    connect(this, &CaptureActions::captureFailed, window,
        [window](const QString& message) { window->statusBar()->showMessage(message, 10000); });
}

ScanDialog* CaptureActions::scanDialog() const
{
    return m_scanDialog.data();
}

CameraCaptureDialog* CaptureActions::cameraDialog() const
{
    return m_cameraDialog.data();
}

void CaptureActions::openScanner()
{
    if (m_scanDialog) {
        raise(m_scanDialog.data());
        return;
    }
    const core::Settings& settings = m_window->settings();
    m_scanDialog = new ScanDialog(settings.scannerDevice, settings.scannerFeeder, m_window);
    m_scanDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_scanDialog, &ScanDialog::pageScanned, this,
        [this](const QImage& page) { queueImage(page, QStringLiteral("scan")); });
    connect(m_scanDialog, &ScanDialog::deviceChosen, this, [this](const QString& device, bool feeder) {
        rememberChoice([&](core::Settings& s) {
            s.scannerDevice = device;
            s.scannerFeeder = feeder;
        });
    });
    raise(m_scanDialog.data());
}

void CaptureActions::openCamera()
{
    if (m_cameraDialog) {
        raise(m_cameraDialog.data());
        return;
    }
    m_cameraDialog = new CameraCaptureDialog(m_window->settings().cameraDevice, m_window);
    m_cameraDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_cameraDialog, &CameraCaptureDialog::imageCaptured, this,
        [this](const QImage& image) { queueImage(image, QStringLiteral("camera")); });
    connect(m_cameraDialog, &CameraCaptureDialog::cameraChosen, this,
        [this](const QString& id) { rememberChoice([&](core::Settings& s) { s.cameraDevice = id; }); });
    raise(m_cameraDialog.data());
}

void CaptureActions::rememberChoice(const std::function<void(core::Settings&)>& change)
{
    core::Settings settings = m_window->settings();
    const core::Settings before = settings;
    change(settings);
    if (m_remember
        && (settings.scannerDevice != before.scannerDevice || settings.scannerFeeder != before.scannerFeeder
            || settings.cameraDevice != before.cameraDevice)) {
        m_remember(settings);
    }
}

void CaptureActions::queueImage(const QImage& image, const QString& prefix)
{
    if (image.isNull()) {
        Q_EMIT captureFailed(tr("받은 이미지가 비어 있습니다."));
        return;
    }
    const QString name = QStringLiteral("%1-%2-%3.png")
                             .arg(prefix, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")),
                                  QString::number(++m_serial).rightJustified(3, QLatin1Char('0')));
    QueueController* controller = m_window->queueController();
    controller->enqueueImage(image, name, QueueEntry::Origin::File, [this, controller](quint64 id) {
        const QueueEntry* e = controller->queue()->entry(id);
        Q_EMIT imageQueued(id, e ? e->source : QString());
    });
}

} // namespace pharmdesk::ui
