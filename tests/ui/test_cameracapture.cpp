// SPDX-License-Identifier: GPL-3.0-or-later
// The camera dialog offscreen: the no-camera state, the frame → image conversion for the pixel
// formats cameras deliver, and a preview frame captured with Space and queued through the window.
#include "FakeServices.h"
#include "pharmdesk/ui/CameraCaptureDialog.h"
#include "pharmdesk/ui/CaptureActions.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionQueue.h"
#include "pharmdesk/ui/QueueController.h"

#include <QAction>
#include <QCameraDevice>
#include <QComboBox>
#include <QLabel>
#include <QMediaDevices>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>
#include <QVideoFrameFormat>
#include <QVideoSink>

#include <algorithm>
#include <cmath>
#include <cstring>

using pharmdesk::ui::CameraCaptureDialog;
namespace core = pharmdesk::core;
namespace ui = pharmdesk::ui;

Q_DECLARE_METATYPE(QVideoFrameFormat::PixelFormat)
Q_DECLARE_METATYPE(QVideoFrame::RotationAngle)

namespace {
/// A page as a camera might see it: four coloured quarters and a black bar, so that turning,
/// mirroring and channel order all show.
QImage testPattern(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    const int w = size.width() / 2;
    const int h = size.height() / 2;
    p.fillRect(0, 0, w, h, QColor(220, 30, 30));
    p.fillRect(w, 0, size.width() - w, h, QColor(30, 200, 40));
    p.fillRect(0, h, w, size.height() - h, QColor(40, 40, 210));
    p.fillRect(w, h, size.width() - w, size.height() - h, Qt::white);
    p.fillRect(0, 0, size.width(), size.height() / 10, Qt::black);
    return image;
}

/// `image` as NV12 (BT.601, video range), the way many USB cameras send it.
QVideoFrame nv12Of(const QImage& image)
{
    QVideoFrameFormat format(image.size(), QVideoFrameFormat::Format_NV12);
    format.setColorSpace(QVideoFrameFormat::ColorSpace_BT601);
    format.setColorRange(QVideoFrameFormat::ColorRange_Video);
    QVideoFrame frame(format);
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    const auto clamp = [](double v) { return uchar(std::clamp(int(std::lround(v)), 0, 255)); };
    for (int y = 0; y < image.height(); ++y) {
        uchar* luma = frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0);
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            luma[x] = clamp(16 + 0.257 * qRed(p) + 0.504 * qGreen(p) + 0.098 * qBlue(p));
        }
    }
    for (int y = 0; y < image.height() / 2; ++y) {
        uchar* chroma = frame.bits(1) + qsizetype(y) * frame.bytesPerLine(1);
        for (int x = 0; x < image.width() / 2; ++x) {
            const QRgb p = image.pixel(2 * x, 2 * y);
            chroma[2 * x] = clamp(128 - 0.148 * qRed(p) - 0.291 * qGreen(p) + 0.439 * qBlue(p));
            chroma[2 * x + 1] = clamp(128 + 0.439 * qRed(p) - 0.368 * qGreen(p) - 0.071 * qBlue(p));
        }
    }
    frame.unmap();
    return frame;
}

/// `image` as a video frame of `format`, written through map() as a camera backend would.
QVideoFrame frameOf(const QImage& image, QVideoFrameFormat::PixelFormat format)
{
    if (format == QVideoFrameFormat::Format_NV12)
        return nv12Of(image);
    const QImage::Format imageFormat = QVideoFrameFormat::imageFormatFromPixelFormat(format);
    const QImage converted = image.convertToFormat(imageFormat);
    QVideoFrame frame(QVideoFrameFormat(image.size(), format));
    if (imageFormat == QImage::Format_Invalid || !frame.map(QVideoFrame::WriteOnly))
        return {};
    const int bytes = std::min(frame.bytesPerLine(0), int(converted.bytesPerLine()));
    for (int y = 0; y < image.height(); ++y)
        std::memcpy(frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0), converted.constScanLine(y), size_t(bytes));
    frame.unmap();
    return frame;
}

bool near(QRgb a, QRgb b, int tolerance)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance
        && std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

/// Compares the centres of a grid of cells (away from edges where colours meet).
void compareCells(const QImage& actual, const QImage& expected, int tolerance)
{
    QCOMPARE(actual.size(), expected.size());
    for (int gy = 0; gy < 8; ++gy) {
        for (int gx = 0; gx < 8; ++gx) {
            const int x = (2 * gx + 1) * expected.width() / 16;
            const int y = (2 * gy + 1) * expected.height() / 16;
            QVERIFY2(near(actual.pixel(x, y), expected.pixel(x, y), tolerance),
                qPrintable(QStringLiteral("(%1, %2): %3 for %4")
                               .arg(x)
                               .arg(y)
                               .arg(actual.pixel(x, y), 8, 16)
                               .arg(expected.pixel(x, y), 8, 16)));
        }
    }
}
} // namespace

class TestCameraCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noCameraIsANormalState()
    {
        if (!QMediaDevices::videoInputs().isEmpty())
            QSKIP("This machine has a camera: the empty state cannot be shown.");
        CameraCaptureDialog dialog(QStringLiteral("/dev/video7"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.cameraCount(), 0);
        QVERIFY(dialog.cameraId().isEmpty());
        auto* empty = dialog.findChild<QLabel*>(QStringLiteral("cameraEmpty"));
        QVERIFY(empty->isVisible());
        QCOMPARE(empty->text(), QStringLiteral("카메라가 없습니다"));
        QVERIFY(!dialog.findChild<QWidget*>(QStringLiteral("cameraPreview"))->isVisible());
        auto* capture = dialog.findChild<QPushButton*>(QStringLiteral("capturePhoto"));
        QVERIFY(!capture->isEnabled());
        QVERIFY(!capture->accessibleName().isEmpty());
        QVERIFY(!dialog.findChild<QComboBox*>(QStringLiteral("cameraDevices"))->isEnabled());
        QSignalSpy captured(&dialog, &CameraCaptureDialog::imageCaptured);
        QTest::keyClick(&dialog, Qt::Key_Space);
        dialog.capture();
        QTest::qWait(300); // longer than a shortcut's button animation
        QCOMPARE(captured.count(), 0);
    }

    void frameToImage_data()
    {
        QTest::addColumn<QVideoFrameFormat::PixelFormat>("format");
        QTest::addColumn<QVideoFrame::RotationAngle>("rotation");
        QTest::addColumn<bool>("mirrored");
        QTest::addColumn<int>("tolerance");
        QTest::newRow("BGRA") << QVideoFrameFormat::Format_BGRA8888 << QVideoFrame::Rotation0 << false << 0;
        QTest::newRow("RGBX") << QVideoFrameFormat::Format_RGBX8888 << QVideoFrame::Rotation0 << false << 0;
        QTest::newRow("BGRX, turned 90°") << QVideoFrameFormat::Format_BGRX8888 << QVideoFrame::Rotation90 << false << 0;
        QTest::newRow("BGRA, turned 180°, mirrored")
            << QVideoFrameFormat::Format_BGRA8888 << QVideoFrame::Rotation180 << true << 0;
        QTest::newRow("NV12 (converted by Qt), turned 270°")
            << QVideoFrameFormat::Format_NV12 << QVideoFrame::Rotation270 << false << 12;
        QTest::newRow("RGBA, mirrored (front camera)") << QVideoFrameFormat::Format_RGBA8888 << QVideoFrame::Rotation0 << true << 0;
    }

    void frameToImage()
    {
        QFETCH(QVideoFrameFormat::PixelFormat, format);
        QFETCH(QVideoFrame::RotationAngle, rotation);
        QFETCH(bool, mirrored);
        QFETCH(int, tolerance);
        const QImage pattern = testPattern(QSize(320, 240));
        QVideoFrame frame = frameOf(pattern, format);
        QVERIFY(frame.isValid());
        frame.setRotationAngle(rotation);
        frame.setMirrored(mirrored);
        QImage expected = pattern.transformed(QTransform().rotate(int(rotation)));
        if (mirrored)
            expected = expected.mirrored(true, false);
        const QImage image = CameraCaptureDialog::frameToImage(frame);
        QCOMPARE(image.format(), QImage::Format_RGB888); // no alpha in a page
        compareCells(image, expected, tolerance);
    }

    void greyFrameStaysGrey()
    {
        QImage grey = testPattern(QSize(200, 160)).convertToFormat(QImage::Format_Grayscale8);
        const QImage image = CameraCaptureDialog::frameToImage(frameOf(grey, QVideoFrameFormat::Format_Y8));
        QCOMPARE(image.format(), QImage::Format_Grayscale8);
        compareCells(image, grey, 0);
        QVERIFY(CameraCaptureDialog::frameToImage(QVideoFrame()).isNull());
    }

    void previewFrameCapturedIntoTheQueue()
    {
        auto recognition = std::make_shared<ui::test::FakeRecognition>();
        ui::CounterSettings counter;
        ui::MainWindow window({ recognition, std::make_shared<ui::test::FakeGuide>(), nullptr }, core::Settings {}, counter);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* cameraAction = window.findChild<QAction*>(QStringLiteral("cameraAction"));
        QVERIFY(cameraAction);
        QCOMPARE(cameraAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        auto* capture = window.findChild<ui::CaptureActions*>();
        QPointer<CameraCaptureDialog> dialog = capture->cameraDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto* button = dialog->findChild<QPushButton*>(QStringLiteral("capturePhoto"));
        if (QMediaDevices::videoInputs().isEmpty())
            QVERIFY(!button->isEnabled()); // nothing to take a picture of yet

        // A frame reaches the live preview as the camera would send it; Space takes it.
        const QImage pattern = testPattern(QSize(640, 480));
        dialog->previewSink()->setVideoFrame(frameOf(pattern, QVideoFrameFormat::Format_BGRA8888));
        QTRY_VERIFY(button->isEnabled());
        QSignalSpy captured(dialog.data(), &CameraCaptureDialog::imageCaptured);
        QSignalSpy queued(capture, &ui::CaptureActions::imageQueued);
        QCOMPARE(button->shortcut(), QKeySequence(Qt::Key_Space));
        button->setFocus();
        QTest::keyClick(button, Qt::Key_Space);
        QTRY_COMPARE(captured.count(), 1);
        QVERIFY(queued.wait(5000));
        const QString path = queued.constFirst().at(1).toString();
        const ui::QueueEntry* entry = window.queueController()->queue()->entry(queued.constFirst().at(0).toULongLong());
        QVERIFY(entry->displayName.startsWith(QLatin1String("camera-")));
        QCOMPARE(entry->source, path);
        QVERIFY(path.startsWith(QLatin1String("/proc/self/fd/"))); // held in memory, never on disk
        compareCells(QImage(path), pattern, 0);
        QTRY_COMPARE(recognition->paths, QStringList { path });
        dialog->close();
        QTRY_VERIFY(!dialog);
    }
};

QTEST_MAIN(TestCameraCapture)
#include "test_cameracapture.moc"
