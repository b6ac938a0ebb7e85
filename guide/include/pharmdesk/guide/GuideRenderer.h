// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/core/Settings.h"

#include <QDate>
#include <QHash>
#include <QString>

class QPagedPaintDevice;

namespace pharmdesk::guide {

/// Everything printed on a guide, gathered up front so rendering does no lookups.
struct GuideInput
{
    core::Prescription prescription;        ///< printed: patient name only, never the RRN
    core::PharmacyInfo pharmacy;
    QDate dispensingDate;
    QHash<int, core::GuideText> texts;      ///< by item line; a line absent here has no source text
    QHash<int, QString> ingredients;        ///< by item line, when known
};

/// Collects texts for each matched item from the catalog (nothing for unmatched lines).
GuideInput makeGuideInput(const core::Prescription& prescription, const core::DrugCatalog* catalog,
                          const core::PharmacyInfo& pharmacy, QDate dispensingDate);

struct GuideOptions
{
    QString format = QStringLiteral("a4");   ///< a4 (later: a5, receipt, label)
    QString language = QStringLiteral("ko");
    bool largePrint = false;
};

/// Lays out and paints the medication guide (복약안내문).
///
/// Threading: needs a QGuiApplication (fonts); may be used from any thread, one render at a time
/// per instance. Never invents text: a drug without a source text gets its name, dosing and a line
/// asking the patient to ask the pharmacist.
class GuideRenderer
{
public:
    explicit GuideRenderer(GuideOptions options = {});

    /// Writes a PDF with embedded fonts, atomically.
    core::Status writePdf(const GuideInput& input, const QString& path) const;

    /// Paints onto an already-configured device (QPrinter for printing / preview, QPdfWriter).
    core::Status paint(const GuideInput& input, QPagedPaintDevice* device) const;

    /// The dosing sentence printed for an item, e.g. "1회 1정씩, 하루 3번, 5일 동안 드세요".
    static QString dosingSentence(const core::PrescriptionItem& item, const QString& language = QStringLiteral("ko"));

private:
    GuideOptions m_options;
};

} // namespace pharmdesk::guide
