// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Prescription.h"

#include <QList>
#include <QRect>
#include <QString>
#include <optional>

namespace pharmdesk::ui {

/// The header fields of a prescription shown in the review form, in form (and review) order.
enum class HeaderField {
    IssueDate,
    IssueNumber,
    ValidityDays,
    InstitutionName,
    InstitutionCode,
    InstitutionPhone,
    PrescriberName,
    PrescriberLicenseType,
    PrescriberLicenseNumber,
    PatientName,
    PatientRrn,
    DiagnosisCodes,
};

/// Every header field, in form order.
QList<HeaderField> headerFields();

/// Korean label for the form ("교부일", ...).
QString headerFieldLabel(HeaderField field);

/// The key used by ReviewReason::field and the result JSON ("issue_date", "patient.name", ...).
QString headerFieldKey(HeaderField field);

/// What the form shows. The resident number is only ever shown masked ("YYMMDD-S******").
QString headerFieldText(const core::Prescription& prescription, HeaderField field);

/// False for the resident number: it is never shown in clear, so it cannot be edited here.
bool headerFieldEditable(HeaderField field);

/// Parses `text` into the field. On success the value counts as entered by hand (confidence 1,
/// the box kept so the region stays findable) and the field's review reasons are removed; empty
/// text clears the value. Returns false, changing nothing, when the text is not a valid value.
bool setHeaderFieldText(core::Prescription& prescription, HeaderField field, const QString& text);

/// The header review reasons that name this field.
QList<core::ReviewReason> headerFieldReasons(const core::Prescription& prescription, HeaderField field);

/// The field's confidence, or nullopt when it holds no value.
std::optional<double> headerFieldConfidence(const core::Prescription& prescription, HeaderField field);

/// Where the field was read, in source-image pixels; null when unknown.
QRect headerFieldBox(const core::Prescription& prescription, HeaderField field);

/// Needs review: a reason names it, or it holds a value read with confidence below `threshold`.
bool headerFieldFlagged(const core::Prescription& prescription, HeaderField field, double threshold);

} // namespace pharmdesk::ui
