// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DataDirectory.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/DrugCacheLoader.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/OcrRecognitionService.h"
#include "pharmdesk/ui/RecognitionPool.h"
#include "pharmdesk/ui/RendererGuideService.h"

#include <memory>

namespace pharmdesk::ui {

/// The real services behind the window, created together: the drug cache starts opening in the
/// background at once and recognition waits for it on its own thread, never the GUI's.
/// For app/gui/main.cpp and the end-to-end tests. GUI thread only.
struct AppServices
{
    QFuture<DrugCacheLoad> drugCache;
    std::shared_ptr<OcrRecognitionService> recognition;
    /// Batch import: one reader per core (at most 4), created when first needed.
    std::shared_ptr<RecognitionPool> batchRecognition;
    std::shared_ptr<RendererGuideService> guide;
    /// Record store (<data>/records) and keychain, opened on their worker on first use.
    std::shared_ptr<CounterRecords> records;

    MainWindowServices forWindow() const { return { recognition, guide, batchRecognition }; }
};

AppServices createAppServices(const core::DataDirectory& dataDirectory, const core::Settings& settings);

/// Once the cache has opened, hands it to `window` (status, edited codes and names) and to the
/// guide service (drug texts), or shows why it could not open. Returns at once; the watcher is a
/// child of `window`.
void deliverDrugCache(const AppServices& services, MainWindow* window);

} // namespace pharmdesk::ui
