// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/FormParser.h"

#include "pharmdesk/ocr/DrugBlockParser.h"

#include <algorithm>

namespace pharmdesk::ocr {

namespace {

/// The page with the specks a fax or a border leaves at the start of a line (".", "|", "ㆍ")
/// taken off, so a drug row starts with its code. Measured: ". . 641908160 트루시타엠…" on a
/// standard-resolution fax was not taken for the first drug row, and the line went missing.
PageText withoutLeadingSpecks(const PageText& page)
{
    PageText cleaned = page;
    for (OcrLine& line : cleaned.lines) {
        while (line.words.size() > 1
               && std::none_of(line.words.first().text.cbegin(), line.words.first().text.cend(),
                               [](QChar c) { return c.isLetterOrNumber(); }))
            line.words.removeFirst();
    }
    return cleaned;
}

} // namespace

ParsedPage parsePage(const PageText& page)
{
    ParsedPage parsed;
    const PageText table = withoutLeadingSpecks(page);
    parsed.table = findDrugTable(table);
    QList<OcrLine> headerLines;
    if (parsed.table)
        parsed.rows = parseDrugTable(table, *parsed.table);
    // No drug table: an app's list of drug blocks (name, code, "1회 1정 · 1일 3회 · 3일").
    if (parsed.rows.isEmpty())
        parsed.rows = parseDrugBlocks(table);
    for (const ParsedRow& row : parsed.rows)
        parsed.prescription.items.append(row.item);
    // A list that states how many drugs it holds ("총 3종") and shows another number of them
    // misses one or read one too many: the prescription is never complete then.
    if (const auto printed = printedDrugCount(page); printed && *printed != parsed.rows.size()) {
        parsed.prescription.reviewReasons.append({ core::ReviewReason::Kind::Missing, QStringLiteral("items"),
                                                   QStringLiteral("%1 drugs printed, %2 read").arg(*printed).arg(parsed.rows.size()) });
    }
    // Header labels live above and below the table; the drug rows themselves never carry them.
    for (const OcrLine& line : page.lines) {
        const bool inRow = std::any_of(parsed.rows.cbegin(), parsed.rows.cend(),
                                       [&](const ParsedRow& r) { return r.item.box.intersects(line.box); });
        if (!inRow)
            headerLines.append(line);
    }
    parseHeader(headerLines, parsed.prescription, &parsed.headerValueBoxes);
    return parsed;
}

} // namespace pharmdesk::ocr
