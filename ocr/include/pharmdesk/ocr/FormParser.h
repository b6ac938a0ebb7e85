// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/ocr/OcrTypes.h"

#include <QHash>
#include <QList>
#include <QSize>
#include <QStringList>

#include <optional>

namespace pharmdesk::ocr {

/// What the parser reads: the recognised lines of one page and, where found, the table rulings,
/// all in the same pixel coordinates. Built by the reader from OCR, or by hand in tests.
struct PageText
{
    QList<OcrLine> lines;           ///< top to bottom
    QList<int> verticalRulings;     ///< x of long vertical lines, sorted
    QSize size;                     ///< page size (for relative thresholds); may be empty
};

/// Columns of a drug table.
enum class Column { Code, Name, Dose, Times, Days, Total, Usage };

/// Where the drug table is: its header line and each column's x-range.
struct TableLayout
{
    int headerLine = -1;            ///< index in PageText::lines of the (last) header line
    int headerBottom = 0;           ///< y below the header
    QHash<Column, std::pair<int, int>> columns;  ///< [left, right) per column found

    bool has(Column c) const { return columns.contains(c); }
};

/// One parsed drug row: the item (fields with boxes in page pixels, no product yet) and the
/// cell rectangles, so numbers can be re-read with a digit-only engine.
struct ParsedRow
{
    core::PrescriptionItem item;
    QHash<Column, QRect> cells;     ///< the cell of each column on this row
    core::Field<double> printedTotal;  ///< 총 투약량 where the layout prints it
    QString doseText;                  ///< the dose cell as read ("1캡슐"), for re-reading its number
    /// The words of the dose cell when they read as no number ("We" for 1캡슐: Latin letters won
    /// the page read), so the reader can read just them again; null otherwise.
    QRect unreadDose;
    /// Dose, times and days printed close together and read as one token ("1 1 1" → "111"):
    /// where that token is, so the reader can separate them again. Null otherwise.
    QRect mergedNumbers;
};

/// The parse of one page.
struct ParsedPage
{
    core::Prescription prescription;   ///< header fields and items (products not yet matched)
    QList<ParsedRow> rows;             ///< parallel to prescription.items
    std::optional<TableLayout> table;
    QHash<QString, QRect> headerValueBoxes;  ///< see parseHeader()
};

/// Finds the drug table header: a line (or two adjacent lines) naming at least three of the
/// dose/times/days/usage columns (투약량, 횟수, 일수, 용법 or 1회, 1일, 총, or 코드/약품명).
std::optional<TableLayout> findDrugTable(const PageText& page);

/// Reads drug rows below the header until "이하여백", a footer label (사용기간, 조제, ...), or the end
/// of the page; rows after a "주사제" marker are injections. Continuation lines of a wrapped name
/// are joined to the row above. Pure.
QList<ParsedRow> parseDrugTable(const PageText& page, const TableLayout& layout);

/// Every label the header parser looks for, without spaces ("교부번호", "면허번호", "의사명", ...).
/// A word the page read garbled where such a label stands ("DHHS" for a bold 교부번호) is read
/// again alone and taken for the label only when the new reading is one of these.
const QStringList& headerLabels();

/// Whether `word` (as the page read it) can only be a Hangul label read as Latin letters: two or
/// more Latin letters once colons and borders are cut off, no syllable, no digit, and none of
/// the Latin words forms print (TEL, FAX, e-mail).
bool readAsLatinLetters(const QString& word);

/// The label of headerLabels() that `reading` (a garbled word's box read again) is, spaces,
/// colons and borders aside; empty when it is anything else ("교 부 번호 :" is 교부번호).
QString headerLabelIn(const QString& reading);

/// Reads the header fields by label (교부 연월일 및 번호, 요양기관기호, 명칭, 전화번호, 성명,
/// 주민등록번호, 질병분류기호, 처방 의료인의 성명, 면허종별, 면허번호, 사용기간) from `lines`.
/// `valueBoxes` also receives "prescriber.name" and "patient.name": where the name belongs when
/// none was read (or what stands after the label is no name), "diagnosis_codes.split_label" when
/// the codes were gathered beside a label printed down several lines (질병 / 분류 / 기호), and
/// "diagnosis_codes.cell": that label's whole value cell, to be read again as one block.
/// Malformed values (an impossible date, an RRN with an impossible birth date) are left unset and
/// reported as Invalid reasons in prescription.reviewReasons. Pure.
/// `valueBoxes` (optional) receives where a labelled value was found even when it did not parse
/// ("diagnosis_codes", "institution.code"), so it can be read again with a restricted charset.
void parseHeader(const QList<OcrLine>& lines, core::Prescription& prescription,
                 QHash<QString, QRect>* valueBoxes = nullptr);

/// The whole page: table, rows, and header from the lines outside the table rows.
ParsedPage parsePage(const PageText& page);

/// A drug code in one OCR token: nine digits apart from look-alike letters ("6453O1Z2O"), or an
/// old code of a capital letter and eight digits; borders and a trailing point dropped. nullopt
/// otherwise. Pure.
std::optional<QString> ediCodeToken(const QString& token);

/// A person's name in `text` (2-5 Hangul syllables, trailing marks and "(서명 또는 날인)" dropped,
/// never a fragment of a form label); nullopt when there is none.
std::optional<QString> personNameIn(const QString& text);

} // namespace pharmdesk::ocr
