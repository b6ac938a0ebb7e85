// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/TextNormalize.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace pharmdesk::ocr::text {

QString compact(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

namespace {

std::optional<QChar> digitLookAlike(QChar c)
{
    switch (c.unicode()) {
    case 'O': case 'o': case 'D': case 'Q': return QLatin1Char('0');
    case 'l': case 'I': case '|': case '!': case 'i': case ']': case '[': return QLatin1Char('1');
    case 'Z': case 'z': return QLatin1Char('2');
    case 'S': case 's': return QLatin1Char('5');
    case 'B': return QLatin1Char('8');
    case 'G': return QLatin1Char('6');
    case 'g': case 'q': return QLatin1Char('9');
    default: return std::nullopt;
    }
}

} // namespace

std::optional<QString> repairDigits(const QString& token)
{
    QString out;
    int digits = 0;
    int repaired = 0;
    for (QChar c : token) {
        if (c.isDigit()) {
            out.append(QChar(QLatin1Char(char('0' + c.digitValue()))));
            ++digits;
        } else if (c == QLatin1Char('-') || c == QLatin1Char('.')) {
            out.append(c);
        } else if (const auto d = digitLookAlike(c)) {
            out.append(*d);
            ++repaired;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || digits * 3 < (digits + repaired) * 2)
        return std::nullopt;
    return out;
}

std::optional<QString> digitsOfNumber(const QString& read)
{
    QString d = compact(read);
    d.remove(QLatin1Char('-'));
    d.remove(QLatin1Char('.'));
    const auto isMark = [](QChar c) { return !c.isLetterOrNumber(); };
    while (!d.isEmpty() && isMark(d.front()))
        d.remove(0, 1);
    while (!d.isEmpty() && isMark(d.back()))
        d.chop(1);
    if (d.isEmpty() || !std::all_of(d.cbegin(), d.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    return d;
}

bool plausibleUsage(const QString& usage)
{
    // Without a Hangul syllable, a usage is written in the Latin abbreviations prescribers use
    // ("tid pc", "b.i.d.", "prn"); other Latin letters are Hangul the page read garbled
    // ("aaa" for 취침전, measured on a clean print).
    const bool hangul = std::any_of(usage.cbegin(), usage.cend(), [](QChar c) { return c >= u'가' && c <= u'힣'; });
    if (!hangul) {
        static const QSet<QString> kSig = {
            QStringLiteral("qd"), QStringLiteral("bid"), QStringLiteral("tid"), QStringLiteral("qid"), QStringLiteral("qod"),
            QStringLiteral("hs"), QStringLiteral("qhs"), QStringLiteral("prn"), QStringLiteral("pc"), QStringLiteral("ac"),
            QStringLiteral("po"), QStringLiteral("stat"), QStringLiteral("qam"), QStringLiteral("qpm"), QStringLiteral("h"),
            QStringLiteral("q"), QStringLiteral("ml"), QStringLiteral("cc"), QStringLiteral("g"), QStringLiteral("mg"),
        };
        static const QRegularExpression latinWord(QStringLiteral("[A-Za-z][A-Za-z.]*"));
        for (auto it = latinWord.globalMatch(usage); it.hasNext();) {
            QString word = it.next().captured(0).toLower();
            word.remove(QLatin1Char('.'));
            if (!kSig.contains(word))
                return false;
        }
    }
    // Each number (digits, with a point or a range "2-3" inside) must be followed, spaces
    // apart, by a Hangul syllable or a Latin unit letter (mL, g, cc).
    const auto isDigit = [](QChar c) { return c >= u'0' && c <= u'9'; };
    for (qsizetype i = 0; i < usage.size();) {
        if (!isDigit(usage.at(i))) {
            ++i;
            continue;
        }
        while (i < usage.size() && (isDigit(usage.at(i))
                                     || ((usage.at(i) == u'.' || usage.at(i) == u'-' || usage.at(i) == u'~')
                                         && i + 1 < usage.size() && isDigit(usage.at(i + 1)))))
            ++i;
        while (i < usage.size() && usage.at(i).isSpace())
            ++i;
        if (i == usage.size())
            return false;
        const QChar next = usage.at(i);
        const bool unit = (next >= u'가' && next <= u'힣') || (next.isLetter() && next.unicode() < 0x80);
        if (!unit)
            return false;
    }
    return true;
}

std::optional<QDate> parseDate(const QString& text)
{
    static const QRegularExpression date(
        QStringLiteral("(?<![0-9])((?:19|20)[0-9]{2})\\s*[년.\\-/]\\s*([0-9]{1,2})\\s*[월.\\-/]\\s*([0-9]{1,2})(?![0-9])"));
    const auto m = date.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate d(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

bool isCommonUsage(const QString& usage)
{
    static const QSet<QString> kCommon = [] {
        QSet<QString> all;
        for (const char* u : { "식후30분", "식전30분", "식후즉시", "식전즉시", "식후1시간", "식전1시간", "식후2시간", "식간", "공복",
                               "취침전", "자기전", "필요시", "아침식후", "점심식후", "저녁식후", "아침식전", "저녁식전", "아침식후30분",
                               "저녁식후30분", "아침식전30분", "아침공복", "환부에도포", "환부에바름", "1일1회", "1일2회", "1일3회" })
            all.insert(QString::fromUtf8(u));
        return all;
    }();
    return kCommon.contains(compact(usage));
}

std::optional<QString> formatPhone(const QString& number)
{
    QString d;
    for (const QChar c : number) {
        if (c.isDigit())
            d.append(QChar(QLatin1Char(char('0' + c.digitValue()))));
        else if (c != QLatin1Char('-') && !c.isSpace())
            return std::nullopt;
    }
    // Prefix length by the numbering plan; the subscriber part is 3-4 digits then 4.
    auto split = [&](qsizetype prefix, qsizetype minTotal, qsizetype maxTotal) -> std::optional<QString> {
        if (d.size() < minTotal || d.size() > maxTotal)
            return std::nullopt;
        const qsizetype middle = d.size() - prefix - 4;
        return d.left(prefix) + QLatin1Char('-') + d.mid(prefix, middle) + QLatin1Char('-') + d.right(4);
    };
    static const QRegularExpression area(QStringLiteral("^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])"));
    static const QRegularExpression mobile(QStringLiteral("^01[016789]"));
    static const QRegularExpression national(QStringLiteral("^1[5-8][0-9]{2}"));
    if (d.startsWith(QLatin1String("02")))
        return split(2, 9, 10);
    if (area.match(d).hasMatch() || mobile.match(d).hasMatch())
        return split(3, 10, 11);
    if (d.startsWith(QLatin1String("070")) || d.startsWith(QLatin1String("080")))
        return split(3, 10, 11);
    if (national.match(d).hasMatch() && d.size() == 8)
        return d.left(4) + QLatin1Char('-') + d.right(4);
    return std::nullopt;
}

std::optional<QString> repairFixedDigits(const QString& token)
{
    QString out;
    for (QChar c : token) {
        if (c.isDigit())
            out.append(QChar(QLatin1Char(char('0' + c.digitValue()))));
        else if (const auto d = digitLookAlike(c))
            out.append(*d);
        else
            return std::nullopt;
    }
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

QList<KcdCode> kcdCodes(const QString& text)
{
    static const QRegularExpression kcd(QStringLiteral("(?<![A-Za-z0-9])([A-Z])(?:([0-9OolISBZ]{2})(?:\\.([0-9OolISBZ]{1,2}))?"
                                                       "|([0-9]{2})([0-9]{1,2}))(?![A-Za-z0-9])"));
    QList<KcdCode> codes;
    auto it = kcd.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        KcdCode found { {}, m.capturedStart(), m.capturedLength() };
        if (m.capturedLength(4) > 0) {
            found.code = m.captured(1) + m.captured(4) + QLatin1Char('.') + m.captured(5);
        } else {
            const auto head = repairFixedDigits(m.captured(2));
            if (!head)
                continue;
            found.code = m.captured(1) + *head;
            if (m.capturedLength(3) > 0) {
                if (const auto tail = repairFixedDigits(m.captured(3)))
                    found.code += QLatin1Char('.') + *tail;
            }
        }
        codes.append(found);
    }
    return codes;
}

QList<KcdPiece> kcdPieces(const QString& word)
{
    static const QRegularExpression codeAt(QStringLiteral("[A-Z][0-9OolISBZ]{2}(?:\\.[0-9OolISBZ]{1,2})?"));
    static const QRegularExpression letterLost(QStringLiteral("^([^A-Z0-9]|[0-9]{1,2})([0-9]{2}(?:\\.[0-9]{1,2})?)$"));
    QList<KcdPiece> pieces;
    const auto between = [&](qsizetype from, qsizetype to) {
        // Points and commas between codes ("A09.9.110") belong to neither.
        while (from < to && (word.at(from) == u'.' || word.at(from) == u','))
            ++from;
        while (to > from && (word.at(to - 1) == u'.' || word.at(to - 1) == u','))
            --to;
        const auto m = letterLost.match(word.mid(from, to - from));
        if (m.hasMatch())
            pieces.append({ from, {}, m.captured(1), m.captured(2) });
    };
    qsizetype at = 0;
    for (auto it = codeAt.globalMatch(word); it.hasNext();) {
        const auto c = it.next();
        const auto code = kcdCodes(c.captured(0));
        if (code.size() != 1)
            continue;
        between(at, c.capturedStart());
        pieces.append({ c.capturedStart(), code.first().code, {}, {} });
        at = c.capturedEnd();
    }
    between(at, word.size());
    return pieces;
}

std::optional<NumberWithUnit> parseNumberWithUnit(const QString& cellIn)
{
    const QString cell = compact(cellIn);
    static const QRegularExpression re(QStringLiteral(
        "^([0-9OolIS]+(?:[.,][0-9OolIS]+)?)(정|[캡캠캅갭][가-힣]?|mL|ml|ML|mI|cc|CC|g|gm|G|포|매|개|T|C|병|통|앰플|바이알)?"));
    const auto m = re.match(cell);
    if (!m.hasMatch())
        return std::nullopt;
    QString number = m.captured(1);
    number.replace(QLatin1Char(','), QLatin1Char('.'));
    auto repaired = repairDigits(number);
    if (!repaired)
        return std::nullopt;
    // Doses carry at most two decimals, or four for thirds, sixths, eighths and twelfths
    // (0.3333, 0.6667, 0.125). Other long tails are a unit read as digits ("1.00캡슐" → "1.0088").
    const qsizetype dot = repaired->indexOf(QLatin1Char('.'));
    if (dot >= 0 && repaired->size() - dot - 1 > 2) {
        const double fraction = repaired->mid(dot).toDouble();
        bool plausible = false;
        for (int denominator : { 3, 6, 8, 12 }) {
            for (int k = 1; k < denominator; ++k)
                plausible = plausible || std::abs(fraction - double(k) / denominator) < 0.0006;
        }
        if (!plausible)
            *repaired = repaired->left(dot + 3);
    }
    bool ok = false;
    const double value = repaired->toDouble(&ok);
    if (!ok)
        return std::nullopt;
    NumberWithUnit n;
    n.value = value;
    n.number = *repaired;
    QString unit = m.captured(2);
    if (unit == QStringLiteral("ml") || unit == QStringLiteral("ML") || unit == QStringLiteral("mI"))
        unit = QStringLiteral("mL");
    else if (unit == QStringLiteral("CC"))
        unit = QStringLiteral("cc");
    else if (unit == QStringLiteral("gm") || unit == QStringLiteral("G"))
        unit = QStringLiteral("g");
    else if (!unit.isEmpty() && QStringLiteral("캡캠캅갭").contains(unit.front()))
        unit = QStringLiteral("캡슐");
    n.unit = unit;
    return n;
}

std::optional<int> parseCount(const QString& cellIn)
{
    const QString cell = compact(cellIn);
    static const QRegularExpression re(QStringLiteral("^([0-9OolIS]{1,3})(?![0-9.,])"));
    const auto m = re.match(cell);
    if (!m.hasMatch())
        return std::nullopt;
    const auto repaired = repairDigits(m.captured(1));
    if (!repaired)
        return std::nullopt;
    bool ok = false;
    const int v = repaired->toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

bool looksLikeEdiCode(const QString& token)
{
    static const QRegularExpression re(QStringLiteral("^(?:[0-9]{9}|[A-Z][0-9]{8})$"));
    return re.match(token).hasMatch();
}

QString cleanDrugName(const QString& nameIn)
{
    QString name = compact(nameIn);
    static const QRegularExpression route(QStringLiteral("[\\(\\[](?:내복|외용|주사|내용|외|내)[\\)\\]]?$"));
    name.remove(route);
    while (!name.isEmpty() && (name.back() == QLatin1Char('.') || name.back() == QLatin1Char(',')
                               || name.back() == QLatin1Char('_') || name.back() == QLatin1Char('|')))
        name.chop(1);
    while (!name.isEmpty() && (name.front() == QLatin1Char('|') || name.front() == QLatin1Char('.')))
        name.remove(0, 1);
    return name;
}

} // namespace pharmdesk::ocr::text
