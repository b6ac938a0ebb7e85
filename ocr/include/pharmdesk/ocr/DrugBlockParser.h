// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/ocr/FormParser.h"

#include <optional>

namespace pharmdesk::ocr {

/// The dose, times and days of one drug written as a sentence, as a telemedicine app prints
/// them under the drug's name: "1회 1정 · 1일 3회 · 3일 · 식후 30분" (parts in any order;
/// "하루 3번", "7일분", "총 7일" and separators ·, ㆍ, ",", "/" or none). Each field has the box of
/// its number (the dose: number and unit) and the least confidence of the words it was read
/// from. A number whose label was not read ("13] 1포": "1회" misread) is taken only where
/// nothing else can be meant, and with its confidence capped under any review threshold
/// (kUnlabelledConfidence). Text after the days is the usage. Pure.
struct DrugDetail
{
    core::Field<double> dose;
    QString doseUnit;
    QString doseText;            ///< the dose as read ("1정"), for re-reading its number
    core::Field<int> timesPerDay;
    core::Field<int> days;
    core::Field<QString> usage;
    int labelled = 0;            ///< fields read with their label ("1회", "1일 …회", "…일")
    /// Where the dose is when its label was read and its number not ("1회 501L"); null otherwise.
    QRect doseCell;

    int found() const { return int(dose.hasValue()) + int(timesPerDay.hasValue()) + int(days.hasValue()); }
};

/// Confidence cap of a number read without its label.
inline constexpr double kUnlabelledConfidence = 0.6;

/// Reads `line` as a detail sentence; nullopt unless at least two of dose, times and days are
/// found and at least one of them with its label (so a table row "1정 3 5" or a header row
/// "사용기간 교부일로부터 7일" is no detail), or one labelled field in a sentence that begins with
/// "1회"/"1일"/"하루" and has at least two separators (the other numbers unreadable).
std::optional<DrugDetail> parseDrugDetail(const OcrLine& line);

/// Drug lines printed as blocks (a telemedicine phone screen): each drug one detail line (see
/// parseDrugDetail) with its name line(s) and an optional code line ("보험코드 643309320")
/// above or below it, all blocks in the same order. Titles, patient and clinic cards, the QR
/// caption and lines far from the list never join a block. One ParsedRow per detail line, in
/// page order; a field not read stays empty (the name when no name line is found, the code when
/// none is printed). Cells: the code's place when a code label was read without a code. Pure.
QList<ParsedRow> parseDrugBlocks(const PageText& page);

/// The number of drugs a list says it holds ("처방 의약품 총 3종", "총 3개 품목"); nullopt when
/// none is printed.
std::optional<int> printedDrugCount(const PageText& page);

} // namespace pharmdesk::ocr
