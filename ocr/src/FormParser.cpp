// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/FormParser.h"

#include <algorithm>

namespace pharmdesk::ocr {

ParsedPage parsePage(const PageText& page)
{
    ParsedPage parsed;
    parsed.table = findDrugTable(page);
    QList<OcrLine> headerLines;
    if (parsed.table) {
        parsed.rows = parseDrugTable(page, *parsed.table);
        for (const ParsedRow& row : parsed.rows)
            parsed.prescription.items.append(row.item);
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
