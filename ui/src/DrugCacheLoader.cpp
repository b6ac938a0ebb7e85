// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/DrugCacheLoader.h"

#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

QFuture<DrugCacheLoad> loadDrugCache(const QString& sqlitePath)
{
    return QtConcurrent::run([sqlitePath] {
        auto opened = drugdb::DrugCache::open(sqlitePath);
        DrugCacheLoad load;
        if (opened)
            load.cache = std::move(opened).value();
        else
            load.error = opened.error();
        return load;
    });
}

} // namespace pharmdesk::ui
