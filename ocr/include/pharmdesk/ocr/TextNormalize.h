// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace pharmdesk::ocr::text {

/// Small pure helpers for OCR text. None of them guesses: each either returns a value that the
/// text supports or nothing.

/// Removes all whitespace (labels are matched regardless of letter spacing: "성 명" = "성명").
QString compact(const QString& s);

/// Maps look-alike letters to digits (O/o/D/Q→0, l/I/|/!/i→1, Z/z→2, S/s→5, B→8, G→6, g/q→9) only
/// when the token is digits apart from such letters and at least two thirds of its characters are
/// already digits; separators `-` and `.` are kept. nullopt otherwise.
std::optional<QString> repairDigits(const QString& token);

/// A Korean telephone number written the standard way ("02-226-3805", "031-234-5678",
/// "010-1234-5678", "1588-1234") from its digits; dashes and spaces in `number` are ignored.
/// nullopt when the digits fit no part of the numbering plan (an area code 00x, a Seoul number of
/// 11 digits): a misread the dashes would otherwise hide.
std::optional<QString> formatPhone(const QString& number);

/// The digits of a number read on its own ("02-282-4687" → "022824687", ": 00513" → "00513"):
/// whitespace, dashes and points dropped, anything that is neither a digit nor a letter cut off
/// at either end (a colon beside the number). nullopt when no digit is left or any other
/// character remains (a letter, or a mark between the digits).
std::optional<QString> digitsOfNumber(const QString& read);

/// Whether `usage` (용법 as read) can be a usage as printed: every number in it is followed by a
/// unit or a word ("식후 30분", "1일 3회", "2-3방울"); a number standing alone or before a mark
/// ("식후 308", "식후 30%") is a misread unit. Without Hangul, only the Latin abbreviations
/// prescribers write ("tid pc", "b.i.d.", "q8h", "prn") can be a usage ("aaa" is a misread).
bool plausibleUsage(const QString& usage);

/// Whether `usage` is one of the usages EMRs print most ("식후 30분", "식전 30분", "식후 즉시",
/// "취침 전", "아침 식후", "환부에 도포", ...), spacing aside.
bool isCommonUsage(const QString& usage);

/// The date written in `text` as a prescription prints it ("2026년 02월 08일", "2026. 2. 8.",
/// "2026-02-08"): a year from 1900 to 2099, month and day, a valid date; nullopt otherwise. Only
/// digits count (no look-alike letters): it confirms a reading, it never repairs one.
std::optional<QDate> parseDate(const QString& text);

/// For a position the format fixes as digits (the two after a KCD code's letter): every
/// look-alike letter above is repaired, whatever the ratio; nullopt when any other character is
/// there.
std::optional<QString> repairFixedDigits(const QString& token);

/// A KCD diagnosis code found in text, and where.
struct KcdCode
{
    QString code;          ///< "J06.9", "K30"
    qsizetype start = 0;   ///< in the searched text
    qsizetype length = 0;
};

/// The KCD codes in `text` (words separated by spaces or not): a capital letter and two digits,
/// then optionally a point and one or two digits. The digit positions are fixed, so look-alike
/// letters there are repaired ("JO1.9", "JOO"); a point the read dropped is put back where every
/// digit is a true one ("H669" is H66.9: no code has three digits in a row; "AB12" is no code).
QList<KcdCode> kcdCodes(const QString& text);

/// One part of a word read where KCD codes stand: a code as read, or a code whose letter was
/// read as a digit or a mark ("178.4" for T78.4, "$93.4" for S93.4, "1166.9" for H66.9).
struct KcdPiece
{
    qsizetype start = 0;  ///< in the word
    QString code;         ///< a code as read ("K29.7"); empty for a code with its letter lost
    QString lead;         ///< what was read for the lost letter ("1", "$", "11")
    QString rest;         ///< the digits after it ("78.4")
};

/// The codes in `word` (no spaces) in reading order, run together or not ("2111.9K29.7",
/// "A09.9.110"), and the pieces between them that can be codes with their letter lost: one
/// mark or one or two digits, then two digits and optionally a point and one or two more.
/// Anything else is left out.
QList<KcdPiece> kcdPieces(const QString& word);

/// A decimal number like "1", "0.5", "0.3333", "1.00", "1,5" (comma as decimal point), possibly
/// followed by a unit; nullopt when there is none at the start.
struct NumberWithUnit
{
    double value = 0.0;
    QString unit;      ///< normalised unit (정, 캡슐, mL, cc, g, 포, 매, 개, T, C), empty when none
    QString number;    ///< the digits as printed
};
std::optional<NumberWithUnit> parseNumberWithUnit(const QString& cell);

/// The integer at the start of a cell ("3", "3회", "7일", "3 식후" when a usage spilled over),
/// look-alike letters repaired as above; nullopt for a decimal ("1.5") or no number.
std::optional<int> parseCount(const QString& cell);

/// True for a 9-digit insurance code, or an old code of one capital letter and 8 digits.
bool looksLikeEdiCode(const QString& token);

/// Drug name cleaned for matching: route suffixes "(내복)", "(외용)", "(주사)" and trailing
/// punctuation removed, inner whitespace removed.
QString cleanDrugName(const QString& name);

} // namespace pharmdesk::ocr::text
