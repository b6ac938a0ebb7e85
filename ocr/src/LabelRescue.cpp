// SPDX-License-Identifier: GPL-3.0-or-later
// Header labels the page read garbled, read again alone before the form is parsed.

#include "ReaderImpl.h"

#include "pharmdesk/ocr/TextNormalize.h"

#include <algorithm>

namespace pharmdesk::ocr {

namespace {

/// At most this many garbled words are read again on one page: a page of Latin text (no
/// prescription, or one printed in English) must not cost a re-read per word.
constexpr int kMaxLabelRereads = 8;

/// `text` without what borders and colons leave at either end (":", "|", ".").
QString lettersOnlyAtEnds(const QString& text)
{
    QString t = text::compact(text);
    while (!t.isEmpty() && !t.front().isLetterOrNumber())
        t.remove(0, 1);
    while (!t.isEmpty() && !t.back().isLetterOrNumber())
        t.chop(1);
    return t;
}

} // namespace

bool readAsLatinLetters(const QString& word)
{
    const QString t = lettersOnlyAtEnds(word);
    if (t.size() < 2)
        return false;
    const bool latin = std::all_of(t.cbegin(), t.cend(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
    });
    if (!latin)
        return false;
    static const QStringList kLatinLabels = { QStringLiteral("TEL"), QStringLiteral("FAX"), QStringLiteral("Email"),
                                              QStringLiteral("No") };
    return !std::any_of(kLatinLabels.cbegin(), kLatinLabels.cend(),
                        [&](const QString& l) { return t.compare(l, Qt::CaseInsensitive) == 0; });
}

QString headerLabelIn(const QString& reading)
{
    const QString label = lettersOnlyAtEnds(reading);
    return headerLabels().contains(label) ? label : QString();
}

void PrescriptionReader::Impl::rescueLabels(const Page& page, PageText& text)
{
    // Only the header: above the drug table's header line when the table was found.
    const auto table = findDrugTable(text);
    const qsizetype end = table ? table->headerLine : text.lines.size();
    const QRect image(0, 0, page.ocrImage.cols, page.ocrImage.rows);
    int budget = kMaxLabelRereads;
    for (qsizetype li = 0; li < end && budget > 0; ++li) {
        QList<OcrWord>& words = text.lines[li].words;
        for (qsizetype w = 0; w < words.size() && budget > 0; ++w) {
            if (!readAsLatinLetters(words[w].text))
                continue;
            // A label read as several Latin words ("D HHS"): one run, gaps under a character.
            qsizetype last = w;
            QRect box = words[w].box;
            while (last + 1 < words.size() && readAsLatinLetters(words[last + 1].text)
                   && words[last + 1].box.left() - words[last].box.right() < words[last].box.height()) {
                ++last;
                box = box.united(words[last].box);
            }
            TesseractEngine* korean = koreanEngine();
            if (!korean)
                return;
            --budget;
            // A little room around it: a label's first or last syllable the garbled box lost.
            const int h = box.height();
            const OcrWord again = korean->readLine(page.ocrImage, box.adjusted(-h / 4, -h / 4, h / 4, h / 4).intersected(image),
                                                   Segmentation::SingleLine);
            const QString label = headerLabelIn(again.text);
            const bool rescued = !label.isEmpty();
            qCDebug(lcReads) << "label" << words[w].text << "read again" << again.text << again.confidence
                             << (rescued ? "rescued" : "no label");
            if (!rescued) {
                w = last;
                continue;
            }
            // The label stands for the garbled words; the value after it is left as read.
            words.erase(words.begin() + w, words.begin() + last + 1);
            words.insert(w, OcrWord { label, box, again.confidence });
        }
    }
}

} // namespace pharmdesk::ocr
