// SPDX-License-Identifier: GPL-3.0-or-later
#include "PageTextBuilder.h"

#include "pharmdesk/core/Hangul.h"

namespace pharmdesk::ocr::test {

OcrLine lineFromSpec(const QString& spec, int y)
{
    OcrLine line;
    for (const QString& token : spec.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype at = token.lastIndexOf(QLatin1Char('@'));
        OcrWord w;
        w.text = token.left(at);
        QString pos = token.mid(at + 1);
        w.confidence = 0.95;
        if (const qsizetype pc = pos.indexOf(QLatin1Char('%')); pc >= 0) {
            w.confidence = pos.mid(pc + 1).toDouble() / 100.0;
            pos = pos.left(pc);
        }
        int width = 0;
        for (QChar c : w.text)
            width += core::hangul::isSyllable(c) ? 28 : 15;
        w.box = QRect(pos.toInt(), y, width, 28);
        line.words.append(w);
        line.box = line.box.united(w.box);
    }
    return line;
}

PageText pageFromSpecs(const QStringList& specs, int width)
{
    PageText page;
    int y = 100;
    for (const QString& spec : specs) {
        page.lines.append(lineFromSpec(spec, y));
        y += 60;
    }
    page.size = QSize(width, y + 100);
    return page;
}

} // namespace pharmdesk::ocr::test
