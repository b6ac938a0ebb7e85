// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/ImportResult.h"

#include <QFuture>
#include <QString>

namespace pharmdesk::ui {

/// The seam between the GUI and recognition: turns one page of an image file (a PNG or JPEG has
/// one; a PDF or multi-page TIFF one per page, see ocr::pageCount()) into an ImportResult
/// somewhere other than the GUI thread.
///
/// Threading: recognise() is called on the GUI thread and must return at once; the work runs on a
/// thread the service owns and the result arrives through the returned future (watch it with a
/// QFutureWatcher). A cancelled token makes the job finish early with a Failed result whose error
/// category is Cancelled. The future always carries exactly one result; a failure is a Failed
/// result, never an exception. The service outlives every future it returned.
class RecognitionService
{
public:
    virtual ~RecognitionService() = default;

    /// Recognises page `page` (0-based) of `imagePath`; a multi-page result carries the 1-based
    /// page in ImportResult::page.
    virtual QFuture<core::ImportResult> recognise(
        const QString& imagePath, int page, const core::CancelToken& cancel) = 0;
    /// The first (or only) page.
    QFuture<core::ImportResult> recognise(const QString& imagePath, const core::CancelToken& cancel)
    {
        return recognise(imagePath, 0, cancel);
    }
};

} // namespace pharmdesk::ui
