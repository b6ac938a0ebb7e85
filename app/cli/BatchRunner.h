// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace pharmdesk::cli {

/// Image files found under the given paths: files as given (whatever their extension, so a bad
/// file still gets a result), folders searched recursively for PNG/JPEG/TIFF/BMP/PDF, sorted.
/// Paths that do not exist are returned in `missing`.
struct CollectedInputs
{
    QStringList files;
    QStringList missing;
};
CollectedInputs collectImageFiles(const QStringList& paths);

/// One prescription to read: a page of a file (0 for a one-page image).
struct BatchItem
{
    QString file;
    int page = 0;
    int pageCount = 1;  ///< pages of `file`: a result of a file with more than one names its page
};

/// Every page of every file: a PDF or multi-page TIFF gives one item per page, anything else
/// (including a file that cannot be read: its item reports the error) one item.
QList<BatchItem> expandPages(const QStringList& files);

/// Recognises many images with N worker threads, each owning its own PrescriptionReader (Tesseract
/// is not shared between threads); the catalog is shared read-only.
class BatchRunner
{
public:
    /// Called on a worker thread for each finished image, possibly concurrently from several
    /// workers: the handler must be thread-safe. `index` is the position in `files`.
    using ResultHandler = std::function<void(qsizetype index, const core::ImportResult& result)>;

    BatchRunner(ocr::ReaderOptions options, std::shared_ptr<const core::DrugCatalog> catalog, int jobs);

    /// Runs to completion (or cancellation). Fails only when no reader can be created at all
    /// (e.g. OCR models missing); a bad image is a Failed result handed to `handler`.
    core::Status run(const QStringList& files, const ResultHandler& handler, const core::CancelToken& cancel = {});

    /// Same, page by page; `index` is the position in `items`.
    core::Status run(const QList<BatchItem>& items, const ResultHandler& handler, const core::CancelToken& cancel = {});

private:
    ocr::ReaderOptions m_options;
    std::shared_ptr<const core::DrugCatalog> m_catalog;
    int m_jobs;
};

} // namespace pharmdesk::cli
