// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Settings.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QImage;

namespace pharmdesk::ui {

class CameraCaptureDialog;
class MainWindow;
class ScanDialog;

/// The scanner and camera ways into the counter queue: two actions, "스캐너로 스캔…"
/// (Ctrl+Shift+S) and "카메라로 촬영…" (Ctrl+Shift+C), their dialogs (one of each at a time,
/// not modal: scanned pages are reviewed while the feeder still runs), and the hand-off of every
/// page or photo to the window's queue, as a PNG in the capture folder like a pasted image.
/// The scanner, source and camera chosen in a dialog are handed to `remember` (the window keeps
/// and saves them as core::Settings).
///
/// Threading: GUI thread only; PNGs are encoded and written on the global thread pool.
class CaptureActions : public QObject
{
    Q_OBJECT

public:
    /// Adds the actions to `window` (shortcuts) and, before `anchor`, to every menu holding it.
    CaptureActions(MainWindow* window, QAction* anchor, std::function<void(const core::Settings&)> remember);

    QAction* scanAction() const { return m_scanAction; }
    QAction* cameraAction() const { return m_cameraAction; }
    /// The dialogs while open; null otherwise.
    ScanDialog* scanDialog() const;
    CameraCaptureDialog* cameraDialog() const;

public Q_SLOTS:
    void openScanner();
    void openCamera();
    /// Queues `image` held in memory only (QueueController::enqueueImage), named
    /// `<prefix>-<time>-<n>.png` in the queue; returns at once. Names never collide, even for
    /// pages of one second.
    void queueImage(const QImage& image, const QString& prefix);

Q_SIGNALS:
    /// A captured image was queued as entry `id`; `path` reads it (a memory file's path).
    void imageQueued(quint64 id, const QString& path);
    void captureFailed(const QString& message);

private:
    void rememberChoice(const std::function<void(core::Settings&)>& change);

    MainWindow* m_window;
    std::function<void(const core::Settings&)> m_remember;
    QAction* m_scanAction = nullptr;
    QAction* m_cameraAction = nullptr;
    QPointer<ScanDialog> m_scanDialog;
    QPointer<CameraCaptureDialog> m_cameraDialog;
    quint64 m_serial = 0;
};

} // namespace pharmdesk::ui
