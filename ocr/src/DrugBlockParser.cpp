// SPDX-License-Identifier: GPL-3.0-or-later
// Drug lines written as blocks (a telemedicine app's phone screen): name, code, then a sentence
// "1회 1정 · 1일 3회 · 3일 · 식후 30분".
#include "pharmdesk/ocr/DrugBlockParser.h"

#include "pharmdesk/core/Hangul.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include <QRegularExpression>

#include <algorithm>

namespace pharmdesk::ocr {

namespace {

using core::Field;

constexpr QChar kSeparator(0x00B7);  // every separator of a detail sentence becomes a middle dot

/// The words of a line as one string: each word's compact text, one space between words, the
/// separators (·, ㆍ, •, ",", "/", a dash or point not between digits) turned into kSeparator and
/// full-width letters into ASCII. `word`/`offset` map each character back to its word.
struct Stream
{
    QString text;
    QList<int> word;    ///< per character: the word's index, -1 for the spaces between words
    QList<int> offset;  ///< per character: the index in that word's compact text
};

Stream streamOf(const OcrLine& line)
{
    Stream s;
    static const QString separators = QStringLiteral("·ㆍ•∙‧・|,/;‥…");
    for (int w = 0; w < line.words.size(); ++w) {
        const QString t = text::compact(line.words[w].text);
        if (t.isEmpty())
            continue;
        if (!s.text.isEmpty()) {
            s.text += QLatin1Char(' ');
            s.word.append(-1);
            s.offset.append(-1);
        }
        for (int i = 0; i < t.size(); ++i) {
            QChar c = t[i];
            if (c.unicode() >= 0xFF01 && c.unicode() <= 0xFF5E)
                c = QChar(c.unicode() - 0xFEE0);
            const bool digitBefore = i > 0 && t[i - 1].isDigit();
            const bool digitAfter = i + 1 < t.size() && t[i + 1].isDigit();
            if (separators.contains(c) || ((c == QLatin1Char('-') || c == QLatin1Char('.')) && !(digitBefore && digitAfter)))
                c = kSeparator;
            s.text += c;
            s.word.append(w);
            s.offset.append(i);
        }
    }
    return s;
}

/// Width of a character relative to a Hangul syllable, for cutting a part out of a word's box.
double charWidth(QChar c)
{
    if (core::hangul::isSyllable(c))
        return 1.0;
    if (c == QLatin1Char('.') || c == QLatin1Char(',') || c == kSeparator)
        return 0.3;
    if (c.isDigit())
        return 0.55;
    return c.isLetter() ? 0.6 : 0.45;
}

/// The box of characters [first, last] of a word's compact text, cut out of the word's box in
/// proportion to typical character widths.
QRect partOfWord(const OcrWord& word, int first, int last)
{
    const QString t = text::compact(word.text);
    if (t.isEmpty() || (first <= 0 && last + 1 >= t.size()))
        return word.box;
    double before = 0, inside = 0, total = 0;
    for (int i = 0; i < t.size(); ++i) {
        const double cw = charWidth(t[i]);
        total += cw;
        if (i < first)
            before += cw;
        else if (i <= last)
            inside += cw;
    }
    const int left = word.box.left() + int(word.box.width() * before / total);
    const int width = std::max(2, int(word.box.width() * inside / total + 0.5));
    return QRect(left, word.box.top(), std::min(width, word.box.right() - left + 1), word.box.height());
}

/// The words behind characters [from, to) of the stream: the box of exactly those characters
/// and the least confidence of the words touched.
TextSpan spanOfStream(const OcrLine& line, const Stream& s, qsizetype from, qsizetype to)
{
    TextSpan span;
    span.confidence = 1.0;
    span.text = s.text.mid(from, to - from);
    bool any = false;
    for (int w = 0; w < line.words.size(); ++w) {
        int first = -1, last = -1;
        for (qsizetype i = from; i < to; ++i) {
            if (s.word[i] == w) {
                first = first < 0 ? s.offset[i] : first;
                last = s.offset[i];
            }
        }
        if (first < 0)
            continue;
        any = true;
        span.box = span.box.united(partOfWord(line.words[w], first, last));
        span.confidence = std::min(span.confidence, line.words[w].confidence);
    }
    if (!any)
        span.confidence = 0.0;
    return span;
}

/// A pattern with an optional space allowed between any two of its literal characters (OCR
/// splits Hangul into one word per syllable: "1 회 1 정").
QString spaced(const QString& literal)
{
    QStringList chars;
    for (QChar c : literal)
        chars.append(QRegularExpression::escape(QString(c)));
    return chars.join(QStringLiteral(" ?"));
}

const QString& numberPattern()
{
    static const QString p = QStringLiteral("([0-9]{1,4}(?:[.,][0-9]{1,4})?)");
    return p;
}

/// Dose units a detail sentence prints after the number (Hangul ones spaced: "캡 슐").
const QString& unitPattern()
{
    static const QString p = QStringLiteral("(정|[캡캠캅갭] ?[가-힣]?|포|mL|ml|ML|mI|cc|CC|gm|g|매|개|병|") + spaced(QStringLiteral("방울"))
        + QStringLiteral("|") + spaced(QStringLiteral("앰플")) + QStringLiteral(")");
    return p;
}

struct Match
{
    qsizetype start = 0, end = 0;        ///< the whole token
    qsizetype valueStart = 0, valueEnd = 0;  ///< its value (the number; for a dose number and unit)
    QString number, unit;
};

std::optional<Match> matchAt(const QRegularExpression& re, const Stream& s, qsizetype at, int valueGroup, int unitGroup = -1)
{
    const auto m = re.match(s.text, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    if (!m.hasMatch())
        return std::nullopt;
    Match r;
    r.start = m.capturedStart();
    r.end = m.capturedEnd();
    r.valueStart = m.capturedStart(valueGroup);
    r.valueEnd = unitGroup > 0 ? m.capturedEnd(unitGroup) : m.capturedEnd(valueGroup);
    r.number = m.captured(valueGroup);
    if (unitGroup > 0)
        r.unit = m.captured(unitGroup);
    return r;
}

/// The next separator at or after `at`, or the end.
qsizetype segmentEnd(const Stream& s, qsizetype at)
{
    const qsizetype sep = s.text.indexOf(kSeparator, at);
    return sep < 0 ? s.text.size() : sep;
}

bool isBoundary(const Stream& s, qsizetype at, qsizetype lastEnd)
{
    if (at == 0 || at == lastEnd)
        return true;
    const QChar before = s.text[at - 1];
    if (before == QLatin1Char(' ') || before == kSeparator)
        return true;
    // A number glued to a word that is no number ("13]1포"): it starts there.
    return s.text[at].isDigit() && !before.isDigit() && before != QLatin1Char('.') && before != QLatin1Char(',')
        && before != QLatin1Char('-');
}

} // namespace

std::optional<DrugDetail> parseDrugDetail(const OcrLine& line)
{
    const Stream s = streamOf(line);
    static const QRegularExpression labelledDose(spaced(QStringLiteral("1회")) + QStringLiteral(" ?(?:량 ?)?:? ?") + numberPattern()
                                                 + QStringLiteral(" ?") + unitPattern() + QStringLiteral("(?: ?씩)?"));
    static const QRegularExpression labelledTimes(QStringLiteral("(?:") + spaced(QStringLiteral("1일")) + QStringLiteral("|")
                                                  + spaced(QStringLiteral("하루")) + QStringLiteral(") ?:? ?([0-9]{1,2}) ?(?:회|번)"));
    static const QRegularExpression days(QStringLiteral("(?:총 ?)?([0-9]{1,3}) ?일(?: ?분| ?간)?(?! ?[0-9])"));
    static const QRegularExpression bareDose(numberPattern() + QStringLiteral(" ?") + unitPattern() + QStringLiteral("(?: ?씩)?"));
    static const QRegularExpression bareTimes(QStringLiteral("([0-9]{1,2}) ?(?:회|번)"));
    static const QRegularExpression doseAfter(QStringLiteral(" ?") + numberPattern() + QStringLiteral(" ?") + unitPattern());

    std::optional<Match> dose, times, day;
    QList<Match> bareDoses, bareTimesList;
    qsizetype lastEnd = 0;
    qsizetype usageFrom = -1;
    for (qsizetype at = 0; at < s.text.size(); ++at) {
        if (s.text[at] == QLatin1Char(' ') || s.text[at] == kSeparator || !isBoundary(s, at, lastEnd))
            continue;
        auto take = [&](std::optional<Match>& slot, const std::optional<Match>& m) {
            slot = m;
            at = m->end - 1;
            lastEnd = m->end;
        };
        if (auto m = matchAt(labelledDose, s, at, 1, 2); m && !dose) {
            take(dose, m);
            continue;
        }
        if (auto m = matchAt(labelledTimes, s, at, 1); m && !times) {
            take(times, m);
            continue;
        }
        if (auto m = matchAt(days, s, at, 1)) {
            // "1일 3회" is no number of days: nothing counted in 회 may follow in its part.
            if (!s.text.mid(m->end, segmentEnd(s, m->end) - m->end).contains(QStringLiteral("회"))) {
                day = m;
                usageFrom = m->end;
                break;
            }
        }
        if (auto m = matchAt(bareDose, s, at, 1, 2)) {
            // "총 9정" is the total, not a dose.
            const QString before = s.text.left(at).trimmed();
            if (!before.endsWith(QStringLiteral("총")))
                bareDoses.append(*m);
            at = m->end - 1;
            lastEnd = m->end;
            continue;
        }
        if (auto m = matchAt(bareTimes, s, at, 1); m && at > 0) {
            // "1회 1정": the dose's label, not a count.
            if (!doseAfter.match(s.text, m->end, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption)
                     .hasMatch())
                bareTimesList.append(*m);
            at = m->end - 1;
            lastEnd = m->end;
        }
    }

    DrugDetail detail;
    auto spanOf = [&](qsizetype from, qsizetype to) { return spanOfStream(line, s, from, to); };
    auto doseFrom = [&](const Match& m, double cap) {
        const auto n = text::parseNumberWithUnit(m.number + text::compact(m.unit));
        if (!n)
            return;
        const TextSpan span = spanOf(m.valueStart, m.valueEnd);
        detail.dose = Field<double>::read(n->value, std::min(span.confidence, cap), span.box);
        detail.doseUnit = n->unit;
        detail.doseText = m.number + text::compact(m.unit);
    };
    auto countFrom = [&](const Match& m, double cap) {
        const TextSpan span = spanOf(m.valueStart, m.valueEnd);
        return Field<int>::read(m.number.toInt(), std::min(span.confidence, cap), span.box);
    };
    // The least confidence of a whole token: a label misread as a letter lowers its number too.
    auto tokenConfidence = [&](const Match& m) { return spanOf(m.start, m.end).confidence; };
    if (dose) {
        doseFrom(*dose, tokenConfidence(*dose));
        detail.labelled += detail.dose.hasValue() ? 1 : 0;
    } else if (bareDoses.size() == 1) {
        doseFrom(bareDoses.first(), kUnlabelledConfidence);
    }
    if (times) {
        detail.timesPerDay = countFrom(*times, tokenConfidence(*times));
        ++detail.labelled;
    } else if (bareTimesList.size() == 1) {
        detail.timesPerDay = countFrom(bareTimesList.first(), kUnlabelledConfidence);
    }
    if (day) {
        detail.days = countFrom(*day, tokenConfidence(*day));
        ++detail.labelled;
    }
    // A sentence that begins with the dose or times label and is cut into parts like one
    // ("1 회 1AS-19 23) ㆍ 30 일 ㆍ 식후즉시") is a detail with unread numbers: the drug's line is
    // kept, its unread fields empty.
    static const QRegularExpression sentenceStart(QStringLiteral("^(?:") + spaced(QStringLiteral("1회")) + QStringLiteral("|")
                                                  + spaced(QStringLiteral("1일")) + QStringLiteral("|") + spaced(QStringLiteral("하루"))
                                                  + QStringLiteral(")"));
    const bool sentence = sentenceStart.match(s.text).hasMatch() && s.text.count(kSeparator) >= 2;
    if (detail.labelled < 1 || (detail.found() < 2 && !(sentence && detail.found() == 1)))
        return std::nullopt;

    // The dose label read and its number not ("1회 501L"): where the number is, when that is
    // one word alone in its part, to be read again.
    static const QRegularExpression doseLabel(spaced(QStringLiteral("1회")) + QStringLiteral(" ?(?:량 ?)?:? ?"));
    for (qsizetype at = 0; !detail.dose.hasValue() && at < s.text.size(); ++at) {
        const QString head = s.text.left(at).trimmed();
        if (!(head.isEmpty() || head.endsWith(kSeparator)))
            continue;
        const auto m = doseLabel.match(s.text, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch())
            continue;
        const qsizetype end = segmentEnd(s, m.capturedEnd());
        const QString part = s.text.mid(m.capturedEnd(), end - m.capturedEnd()).trimmed();
        static const QRegularExpression counted(QStringLiteral("[회일]"));
        if (!part.isEmpty() && !part.contains(QLatin1Char(' ')) && std::any_of(part.cbegin(), part.cend(), [](QChar c) { return c.isDigit(); })
            && !counted.match(part).hasMatch())
            detail.doseCell = spanOfStream(line, s, m.capturedEnd(), end).box;
        break;
    }

    // The usage: what follows the days ("식후 30분"), when it holds Hangul.
    if (usageFrom >= 0) {
        qsizetype from = usageFrom;
        while (from < s.text.size() && (s.text[from] == QLatin1Char(' ') || s.text[from] == kSeparator))
            ++from;
        if (from < s.text.size()) {
            // Words split into syllables ("식 후") are joined again where they stand close.
            QString usage;
            for (qsizetype i = from; i < s.text.size(); ++i) {
                if (s.text[i] != QLatin1Char(' ')) {
                    usage += s.text[i] == kSeparator ? QLatin1Char(' ') : s.text[i];
                    continue;
                }
                const OcrWord& left = line.words[s.word[i - 1]];
                const OcrWord& right = line.words[s.word[i + 1]];
                if (right.box.left() - left.box.right() > std::max(left.box.height(), right.box.height()) / 4)
                    usage += QLatin1Char(' ');
            }
            usage = usage.simplified();
            if (std::any_of(usage.cbegin(), usage.cend(), [](QChar c) { return core::hangul::isSyllable(c); })) {
                const TextSpan span = spanOf(from, s.text.size());
                detail.usage = Field<QString>::read(usage, span.confidence, span.box);
            }
        }
    }
    return detail;
}

namespace {

enum class LineKind { Detail, Code, CodeLabel, Name, Stop };

/// Words and titles of everything around a drug list on an e-prescription: a line holding one
/// of them never joins a drug block.
bool isStopText(const QString& compactText)
{
    static const QStringList words = {
        QStringLiteral("의약품"), QStringLiteral("처방약"), QStringLiteral("약품정보"), QStringLiteral("약국"), QStringLiteral("QR"),
        QStringLiteral("보여주"), QStringLiteral("사용기간"), QStringLiteral("질병"), QStringLiteral("분류기호"), QStringLiteral("면허"),
        QStringLiteral("요양기관"), QStringLiteral("주민"), QStringLiteral("교부"), QStringLiteral("성명"), QStringLiteral("환자"),
        QStringLiteral("의료기관"), QStringLiteral("처방정보"), QStringLiteral("처방의사"), QStringLiteral("전화"), QStringLiteral("팩스"),
        QStringLiteral("발급"), QStringLiteral("처방전"), QStringLiteral("진료"), QStringLiteral("조제"), QStringLiteral("이하여백"),
    };
    static const QRegularExpression count(QStringLiteral("총[0-9]{1,2}(종|개|품목|건)"));
    return std::any_of(words.cbegin(), words.cend(), [&](const QString& w) { return compactText.contains(w); })
        || count.match(compactText).hasMatch();
}

/// Letters and digits in a line: a QR block or a speck reads as a letter or two.
int meaningfulChars(const QString& compactText)
{
    return int(std::count_if(compactText.cbegin(), compactText.cend(), [](QChar c) { return c.isLetterOrNumber(); }));
}

/// The code label a line starts with ("보험코드", "코드:", "EDI"): its length in the line's
/// compact text, 0 when none.
qsizetype codeLabelLength(const QString& compactText)
{
    static const QRegularExpression label(QStringLiteral("^(?:(?:보험|약품|청구)?코드|보험|EDI)(?:번호)?:?"),
                                          QRegularExpression::CaseInsensitiveOption);
    const auto m = label.match(compactText);
    return m.hasMatch() ? m.capturedLength() : 0;
}

/// A code in a line: a word that is one, or the nine digits a label is glued to ("보험코드643309320").
std::optional<std::pair<QString, TextSpan>> codeIn(const OcrLine& line)
{
    static const QRegularExpression glued(QStringLiteral("^[^0-9]*(?:코드|EDI):?([0-9]{9})$"));
    for (const OcrWord& w : line.words) {
        if (const auto code = ediCodeToken(w.text))
            return std::make_pair(*code, TextSpan { *code, w.box, w.confidence });
        const QString t = text::compact(w.text);
        if (const auto m = glued.match(t); m.hasMatch()) {
            const QRect box = partOfWord(w, int(m.capturedStart(1)), int(m.capturedEnd(1)) - 1);
            return std::make_pair(m.captured(1), TextSpan { m.captured(1), box, w.confidence });
        }
    }
    return std::nullopt;
}

LineKind classify(const OcrLine& line)
{
    const QString compactText = text::compact(line.text());
    if (parseDrugDetail(line))
        return LineKind::Detail;
    if (isStopText(compactText) || meaningfulChars(compactText) < 2)
        return LineKind::Stop;
    if (codeIn(line))
        return LineKind::Code;
    if (codeLabelLength(compactText) > 0)
        return LineKind::CodeLabel;
    const int syllables = int(std::count_if(compactText.cbegin(), compactText.cend(), [](QChar c) { return core::hangul::isSyllable(c); }));
    const int latin = int(std::count_if(compactText.cbegin(), compactText.cend(), [](QChar c) { return c.isLetter() && c.unicode() < 128; }));
    return syllables >= 2 || latin >= 3 ? LineKind::Name : LineKind::Stop;
}

/// The words of a name line without the list's running number ("1", "2.", "①", or "ㅣ" for a
/// misread 1) standing apart before the name, and without a "약품명" label.
QList<OcrWord> nameWords(const OcrLine& line)
{
    QList<OcrWord> words = line.words;
    static const QRegularExpression index(QStringLiteral("^(?:[0-9]{1,2}[.)]?|[ㅣlI|]|[①-⑳])$"));
    if (words.size() >= 2) {
        const OcrWord& first = words[0];
        const OcrWord& next = words[1];
        const int gap = next.box.left() - first.box.right();
        if (index.match(text::compact(first.text)).hasMatch() && gap > first.box.height() / 2)
            words.removeFirst();
    }
    while (!words.isEmpty()) {
        const QString t = text::compact(words.first().text);
        if (t.startsWith(QStringLiteral("약품명")) || t == QStringLiteral(":")) {
            QString rest = t.mid(t.startsWith(QStringLiteral("약품명")) ? 3 : 1);
            if (rest.startsWith(QLatin1Char(':')))
                rest = rest.mid(1);
            if (rest.isEmpty()) {
                words.removeFirst();
                continue;
            }
            words.first().text = rest;
        }
        break;
    }
    return words;
}

int median(QList<int> values, int fallback)
{
    if (values.isEmpty())
        return fallback;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

} // namespace

QList<ParsedRow> parseDrugBlocks(const PageText& page)
{
    const QList<OcrLine>& lines = page.lines;
    QList<LineKind> kinds;
    QList<int> anchors;
    for (int i = 0; i < lines.size(); ++i) {
        kinds.append(classify(lines[i]));
        if (kinds.last() == LineKind::Detail)
            anchors.append(i);
    }
    if (anchors.isEmpty())
        return {};
    auto centre = [&](int i) { return lines[i].box.center().y(); };
    auto member = [&](int i) { return kinds[i] == LineKind::Code || kinds[i] == LineKind::CodeLabel || kinds[i] == LineKind::Name; };

    // How far apart the lines of a block are: from the lines between details (all of them in
    // blocks), else from the text height.
    QList<int> pitches, heights;
    for (qsizetype k = 0; k + 1 < anchors.size(); ++k) {
        for (int i = anchors[k]; i < anchors[k + 1]; ++i)
            pitches.append(centre(i + 1) - centre(i));
    }
    for (int a : anchors) {
        for (const OcrWord& w : lines[a].words)
            heights.append(w.box.height());
    }
    const int height = median(heights, 20);
    // A block whose code line went unread leaves a wider step: generous, yet far from the gap
    // to a card or a caption.
    const int maxPitch = pitches.isEmpty() ? 3 * height : std::max(median(pitches, 0) * 11 / 5, 2 * height);

    // Lines above the first detail and below the last that belong to the list: block members
    // at block spacing, at most three.
    int before = 0;
    for (int i = anchors.first() - 1; i >= 0 && before < 3 && member(i) && centre(i + 1) - centre(i) <= maxPitch; --i)
        ++before;
    QList<bool> afterIsCode;
    for (int i = anchors.last() + 1; i < lines.size() && afterIsCode.size() < 3 && member(i) && centre(i) - centre(i - 1) <= maxPitch; ++i)
        afterIsCode.append(kinds[i] != LineKind::Name);

    // Every block is printed alike. Names above their details (the usual list item, and the
    // choice when neither end shows a pattern): the lines between two details go to the lower
    // one, except leading lines of the kinds printed under the last detail (a code line under
    // each detail). Names under their details (nothing above the first): all go to the upper one.
    QList<QList<int>> blocks;
    for (qsizetype k = 0; k < anchors.size(); ++k)
        blocks.append(QList<int> { anchors[k] });
    for (int i = anchors.first() - before; i < anchors.first(); ++i)
        blocks.first().append(i);
    for (int i = anchors.last() + 1; i <= anchors.last() + int(afterIsCode.size()); ++i)
        blocks.last().append(i);
    const bool namesAbove = before > 0 || afterIsCode.isEmpty();
    for (qsizetype k = 0; k + 1 < anchors.size(); ++k) {
        QList<int> between;
        for (int i = anchors[k] + 1; i < anchors[k + 1]; ++i) {
            if (member(i))
                between.append(i);
        }
        qsizetype toPrevious = between.size();
        if (namesAbove) {
            toPrevious = 0;
            while (toPrevious < between.size() && toPrevious < afterIsCode.size()
                   && (kinds[between[toPrevious]] != LineKind::Name) == afterIsCode[toPrevious])
                ++toPrevious;
        }
        for (qsizetype j = 0; j < between.size(); ++j)
            blocks[j < toPrevious ? k : k + 1].append(between[j]);
    }

    QList<ParsedRow> rows;
    for (QList<int>& block : blocks) {
        std::sort(block.begin(), block.end());
        ParsedRow row;
        core::PrescriptionItem& item = row.item;
        QStringList raw;
        QList<OcrWord> name;
        for (int i : block) {
            const OcrLine& line = lines[i];
            raw.append(line.text());
            item.box = item.box.united(line.box);
            if (kinds[i] == LineKind::Detail) {
                const DrugDetail d = *parseDrugDetail(line);
                item.dose = d.dose;
                if (!d.doseCell.isNull())
                    row.cells.insert(Column::Dose, d.doseCell.adjusted(-2, -2, 2, 2));
                item.doseUnit = d.doseUnit;
                row.doseText = d.doseText;
                item.timesPerDay = d.timesPerDay;
                item.days = d.days;
                item.usage = d.usage;
                continue;
            }
            if (kinds[i] == LineKind::CodeLabel) {
                // A label and something unreadable where the code is: its place, to read again.
                const qsizetype label = codeLabelLength(text::compact(line.text()));
                QRect rest;
                qsizetype seen = 0;
                for (const OcrWord& w : line.words) {
                    const qsizetype size = text::compact(w.text).size();
                    if (seen + size > label)
                        rest = rest.united(seen >= label ? w.box : partOfWord(w, int(label - seen), int(size) - 1));
                    seen += size;
                }
                if (!rest.isNull() && !row.cells.contains(Column::Code))
                    row.cells.insert(Column::Code, rest.adjusted(-2, -2, 2, 2));
                continue;
            }
            QList<OcrWord> words = line.words;
            if (const auto code = codeIn(line); code && !item.ediCode.hasValue()) {
                item.ediCode = Field<QString>::read(code->first, code->second.confidence, code->second.box);
                // A code line holds a label and the code; a name printed before or after the
                // code stays.
                QList<OcrWord> beforeCode, rest;
                bool past = false;
                for (const OcrWord& w : words) {
                    const bool isCode = w.box.intersects(code->second.box);
                    if (past && !isCode)
                        rest.append(w);
                    else if (!past && !isCode)
                        beforeCode.append(w);
                    past = past || isCode;
                }
                QString beforeText;
                for (const OcrWord& w : beforeCode)
                    beforeText += text::compact(w.text);
                if (codeLabelLength(beforeText) == 0)
                    rest = beforeCode + rest;
                words = rest;
                if (words.isEmpty())
                    continue;
            } else if (kinds[i] == LineKind::Code) {
                continue;
            }
            OcrLine nameLine;
            nameLine.words = words;
            name += nameWords(nameLine);
        }
        QStringList parts;
        QRect nameBox;
        double nameConfidence = 1.0;
        for (const OcrWord& w : name) {
            parts.append(w.text);
            nameBox = nameBox.united(w.box);
            nameConfidence = std::min(nameConfidence, w.confidence);
        }
        const QString cleaned = text::cleanDrugName(parts.join(QLatin1Char(' ')));
        if (!cleaned.isEmpty())
            item.nameAsRead = Field<QString>::read(cleaned, nameConfidence, nameBox);
        item.rawText = raw.join(QLatin1Char(' '));
        item.line = int(rows.size()) + 1;
        rows.append(row);
    }
    return rows;
}

std::optional<int> printedDrugCount(const PageText& page)
{
    static const QRegularExpression count(QStringLiteral("총([0-9]{1,2})(?:종|개품목|품목|개)"));
    for (const OcrLine& line : page.lines) {
        if (const auto m = count.match(text::compact(line.text())); m.hasMatch())
            return m.captured(1).toInt();
    }
    return std::nullopt;
}

} // namespace pharmdesk::ocr
