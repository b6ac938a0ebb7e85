// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/AppServices.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QThread>
#include <algorithm>

namespace pharmdesk::ui {

AppServices createAppServices(const core::DataDirectory& dataDirectory, const core::Settings& settings)
{
    AppServices services;
    services.drugCache = loadDrugCache(dataDirectory.drugCachePath());
    ocr::ReaderOptions readerOptions;
    readerOptions.tessdataDir = settings.tessdataDir;
    readerOptions.reviewThreshold = settings.reviewThreshold;
    services.recognition = std::make_shared<OcrRecognitionService>(readerOptions, services.drugCache);
    const int readers = std::clamp(QThread::idealThreadCount(), 1, 4);
    services.batchRecognition = std::make_shared<RecognitionPool>(
        readers, [readerOptions, cache = services.drugCache]() -> std::shared_ptr<RecognitionService> {
            return std::make_shared<OcrRecognitionService>(readerOptions, cache);
        });
    guide::GuideOptions guideOptions;
    guideOptions.format = settings.guideFormat;
    guideOptions.language = settings.language;
    services.guide = std::make_shared<RendererGuideService>(settings.pharmacy, guideOptions);
    const QString user = qEnvironmentVariable("USER", QStringLiteral("counter"));
    services.records = std::make_shared<CounterRecords>(
        [dataDirectory]() -> core::Result<std::shared_ptr<store::RecordStore>> {
            auto opened = store::RecordStore::open(store::RecordStore::defaultOptions(dataDirectory));
            if (!opened)
                return opened.error();
            return std::shared_ptr<store::RecordStore>(std::move(opened).value());
        },
        [dataDirectory] { return store::Keychain::openDefault(store::RecordStore::keyDirectory(dataDirectory)); },
        QStringLiteral("gui:%1").arg(user));
    return services;
}

void deliverDrugCache(const AppServices& services, MainWindow* window)
{
    auto* watcher = new QFutureWatcher<DrugCacheLoad>(window);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, window, [watcher, window, guide = services.guide] {
            watcher->deleteLater();
            const DrugCacheLoad load = watcher->result();
            if (load.cache) {
                guide->setCatalog(load.cache);
                window->setCatalog(load.cache);
                window->setDrugSearch([cache = load.cache](const QString& text, int limit) {
                    return cache->search(text, limit);
                });
            } else {
                window->setCatalogFailed(load.error.value_or(core::makeError(core::ErrorCategory::Database,
                    QCoreApplication::translate("pharmdesk::ui::AppServices", "약품 DB를 열 수 없습니다."))));
            }
        });
    watcher->setFuture(services.drugCache);
}

} // namespace pharmdesk::ui
