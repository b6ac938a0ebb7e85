// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/core/Settings.h"

#include <QString>

#include <memory>

namespace pharmdesk::ocr {

/// What a reader needs, fixed at creation.
struct ReaderOptions
{
    QString tessdataDir;                ///< empty: TessdataLocator's search order
    double reviewThreshold = core::Settings::kDefaultReviewThreshold;
    qint64 maxPixels = 50'000'000;      ///< larger images fail with an Input error
    QString debugImageDir;              ///< non-empty: each stage saves its image there
    /// "kor" (Debian's fast model) or "kor_best" (best-int); empty: "kor". Measured on 48 generated
    /// images (12 prescriptions × clean/scan/photo/fax): drug lines right 176/224 with kor against
    /// 146/224 with kor_best, header fields 281/432 against 292/432, same time per image.
    QString koreanModel;
};

/// Turns one prescription image into an ImportResult: load → preprocess (OpenCV; orientation
/// only when the page reads as nothing) → OCR (Tesseract
/// kor+eng) → parse the form → match each line against the catalog → review reasons → status.
///
/// Threading: one reader per worker thread (it owns its Tesseract instances); read() is not
/// reentrant and must be called from the thread that uses the reader. The catalog is shared.
/// A bad file never throws: it yields a Failed result with a clear error.
class PrescriptionReader
{
public:
    static core::Result<std::unique_ptr<PrescriptionReader>> create(
        const ReaderOptions& options, std::shared_ptr<const core::DrugCatalog> catalog);
    ~PrescriptionReader();
    PrescriptionReader(const PrescriptionReader&) = delete;
    PrescriptionReader& operator=(const PrescriptionReader&) = delete;

    /// Reads the first (or only) page of `path`.
    core::ImportResult read(const QString& path, const core::CancelToken& cancel = {});

    /// Reads page `page` (0-based) of a PDF or multi-page TIFF (see ocr::pageCount()); the
    /// result's `page` is then 1-based. A page that reads as nothing is tried again turned by
    /// the orientation model's call (90°, 180°, 270°); boxes are always in source pixels.
    core::ImportResult read(const QString& path, int page, const core::CancelToken& cancel = {});

private:
    PrescriptionReader();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pharmdesk::ocr
