// SPDX-License-Identifier: GPL-3.0-or-later
// The drug table: header row → column x-ranges → one item per row.
#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace pharmdesk::ocr {

namespace {

using core::Field;

std::optional<QString> codeOf(const QString& token);

/// The column a header label names, if any. Order matters: "총투약일수" is days, not dose, and
/// the statutory "처방 의약품의 명칭 및 코드" is the name column (codes are printed inside it).
std::optional<Column> classifyHeaderText(const QString& text)
{
    const QString w = text::compact(text);
    auto has = [&](const char* s) { return w.contains(QString::fromUtf8(s)); };
    if (has("명칭") || has("약품명") || has("의약품") || has("약명"))
        return Column::Name;
    if (has("일수"))
        return Column::Days;
    if (has("횟수"))
        return Column::Times;
    if (has("총량") || has("총투여량") || has("총투약량"))
        return Column::Total;
    if (has("투약량") || has("투여량") || has("1회") || has("용량"))
        return Column::Dose;
    if (has("용법") || (w.startsWith(QString::fromUtf8("용")) && has("번") && w.size() <= 4))
        return Column::Usage;
    if (has("코드"))
        return Column::Code;
    if (w == QStringLiteral("1일"))
        return Column::Times;
    if (w == QStringLiteral("총"))
        return Column::Days;
    return std::nullopt;
}

/// True when a word, or a word joined with its right neighbour ("1" "회"), names a column.
bool isHeaderLike(const OcrLine& line)
{
    if (std::any_of(line.words.begin(), line.words.end(), [](const OcrWord& w) { return codeOf(w.text).has_value(); }))
        return false;
    for (qsizetype i = 0; i < line.words.size(); ++i) {
        if (classifyHeaderText(line.words[i].text))
            return true;
        if (i + 1 < line.words.size() && classifyHeaderText(line.words[i].text + line.words[i + 1].text))
            return true;
    }
    return false;
}

int medianWordHeight(const QList<OcrLine>& lines)
{
    QList<int> h;
    for (const OcrLine& l : lines) {
        for (const OcrWord& w : l.words)
            h.append(w.box.height());
    }
    if (h.isEmpty())
        return 20;
    std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
    return std::max(8, h[h.size() / 2]);
}

/// Column label boxes of a header band (one to three stacked lines): words are grouped into
/// labels by horizontal proximity, each label's text read top to bottom.
std::map<Column, QRect> headerColumns(const QList<OcrLine>& band, int wordHeight)
{
    QList<OcrWord> words;
    for (const OcrLine& l : band)
        words += l.words;
    std::sort(words.begin(), words.end(), [](const OcrWord& a, const OcrWord& b) { return a.box.left() < b.box.left(); });
    struct Group
    {
        QRect box;
        QList<OcrWord> words;
    };
    QList<Group> groups;
    const int gap = std::max(6, wordHeight * 4 / 5);
    for (const OcrWord& w : words) {
        if (!groups.isEmpty() && w.box.left() <= groups.last().box.right() + gap) {
            groups.last().box = groups.last().box.united(w.box);
            groups.last().words.append(w);
        } else {
            groups.append({ w.box, { w } });
        }
    }
    std::map<Column, QRect> found;
    for (Group& g : groups) {
        std::sort(g.words.begin(), g.words.end(), [&](const OcrWord& a, const OcrWord& b) {
            if (std::abs(a.box.center().y() - b.box.center().y()) > wordHeight / 2)
                return a.box.center().y() < b.box.center().y();
            return a.box.left() < b.box.left();
        });
        QString text;
        for (const OcrWord& w : g.words)
            text += w.text;
        if (const auto c = classifyHeaderText(text); c && !found.count(*c))
            found[*c] = g.box;
    }
    return found;
}

int numericColumns(const std::map<Column, QRect>& cols)
{
    int n = 0;
    for (Column c : { Column::Dose, Column::Times, Column::Days, Column::Usage })
        n += cols.count(c) ? 1 : 0;
    return n;
}

bool isFooter(const QString& compactText)
{
    static const QStringList footers = {
        QStringLiteral("사용기간"), QStringLiteral("조제시참고사항"), QStringLiteral("조제내역"), QStringLiteral("조제기관"),
        QStringLiteral("조제약사"), QStringLiteral("조제량"), QStringLiteral("의약품조제"), QStringLiteral("본처방전"),
        QStringLiteral("처방전은"), QStringLiteral("발행기관"),
    };
    return std::any_of(footers.begin(), footers.end(), [&](const QString& f) { return compactText.contains(f); });
}

QString joinCompact(const QList<OcrWord>& words)
{
    QString s;
    for (const OcrWord& w : words)
        s += text::compact(w.text);
    return s;
}

QString joinSpaced(const QList<OcrWord>& words)
{
    QStringList parts;
    for (const OcrWord& w : words)
        parts.append(w.text);
    return parts.join(QLatin1Char(' '));
}

struct Cell
{
    QList<OcrWord> words;
    QRect box() const
    {
        QRect r;
        for (const OcrWord& w : words)
            r = r.united(w.box);
        return r;
    }
    double confidence() const
    {
        double c = 1.0;
        for (const OcrWord& w : words)
            c = std::min(c, w.confidence);
        return words.isEmpty() ? 0.0 : c;
    }
};

/// A code token: see ediCodeToken().
std::optional<QString> codeOf(const QString& token)
{
    return ediCodeToken(token);
}

} // namespace

