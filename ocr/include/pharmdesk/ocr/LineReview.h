// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/core/Settings.h"

#include <QSet>

#include <optional>

namespace pharmdesk::ocr {

/// The thresholds of matching and review, as named values rather than numbers in the code.
struct ReviewPolicy
{
    /// Fields with a calibrated confidence below this are flagged (ReaderOptions::reviewThreshold).
    double threshold = core::Settings::kDefaultReviewThreshold;
    /// nameSimilarity() at or above which the name as read supports the product of the code.
    double nameAgrees = 0.60;
    /// nameSimilarity() at or above which the agreement makes the product near-certain.
    double nameStronglyAgrees = 0.80;
    /// matchName() top score needed to decide a product by the name alone...
    double nameAccept = 0.85;
    /// ...and by how much it must beat the runner-up.
    double nameMargin = 0.10;
    /// Plausible ranges (inclusive).
    int minTimesPerDay = 1, maxTimesPerDay = 6;
    int minDays = 1, maxDays = 180;
    /// Other forms (syrups in mL, granules, ointments): more than this at once is implausible.
    /// Single doses of syrups run 2-20 mL; measured: a photo lost the point of "7.5" and both
    /// readings agreed on 75, which the old limit of 100 let through as certain.
    double maxDose = 20.0;
    /// Tablets and capsules: more than this many at once is implausible (a unit "정" misread as
    /// a digit turns "1정" into "14"; in a Gulim-like font both engines read "1" as "4").
    /// Higher doses exist (prednisolone) and are then confirmed by the pharmacist.
    double maxSolidDose = 3.0;
};

/// Decides the product of one line and its review reasons, and sets the line confidence.
///
/// Product: a printed code found in the catalog AND a name as read that agrees → that product,
/// near-certain. Code found, name disagrees → CodeNameMismatch and the code's product kept only as
/// a low-confidence suggestion. Code missing or unknown → the name decides only when the best
/// match is strong and clearly ahead (else NameAmbiguous / NoMatch, no product); an unknown
/// printed code adds CodeNotFound. Numbers: Missing, Implausible and LowConfidence per field, and
/// TotalMismatch against `printedTotal` when given; a tablet or capsule dose above
/// maxSolidDose is Implausible. Line confidence = min of product, dose,
/// times and days confidence. Pure apart from catalog lookups; any thread.
void reviewItem(core::PrescriptionItem& item, const core::DrugCatalog& catalog, const ReviewPolicy& policy,
                std::optional<double> printedTotal = std::nullopt);

/// Header review: Missing for required fields (issue date and number, institution name and
/// code, patient name and RRN, prescriber name and licence number), LowConfidence for any read
/// field under the threshold. Keeps reasons already present (e.g. Invalid from the parser).
void reviewHeader(core::Prescription& prescription, const ReviewPolicy& policy);

/// Confidence of a name that a second, independent reading confirmed (see secondReadConfirmsName()).
inline constexpr double kConfirmedNameConfidence = 0.95;

/// Caps the confidence of header fields that nothing verifies, so reviewHeader() flags them.
///
/// Names (patient, prescriber, institution) have no list to be checked against: measured on
/// generated sets, a seal or a tight cell drops a syllable and the rest still reads with high OCR
/// confidence ("연희" for "황연희", "열린내과" for "열린내과의원"). A name is left certain
/// (kConfirmedNameConfidence) only when its key ("patient.name", "prescriber.name",
/// "institution.name") is in `confirmedNames`. On a bilevel (fax) capture every header field is
/// capped, confirmed or not: two engines agreed on wrong digits of issue dates. `cap` must lie
/// below the review threshold to have an effect.
void capUnverifiedHeaderFields(core::Prescription& prescription, bool bilevelCapture, double cap,
                               const QSet<QString>& confirmedNames = {});

} // namespace pharmdesk::ocr
