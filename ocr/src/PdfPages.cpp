// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfPages.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <memory>
#include <mutex>

namespace pharmdesk::ocr::pdf {

namespace {

using core::ErrorCategory;
using core::makeError;

std::mutex& popplerMutex()
{
    static std::mutex mutex;
    return mutex;
}

/// Poppler reports syntax problems of damaged files on stderr; the caller reports one clear error.
void quiet(const std::string& /*message*/, void* /*closure*/) { }

struct OpenDocument
{
    std::unique_ptr<poppler::document> document;
    std::optional<core::Error> error;
};

/// Call with popplerMutex() held.
OpenDocument open(const QByteArray& bytes, const QString& name)
{
    static std::once_flag silenced;
    std::call_once(silenced, [] { poppler::set_debug_error_function(quiet, nullptr); });
    OpenDocument result;
    if (bytes.size() > std::numeric_limits<int>::max()) {
        result.error = makeError(ErrorCategory::Input, QStringLiteral("The PDF is too large."), name);
        return result;
    }
    result.document.reset(poppler::document::load_from_raw_data(bytes.constData(), int(bytes.size())));
    if (!result.document) {
        result.error = makeError(ErrorCategory::Input, QStringLiteral("The PDF is damaged and cannot be opened."), name);
    } else if (result.document->is_locked()) {
        result.error = makeError(ErrorCategory::Input, QStringLiteral("The PDF is protected by a password."), name);
    } else if (result.document->pages() < 1) {
        result.error = makeError(ErrorCategory::Input, QStringLiteral("The PDF has no pages."), name);
    }
    return result;
}

} // namespace

core::Result<int> pageCount(const QByteArray& bytes, const QString& name)
{
    const std::lock_guard lock(popplerMutex());
    const OpenDocument doc = open(bytes, name);
    if (doc.error)
        return *doc.error;
    return doc.document->pages();
}

core::Result<cv::Mat> renderPage(const QByteArray& bytes, int index, const LoadLimits& limits, const QString& name)
{
    const std::lock_guard lock(popplerMutex());
    const OpenDocument doc = open(bytes, name);
    if (doc.error)
        return *doc.error;
    const int pages = doc.document->pages();
    if (index < 0 || index >= pages) {
        return makeError(ErrorCategory::Input,
                         QStringLiteral("The PDF has no page %1 (it has %2).").arg(index + 1).arg(pages), name);
    }
    const std::unique_ptr<poppler::page> page(doc.document->create_page(index));
    if (!page)
        return makeError(ErrorCategory::Input, QStringLiteral("Page %1 of the PDF cannot be read.").arg(index + 1), name);
    const poppler::rectf box = page->page_rect(poppler::crop_box);
    const double widthIn = box.width() / 72.0;   // PDF user space: 1/72 inch
    const double heightIn = box.height() / 72.0;
    if (!(widthIn > 0.0) || !(heightIn > 0.0))
        return makeError(ErrorCategory::Input, QStringLiteral("Page %1 of the PDF has no size.").arg(index + 1), name);
    double dpi = limits.pdfDpi;
    const double pixelsAtDpi = widthIn * heightIn * dpi * dpi;
    if (pixelsAtDpi > double(limits.maxPixels))
        dpi = std::floor(dpi * std::sqrt(double(limits.maxPixels) / pixelsAtDpi));
    if (std::min(widthIn, heightIn) * dpi < limits.minShortSide) {
        return makeError(ErrorCategory::Input,
                         QStringLiteral("Page %1 of the PDF is too small to be a prescription page.").arg(index + 1), name);
    }

    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_gray8);
    const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8)
        return makeError(ErrorCategory::Input, QStringLiteral("Page %1 of the PDF cannot be rendered.").arg(index + 1), name);
    const cv::Mat view(image.height(), image.width(), CV_8UC1, const_cast<char*>(image.const_data()),
                       size_t(image.bytes_per_row()));
    return view.clone();  // the poppler image owns the pixels
}

} // namespace pharmdesk::ocr::pdf
