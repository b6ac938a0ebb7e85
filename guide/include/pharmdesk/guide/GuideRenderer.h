// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/core/Settings.h"

#include <QDate>
#include <QHash>
#include <QImage>
#include <QMarginsF>
#include <QPageSize>
#include <QString>
#include <QStringList>

#include <optional>

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
    QHash<int, QImage> pillImages;          ///< by item line, where the catalog has a cached picture
};

/// Collects texts, ingredients and cached pill pictures for each matched item from the catalog
/// (nothing for unmatched lines).
/// A product read back from a result file carries only its name, item_seq and codes; it is first
/// resolved to the catalog's own record (catalogProduct()) so that its text and ingredients are found.
/// `catalog` may be null: the guide then has dosing only. Called on any thread the catalog allows.
GuideInput makeGuideInput(const core::Prescription& prescription, const core::DrugCatalog* catalog,
                          const core::PharmacyInfo& pharmacy, QDate dispensingDate);

/// The catalog's record of `product`: by one of its own EDI codes (the record must have the same
/// item_seq, or the same name when item_seq is unknown), else by exact name. std::nullopt when the
/// catalog does not hold it; never a merely similar product.
std::optional<core::Product> catalogProduct(const core::Product& product, const core::DrugCatalog& catalog);

struct GuideOptions
{
    /// a4, a5: sheets with margins of `marginMm`. receipt: an 80 mm thermal roll (72 mm printable,
    /// 4 mm margins), one continuous page as long as the content. label: a 100 x 150 mm medicine-bag
    /// (약봉투) label, 3 mm margins, compact (patient, pharmacy, dosing timetable per drug), as many
    /// labels as needed. Receipt and label print in black only (thermal printers).
    QString format = QStringLiteral("a4");
    QString language = QStringLiteral("ko"); ///< ko or en: labels and dosing sentences; drug texts stay as published
    bool largePrint = false;                 ///< body text 14 pt instead of 12 pt
    bool highContrast = false;               ///< black on white only, no tints (always on for receipt and label)
    bool qrCodes = false;                    ///< a QR code per drug linking to its public MFDS page (needs its item_seq)
    double marginMm = 15.0;                  ///< a4/a5: nothing is painted closer to the paper's edge

    static QStringList supportedFormats();    ///< {"a4", "a5", "receipt", "label"}
    static QStringList supportedLanguages();  ///< {"ko", "en"}

    /// The margins nothing is painted in, in mm: `marginMm` on every side for a4/a5, the
    /// format's own for receipt and label.
    QMarginsF marginsMm() const;
};

/// Lays out and paints the medication guide (복약안내문).
///
/// Threading: needs a QGuiApplication (fonts); its const methods may run concurrently from any
/// threads (the batch import renders guides on its workers). The layout does not depend on the
/// device's resolution: a PDF, a printer and a screen preview get the same pages. Text that does
/// not fit flows onto the next page; nothing is clipped. Never invents text: a drug without a
/// source text gets its name, dosing and a line asking the patient to ask the pharmacist. Lines
/// that still need review are printed as read; deciding about them is the caller's business.
class GuideRenderer
{
public:
    explicit GuideRenderer(GuideOptions options = {});

    /// Writes a PDF with embedded (subset) Korean fonts, atomically (QSaveFile: on failure an
    /// existing file at `path` is left as it was). Page size from GuideOptions::format; a receipt
    /// is one page as long as its content (at most 5 m; longer content continues on further pages,
    /// breaking only between drugs).
    core::Status writePdf(const GuideInput& input, const QString& path) const;

    /// Paints onto an already-configured device (QPrinter for printing / preview, QPdfWriter), using
    /// the device's page size; starts new pages on the device as the text flows. Fails for a
    /// prescription without items or a device that cannot be painted on.
    core::Status paint(const GuideInput& input, QPagedPaintDevice* device) const;

    /// The paper of the format, for setting up a printer or a print preview before paint(): a4, a5,
    /// the label, and for a receipt the 80 mm roll with a provisional 297 mm page (writePdf() cuts
    /// its page to the content). An invalid QPageSize for an unknown format.
    QPageSize pageSize() const;

    /// Number of pages paint() produces for `input` on `device` (lays out without painting).
    int pageCount(const GuideInput& input, QPagedPaintDevice* device) const;

    /// The dosing sentence printed for an item, e.g. "1회 1정씩 하루 3번, 5일 동안 드세요 (식후 30분)";
    /// see guide::dosingSentence() in GuideContent.h.
    static QString dosingSentence(const core::PrescriptionItem& item, const QString& language = QStringLiteral("ko"));

private:
    GuideOptions m_options;
};

} // namespace pharmdesk::guide
