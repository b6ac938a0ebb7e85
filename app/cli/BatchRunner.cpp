// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/BatchRunner.h"

#include "pharmdesk/ocr/ImageLoader.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace pharmdesk::cli {

CollectedInputs collectImageFiles(const QStringList& paths)
{
    static const QStringList kImagePatterns = { QStringLiteral("*.png"), QStringLiteral("*.jpg"),
                                                QStringLiteral("*.jpeg"), QStringLiteral("*.tif"),
                                                QStringLiteral("*.tiff"), QStringLiteral("*.bmp"),
                                                QStringLiteral("*.pdf") };
    CollectedInputs in;
    QSet<QString> seen;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            in.missing.append(path);
            continue;
        }
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(path, kImagePatterns, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
            while (it.hasNext())
                found.append(it.next());
            std::sort(found.begin(), found.end());
            for (const QString& f : std::as_const(found)) {
                const QString key = QFileInfo(f).canonicalFilePath();
                if (!seen.contains(key)) {
                    seen.insert(key);
                    in.files.append(f);
                }
            }
        } else {
            const QString key = info.canonicalFilePath();
            if (!seen.contains(key)) {
                seen.insert(key);
                in.files.append(path);
            }
        }
    }
    return in;
}

QList<BatchItem> expandPages(const QStringList& files)
{
    QList<BatchItem> items;
    for (const QString& file : files) {
        const auto pages = ocr::pageCount(file);
        const int count = pages ? *pages : 1;
        for (int page = 0; page < count; ++page)
            items.append(BatchItem { file, page, count });
    }
    return items;
}

BatchRunner::BatchRunner(ocr::ReaderOptions options, std::shared_ptr<const core::DrugCatalog> catalog, int jobs)
    : m_options(std::move(options))
    , m_catalog(std::move(catalog))
    , m_jobs(std::max(1, jobs))
{
}

core::Status BatchRunner::run(const QStringList& files, const ResultHandler& handler, const core::CancelToken& cancel)
{
    QList<BatchItem> items;
    items.reserve(files.size());
    for (const QString& file : files)
        items.append(BatchItem { file, 0, 1 });
    return run(items, handler, cancel);
}

core::Status BatchRunner::run(const QList<BatchItem>& files, const ResultHandler& handler, const core::CancelToken& cancel)
{
    std::atomic<qsizetype> next { 0 };
    std::atomic<int> readersCreated { 0 };
    std::mutex errorMutex;
    std::optional<core::Error> firstError;

    const int workers = static_cast<int>(std::min<qsizetype>(m_jobs, std::max<qsizetype>(1, files.size())));
    auto work = [&]() {
        auto reader = ocr::PrescriptionReader::create(m_options, m_catalog);
        if (!reader) {
            const std::lock_guard lock(errorMutex);
            if (!firstError)
                firstError = reader.error();
            return;
        }
        ++readersCreated;
        for (qsizetype i = next++; i < files.size(); i = next++) {
            if (cancel.isCancelled())
                return;
            const BatchItem& item = files.at(i);
            const core::ImportResult result = (*reader)->read(item.file, item.page, cancel);
            handler(i, result);
        }
    };

    std::vector<std::thread> threads;
    threads.reserve(static_cast<size_t>(workers));
    for (int w = 0; w < workers; ++w)
        threads.emplace_back(work);
    for (std::thread& t : threads)
        t.join();

    if (readersCreated.load() == 0 && firstError)
        return *firstError;
    if (cancel.isCancelled())
        return core::makeError(core::ErrorCategory::Cancelled, QStringLiteral("The import was cancelled."));
    return core::Done {};
}

} // namespace pharmdesk::cli
