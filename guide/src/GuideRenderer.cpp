// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/guide/GuideRenderer.h"

#include "GuideLayout.h"

#include "pharmdesk/guide/GuideContent.h"

#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace pharmdesk::guide {

namespace {

/// PDF user space is in points, so text positions are exact at any resolution; 600 dpi keeps
/// the integer-based parts of the paint engine well below visible precision.
constexpr int kPdfResolution = 600;

/// The printable area inside the margins, in painter coordinates of `device` (whose origin is the
/// corner of the device's paint rectangle, i.e. inside any printer margins).
QRectF contentRect(const QPagedPaintDevice* device, const QMarginsF& marginsMm)
{
    // In points, scaled: the pixel rectangles are rounded to whole pixels, which at a screen's
    // resolution would move line and page breaks.
    const qreal scale = device->logicalDpiY() / 72.0;
    const QPageLayout layout = device->pageLayout();
    const QRectF full(layout.fullRect(QPageLayout::Point).topLeft() * scale, layout.fullRect(QPageLayout::Point).size() * scale);
    const QRectF paintable(layout.paintRect(QPageLayout::Point).topLeft() * scale,
                           layout.paintRect(QPageLayout::Point).size() * scale);
    const QRectF page = full.translated(-paintable.topLeft());
    const qreal k = scale * 72.0 / 25.4;
    return page.adjusted(marginsMm.left() * k, marginsMm.top() * k, -marginsMm.right() * k, -marginsMm.bottom() * k)
        .intersected(QRectF(QPointF(0, 0), paintable.size()));
}

core::Status checkPaintable(const GuideInput& input, const QPagedPaintDevice* device, const QRectF& content)
{
    if (!device)
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("No device to print the guide on."));
    if (input.prescription.items.isEmpty())
        return core::makeError(core::ErrorCategory::Input,
                               QStringLiteral("The prescription has no drug lines to print a guide for."));
    const qreal mm = device->logicalDpiY() / 25.4;
    if (content.width() < 60 * mm || content.height() < 60 * mm)
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("The page is too small for the guide."),
                               QStringLiteral("printable area %1 x %2 mm")
                                   .arg(content.width() / mm, 0, 'f', 0)
                                   .arg(content.height() / mm, 0, 'f', 0));
    return core::Done {};
}

core::Status unknownFormat(const GuideOptions& options)
{
    return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Unknown guide format."),
                           QStringLiteral("'%1' (supported: %2)")
                               .arg(options.format, GuideOptions::supportedFormats().join(QStringLiteral(", "))));
}

/// Paints every page of `layout`; the painter must be active on `device`.
core::Status paintPages(const detail::GuideLayout& layout, QPainter& painter, QPagedPaintDevice* device,
                        const QRectF& content)
{
    for (int page = 0; page < layout.pageCount(); ++page) {
        if (page > 0 && !device->newPage())
            return core::makeError(core::ErrorCategory::Io, QStringLiteral("The guide could not be printed."),
                                   QStringLiteral("new page %1 refused by the device").arg(page + 1));
        layout.paintPage(painter, page, content);
    }
    return core::Done {};
}

core::Status finish(QPainter& painter, core::Status painted)
{
    if (!painter.end() && painted)
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The guide could not be printed."),
                               QStringLiteral("finishing the output failed"));
    return painted;
}

} // namespace

QStringList GuideOptions::supportedFormats()
{
    return { QStringLiteral("a4"), QStringLiteral("a5"), QStringLiteral("receipt"), QStringLiteral("label") };
}

QStringList GuideOptions::supportedLanguages()
{
    return { QStringLiteral("ko"), QStringLiteral("en") };
}

QMarginsF GuideOptions::marginsMm() const
{
    const auto format = detail::FormatProfile::forOptions(*this);
    return format ? format->marginsMm : QMarginsF(marginMm, marginMm, marginMm, marginMm);
}

