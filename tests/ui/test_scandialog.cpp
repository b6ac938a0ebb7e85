// SPDX-License-Identifier: GPL-3.0-or-later
// The scan dialog against real SANE with its "test" backend (private SANE_CONFIG_DIR): listing,
// the no-scanner state, flatbed and feeder scans, cancel; and through the window, Ctrl+Shift+S →
// scan → every page queued for recognition, the device remembered in the settings.
#include "FakeServices.h"
#include "SaneTestBackend.h"
#include "pharmdesk/ui/CaptureActions.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionQueue.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/ScanDialog.h"
#include "pharmdesk/ui/SettingsDialog.h"
#include "pharmdesk/ui/CaptureSettingsPage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QTabWidget>
#include <QImageReader>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using pharmdesk::test::SaneTestBackend;
using pharmdesk::test::saneTestPagePixels;
using pharmdesk::ui::ScanDialog;
namespace core = pharmdesk::core;
namespace ui = pharmdesk::ui;

class TestScanDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SaneTestBackend> m_backend;

    static bool waitListed(ScanDialog& dialog)
    {
        QSignalSpy listed(&dialog, &ScanDialog::devicesListed);
        return !dialog.isListing() || listed.wait(10000);
    }
    static QPushButton* button(QWidget& dialog, const char* name)
    {
        return dialog.findChild<QPushButton*>(QLatin1String(name));
    }
    static QString status(QWidget& dialog)
    {
        return dialog.findChild<QLabel*>(QStringLiteral("scanStatus"))->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A backend's reader thread writing into a pipe closed by cancel gets SIGPIPE; libsane
        // ignores it itself unless a handler is installed, as QtTest does.
        std::signal(SIGPIPE, SIG_IGN);
        m_backend = std::make_unique<SaneTestBackend>(); // before any SANE call: read once
    }

    void listsScannersOnAWorker()
    {
        QVERIFY(m_backend->setConfig());
        ScanDialog dialog(QStringLiteral("test:1"), false);
        QVERIFY(dialog.isListing()); // the constructor returned before the list
        QVERIFY(!button(dialog, "startScan")->isEnabled());
        QVERIFY(waitListed(dialog));
        QCOMPARE(dialog.deviceCount(), 2);
        QCOMPARE(dialog.device(), QStringLiteral("test:1")); // the saved choice
        QVERIFY(button(dialog, "startScan")->isEnabled());
        QVERIFY(!button(dialog, "cancelScan")->isEnabled());
        for (const char* name : { "scannerDevices", "scanSource", "startScan", "cancelScan", "refreshScanners" }) {
            auto* widget = dialog.findChild<QWidget*>(QLatin1String(name));
            QVERIFY2(widget && !widget->accessibleName().isEmpty(), name);
        }

        // F5 lists again; a saved device that is gone gives way to the first one.
        QVERIFY(m_backend->setConfig("number_of_devices 1\n"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy listed(&dialog, &ScanDialog::devicesListed);
        QTest::keyClick(&dialog, Qt::Key_F5);
        QVERIFY(listed.wait(10000));
        QCOMPARE(listed.constFirst().constFirst().toInt(), 1);
        QCOMPARE(dialog.device(), QStringLiteral("test:0"));
    }

    void noScannerIsANormalState()
    {
        QVERIFY(m_backend->setConfig({}, {}));
        ScanDialog dialog(QString(), false);
        QVERIFY(waitListed(dialog));
        QCOMPARE(dialog.deviceCount(), 0);
        QVERIFY(!button(dialog, "startScan")->isEnabled());
        QVERIFY(!dialog.findChild<QComboBox*>(QStringLiteral("scannerDevices"))->isEnabled());
        QVERIFY(button(dialog, "refreshScanners")->isEnabled());
        QVERIFY2(status(dialog).contains(QStringLiteral("스캐너가 없습니다")), qPrintable(status(dialog)));
        QSignalSpy finished(&dialog, &ScanDialog::scanFinished);
        dialog.startScan(); // nothing to scan with: nothing happens
        QVERIFY(!dialog.isScanning());
        QCOMPARE(finished.count(), 0);
    }

    void scan_data()
    {
        QTest::addColumn<bool>("feeder");
        QTest::addColumn<int>("pages");
        QTest::newRow("flatbed: one page") << false << 1;
        QTest::newRow("feeder: until empty (10 sheets)") << true << 10;
    }

    void scan()
    {
        QFETCH(bool, feeder);
        QFETCH(int, pages);
        QVERIFY(m_backend->setConfig());
        ScanDialog dialog(QString(), feeder);
        QVERIFY(waitListed(dialog));
        QCOMPARE(dialog.feeder(), feeder);
        QSignalSpy chosen(&dialog, &ScanDialog::deviceChosen);
        QSignalSpy scanned(&dialog, &ScanDialog::pageScanned);
        QSignalSpy finished(&dialog, &ScanDialog::scanFinished);
        button(dialog, "startScan")->click();
        QVERIFY(dialog.isScanning());
        QVERIFY(!button(dialog, "startScan")->isEnabled());
        QVERIFY(button(dialog, "cancelScan")->isEnabled());
        QVERIFY(finished.wait(20000));
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.constFirst().at(0).toString(), QStringLiteral("test:0"));
        QCOMPARE(chosen.constFirst().at(1).toBool(), feeder);
        QCOMPARE(scanned.count(), pages);
        for (const QList<QVariant>& args : scanned) {
            const auto page = args.constFirst().value<QImage>();
            QCOMPARE(page.size(), QSize(saneTestPagePixels(80, ScanDialog::kDpi), saneTestPagePixels(100, ScanDialog::kDpi)));
            QCOMPARE(page.format(), QImage::Format_Grayscale8);
        }
        QCOMPARE(finished.constFirst().at(0).toInt(), pages);
        QVERIFY(!finished.constFirst().at(1).value<std::optional<core::Error>>().has_value());
        QVERIFY(!dialog.isScanning());
        QVERIFY(button(dialog, "startScan")->isEnabled());
        QVERIFY2(status(dialog).contains(QString::number(pages)), qPrintable(status(dialog)));
    }

    void escapeCancelsTheScanNotTheDialog()
    {
        // 200 ms after each buffer: a page takes seconds, time enough to cancel it.
        QVERIFY(m_backend->setConfig("read-delay true\nread-delay-duration 200000\n"));
        ScanDialog dialog(QString(), true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitListed(dialog));
        QSignalSpy finished(&dialog, &ScanDialog::scanFinished);
        QSignalSpy scanned(&dialog, &ScanDialog::pageScanned);
        dialog.startScan();
        QTRY_VERIFY(status(dialog).contains(QStringLiteral("스캔 중")));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(finished.wait(3000));
        const auto error = finished.constFirst().at(1).value<std::optional<core::Error>>();
        QVERIFY(error.has_value());
        QCOMPARE(error->category, core::ErrorCategory::Cancelled);
        QCOMPARE(scanned.count(), 0);
        QVERIFY(dialog.isVisible()); // Esc stopped the scanner, the dialog stays
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }

    void settingsPageKeepsTheDevices()
    {
        QVERIFY(m_backend->setConfig());
        QTemporaryDir data;
        core::Settings settings;
        settings.scannerDevice = QStringLiteral("test:9"); // saved, switched off today
        settings.cameraDevice = QStringLiteral("/dev/video9");
        ui::SettingsDialog dialog(settings, ui::CounterSettings {});
        auto* page = dialog.findChild<ui::CaptureSettingsPage*>();
        QVERIFY(page);
        auto* tabs = dialog.findChild<QTabWidget*>();
        QCOMPARE(tabs->tabText(tabs->indexOf(page)), QStringLiteral("스캐너/카메라"));
        QSignalSpy listed(page, &ui::CaptureSettingsPage::scannersListed);
        dialog.show();
        tabs->setCurrentWidget(page); // listed when first shown, on a worker
        QVERIFY(listed.wait(10000));
        QCOMPARE(listed.constFirst().constFirst().toInt(), 2);
        auto* scanner = page->findChild<QComboBox*>(QStringLiteral("scannerDevice"));
        QCOMPARE(scanner->currentData().toString(), QStringLiteral("test:9"));
        QVERIFY(scanner->currentText().contains(QStringLiteral("연결되지 않음")));
        QVERIFY(scanner->findData(QStringLiteral("test:0")) > 0);
        QCOMPARE(page->findChild<QComboBox*>(QStringLiteral("cameraDevice"))->currentData().toString(),
            QStringLiteral("/dev/video9"));

        scanner->setCurrentIndex(scanner->findData(QStringLiteral("test:1")));
        page->findChild<QCheckBox*>(QStringLiteral("scannerFeeder"))->setChecked(true);
        const core::Settings chosen = dialog.settings();
        QCOMPARE(chosen.scannerDevice, QStringLiteral("test:1"));
        QVERIFY(chosen.scannerFeeder);
        QCOMPARE(chosen.cameraDevice, QStringLiteral("/dev/video9"));
        // Saved in settings.ini and read back.
        QVERIFY(chosen.save(data.path()).ok());
        const core::Settings loaded = core::Settings::load(data.path());
        QCOMPARE(loaded.scannerDevice, chosen.scannerDevice);
        QCOMPARE(loaded.scannerFeeder, chosen.scannerFeeder);
        QCOMPARE(loaded.cameraDevice, chosen.cameraDevice);
    }

    void scannedPagesArriveInTheQueue()
    {
        QVERIFY(m_backend->setConfig());
        auto recognition = std::make_shared<ui::test::FakeRecognition>();
        ui::CounterSettings counter;
        core::Settings settings;
        settings.scannerDevice = QStringLiteral("test:1");
        ui::MainWindow window({ recognition, std::make_shared<ui::test::FakeGuide>(), nullptr }, settings, counter);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // Reachable from the File menu with its shortcut shown.
        auto* scanAction = window.findChild<QAction*>(QStringLiteral("scanAction"));
        QVERIFY(scanAction);
        QCOMPARE(scanAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        QVERIFY(scanAction->isShortcutVisibleInContextMenu());
        const QMenu* file = window.menuBar()->actions().constFirst()->menu();
        QVERIFY(file && file->actions().contains(scanAction));
        QVERIFY(file->actions().contains(window.findChild<QAction*>(QStringLiteral("cameraAction"))));

        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        auto* capture = window.findChild<ui::CaptureActions*>();
        QVERIFY(capture);
        QPointer<ScanDialog> dialog = capture->scanDialog();
        QVERIFY(dialog);
        QVERIFY(waitListed(*dialog));
        QCOMPARE(dialog->device(), QStringLiteral("test:1"));
        auto* source = dialog->findChild<QComboBox*>(QStringLiteral("scanSource"));
        source->setCurrentIndex(source->findData(true));
        QSignalSpy queued(capture, &ui::CaptureActions::imageQueued);
        button(*dialog, "startScan")->click();
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 10, 30000);

        // Each page is a PNG of its own held in memory (never on disk), queued and handed to
        // recognition.
        const ui::PrescriptionQueue* queue = window.queueController()->queue();
        QCOMPARE(queue->count(), 10);
        QStringList paths;
        for (const QList<QVariant>& args : queued) {
            const QString path = args.at(1).toString();
            QVERIFY(path.startsWith(QLatin1String("/proc/self/fd/")));
            QCOMPARE(queue->entry(args.at(0).toULongLong())->source, path);
            QCOMPARE(QImageReader(path).size(), QSize(saneTestPagePixels(80, 300), saneTestPagePixels(100, 300)));
            paths.append(path);
        }
        QCOMPARE(paths.removeDuplicates(), 0);
        QTRY_COMPARE(recognition->paths.size(), 10);
        QCOMPARE(QSet<QString>(recognition->paths.cbegin(), recognition->paths.cend()),
            QSet<QString>(paths.cbegin(), paths.cend()));

        // The device and source used are remembered.
        QCOMPARE(window.settings().scannerDevice, QStringLiteral("test:1"));
        QVERIFY(window.settings().scannerFeeder);
        QTRY_VERIFY(!dialog->isScanning());
        dialog->close();
        QTRY_VERIFY(!dialog); // deleted on close
    }
};

QTEST_MAIN(TestScanDialog)
#include "test_scandialog.moc"
