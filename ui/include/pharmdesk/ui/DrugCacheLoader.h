// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/drugdb/DrugCache.h"

#include <QFuture>
#include <QString>
#include <memory>
#include <optional>

namespace pharmdesk::ui {

/// The outcome of opening the drug cache: the cache, or why not.
struct DrugCacheLoad
{
    std::shared_ptr<const drugdb::DrugCache> cache;
    std::optional<core::Error> error; ///< set iff cache is null
};

/// Opens (on first run: builds) the drug cache at `sqlitePath` on a worker thread of the global
/// pool. The future carries exactly one DrugCacheLoad; it may be waited on from worker threads.
QFuture<DrugCacheLoad> loadDrugCache(const QString& sqlitePath);

} // namespace pharmdesk::ui