std::optional<QString> ediCodeToken(const QString& token)
{
    QString t = text::compact(token);
    static const QRegularExpression edges(QStringLiteral("^[|\\[\\](]+|[|\\[\\]):.,]+$"));
    t.remove(edges);
    if (text::looksLikeEdiCode(t))
        return t;
    if (t.size() == 9) {
        if (const auto repaired = text::repairDigits(t); repaired && !repaired->contains(QLatin1Char('-'))
            && !repaired->contains(QLatin1Char('.')))
            return *repaired;
    }
    return std::nullopt;
}

namespace {

/// A fax's specks stick to a number as a trailing point or comma ("2.", "3,"): a number cell's
/// text without them. A decimal point inside ("0.5") stays.
QString withoutTrailingSpeck(QString compactText)
{
    static const QRegularExpression speck(QStringLiteral("(?<=[0-9가-힣a-zA-Z])[.,:;'`]+$"));
    compactText.remove(speck);
    return compactText;
}

/// A cell holding just a number, optionally with a unit ("3", "0.50", "1정", "5 mL").
bool isNumericCell(const QString& text)
{
    static const QRegularExpression re(QStringLiteral(
        "^[0-9OolIS]{1,4}(?:[.,][0-9OolIS]{1,4})?(?:정|[캡캠캅갭][가-힣]?|mL|ml|ML|mI|cc|CC|g|gm|포|매|개|병|회|일)?$"));
    const QString t = withoutTrailingSpeck(text::compact(text));
    return re.match(t).hasMatch() && std::any_of(t.begin(), t.end(), [](QChar c) { return c.isDigit(); });
}

/// Nothing but specks, borders and points ("ㆍ", ".", "|", "…"): no cell of its own.
bool isSpeck(const QString& text)
{
    return std::none_of(text.begin(), text.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

/// Splits a row into cells at wide gaps (more than `gap` pixels between words) and reads the
/// cells in the order every Korean layout prints them: [code] name, dose, times, days, [total],
/// usage. Used when it finds the three numbers; independent of how the header was read.
std::optional<std::map<Column, Cell>> cellsByGaps(const OcrLine& line, int gap)
{
    QList<Cell> split;
    int right = INT_MIN;
    for (const OcrWord& w : line.words) {
        if (split.isEmpty() || w.box.left() - right > gap)
            split.append(Cell {});
        split.last().words.append(w);
        right = std::max(right, w.box.right());
    }
    // A number printed close to the usage text ("3 식후"): split the numeric head off. The
    // head takes in only words glued to each other ("1" "정"): a number and the next word a
    // space apart are two (measured on table crops: days "3" and a usage "1일 2-3회 바름" read
    // as 31 days, "3" and a misread "19" as 319).
    const int glued = std::max(4, gap / 3);
    for (qsizetype i = 0; i < split.size(); ++i) {
        // A copy: inserting into `split` below may move the cells.
        const QList<OcrWord> words = split[i].words;
        if (words.size() < 2)
            continue;
        qsizetype head = 0;
        int inkRight = words.first().box.right();
        for (qsizetype k = 1; k <= words.size(); ++k) {
            // A fax's speck after a number ("2." ".") stays with it; the gap counts from ink.
            const OcrWord& w = words[k - 1];
            if (k >= 2 && !isSpeck(w.text) && w.box.left() - inkRight > glued)
                break;
            if (!isSpeck(w.text))
                inkRight = w.box.right();
            if (isNumericCell(joinCompact(words.mid(0, k))))
                head = k;
        }
        if (head > 0 && head < words.size()) {
            split.insert(i + 1, Cell { words.mid(head) });
            split[i].words = words.mid(0, head);
        }
    }
    qsizetype firstNumber = -1;
    for (qsizetype i = 1; i < split.size(); ++i) {
        if (isNumericCell(joinCompact(split[i].words))) {
            firstNumber = i;
            break;
        }
    }
    if (firstNumber < 0)
        return std::nullopt;
    // Specks standing alone between the numbers (a fax: "1  2.  .  3") are no cells.
    for (qsizetype i = split.size() - 1; i > firstNumber; --i) {
        if (isSpeck(joinCompact(split[i].words)))
            split.removeAt(i);
    }
    std::map<Column, Cell> cells;
    // A letter or two standing apart after the name, before the numbers, is a speck read as
    // Latin ("a" at confidence 0 on a fax), not part of the name.
    static const QRegularExpression strayLatin(QStringLiteral("^[A-Za-z]{1,2}$"));
    for (qsizetype i = 0; i < firstNumber; ++i) {
        if (i > 0 && strayLatin.match(joinCompact(split[i].words)).hasMatch())
            continue;
        cells[Column::Name].words += split[i].words;
    }
    const Column order[] = { Column::Dose, Column::Times, Column::Days, Column::Total };
    qsizetype i = firstNumber;
    int n = 0;
    for (; i < split.size() && n < 4 && isNumericCell(joinCompact(split[i].words)); ++i, ++n) {
        // A total is a plain amount: "1일" after the days begins the usage ("1일 2-3회 바름").
        static const QRegularExpression counted(QStringLiteral("[일회]$"));
        if (n == 3 && counted.match(withoutTrailingSpeck(joinCompact(split[i].words))).hasMatch())
            break;
        cells[order[n]] = split[i];
    }
    if (n < 3)
        return std::nullopt;
    for (; i < split.size(); ++i)
        cells[Column::Usage].words += split[i].words;
    return cells;
}

} // namespace

std::optional<TableLayout> findDrugTable(const PageText& page)
{
    const int wordHeight = medianWordHeight(page.lines);
    for (int i = 0; i < page.lines.size(); ++i) {
        if (!isHeaderLike(page.lines[i]))
            continue;
        // The band: this line and the header-like lines stacked right below it.
        QList<OcrLine> band { page.lines[i] };
        int last = i;
        while (last + 1 < page.lines.size() && isHeaderLike(page.lines[last + 1])
               && page.lines[last + 1].box.top() - page.lines[last].box.bottom() < wordHeight) {
            ++last;
            band.append(page.lines[last]);
        }
        const auto cols = headerColumns(band, wordHeight);
        const bool hasCount = cols.count(Column::Days) || cols.count(Column::Times);
        if (numericColumns(cols) < 2 || !hasCount)
            continue;

        TableLayout layout;
        layout.headerLine = last;
        layout.headerBottom = 0;
        for (const OcrLine& l : band)
            layout.headerBottom = std::max(layout.headerBottom, l.box.bottom());
        // Order the labelled columns left to right; boundaries from rulings when a ruling lies
        // between two labels, else halfway between the labels.
        std::vector<std::pair<Column, QRect>> ordered(cols.begin(), cols.end());
        std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.second.center().x() < b.second.center().x(); });
        if (ordered.front().first != Column::Name && ordered.front().first != Column::Code)
            ordered.insert(ordered.begin(), { Column::Name, QRect(0, ordered.front().second.top(), 1, 1) });
        const int pageRight = page.size.isValid() ? page.size.width() : 1 << 20;
        auto boundary = [&](const QRect& a, const QRect& b) {
            int best = -1;
            for (int x : page.verticalRulings) {
                if (x > a.right() - 2 && x < b.left() + 2)
                    best = (best < 0 || std::abs(x - (a.right() + b.left()) / 2) < std::abs(best - (a.right() + b.left()) / 2)) ? x : best;
            }
            return best >= 0 ? best : (a.right() + b.left()) / 2;
        };
        for (size_t k = 0; k < ordered.size(); ++k) {
            const int left = k == 0 ? 0 : boundary(ordered[k - 1].second, ordered[k].second);
            const int right = k + 1 == ordered.size() ? pageRight : boundary(ordered[k].second, ordered[k + 1].second);
            layout.columns.insert(ordered[k].first, { left, right });
        }
        return layout;
    }
    // No header recognised: the table starts at the first line that reads as a drug row.
    const int gap = wordHeight * 6 / 5;
    for (int i = 0; i < page.lines.size(); ++i) {
        const OcrLine& line = page.lines[i];
        if (line.words.isEmpty() || !codeOf(line.words.first().text) || !cellsByGaps(line, gap))
            continue;
        // Rows right above it that start with a code belong to the table too: a crop without
        // its header row whose first row has a number misread (measured: a days "7" read "i"
        // lost the first drug line of a table crop).
        int first = i;
        while (first > 0) {
            const OcrLine& above = page.lines[first - 1];
            if (above.words.isEmpty() || !codeOf(above.words.first().text) || isHeaderLike(above)
                || isFooter(joinCompact(above.words)) || page.lines[first].box.top() - above.box.bottom() > 2 * wordHeight)
                break;
            --first;
        }
        TableLayout layout;
        layout.headerLine = first - 1;
        layout.headerBottom = page.lines[first].box.top() - 1;
        return layout;
    }
    return std::nullopt;
}

