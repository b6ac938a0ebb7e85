// SPDX-License-Identifier: GPL-3.0-or-later
// Composition root of the pharmdesk GUI: parses the command line, opens the data directory,
// starts opening the drug cache in the background and wires the concrete services into the window.
#include "pharmdesk/core/DataDirectory.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ui/DrugCacheLoader.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/OcrRecognitionService.h"
#include "pharmdesk/ui/RendererGuideService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFutureWatcher>
#include <QTimer>

#include <cstdio>

namespace ui = pharmdesk::ui;
namespace core = pharmdesk::core;

int main(int argc, char* argv[])
{
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
    parser.addPositionalArgument(QStringLiteral("IMAGE"), QStringLiteral("처방전 이미지 (PNG, JPEG, TIFF)"),
                                 QStringLiteral("[IMAGE]"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("데이터 폴더 (약품 DB, 설정)"), QStringLiteral("DIR"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("창을 FILE(PNG)로 저장하고 종료 (인식이 끝난 뒤)"),
                                        QStringLiteral("FILE"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);  // a developer's tool
    parser.addOption(dataDirOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    auto dataDir = core::DataDirectory::open(parser.value(dataDirOption));
    if (!dataDir) {
        ui::MainWindow::showStartupError(dataDir.error());
        return 1;
    }
    const core::Settings settings = core::Settings::load(dataDir->path());

    // The cache opens (and on first run builds) in the background; recognition waits for it on its
    // own thread, the window shows its state when it is ready.
    const QFuture<ui::DrugCacheLoad> cacheLoad = ui::loadDrugCache(dataDir->drugCachePath());
    pharmdesk::ocr::ReaderOptions readerOptions;
    readerOptions.tessdataDir = settings.tessdataDir;
    readerOptions.reviewThreshold = settings.reviewThreshold;
    auto recognition = std::make_shared<ui::OcrRecognitionService>(readerOptions, cacheLoad);
    pharmdesk::guide::GuideOptions guideOptions;
    guideOptions.format = settings.guideFormat;
    guideOptions.language = settings.language;
    auto guide = std::make_shared<ui::RendererGuideService>(settings.pharmacy, guideOptions);

    ui::MainWindow window(ui::MainWindowServices { recognition, guide }, settings);
    QFutureWatcher<ui::DrugCacheLoad> cacheWatcher;
    QObject::connect(&cacheWatcher, &QFutureWatcherBase::finished, &window, [&cacheWatcher, &window, guide] {
        const ui::DrugCacheLoad load = cacheWatcher.result();
        if (load.cache) {
            guide->setCatalog(load.cache);
            window.setCatalog(load.cache);
        } else {
            window.setCatalogFailed(load.error.value_or(core::Error {}));
        }
    });
    cacheWatcher.setFuture(cacheLoad);
    window.show();

    const QStringList images = parser.positionalArguments();
    if (!images.isEmpty())
        window.openImage(images.first());

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        const auto takeScreenshot = [&window, file] {
            const bool saved = window.grab().save(file, "PNG");
            std::fprintf(stderr, "%s: %s\n", saved ? "screenshot written" : "cannot write screenshot",
                         qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        };
        if (images.isEmpty()) {
            QObject::connect(&cacheWatcher, &QFutureWatcherBase::finished, &window,
                             [&window, takeScreenshot] { QTimer::singleShot(300, &window, takeScreenshot); });
        } else {
            QObject::connect(&window, &ui::MainWindow::recognitionFinished, &window,
                             [&window, takeScreenshot] { QTimer::singleShot(300, &window, takeScreenshot); });
        }
    }
    return QApplication::exec();
}
