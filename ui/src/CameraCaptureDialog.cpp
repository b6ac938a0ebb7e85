// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/CameraCaptureDialog.h"

#include <QCamera>
#include <QCameraDevice>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QImageCapture>
#include <QKeySequence>
#include <QLabel>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QPushButton>
#include <QStackedWidget>
#include <QTransform>
#include <QVBoxLayout>
#include <QVideoFrameFormat>
#include <QVideoSink>
#include <QVideoWidget>

namespace pharmdesk::ui {

CameraCaptureDialog::CameraCaptureDialog(const QString& preferredId, QWidget* parent)
    : QDialog(parent)
    , m_preferredId(preferredId)
    , m_mediaDevices(new QMediaDevices(this))
    , m_session(new QMediaCaptureSession(this))
{
    setObjectName(QStringLiteral("cameraDialog"));
    setWindowTitle(tr("카메라로 촬영"));

    m_cameras = new QComboBox(this);
    m_cameras->setObjectName(QStringLiteral("cameraDevices"));
    m_cameras->setAccessibleName(tr("카메라"));
    m_cameras->setMinimumContentsLength(28);

    m_preview = new QVideoWidget(this);
    m_preview->setObjectName(QStringLiteral("cameraPreview"));
    m_preview->setAccessibleName(tr("카메라 미리 보기"));
    m_preview->setMinimumSize(480, 360);
    m_empty = new QLabel(tr("카메라가 없습니다"), this);
    m_empty->setObjectName(QStringLiteral("cameraEmpty"));
    m_empty->setAccessibleName(tr("카메라 상태"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_preview);
    m_stack->addWidget(m_empty);

    const QKeySequence captureKey(Qt::Key_Space);
    m_capture = new QPushButton(QStringLiteral("%1 (%2)").arg(tr("촬영"), captureKey.toString(QKeySequence::NativeText)), this);
    m_capture->setObjectName(QStringLiteral("capturePhoto"));
    m_capture->setAccessibleName(tr("촬영"));
    m_capture->setShortcut(captureKey);
    m_capture->setDefault(true);
    auto* close = new QPushButton(tr("닫기"), this);
    close->setAutoDefault(false);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_capture, QDialogButtonBox::ActionRole);
    buttons->addButton(close, QDialogButtonBox::RejectRole);
    connect(m_capture, &QPushButton::clicked, this, &CameraCaptureDialog::capture);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cameraStatus"));
    m_status->setAccessibleName(tr("촬영 상태"));
    m_status->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("카메라(&A):"), m_cameras);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    m_imageCapture = new QImageCapture(this);
    m_session->setImageCapture(m_imageCapture);
    m_session->setVideoOutput(m_preview);
    connect(m_imageCapture, &QImageCapture::readyForCaptureChanged, this, &CameraCaptureDialog::updateState);
    connect(m_imageCapture, &QImageCapture::imageAvailable, this,
        [this](int, const QVideoFrame& frame) { handOff(frame); });
    connect(m_imageCapture, &QImageCapture::errorOccurred, this,
        [this](int, QImageCapture::Error, const QString& message) { setStatus(tr("촬영하지 못했습니다: %1").arg(message)); });
    connect(previewSink(), &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame& frame) {
        const bool first = !m_lastFrame.isValid();
        m_lastFrame = frame;
        if (first)
            updateState();
    });
    connect(m_mediaDevices, &QMediaDevices::videoInputsChanged, this, &CameraCaptureDialog::refreshCameras);
    connect(m_cameras, &QComboBox::activated, this, [this](int index) {
        startCamera(index);
        Q_EMIT cameraChosen(cameraId());
    });
    resize(640, 560);
    refreshCameras();
}

CameraCaptureDialog::~CameraCaptureDialog()
{
    if (m_camera)
        m_camera->stop();
}

QString CameraCaptureDialog::cameraId() const
{
    return m_cameras->currentIndex() >= 0 ? m_cameras->currentData().toString() : QString();
}

int CameraCaptureDialog::cameraCount() const
{
    return m_cameras->count();
}

QVideoSink* CameraCaptureDialog::previewSink() const
{
    return m_preview->videoSink();
}

