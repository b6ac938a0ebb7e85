// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/OcrRecognitionService.h"

#include <QCoreApplication>
#include <QPromise>
#include <memory>

namespace pharmdesk::ui {

/// Lives in the service's thread; every member is touched only there (after construction).
class OcrRecognitionService::Worker : public QObject
{
public:
    Worker(ocr::ReaderOptions options, QFuture<DrugCacheLoad> catalog)
        : m_options(std::move(options))
        , m_catalog(std::move(catalog))
    { }

    core::ImportResult read(const QString& path, int page, const core::CancelToken& cancel)
    {
        if (cancel.isCancelled()) {
            return failed(path,
                core::makeError(core::ErrorCategory::Cancelled,
                    QCoreApplication::translate("pharmdesk::ui::OcrRecognitionService", "인식을 취소했습니다.")));
        }
        if (!m_reader && !m_readerError)
            createReader();
        if (m_readerError)
            return failed(path, *m_readerError);
        return m_reader->read(path, page, cancel);
    }

private:
    static core::ImportResult failed(const QString& path, const core::Error& error)
    {
        core::ImportResult result;
        result.source = path;
        result.status = core::ImportResult::Status::Failed;
        result.error = error;
        return result;
    }

    void createReader()
    {
        // Blocks this worker thread (never the GUI) until the cache is open; usually it already is.
        const DrugCacheLoad load = m_catalog.result();
        if (!load.cache) {
            m_readerError = core::makeError(core::ErrorCategory::Database,
                QCoreApplication::translate("pharmdesk::ui::OcrRecognitionService", "약품 DB를 열 수 없어 처방전을 인식할 수 없습니다."),
                load.error ? load.error->toString() : QString());
            return;
        }
        auto created = ocr::PrescriptionReader::create(m_options, load.cache);
        if (created)
            m_reader = std::move(created).value();
        else
            m_readerError = created.error(); // e.g. no Korean model: retrying cannot help
    }

    ocr::ReaderOptions m_options;
    QFuture<DrugCacheLoad> m_catalog;
    std::unique_ptr<ocr::PrescriptionReader> m_reader;
    std::optional<core::Error> m_readerError;
};

OcrRecognitionService::OcrRecognitionService(ocr::ReaderOptions options, QFuture<DrugCacheLoad> catalog)
    : m_worker(new Worker(std::move(options), std::move(catalog)))
{
    m_thread.setObjectName(QStringLiteral("pharmdesk-recognition"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

OcrRecognitionService::~OcrRecognitionService()
{
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // the thread has stopped: deleting from here is safe, the reader with it
}

QFuture<core::ImportResult> OcrRecognitionService::recognise(
    const QString& imagePath, int page, const core::CancelToken& cancel)
{
    auto promise = std::make_shared<QPromise<core::ImportResult>>();
    QFuture<core::ImportResult> future = promise->future();
    promise->start();
    Worker* worker = m_worker;
    // Queued to the worker's thread; the job carries all its inputs.
    QMetaObject::invokeMethod(
        m_worker,
        [worker, promise, imagePath, page, cancel] {
            promise->addResult(worker->read(imagePath, page, cancel));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

} // namespace pharmdesk::ui
