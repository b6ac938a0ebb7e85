// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QImage>
#include <QVideoFrame>

class QCamera;
class QComboBox;
class QImageCapture;
class QLabel;
class QMediaCaptureSession;
class QMediaDevices;
class QPushButton;
class QStackedWidget;
class QVideoSink;
class QVideoWidget;

namespace pharmdesk::ui {

/// A document or web camera at the counter: live preview, Space to take the picture. The camera
/// list comes from QMediaDevices and follows cameras being plugged in; no camera is a normal
/// state ("카메라가 없습니다"), not an error. The picture is taken at full resolution through
/// QImageCapture when the camera offers still capture, otherwise from the live preview; either
/// way it goes through frameToImage() and leaves as imageCaptured().
///
/// Threading: GUI thread only (Qt Multimedia delivers frames and captures on it).
class CameraCaptureDialog : public QDialog
{
    Q_OBJECT

public:
    /// Pre-selects the camera whose QCameraDevice::id() is `preferredId` (empty: the default).
    explicit CameraCaptureDialog(const QString& preferredId, QWidget* parent = nullptr);
    ~CameraCaptureDialog() override;

    /// id of the chosen camera; empty when there is none.
    QString cameraId() const;
    int cameraCount() const;
    /// The live preview's sink: the camera's frames arrive here.
    QVideoSink* previewSink() const;

    /// A video frame as an image for the queue: mapped and copied (or converted by Qt for
    /// formats a QImage cannot hold), turned and mirrored as the frame says, without alpha.
    /// Null for an invalid frame.
    static QImage frameToImage(const QVideoFrame& frame);

public Q_SLOTS:
    /// Takes the picture (Space); nothing when no frame has arrived yet.
    void capture();
    /// Reads the camera list again (also done when cameras come and go).
    void refreshCameras();

Q_SIGNALS:
    /// A picture was taken.
    void imageCaptured(const QImage& image);
    /// The camera in use changed to `cameraId`: worth remembering.
    void cameraChosen(const QString& cameraId);

private:
    void startCamera(int index);
    void handOff(const QVideoFrame& frame);
    void updateState();
    void setStatus(const QString& text);

    QString m_preferredId;
    QMediaDevices* m_mediaDevices = nullptr;
    QMediaCaptureSession* m_session = nullptr;
    QCamera* m_camera = nullptr;
    QImageCapture* m_imageCapture = nullptr;
    QComboBox* m_cameras = nullptr;
    QStackedWidget* m_stack = nullptr;
    QVideoWidget* m_preview = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_capture = nullptr;
    QLabel* m_status = nullptr;
    QVideoFrame m_lastFrame; ///< latest preview frame, for cameras without still capture
};

} // namespace pharmdesk::ui
