// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/OcrTypes.h"

#include <algorithm>

namespace pharmdesk::ocr {

QString OcrLine::text() const
{
    QString s;
    for (const OcrWord& w : words) {
        if (!s.isEmpty())
            s.append(QLatin1Char(' '));
        s.append(w.text);
    }
    return s;
}

double OcrLine::confidence() const
{
    if (words.isEmpty())
        return 0.0;
    double c = 1.0;
    for (const OcrWord& w : words)
        c = std::min(c, w.confidence);
    return c;
}

QList<OcrLine> groupIntoLines(const QList<OcrWord>& input)
{
    QList<OcrWord> words;
    for (const OcrWord& w : input) {
        if (!w.text.trimmed().isEmpty() && !w.box.isEmpty())
            words.append(w);
    }
    std::sort(words.begin(), words.end(), [](const OcrWord& a, const OcrWord& b) {
        return a.box.center().y() < b.box.center().y();
    });
    QList<OcrLine> lines;
    for (const OcrWord& w : words) {
        OcrLine* best = nullptr;
        int bestOverlap = 0;
        for (OcrLine& line : lines) {
            // Compare with the line's last-added vertical extent: lines may drift on skewed pages.
            const int top = std::max(line.box.top(), w.box.top());
            const int bottom = std::min(line.box.bottom(), w.box.bottom());
            const int overlap = bottom - top + 1;
            const int smaller = std::min(line.box.height(), w.box.height());
            if (overlap * 2 >= smaller && overlap > bestOverlap) {
                bestOverlap = overlap;
                best = &line;
            }
        }
        if (best) {
            best->words.append(w);
            best->box = best->box.united(w.box);
        } else {
            lines.append(OcrLine { { w }, w.box });
        }
    }
    for (OcrLine& line : lines) {
        std::sort(line.words.begin(), line.words.end(), [](const OcrWord& a, const OcrWord& b) {
            return a.box.left() < b.box.left();
        });
    }
    std::sort(lines.begin(), lines.end(), [](const OcrLine& a, const OcrLine& b) {
        return a.box.center().y() < b.box.center().y();
    });
    return lines;
}

TextSpan spanOf(const OcrLine& line, qsizetype from, qsizetype length)
{
    TextSpan span;
    span.confidence = 1.0;
    qsizetype pos = 0;
    bool any = false;
    for (const OcrWord& w : line.words) {
        const qsizetype start = pos;
        const qsizetype end = pos + w.text.size();
        if (end > from && start < from + length) {
            span.box = span.box.united(w.box);
            span.confidence = std::min(span.confidence, w.confidence);
            any = true;
        }
        pos = end + 1;
    }
    span.text = line.text().mid(from, length);
    if (!any)
        span.confidence = 0.0;
    return span;
}

} // namespace pharmdesk::ocr
