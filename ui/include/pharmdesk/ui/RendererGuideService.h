// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/guide/GuideRenderer.h"
#include "pharmdesk/ui/GuideService.h"

#include <memory>

namespace pharmdesk::ui {

/// GuideService over guide::GuideRenderer. Texts come from the catalog once setCatalog() has been
/// called; before that a guide has names and dosing only (nothing is invented).
/// Threading: every method on the GUI thread; exportPdf() renders on the global thread pool.
class RendererGuideService final : public GuideService
{
public:
    explicit RendererGuideService(core::PharmacyInfo pharmacy, guide::GuideOptions options = {});

    void setCatalog(std::shared_ptr<const core::DrugCatalog> catalog);

    core::Status paint(const core::Prescription& prescription, QPagedPaintDevice* device) override;
    QFuture<core::Status> exportPdf(const core::Prescription& prescription, const QString& path) override;
    void applySettings(const core::Settings& settings) override;
    const guide::GuideOptions& options() const { return m_options; }

private:
    guide::GuideInput inputFor(const core::Prescription& prescription) const;

    core::PharmacyInfo m_pharmacy;
    guide::GuideOptions m_options;
    std::shared_ptr<const core::DrugCatalog> m_catalog;
};

} // namespace pharmdesk::ui
