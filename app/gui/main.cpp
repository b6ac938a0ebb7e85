// SPDX-License-Identifier: GPL-3.0-or-later
// Composition root of the pharmdesk GUI: parses the command line, opens the data directory, loads
// the translation and wires the real services (ui::createAppServices) into the window.
#include "pharmdesk/core/DataDirectory.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ocr/OpenMpLimit.h"
#include "pharmdesk/ui/AppServices.h"
#include "pharmdesk/ui/BatchImportDialog.h"
#include "pharmdesk/ui/CameraCaptureDialog.h"
#include "pharmdesk/ui/CaptureActions.h"
#include "pharmdesk/ui/CounterSettings.h"
#include "pharmdesk/ui/HistoryDialog.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/ScanDialog.h"
#include "pharmdesk/ui/UserSwitchDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFutureWatcher>
#include <QLibraryInfo>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

namespace ui = pharmdesk::ui;
namespace core = pharmdesk::core;

namespace {

/// Loads the screen language: English from the embedded pharmdesk_en.qm; Korean is the source
/// language, with Qt's own Korean strings for its standard dialogs.
void installTranslations(QApplication& app, const QString& language)
{
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    if (language == QLatin1String("en")) {
        auto* own = new QTranslator(&app);
        if (own->load(QStringLiteral(":/i18n/pharmdesk_en.qm")))
            QApplication::installTranslator(own);
        else
            std::fprintf(stderr, "English translation not found; the screen stays in Korean\n");
    }
}

void saveScreenshot(QWidget* widget, const QString& file)
{
    const bool saved = widget->grab().save(file, "PNG");
    std::fprintf(stderr, "%s: %s\n", saved ? "screenshot written" : "cannot write screenshot", qPrintable(file));
    QCoreApplication::exit(saved ? 0 : 1);
}

/// `--screenshot FILE [--screenshot-dialog settings|batch|history|switch|scan|camera]`: once every
/// queued image is recognised (or, without images, the drug cache has opened), saves the window
/// (or the dialog) as PNG and quits. `history` searches the records first; `switch` is the PIN
/// dialog that opens at start when the store has accounts; `scan` waits for the scanner list
/// (SANE, as configured for the process: SANE_CONFIG_DIR); `camera` shows the cameras Qt
/// Multimedia finds (or its no-camera state). For documentation and visual checks under Xvfb.
void scheduleScreenshot(ui::MainWindow* window, const ui::AppServices& services, const QString& file,
    const QString& dialog, const QStringList& images)
{
    if (dialog == QLatin1String("batch")) {
        window->openBatchImport();
        auto* batch = window->findChild<ui::BatchImportDialog*>();
        QObject::connect(batch, &ui::BatchImportDialog::batchFinished, window,
            [batch, file] { QTimer::singleShot(300, batch, [batch, file] { saveScreenshot(batch, file); }); });
        batch->addFiles(images);
        batch->start();
        return;
    }
    if (dialog == QLatin1String("switch")) {
        QObject::connect(window, &ui::MainWindow::accountsLoaded, window, [window, file](int count) {
            auto* pin = window->findChild<ui::UserSwitchDialog*>();
            if (count == 0 || !pin) {
                std::fprintf(stderr, "no pharmacist accounts in the record store: no switch dialog\n");
                QCoreApplication::exit(1);
                return;
            }
            QTimer::singleShot(300, pin, [pin, file] { saveScreenshot(pin, file); });
        });
        return;
    }
    const auto take = [window, file, dialog] {
        if (dialog == QLatin1String("history")) {
            window->openHistory();
            auto* history = window->findChild<ui::HistoryDialog*>();
            if (!history) {
                std::fprintf(stderr, "no record store: no history\n");
                QCoreApplication::exit(1);
                return;
            }
            QObject::connect(history, &ui::HistoryDialog::searchFinished, history, [history, file] {
                QTimer::singleShot(300, history, [history, file] { saveScreenshot(history, file); });
            });
            return;
        }
        if (dialog == QLatin1String("scan") || dialog == QLatin1String("camera")) {
            auto* capture = window->findChild<ui::CaptureActions*>(QStringLiteral("captureActions"));
            if (!capture) {
                std::fprintf(stderr, "no capture actions in the window\n");
                QCoreApplication::exit(1);
                return;
            }
            if (dialog == QLatin1String("camera")) {
                capture->openCamera();
                // Qt Multimedia lists the cameras at once; a found one needs a moment for frames.
                QDialog* camera = capture->cameraDialog();
                QTimer::singleShot(1500, camera, [camera, file] { saveScreenshot(camera, file); });
                return;
            }
            capture->openScanner();
            ui::ScanDialog* scan = capture->scanDialog();
            QObject::connect(scan, &ui::ScanDialog::devicesListed, scan,
                [scan, file] { QTimer::singleShot(300, scan, [scan, file] { saveScreenshot(scan, file); }); });
            return;
        }
        if (dialog == QLatin1String("settings")) {
            window->openSettings();
            QDialog* settings = window->findChild<QDialog*>(QStringLiteral("settingsDialog"));
            QTimer::singleShot(300, settings, [settings, file] { saveScreenshot(settings, file); });
            return;
        }
        saveScreenshot(window, file);
    };
    if (!images.isEmpty()) {
        QObject::connect(window->queueController(), &ui::QueueController::recognised, window, [window, take] {
            if (window->queueController()->pendingCount() == 0)
                QTimer::singleShot(500, window, take);
        });
        return;
    }
    auto* watcher = new QFutureWatcher<ui::DrugCacheLoad>(window);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, window, [window, take] { QTimer::singleShot(300, window, take); });
    watcher->setFuture(services.drugCache);
}

} // namespace

