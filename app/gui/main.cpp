// SPDX-License-Identifier: GPL-3.0-or-later
// Composition root of the pharmdesk GUI: parses the command line, opens the data directory and
// wires the real services (ui::createAppServices) into the window.
#include "pharmdesk/core/DataDirectory.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ocr/OpenMpLimit.h"
#include "pharmdesk/ui/AppServices.h"
#include "pharmdesk/ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFutureWatcher>
#include <QTimer>
#include <cstdio>

namespace ui = pharmdesk::ui;
namespace core = pharmdesk::core;

namespace {

/// `--screenshot FILE`: once the window shows a result (or, without an image, the drug cache
/// state), saves it as PNG and quits. For documentation and visual checks under Xvfb.
void scheduleScreenshot(
    ui::MainWindow* window, const ui::AppServices& services, const QString& file, bool hasImage)
{
    const auto take = [window, file] {
        const bool saved = window->grab().save(file, "PNG");
        std::fprintf(
            stderr, "%s: %s\n", saved ? "screenshot written" : "cannot write screenshot", qPrintable(file));
        QCoreApplication::exit(saved ? 0 : 1);
    };
    const auto later = [window, take] { QTimer::singleShot(300, window, take); };
    if (hasImage) {
        QObject::connect(window, &ui::MainWindow::recognitionFinished, window, later);
        return;
    }
    auto* watcher = new QFutureWatcher<ui::DrugCacheLoad>(window);
    QObject::connect(watcher, &QFutureWatcherBase::finished, window, later);
    watcher->setFuture(services.drugCache);
}

} // namespace

int main(int argc, char* argv[])
{
    pharmdesk::ocr::enforceSingleThreadedOpenMp(argv);  // may re-execute: keep it first
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
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QStringLiteral("데이터 폴더 (약품 DB, 설정)"), QStringLiteral("DIR"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("창을 FILE(PNG)로 저장하고 종료 (인식이 끝난 뒤)"), QStringLiteral("FILE"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp); // a developer's tool
    parser.addOption(dataDirOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    auto dataDirectory = core::DataDirectory::open(parser.value(dataDirOption));
    if (!dataDirectory) {
        ui::MainWindow::showStartupError(dataDirectory.error());
        return 1;
    }
    const core::Settings settings = core::Settings::load(dataDirectory->path());
    const ui::AppServices services = ui::createAppServices(*dataDirectory, settings);

    ui::MainWindow window(services.forWindow(), settings);
    ui::deliverDrugCache(services, &window);
    window.show();

    const QStringList images = parser.positionalArguments();
    if (parser.isSet(screenshotOption))
        scheduleScreenshot(&window, services, parser.value(screenshotOption), !images.isEmpty());
    if (!images.isEmpty())
        window.openImage(images.first());
    return QApplication::exec();
}
