// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How two readings of one field are combined into its value and confidence. Internal to the
// reader (PrescriptionReader.cpp); pure functions, any thread.

#include "pharmdesk/core/Field.h"

#include <QRect>
#include <QSet>
#include <QStringList>

#include <QString>

#include <algorithm>
#include <array>
#include <optional>

namespace pharmdesk::ocr::agreement {

/// Confidence of a header number two different models read alike (confirmDigitField(),
/// confirmByThirdModel()).
constexpr double kModelsAgreed = 0.95;

/// Combines the general read of a digit field with the digit-only re-read: agreement raises the
/// confidence (two independent readings), disagreement sinks it under any review threshold.
template<typename T>
void combineReads(core::Field<T>& field, const std::optional<T>& digitValue, double digitConfidence,
                  bool keepFirstOnConflict = false)
{
    if (!digitValue) {
        field.confidence *= 0.9;  // a single reading
        return;
    }
    if (!field.hasValue()) {
        field.value = digitValue;
        field.confidence = digitConfidence * 0.85;
        return;
    }
    if (*field.value == *digitValue) {
        field.confidence = std::min(0.995, 1.0 - (1.0 - field.confidence) * (1.0 - digitConfidence));
        return;
    }
    if (digitConfidence > field.confidence && !keepFirstOnConflict)
        field.value = digitValue;
    field.confidence = std::min(field.confidence, digitConfidence) * 0.5;
}

/// A header number of several digits (요양기관기호, 면허번호, 교부번호, a phone number) read by the
/// page and again alone by the digit model. Two different models reading the same digit string
/// is strong evidence however low the page read rated itself (a colon glued to the number,
/// "：:31221122", takes its word confidence to 0.02, and a digit whitelist keeps the second
/// read's own rating low): the agreement of four or more digits counts as certain, unless
/// `trustAgreement` is false — faxes and enlarged low-resolution scans, where both models were
/// measured agreeing on a wrong digit.
inline void confirmDigitField(core::Field<QString>& field, const std::optional<QString>& again, double againConfidence,
                       bool trustAgreement, bool keepFirstOnConflict = false)
{
    const bool agree = field.hasValue() && again && *field.value == *again;
    combineReads(field, again, againConfidence, keepFirstOnConflict);
    if (agree && trustAgreement && field.value->size() >= 4)
        field.confidence = std::max(field.confidence, kModelsAgreed);
}

/// A header number whose page reading (`pageValue`, dashes allowed: "02-282-4687") the digit
/// model did not confirm, read a third time by another model (`third`, its digits). The same
/// digits, four or more, make two different models agreeing: the page reading becomes the value,
/// certain. Anything else leaves `field` as it was. Only for captures where agreement is trusted
/// (see confirmDigitField()).
inline bool confirmByThirdModel(core::Field<QString>& field, const QString& pageValue, const std::optional<QString>& third)
{
    const QString pageDigits = QString(pageValue).remove(QLatin1Char('-'));
    if (!third || *third != pageDigits || pageDigits.size() < 4)
        return false;
    field.value = pageValue;
    field.confidence = std::max(field.confidence, kModelsAgreed);
    return true;
}

/// Both readings found codes, and the same ones (in any order).
inline bool sameCodes(const std::optional<QStringList>& a, const std::optional<QStringList>& b)
{
    return a && b && QSet<QString>(a->cbegin(), a->cend()) == QSet<QString>(b->cbegin(), b->cend());
}

/// The codes read beside the statutory form's split label (`field`, the page read) and those
/// read from the whole cell (`cell`). Only the same codes from both, with nothing else in the
/// cell that could be a misread code, leave the field certain. Otherwise the cell's reading
/// (it sees every line of the cell) is offered for review when it holds all the page read's.
inline void mergeCellCodes(core::Field<QStringList>& field, const std::optional<QStringList>& cell, double cellConfidence,
                    bool cellComplete, const QRect& cellBox)
{
    constexpr double kUnconfirmed = 0.85;  // under any sensible review threshold
    if (!cell) {
        field.confidence = std::min(field.confidence, kUnconfirmed);
        return;
    }
    const bool same = sameCodes(field.value, cell);
    if (same) {
        field.confidence = std::min(0.995, 1.0 - (1.0 - field.confidence) * (1.0 - cellConfidence));
        if (!cellComplete)
            field.confidence = std::min(field.confidence, kUnconfirmed);
        return;
    }
    const bool cellHasAll = !field.hasValue() || std::all_of(field.value->cbegin(), field.value->cend(), [&](const QString& c) {
        return cell->contains(c);
    });
    const double before = field.hasValue() ? field.confidence : cellConfidence;
    if (cellHasAll) {
        field.value = cell;
        field.box = cellBox;
    }
    field.confidence = std::min({ before, cellConfidence, kUnconfirmed }) * 0.5;
}

/// The page read of a code list (`first`) and a second reading of its box (`second`) disagreed;
/// `third` is the box read again by another model. The codes become certain only when the third
/// reading finds exactly the second's codes, neither found anything else code-like there, and
/// the first reading holds no code the second lacks (it missed a code, "106.9" for J06.9, but
/// read none differently). Two models agreeing on every code of the box is then the evidence.
/// Returns whether the field was confirmed; otherwise it is left as it was.
inline bool confirmCodesByThirdRead(core::Field<QStringList>& field, const std::optional<QStringList>& first,
                                    const std::optional<QStringList>& second, bool secondComplete,
                                    const std::optional<QStringList>& third, bool thirdComplete, const QRect& box)
{
    constexpr double kTwoModelsAgreed = 0.93;
    if (!second || !third || !secondComplete || !thirdComplete)
        return false;
    const QSet<QString> codes(second->cbegin(), second->cend());
    if (codes != QSet<QString>(third->cbegin(), third->cend()))
        return false;
    if (first && !std::all_of(first->cbegin(), first->cend(), [&](const QString& c) { return codes.contains(c); }))
        return false;
    field.value = second;
    field.box = box;
    field.confidence = kTwoModelsAgreed;
    return true;
}

/// When the page read and the digit re-read disagree, a third read of the cell by the general
/// engine decides: with the digit read it makes two independent models agreeing; with the page
/// read it is the same model twice, which stays under review.
template<typename T>
void voteReads(core::Field<T>& field, const std::optional<T>& digitValue, double digitConfidence,
               const std::optional<T>& cellValue, double cellConfidence)
{
    const bool pageAgrees = field.hasValue() && cellValue && *field.value == *cellValue;
    const bool digitAgrees = digitValue && cellValue && *digitValue == *cellValue;
    if (digitAgrees) {
        // Two of three readings agree; the page read, when it had a value, dissents. Measured
        // (300-image benchmark, a 650-pixel Gulim scan): the digit and cell reads agreed on "4"
        // where the page read the printed "1". A dissent keeps the field under review.
        const bool pageDissents = field.hasValue() && *field.value != *digitValue;
        field.value = digitValue;
        field.confidence = std::min(pageDissents ? 0.85 : 0.93, 1.0 - (1.0 - digitConfidence) * (1.0 - cellConfidence));
    } else if (pageAgrees) {
        field.confidence = std::min(0.85, 1.0 - (1.0 - field.confidence) * (1.0 - cellConfidence));
    } else {
        // Readings that all differ: one is offered, under review. A unit read as digits only
        // ever adds digits after the number ("1캡슐" read "14" or "13", "5mL" read "5100"), so a
        // reading that begins every other one is taken first; otherwise the one its model was
        // surest of (a "4" that begins "41" says nothing against a page read "1").
        const double pageConfidence = field.hasValue() ? field.confidence : -1.0;
        const double least = std::min({ field.hasValue() ? field.confidence : 1.0, digitConfidence, cellConfidence });
        const std::array<std::optional<T>, 3> readings = { field.value, digitValue, cellValue };
        std::optional<T> prefix;
        for (const auto& a : readings) {
            if (!a)
                continue;
            int longer = 0;
            bool beginsAll = true;
            for (const auto& b : readings) {
                if (!b || *b == *a)
                    continue;
                const bool begins = QString::number(*b).startsWith(QString::number(*a));
                beginsAll = beginsAll && begins;
                longer += begins;
            }
            if (beginsAll && longer > 0)
                prefix = a;
        }
        if (prefix)
            field.value = prefix;
        else if (digitValue && digitConfidence > pageConfidence && digitConfidence >= cellConfidence)
            field.value = digitValue;
        else if (cellValue && cellConfidence > pageConfidence && cellConfidence > digitConfidence)
            field.value = cellValue;
        else if (!field.hasValue())
            field.value = digitValue ? digitValue : cellValue;
        field.confidence = least * 0.5;
    }
}

/// An EDI code read by the page (`pageRead`) and again by the digit model (`again`), `field`
/// already combined (combineReads()). Two readings that disagree leave the code under review
/// either way; of the two, the one `known` accepts (a product's code) is offered when the other
/// is not. Measured on a fax: the page read's 641908160 replaced by the digit model's
/// 641508160, a code no product has, and the line lost its product. The confidence is left as
/// combineReads() set it.
template<typename Known>
void preferKnownCode(core::Field<QString>& field, const QString& pageRead, const std::optional<QString>& again, Known known)
{
    if (!again || *again == pageRead)
        return;
    const bool pageKnown = known(pageRead);
    if (pageKnown != known(*again))
        field.value = pageKnown ? pageRead : *again;
}

} // namespace pharmdesk::ocr::agreement
