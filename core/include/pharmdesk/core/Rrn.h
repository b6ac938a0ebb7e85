// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChar>
#include <QDate>
#include <QString>

#include <optional>

namespace pharmdesk::core::rrn {

/// Resident registration number (주민등록번호) helpers. None of these log or keep the number.
///
/// Since October 2020 new numbers carry no check digit, so validity here means: 13 digits, a real
/// birth date and a known sex/century digit. The check digit is never used to reject a number.

/// Digits only, "YYMMDDSNNNNNN" → "YYMMDD-SNNNNNN"; nullopt unless 13 digits.
std::optional<QString> normalize(const QString& text);

/// True when the number has a valid birth date and sex/century digit.
bool isValid(const QString& rrn);

/// "YYMMDD-S******". Empty when the first 7 digits are not readable.
QString mask(const QString& rrn);

std::optional<QDate> birthDate(const QString& rrn);
std::optional<QChar> sex(const QString& rrn);  ///< 'M' or 'F'

/// Age in whole years on `onDate`.
std::optional<int> ageOn(const QString& rrn, QDate onDate);

} // namespace pharmdesk::core::rrn