namespace {

/// Column x-ranges learnt from the rows whose own spacing showed their cells: where a row's
/// numbers could not be separated (a noisy cell), these ranges assign its words and bound the
/// cells that are read again. Columns the rows do not show keep the header's range.
/// The rows whose own spacing put dose, times and days where the other rows have them. A row
/// with one number unreadable ("lg" for "1g") has its numbers shifted by one column by
/// cellsByGaps (times taken for the dose, a usage "1일" for the days): each of its numbers then
/// lies nearer another column's usual place. Needs at least three such rows to judge; with fewer,
/// every row counts as consistent.
QSet<int> consistentRows(const PageText& page, const TableLayout& header, int gap)
{
    const Column numeric[] = { Column::Dose, Column::Times, Column::Days };
    std::map<int, std::map<Column, int>> centres;
    std::map<Column, QList<int>> all;
    for (int i = header.headerLine + 1; i < page.lines.size(); ++i) {
        const OcrLine& line = page.lines[i];
        if (line.box.center().y() <= header.headerBottom || isFooter(joinCompact(line.words)))
            continue;
        const auto cells = cellsByGaps(line, gap);
        if (!cells)
            continue;
        for (Column c : numeric) {
            if (const auto it = cells->find(c); it != cells->end() && !it->second.box().isNull()) {
                centres[i][c] = it->second.box().center().x();
                all[c].append(it->second.box().center().x());
            }
        }
    }
    QSet<int> consistent;
    for (const auto& [line, cols] : centres)
        consistent.insert(line);
    if (centres.size() < 3)
        return consistent;
    std::map<Column, int> usual;
    for (auto& [c, xs] : all) {
        std::nth_element(xs.begin(), xs.begin() + xs.size() / 2, xs.end());
        usual[c] = xs[xs.size() / 2];
    }
    for (const auto& [line, cols] : centres) {
        for (const auto& [c, x] : cols) {
            const bool nearerOther = std::any_of(usual.cbegin(), usual.cend(), [&](const auto& u) {
                return u.first != c && std::abs(u.second - x) < std::abs(usual[c] - x);
            });
            if (nearerOther)
                consistent.remove(line);
        }
    }
    return consistent;
}

TableLayout learnColumns(const PageText& page, const TableLayout& header, int gap, const QSet<int>& consistent)
{
    std::map<Column, std::pair<int, int>> seen;
    for (int i = header.headerLine + 1; i < page.lines.size(); ++i) {
        const OcrLine& line = page.lines[i];
        if (line.box.center().y() <= header.headerBottom || isFooter(joinCompact(line.words)) || !consistent.contains(i))
            continue;
        const auto cells = cellsByGaps(line, gap);
        if (!cells)
            continue;
        for (const auto& [column, cell] : *cells) {
            const QRect b = cell.box();
            if (b.isNull())
                continue;
            auto it = seen.find(column);
            if (it == seen.end())
                seen[column] = { b.left(), b.right() };
            else
                it->second = { std::min(it->second.first, b.left()), std::max(it->second.second, b.right()) };
        }
    }
    const Column numeric[] = { Column::Dose, Column::Times, Column::Days };
    if (!std::all_of(std::begin(numeric), std::end(numeric), [&](Column c) { return seen.count(c) > 0; }))
        return header;
    TableLayout learnt = header;
    const int pageRight = page.size.isValid() ? page.size.width() : 1 << 20;
    const int doseLeft = (seen[Column::Dose].first + (seen.count(Column::Name) ? seen[Column::Name].second : seen[Column::Dose].first - gap)) / 2;
    const int timesLeft = (seen[Column::Dose].second + seen[Column::Times].first) / 2;
    const int daysLeft = (seen[Column::Times].second + seen[Column::Days].first) / 2;
    int daysRight = pageRight;
    if (seen.count(Column::Usage))
        daysRight = (seen[Column::Days].second + seen[Column::Usage].first) / 2;
    else if (seen.count(Column::Total))
        daysRight = (seen[Column::Days].second + seen[Column::Total].first) / 2;
    const int codeRight = header.has(Column::Code) ? header.columns.value(Column::Code).second : 0;
    learnt.columns.insert(Column::Name, { codeRight, doseLeft });
    learnt.columns.insert(Column::Dose, { doseLeft, timesLeft });
    learnt.columns.insert(Column::Times, { timesLeft, daysLeft });
    learnt.columns.insert(Column::Days, { daysLeft, daysRight });
    if (seen.count(Column::Total)) {
        const int totalRight = seen.count(Column::Usage) ? (seen[Column::Total].second + seen[Column::Usage].first) / 2 : pageRight;
        learnt.columns.insert(Column::Total, { daysRight, totalRight });
        learnt.columns.insert(Column::Usage, { totalRight, pageRight });
    } else {
        learnt.columns.remove(Column::Total);
        learnt.columns.insert(Column::Usage, { daysRight, pageRight });
    }
    return learnt;
}

} // namespace

