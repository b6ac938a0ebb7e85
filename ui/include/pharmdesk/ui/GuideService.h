// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/core/Settings.h"

#include <QFuture>
#include <QString>

class QPagedPaintDevice;

namespace pharmdesk::ui {

/// The seam between the GUI and the medication guide (복약안내문).
///
/// Threading: paint() runs on the GUI thread (print preview paints there; one guide is a few pages
/// of text). exportPdf() is called on the GUI thread, takes a copy of the prescription and writes
/// the file on a worker thread; the future carries exactly one Status.
class GuideService
{
public:
    virtual ~GuideService() = default;

    /// Paints the guide for `prescription` on an already-configured device (the preview's QPrinter).
    virtual core::Status paint(const core::Prescription& prescription, QPagedPaintDevice* device) = 0;

    virtual QFuture<core::Status> exportPdf(const core::Prescription& prescription, const QString& path) = 0;

    /// New settings (pharmacy details, guide format and language) for every later guide.
    virtual void applySettings(const core::Settings& settings) = 0;
};

} // namespace pharmdesk::ui