int main(int argc, char* argv[])
{
    pharmdesk::ocr::enforceSingleThreadedOpenMp(argv); // may re-execute: keep it first
    pharmdesk::ocr::releaseLargeBuffersEagerly();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("PharmDesk"));
    QApplication::setOrganizationName(QStringLiteral("PharmDesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("PharmDesk"));
#ifdef PHARMDESK_VERSION
    QApplication::setApplicationVersion(QStringLiteral(PHARMDESK_VERSION));
#endif

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PharmDesk: 처방전 이미지 인식과 복약안내문"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("IMAGE"), QStringLiteral("처방전 이미지 (PNG, JPEG, TIFF), 여러 개 가능"),
        QStringLiteral("[IMAGE...]"));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QStringLiteral("데이터 폴더 (약품 DB, 설정)"), QStringLiteral("DIR"));
    const QCommandLineOption inboxOption(QStringLiteral("inbox"),
        QStringLiteral("감시할 받은 편지함 폴더 (설정보다 우선)"), QStringLiteral("DIR"));
    const QCommandLineOption languageOption(
        QStringLiteral("lang"), QStringLiteral("화면 언어: ko 또는 en (설정보다 우선)"), QStringLiteral("LANG"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("창을 FILE(PNG)로 저장하고 종료 (인식이 끝난 뒤)"), QStringLiteral("FILE"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp); // a developer's tool
    QCommandLineOption screenshotDialogOption(QStringLiteral("screenshot-dialog"),
        QStringLiteral("settings, batch, history, switch, scan 또는 camera: 창 대신 그 대화상자를 저장"), QStringLiteral("NAME"));
    screenshotDialogOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ dataDirOption, inboxOption, languageOption, screenshotOption, screenshotDialogOption });
    parser.process(app);

    auto dataDirectory = core::DataDirectory::open(parser.value(dataDirOption));
    if (!dataDirectory) {
        ui::MainWindow::showStartupError(dataDirectory.error());
        return 1;
    }
    const core::Settings settings = core::Settings::load(dataDirectory->path());
    ui::CounterSettings counter = ui::CounterSettings::load(dataDirectory->path());
    if (parser.isSet(inboxOption))
        counter.inboxFolder = parser.value(inboxOption);
    if (parser.isSet(languageOption))
        counter.uiLanguage = parser.value(languageOption);
    installTranslations(app, counter.uiLanguage);

    const ui::AppServices services = ui::createAppServices(*dataDirectory, settings);
    ui::MainWindow window(services.forWindow(), settings, counter);
    window.setDataDirectory(dataDirectory->path());
    window.setRecords(services.records);
    ui::deliverDrugCache(services, &window);
    window.show();

    const QStringList images = parser.positionalArguments();
    if (parser.isSet(screenshotOption)) {
        scheduleScreenshot(&window, services, parser.value(screenshotOption), parser.value(screenshotDialogOption),
            images);
        if (parser.value(screenshotDialogOption) == QLatin1String("batch"))
            return QApplication::exec();
    }
    for (const QString& image : images)
        window.openImage(image);
    if (images.size() > 1)
        window.showEntry(window.queueController()->queue()->idAt(0));
    return QApplication::exec();
}
