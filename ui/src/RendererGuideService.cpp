// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/RendererGuideService.h"

#include <QDate>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

RendererGuideService::RendererGuideService(core::PharmacyInfo pharmacy, guide::GuideOptions options)
    : m_pharmacy(std::move(pharmacy))
    , m_options(std::move(options))
{ }

void RendererGuideService::setCatalog(std::shared_ptr<const core::DrugCatalog> catalog)
{
    m_catalog = std::move(catalog);
}

void RendererGuideService::applySettings(const core::Settings& settings)
{
    m_pharmacy = settings.pharmacy;
    m_options.format = settings.guideFormat;
    m_options.language = settings.language;
}

guide::GuideInput RendererGuideService::inputFor(const core::Prescription& prescription) const
{
    // In-memory lookups only: cheap enough for the GUI thread.
    return guide::makeGuideInput(prescription, m_catalog.get(), m_pharmacy, QDate::currentDate());
}

core::Status RendererGuideService::paint(const core::Prescription& prescription, QPagedPaintDevice* device)
{
    const guide::GuideRenderer renderer(m_options);
    // The printer (or preview) gets the format's paper first: the 80 mm roll, the bag label.
    if (const QPageSize paper = renderer.pageSize(); paper.isValid())
        device->setPageSize(paper);
    return renderer.paint(inputFor(prescription), device);
}

QFuture<core::Status> RendererGuideService::exportPdf(
    const core::Prescription& prescription, const QString& path)
{
    return QtConcurrent::run([input = inputFor(prescription), options = m_options, path] {
        return guide::GuideRenderer(options).writePdf(input, path);
    });
}

} // namespace pharmdesk::ui
