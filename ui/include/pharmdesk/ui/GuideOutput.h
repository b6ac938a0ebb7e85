// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/ui/CounterSettings.h"

#include <QObject>
#include <memory>

namespace pharmdesk::ui {

class GuideService;

/// Puts out the guide of a confirmed prescription the way the settings say, in one step: a PDF
/// under <guideFolder>/<yyyy-MM-dd>/ (written on a worker by the GuideService), or the printer
/// (painted on the GUI thread, as GuideService::paint() requires; the spooler does the rest).
/// One output at a time. Threading: GUI thread only.
class GuideOutput : public QObject
{
    Q_OBJECT

public:
    GuideOutput(std::shared_ptr<GuideService> guide, QObject* parent = nullptr);

    void setSettings(const CounterSettings& settings) { m_settings = settings; }
    bool isBusy() const { return m_busy; }

    /// Starts the output of `prescription` for queue entry `id`; `baseName` names the PDF
    /// (no patient data: the image's name). Returns false when another output is running.
    bool deliver(quint64 id, const core::Prescription& prescription, const QString& baseName);

    /// The PDF path deliver() would use now for `baseName` (a free name: never overwrites).
    QString pdfPathFor(const QString& baseName) const;

Q_SIGNALS:
    /// `where` is the PDF path or the printer's name; `error` is set when !ok.
    void delivered(quint64 id, bool ok, const QString& where, const pharmdesk::core::Error& error);

private:
    void print(quint64 id, const core::Prescription& prescription);

    std::shared_ptr<GuideService> m_guide;
    CounterSettings m_settings;
    bool m_busy = false;
};

} // namespace pharmdesk::ui