void CameraCaptureDialog::refreshCameras()
{
    const QString current = m_cameras->count() > 0 ? cameraId() : m_preferredId;
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    m_cameras->clear();
    int selected = -1;
    for (const QCameraDevice& device : inputs) {
        m_cameras->addItem(device.description(), QString::fromUtf8(device.id()));
        if (QString::fromUtf8(device.id()) == current || (selected < 0 && current.isEmpty() && device.isDefault()))
            selected = m_cameras->count() - 1;
    }
    if (selected < 0 && m_cameras->count() > 0)
        selected = 0;
    m_cameras->setCurrentIndex(selected);
    startCamera(selected);
}

void CameraCaptureDialog::startCamera(int index)
{
    if (m_camera) {
        m_camera->stop();
        m_session->setCamera(nullptr);
        m_camera->deleteLater();
        m_camera = nullptr;
    }
    m_lastFrame = QVideoFrame();
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    const QString id = index >= 0 ? m_cameras->itemData(index).toString() : QString();
    for (const QCameraDevice& device : inputs) {
        if (QString::fromUtf8(device.id()) != id)
            continue;
        m_camera = new QCamera(device, this);
        connect(m_camera, &QCamera::errorOccurred, this,
            [this](QCamera::Error, const QString& message) { setStatus(tr("카메라 오류: %1").arg(message)); });
        connect(m_camera, &QCamera::activeChanged, this, &CameraCaptureDialog::updateState);
        m_session->setCamera(m_camera);
        m_camera->start();
        setStatus(tr("문서를 화면에 맞춘 뒤 촬영(Space)을 누르세요."));
        break;
    }
    if (!m_camera)
        setStatus(m_cameras->count() == 0 ? tr("카메라를 연결하면 여기에 바로 나타납니다.") : tr("카메라를 열 수 없습니다."));
    updateState();
}

void CameraCaptureDialog::capture()
{
    if (m_imageCapture->isReadyForCapture()) {
        m_imageCapture->capture(); // full resolution; arrives as imageAvailable
        setStatus(tr("촬영 중…"));
        return;
    }
    if (m_lastFrame.isValid())
        handOff(m_lastFrame);
}

void CameraCaptureDialog::handOff(const QVideoFrame& frame)
{
    const QImage image = frameToImage(frame);
    if (image.isNull()) {
        setStatus(tr("카메라 영상을 이미지로 바꿀 수 없습니다."));
        return;
    }
    setStatus(tr("촬영한 이미지(%1 × %2)를 대기열에 넣었습니다.").arg(image.width()).arg(image.height()));
    Q_EMIT imageCaptured(image);
}

void CameraCaptureDialog::updateState()
{
    const bool cameras = m_cameras->count() > 0;
    m_cameras->setEnabled(cameras);
    m_stack->setCurrentWidget(cameras ? static_cast<QWidget*>(m_preview) : m_empty);
    m_capture->setEnabled(m_imageCapture->isReadyForCapture() || m_lastFrame.isValid());
}

void CameraCaptureDialog::setStatus(const QString& text)
{
    m_status->setText(text);
}

QImage CameraCaptureDialog::frameToImage(const QVideoFrame& input)
{
    if (!input.isValid())
        return {};
    QVideoFrame frame(input);
    QImage image;
    const QImage::Format format = QVideoFrameFormat::imageFormatFromPixelFormat(frame.pixelFormat());
    if (format != QImage::Format_Invalid && frame.map(QVideoFrame::ReadOnly)) {
        // Formats a QImage holds as they are: one copy, no conversion; then turned and mirrored
        // as the frame says.
        image = QImage(static_cast<const uchar*>(frame.bits(0)), frame.width(), frame.height(), frame.bytesPerLine(0),
            format)
                    .copy();
        frame.unmap();
        if (frame.rotationAngle() != QVideoFrame::Rotation0)
            image = image.transformed(QTransform().rotate(int(frame.rotationAngle())));
        if (frame.mirrored())
            image = image.mirrored(true, false);
    } else {
        image = frame.toImage(); // YUV and the like: Qt converts, turns and mirrors
    }
    if (image.isNull())
        return {};
    // No alpha in a photographed page; grey stays grey.
    return image.convertToFormat(image.format() == QImage::Format_Grayscale8 ? QImage::Format_Grayscale8
                                                                             : QImage::Format_RGB888);
}

} // namespace pharmdesk::ui
