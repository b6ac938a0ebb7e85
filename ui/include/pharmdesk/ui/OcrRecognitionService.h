// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/ocr/PrescriptionReader.h"
#include "pharmdesk/ui/DrugCacheLoader.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QThread>

namespace pharmdesk::ui {

/// RecognitionService over ocr::PrescriptionReader.
///
/// Owns one worker thread that creates the reader on first use (after the drug cache has opened:
/// the worker waits on `catalog`, the GUI never does) and runs jobs one at a time, in order.
/// Destruction waits for the running job; jobs not started yet end without a result.
class OcrRecognitionService final : public RecognitionService
{
public:
    OcrRecognitionService(ocr::ReaderOptions options, QFuture<DrugCacheLoad> catalog);
    ~OcrRecognitionService() override;
    OcrRecognitionService(const OcrRecognitionService&) = delete;
    OcrRecognitionService& operator=(const OcrRecognitionService&) = delete;

    using RecognitionService::recognise;
    QFuture<core::ImportResult> recognise(const QString& imagePath, int page, const core::CancelToken& cancel) override;

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker = nullptr; ///< lives in m_thread; deleted after the thread stops
};

} // namespace pharmdesk::ui