QList<ParsedRow> parseDrugTable(const PageText& page, const TableLayout& headerLayout)
{
    QList<ParsedRow> rows;
    const int wordHeight = medianWordHeight(page.lines);
    const int lineHeight = wordHeight * 3 / 2;
    const QSet<int> consistent = consistentRows(page, headerLayout, wordHeight * 6 / 5);
    const TableLayout layout = learnColumns(page, headerLayout, wordHeight * 6 / 5, consistent);
    bool injection = false;
    bool ended = false;  ///< after 이하여백 or a footer: only an injection section may follow
    int previousBottom = layout.headerBottom;
    for (int i = layout.headerLine + 1; i < page.lines.size(); ++i) {
        const OcrLine& line = page.lines[i];
        if (line.box.center().y() <= layout.headerBottom)
            continue;
        const QString compactText = joinCompact(line.words);
        // The injection section (주사제 처방내역) may follow "이하여백" and share its line with
        // the 조제시 참고사항 box: look for it before anything ends the table.
        if (compactText.contains(QStringLiteral("주사제"))) {
            injection = true;
            ended = false;
            previousBottom = line.box.bottom();
            continue;
        }
        if (compactText.contains(QStringLiteral("이하여백")) || compactText.contains(QStringLiteral("여백")))
            ended = true;
        if (isFooter(compactText) || (!rows.isEmpty() && line.box.top() - previousBottom > 6 * lineHeight)) {
            if (injection)
                break;
            ended = true;
        }
        if (ended)
            continue;

        std::map<Column, Cell> cells;
        for (const OcrWord& w : line.words) {
            const int x = w.box.center().x();
            for (auto it = layout.columns.cbegin(); it != layout.columns.cend(); ++it) {
                if (x >= it.value().first && x < it.value().second) {
                    cells[it.key()].words.append(w);
                    break;
                }
            }
        }
        auto byGaps = cellsByGaps(line, wordHeight * 6 / 5);
        if (byGaps && !consistent.contains(i))
            byGaps.reset();
        static const QRegularExpression mergedDigits(QStringLiteral("^[0-9]{3,5}$"));
        // Not a usage's number ("식후 308" for 식후 30분, measured on a scan): the usage column
        // holds words, not the counts.
        const auto inUsage = [&](const OcrWord& w) {
            const auto usage = layout.columns.constFind(Column::Usage);
            return usage != layout.columns.cend() && w.box.center().x() >= usage->first;
        };
        if (!byGaps && line.words.size() >= 2 && codeOf(line.words.first().text)
            && mergedDigits.match(text::compact(line.words.last().text)).hasMatch() && !inUsage(line.words.last())) {
            // "1 1 1" read as "111": no column can be trusted; the reader separates them.
            ParsedRow merged;
            merged.mergedNumbers = line.words.last().box;
            merged.item.ediCode = Field<QString>::read(*codeOf(line.words.first().text), line.words.first().confidence,
                                                       line.words.first().box);
            const QList<OcrWord> nameWords = line.words.mid(1, line.words.size() - 2);
            const QString mergedName = text::cleanDrugName(joinSpaced(nameWords));
            if (!mergedName.isEmpty())
                merged.item.nameAsRead = Field<QString>::read(mergedName, Cell { nameWords }.confidence(), Cell { nameWords }.box());
            merged.item.rawText = line.text();
            merged.item.box = line.box;
            merged.item.injection = injection;
            merged.item.line = int(rows.size()) + 1;
            rows.append(merged);
            previousBottom = line.box.bottom();
            continue;
        }
        if (byGaps) {
            // The header's x-ranges may be off when its labels were misread; the row's own
            // spacing decides. A code in its own column stays where the header put it.
            if (cells.count(Column::Code) && byGaps->count(Column::Name)) {
                QList<OcrWord> rest;
                for (const OcrWord& w : (*byGaps)[Column::Name].words) {
                    if (!cells[Column::Code].words.contains(w))
                        rest.append(w);
                }
                (*byGaps)[Column::Name].words = rest;
                (*byGaps)[Column::Code] = cells[Column::Code];
            }
            cells = *byGaps;
        }

        ParsedRow row;
        core::PrescriptionItem& item = row.item;
        // Code: its own column, else a leading token of the name column.
        Cell& nameCell = cells[Column::Name];
        if (cells.count(Column::Code)) {
            for (const OcrWord& w : cells[Column::Code].words) {
                if (const auto code = codeOf(w.text)) {
                    item.ediCode = Field<QString>::read(*code, w.confidence, w.box);
                    break;
                }
            }
        }
        QList<OcrWord> nameWords;
        for (const OcrWord& w : nameCell.words) {
            // Cell borders and specks before the code ("|", "ㆍ") are not part of the line.
            const bool junk = std::none_of(w.text.begin(), w.text.end(), [](QChar c) { return c.isLetterOrNumber(); });
            if (junk && nameWords.isEmpty())
                continue;
            if (!item.ediCode.hasValue() && nameWords.isEmpty()) {
                if (const auto code = codeOf(w.text)) {
                    item.ediCode = Field<QString>::read(*code, w.confidence, w.box);
                    continue;
                }
                // Code and name run together ("645405171제클리..."): split after nine digits.
                static const QRegularExpression joined(QStringLiteral("^([0-9]{9})([^0-9].*)$"));
                if (const auto m = joined.match(text::compact(w.text)); m.hasMatch()) {
                    const int codeWidth = int(w.box.width() * 9.0 * 0.55 / (9.0 * 0.55 + double(m.capturedLength(2))));
                    item.ediCode = Field<QString>::read(m.captured(1), w.confidence, QRect(w.box.left(), w.box.top(), codeWidth, w.box.height()));
                    OcrWord rest = w;
                    rest.text = m.captured(2);
                    rest.box.setLeft(w.box.left() + codeWidth);
                    nameWords.append(rest);
                    continue;
                }
            }
            nameWords.append(w);
        }
        const QString name = text::cleanDrugName(joinSpaced(nameWords));
        Cell nameOnly { nameWords };
        if (!name.isEmpty())
            item.nameAsRead = Field<QString>::read(name, nameOnly.confidence(), nameOnly.box());

        if (cells.count(Column::Dose)) {
            const Cell& c = cells[Column::Dose];
            if (const auto n = text::parseNumberWithUnit(withoutTrailingSpeck(joinCompact(c.words)))) {
                item.dose = Field<double>::read(n->value, c.confidence(), c.box());
                row.doseText = withoutTrailingSpeck(joinCompact(c.words));
                item.doseUnit = n->unit;
            } else if (!c.words.isEmpty()) {
                // The cell's last run of words: the end of a long name may reach into the
                // column ("(14:1))" before "601 ㄴ" for 6mL), far left of the dose.
                QRect run;
                for (const OcrWord& w : c.words) {
                    if (!run.isNull() && w.box.left() - run.right() > 2 * w.box.height())
                        run = QRect();
                    run = run.united(w.box);
                }
                row.unreadDose = run;
            }
        }
        if (cells.count(Column::Times)) {
            const Cell& c = cells[Column::Times];
            if (const auto n = text::parseCount(withoutTrailingSpeck(joinCompact(c.words))))
                item.timesPerDay = Field<int>::read(*n, c.confidence(), c.box());
        }
        if (cells.count(Column::Days)) {
            const Cell& c = cells[Column::Days];
            if (const auto n = text::parseCount(withoutTrailingSpeck(joinCompact(c.words))))
                item.days = Field<int>::read(*n, c.confidence(), c.box());
        }
        if (cells.count(Column::Total)) {
            const Cell& c = cells[Column::Total];
            if (const auto n = text::parseNumberWithUnit(joinCompact(c.words)))
                row.printedTotal = Field<double>::read(n->value, c.confidence(), c.box());
        }
        if (cells.count(Column::Usage) && !cells[Column::Usage].words.isEmpty()) {
            const Cell& c = cells[Column::Usage];
            item.usage = Field<QString>::read(joinSpaced(c.words), c.confidence(), c.box());
        }

        const bool hasNumbers = item.dose.hasValue() || item.timesPerDay.hasValue() || item.days.hasValue();
        const bool close = line.box.top() - previousBottom < lineHeight;
        if (!item.ediCode.hasValue() && !hasNumbers) {
            // A wrapped drug name continues the row above, in its own section only (the
            // injection section's "해당 없음" is no end of the last oral drug's name); anything
            // else without a code or a number is not a drug line (a stamp, a note).
            if (!rows.isEmpty() && close && !name.isEmpty() && rows.last().item.injection == injection) {
                core::PrescriptionItem& prev = rows.last().item;
                const QString joined = prev.nameAsRead.valueOr(QString()) + name;
                prev.nameAsRead = Field<QString>::read(joined, std::min(prev.nameAsRead.confidence, nameOnly.confidence()),
                                                       prev.nameAsRead.box.united(nameOnly.box()));
                prev.rawText += QLatin1Char(' ') + line.text();
                prev.box = prev.box.united(line.box);
                previousBottom = line.box.bottom();
            }
            continue;
        }
        item.rawText = line.text();
        item.box = line.box;
        item.injection = injection;
        item.line = int(rows.size()) + 1;
        const int pad = std::max(2, line.box.height() / 4);
        for (auto it = layout.columns.cbegin(); it != layout.columns.cend(); ++it) {
            row.cells.insert(it.key(), QRect(QPoint(it.value().first, line.box.top() - pad),
                                             QPoint(it.value().second - 1, line.box.bottom() + pad)));
        }
        rows.append(row);
        previousBottom = line.box.bottom();
    }
    return rows;
}

} // namespace pharmdesk::ocr
