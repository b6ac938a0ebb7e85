// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pharmdesk::core {

/// Why a field or line needs the pharmacist's eyes. Codes are stable (JSON, tests, UI filters);
/// see docs/result-format.md for the table.
struct ReviewReason
{
    enum class Kind {
        LowConfidence,       ///< OCR confidence under the review threshold
        Missing,             ///< a required value was not read
        Invalid,             ///< read but malformed (bad date, 8-digit code, ...)
        Implausible,         ///< read but outside plausible limits (times per day 9, days 400)
        CodeNotFound,        ///< 9-digit code not in the cache; name decided or nothing did
        CodeNameMismatch,    ///< code and name point to different products
        NameAmbiguous,       ///< two candidates too close to call
        NoMatch,             ///< no product found for the line
        TotalMismatch,       ///< dose x times x days disagrees with the printed total
    };

    Kind kind = Kind::LowConfidence;
    QString field;   ///< "dose", "patient.name", ... (empty for a whole line)
    QString detail;  ///< short human text; never a resident number in clear

    /// "low_confidence:dose"-style stable code.
    QString code() const;
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    bool operator==(const ReviewReason&) const = default;
};

} // namespace pharmdesk::core