GuideRenderer::GuideRenderer(GuideOptions options) : m_options(std::move(options)) { }

QString GuideRenderer::dosingSentence(const core::PrescriptionItem& item, const QString& language)
{
    return guide::dosingSentence(item, language);
}

QPageSize GuideRenderer::pageSize() const
{
    const auto format = detail::FormatProfile::forOptions(m_options);
    if (!format)
        return {};
    return QPageSize(format->paperMm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch);
}

int GuideRenderer::pageCount(const GuideInput& input, QPagedPaintDevice* device) const
{
    const auto format = detail::FormatProfile::forOptions(m_options);
    const QRectF content = device ? contentRect(device, m_options.marginsMm()) : QRectF();
    if (!format || !checkPaintable(input, device, content))
        return 0;
    return detail::GuideLayout(input, m_options, *format, device, content.size()).pageCount();
}

core::Status GuideRenderer::paint(const GuideInput& input, QPagedPaintDevice* device) const
{
    const auto format = detail::FormatProfile::forOptions(m_options);
    if (!format)
        return unknownFormat(m_options);
    const QRectF content = device ? contentRect(device, m_options.marginsMm()) : QRectF();
    if (const core::Status ok = checkPaintable(input, device, content); !ok)
        return ok;
    const detail::GuideLayout layout(input, m_options, *format, device, content.size());
    QPainter painter;
    if (!painter.begin(device))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The guide could not be printed."),
                               QStringLiteral("QPainter::begin failed on the output device"));
    return finish(painter, paintPages(layout, painter, device, content));
}

core::Status GuideRenderer::writePdf(const GuideInput& input, const QString& path) const
{
    const auto format = detail::FormatProfile::forOptions(m_options);
    if (!format)
        return unknownFormat(m_options);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The guide PDF cannot be written."),
                               path + QStringLiteral(": ") + file.errorString());
    core::Status painted = core::Done {};
    {
        QPdfWriter writer(&file);
        writer.setResolution(kPdfResolution);
        writer.setTitle(detail::Labels::forLanguage(m_options.language).title);
        writer.setCreator(QStringLiteral("PharmDesk"));
        const QMarginsF margins = m_options.marginsMm();
        QSizeF paper = format->paperMm;
        if (format->continuous)
            paper.setHeight(detail::kMaxReceiptMm);
        auto setPaper = [&writer](QSizeF mm) {
            return writer.setPageLayout(QPageLayout(QPageSize(mm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch),
                                                    QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        };
        setPaper(paper);
        if (format->continuous) {
            // Lay out on the longest roll, then cut the page to what the content needs (a layout
            // only depends on the width, which stays).
            const QRectF content = contentRect(&writer, margins);
            painted = checkPaintable(input, &writer, content);
            if (painted) {
                const detail::GuideLayout layout(input, m_options, *format, &writer, content.size());
                if (layout.pageCount() == 1) {
                    const qreal mm = writer.logicalDpiY() / 25.4;
                    const qreal needed = layout.neededHeight(0) / mm + margins.top() + margins.bottom();
                    paper.setHeight(std::max(std::ceil(needed), 60.0 + margins.top() + margins.bottom()));
                    setPaper(paper);
                }
                QPainter painter;
                if (!painter.begin(&writer))
                    painted = core::makeError(core::ErrorCategory::Io, QStringLiteral("The guide could not be printed."),
                                              QStringLiteral("QPainter::begin failed on the PDF writer"));
                else
                    painted = finish(painter, paintPages(layout, painter, &writer, contentRect(&writer, margins)));
            }
        } else {
            painted = paint(input, &writer);
        }
    }
    if (!painted) {
        file.cancelWriting();
        return painted;
    }
    if (!file.commit())
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The guide PDF cannot be written."),
                               path + QStringLiteral(": ") + file.errorString());
    return core::Done {};
}

} // namespace pharmdesk::guide
