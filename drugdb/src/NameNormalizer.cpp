// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <array>

namespace pharmdesk::drugdb::names {

namespace {

bool isOpenBracket(QChar c)
{
    return c == u'(' || c == u'[' || c == u'{' || c == u'<';
}

bool isCloseBracket(QChar c)
{
    return c == u')' || c == u']' || c == u'}' || c == u'>';
}

bool isHangulOrCompatJamo(char16_t u)
{
    return (u >= 0xAC00 && u <= 0xD7A3) || (u >= 0x3131 && u <= 0x318E);
}

// NFKC maps compatibility jamo (ㄱ, ㅏ) to conjoining jamo (U+1100...); map those back so every
// later stage sees one alphabet. Initial and final consonants share the compatibility letters.
char16_t conjoiningToCompat(char16_t u)
{
    static constexpr char16_t kLeading[] = { u'ㄱ', u'ㄲ', u'ㄴ', u'ㄷ', u'ㄸ', u'ㄹ', u'ㅁ', u'ㅂ', u'ㅃ', u'ㅅ',
                                             u'ㅆ', u'ㅇ', u'ㅈ', u'ㅉ', u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ' };
    static constexpr char16_t kTrailing[] = { u'ㄱ', u'ㄲ', u'ㄳ', u'ㄴ', u'ㄵ', u'ㄶ', u'ㄷ', u'ㄹ', u'ㄺ',
                                              u'ㄻ', u'ㄼ', u'ㄽ', u'ㄾ', u'ㄿ', u'ㅀ', u'ㅁ', u'ㅂ', u'ㅄ',
                                              u'ㅅ', u'ㅆ', u'ㅇ', u'ㅈ', u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ' };
    if (u >= 0x1100 && u <= 0x1112)
        return kLeading[u - 0x1100];
    if (u >= 0x1161 && u <= 0x1175)
        return char16_t(0x314F + (u - 0x1161));
    if (u >= 0x11A8 && u <= 0x11C2)
        return kTrailing[u - 0x11A8];
    return u;
}

QString unicodeNormalized(const QString& text)
{
    bool plain = true;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x80 && !isHangulOrCompatJamo(u)) {
            plain = false;
            break;
        }
    }
    if (plain)
        return text;
    QString s = text.normalized(QString::NormalizationForm_KC);
    for (QChar& c : s)
        c = QChar(conjoiningToCompat(c.unicode()));
    return s;
}

// Noise groups say nothing about the product in hand: export names, "for export", and the route
// markers some hospital systems print after the name.
bool isNoiseGroup(QStringView content)
{
    const QStringView trimmed = content.trimmed();
    return trimmed.startsWith(u"수출") || trimmed == u"내복" || trimmed == u"외용" || trimmed == u"내용"
        || trimmed == u"경구" || trimmed == u"주사";
}

// Removes noise groups; unwraps the other bracket groups into `keep` and drops them from `drop`
// (either may be null). Unclosed groups run to the end.
void resolveBrackets(const QString& s, QString* keep, QString* drop)
{
    if (keep)
        keep->reserve(s.size());
    if (drop)
        drop->reserve(s.size());
    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s.at(i);
        if (!isOpenBracket(c)) {
            if (!isCloseBracket(c)) {
                if (keep)
                    keep->append(c);
                if (drop)
                    drop->append(c);
            }
            ++i;
            continue;
        }
        int depth = 1;
        qsizetype j = i + 1;
        while (j < s.size() && depth > 0) {
            if (isOpenBracket(s.at(j)))
                ++depth;
            else if (isCloseBracket(s.at(j)))
                --depth;
            ++j;
        }
        const qsizetype contentEnd = depth == 0 ? j - 1 : j;
        const QStringView content = QStringView(s).mid(i + 1, contentEnd - i - 1);
        if (keep && !isNoiseGroup(content)) {
            for (QChar k : content)
                if (!isOpenBracket(k) && !isCloseBracket(k))
                    keep->append(k);
        }
        i = j;
    }
    // Route markers that lost their brackets to OCR; no permitted name ends with them.
    for (QString* out : { keep, drop }) {
        if (!out)
            continue;
        for (const auto suffix : { u"내복", u"외용" }) {
            if (out->endsWith(QStringView(suffix)) && out->size() > 4)
                out->chop(2);
        }
    }
}

QString resolveBrackets(const QString& s, BracketContent mode)
{
    QString out;
    resolveBrackets(s, mode == BracketContent::Keep ? &out : nullptr, mode == BracketContent::Drop ? &out : nullptr);
    return out;
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// Letters OCR confuses with digits; replaced only next to a digit ("5OO" → "500", "l0" → "10").
char16_t digitLookAlike(char16_t u)
{
    switch (u) {
    case u'O':
    case u'o':
        return u'0';
    case u'I':
    case u'l':
    case u'|':
        return u'1';
    case u'S':
        return u'5';
    default:
        return 0;
    }
}

// A digit at `i`, or a decimal point or slash at `i` with a digit beyond it (in direction `step`).
bool numericAt(const QString& s, qsizetype i, int step)
{
    if (i < 0 || i >= s.size())
        return false;
    if (isAsciiDigit(s.at(i)))
        return true;
    const qsizetype beyond = i + step;
    return (s.at(i) == u'.' || s.at(i) == u'/') && beyond >= 0 && beyond < s.size() && isAsciiDigit(s.at(beyond));
}

void fixDigitLookAlikes(QString& s)
{
    bool changed = true;
    for (int pass = 0; pass < 3 && changed; ++pass) {
        changed = false;
        for (qsizetype i = 0; i < s.size(); ++i) {
            const char16_t fixed = digitLookAlike(s.at(i).unicode());
            if (!fixed)
                continue;
            const bool before = numericAt(s, i - 1, -1);
            const bool after = numericAt(s, i + 1, +1);
            // "mcg5" and the like have no look-alikes; a lone letter between letters is a letter.
            if (before || after) {
                s[i] = QChar(fixed);
                changed = true;
            }
        }
    }
}

// Replaces `from` by `to`; with `afterDigit`, only where a digit (spaces allowed) precedes.
void replaceUnit(QString& s, QStringView from, QStringView to, bool afterDigit)
{
    qsizetype pos = 0;
    while ((pos = s.indexOf(from, pos)) >= 0) {
        if (afterDigit) {
            qsizetype k = pos - 1;
            while (k >= 0 && s.at(k).isSpace())
                --k;
            if (k < 0 || !isAsciiDigit(s.at(k))) {
                pos += from.size();
                continue;
            }
        }
        s.replace(pos, from.size(), to.toString());
        pos += to.size();
    }
}

// "밀리그램" misread or cut right after a digit: 믿리그램, 밀디그램, 밀리크램, 밀리그럼, 리그램,
// 밀그램, 일리그램, 밀리그 ... Two to four syllables of the word's look-alikes ending in 램 and
// holding either 그/크 or the 밀리 pair, or 밀리그 itself, become "mg". (A plain 그램 after a digit
// was already made "g".)
void replaceMisreadMilligram(QString& s)
{
    static const QString kMil = QStringLiteral("밀믿밑빌일");
    static const QString kLi = QStringLiteral("리디");
    static const QString kGeu = QStringLiteral("그크");
    static const QString kRaem = QStringLiteral("램람랩럼렘댐");
    for (qsizetype i = 1; i < s.size(); ++i) {
        if (!isAsciiDigit(s.at(i - 1)))
            continue;
        qsizetype end = i;
        bool hasGeu = false;
        bool hasMil = false;
        bool hasLi = false;
        while (end < s.size() && end - i < 4) {
            const QChar c = s.at(end);
            if (kRaem.contains(c)) {
                ++end;
                break;
            }
            if (!kMil.contains(c) && !kLi.contains(c) && !kGeu.contains(c))
                break;
            hasGeu = hasGeu || kGeu.contains(c);
            hasMil = hasMil || kMil.contains(c);
            hasLi = hasLi || kLi.contains(c);
            ++end;
        }
        const qsizetype length = end - i;
        const bool endsInRaem = length >= 2 && kRaem.contains(s.at(end - 1));
        // "밀리그" with the last syllable lost still names the unit.
        if ((endsInRaem && (hasGeu || (hasMil && hasLi))) || (hasMil && hasLi && hasGeu))
            s.replace(i, length, QStringLiteral("mg"));
    }
}

void unifyUnits(QString& s)
{
    struct Rule
    {
        const char16_t* from;
        const char16_t* to;
        bool afterDigit;
    };
    static constexpr std::array kRules = {
        Rule { u"마이크로그램", u"mcg", false }, Rule { u"마이크로그람", u"mcg", false },
        Rule { u"μg", u"mcg", false },           Rule { u"ug", u"mcg", true },
        Rule { u"밀리그램", u"mg", false },      Rule { u"밀리그람", u"mg", false },
        Rule { u"밀리리터", u"ml", false },      Rule { u"밀리리타", u"ml", false },
        Rule { u"그램", u"g", true },            Rule { u"그람", u"g", true },
    };
    // Cheap pre-check: every rule's text holds one of these characters.
    bool any = false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'밀' || u == u'마' || u == u'그' || u == u'크' || u == u'램' || u == u'μ' || u == u'u') {
            any = true;
            break;
        }
    }
    if (!any)
        return;
    for (const Rule& rule : kRules)
        replaceUnit(s, QStringView(rule.from), QStringView(rule.to), rule.afterDigit);
    replaceMisreadMilligram(s);
}

} // namespace

namespace {

// Lower-cases, unifies units and keeps only the characters that identify a product.
QString finish(QString s)
{
    for (QChar& c : s) {
        const char16_t u = c.unicode();
        if (u >= u'A' && u <= u'Z')
            c = QChar(char16_t(u + 32));
        else if (u >= 0x80 && c.isUpper())
            c = c.toLower();
    }
    unifyUnits(s);

    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        const char16_t u = c.unicode();
        if (isHangulOrCompatJamo(u) || (u < 0x80 && (isAsciiDigit(c) || (u >= u'a' && u <= u'z')))) {
            out.append(c);
        } else if (u == u'%') {
            out.append(c);
        } else if (u == u'.' || u == u'/') {
            // Decimal points and strength separators only; "80/5" keeps its slash.
            if (!out.isEmpty() && isAsciiDigit(out.back()) && i + 1 < s.size() && isAsciiDigit(s.at(i + 1)))
                out.append(c);
        } else if (u >= 0x80 && c.isLetterOrNumber()) {
            out.append(c);
        }
    }
    return out;
}

QString prepared(const QString& name)
{
    QString s = unicodeNormalized(name);
    // Spaces carry nothing (OCR splits and merges them) and would hide "0. 5" from the digit rules.
    s.removeIf([](QChar c) { return c.isSpace(); });
    fixDigitLookAlikes(s);
    return s;
}

} // namespace

QString normalize(const QString& name, BracketContent brackets)
{
    return finish(resolveBrackets(prepared(name), brackets));
}

void normalizeBoth(const QString& name, QString* withBrackets, QString* withoutBrackets)
{
    QString keep;
    QString drop;
    resolveBrackets(prepared(name), &keep, &drop);
    const bool same = keep == drop;
    *withBrackets = finish(std::move(keep));
    *withoutBrackets = same ? *withBrackets : finish(std::move(drop));
}

QString strengthKey(const QString& normalized)
{
    QString key;
    bool inNumber = false;
    for (qsizetype i = 0; i < normalized.size(); ++i) {
        const QChar c = normalized.at(i);
        if (isAsciiDigit(c) || (inNumber && c == u'.')) {
            if (!inNumber && !key.isEmpty())
                key.append(u'|');
            key.append(c);
            inNumber = true;
        } else {
            inNumber = false;
        }
    }
    return key;
}

QString ingredientsOf(const QString& itemName)
{
    // Walk the top-level bracket groups; the last one that is not an export note is the ingredient.
    QString found;
    qsizetype i = 0;
    const QString s = itemName;
    while (i < s.size()) {
        if (s.at(i) != u'(') {
            ++i;
            continue;
        }
        int depth = 1;
        qsizetype j = i + 1;
        while (j < s.size() && depth > 0) {
            if (s.at(j) == u'(')
                ++depth;
            else if (s.at(j) == u')')
                --depth;
            ++j;
        }
        if (depth != 0)
            break;
        const QString content = s.mid(i + 1, j - i - 2).trimmed();
        if (!content.isEmpty() && !isNoiseGroup(content))
            found = content;
        i = j;
    }
    return found;
}

QString formOf(const QString& itemName)
{
    // Longest words first so that 연질캡슐 wins over 캡슐 and 주사액 over 액.
    static const QStringList kForms = {
        QStringLiteral("필름코팅정"), QStringLiteral("구강붕해정"), QStringLiteral("구강붕해필름"),
        QStringLiteral("건조시럽"),   QStringLiteral("연질캡슐"),   QStringLiteral("경질캡슐"),
        QStringLiteral("서방캡슐"),   QStringLiteral("장용캡슐"),   QStringLiteral("주사용수"),
        QStringLiteral("서방정"),     QStringLiteral("장용정"),     QStringLiteral("츄어블정"),
        QStringLiteral("발포정"),     QStringLiteral("현탁액"),     QStringLiteral("주사액"),
        QStringLiteral("점안액"),     QStringLiteral("점이액"),     QStringLiteral("점비액"),
        QStringLiteral("외용액"),     QStringLiteral("흡입액"),     QStringLiteral("내용액"),
        QStringLiteral("캡슐"),       QStringLiteral("시럽"),       QStringLiteral("정제"),
        QStringLiteral("과립"),       QStringLiteral("크림"),       QStringLiteral("연고"),
        QStringLiteral("패치"),       QStringLiteral("겔"),         QStringLiteral("좌제"),
        QStringLiteral("로션"),       QStringLiteral("스프레이"),   QStringLiteral("필름"),
        QStringLiteral("주"),         QStringLiteral("정"),         QStringLiteral("산"),
        QStringLiteral("액"),         QStringLiteral("환"),         QStringLiteral("첩"),
    };
    // Brackets out, then the trailing strength ("500밀리그람", "80/5mg", "10mL") out.
    QString s = resolveBrackets(unicodeNormalized(itemName), BracketContent::Drop).trimmed();
    static const QStringList kUnits = {
        QStringLiteral("마이크로그램"), QStringLiteral("마이크로그람"), QStringLiteral("밀리그램"),
        QStringLiteral("밀리그람"),     QStringLiteral("밀리리터"),     QStringLiteral("그램"),
        QStringLiteral("그람"),         QStringLiteral("μg"),
    };
    QString t = s;
    bool hadDigit = false;
    for (bool stripped = true; stripped && !t.isEmpty();) {
        stripped = false;
        for (const QString& unit : kUnits) {
            if (t.endsWith(unit)) {
                t.chop(unit.size());
                stripped = true;
                break;
            }
        }
        if (stripped || t.isEmpty())
            continue;
        const QChar c = t.back();
        const char16_t u = c.unicode();
        if (isAsciiDigit(c) || u == u'.' || u == u'/' || u == u',' || u == u'%' || u == u' '
            || (u < 0x80 && c.isLetter())) {
            hadDigit = hadDigit || isAsciiDigit(c);
            t.chop(1);
            stripped = true;
        }
    }
    // Only strip what really was a strength: it must have contained a digit.
    if (hadDigit)
        s = t;
    for (const QString& form : kForms) {
        if (s.endsWith(form))
            return form;
    }
    return {};
}

const QStringList& companyPrefixes()
{
    static const QStringList kPrefixes = [] {
        QStringList list = {
            QStringLiteral("종근당"), QStringLiteral("녹십자"), QStringLiteral("코오롱"), QStringLiteral("알리코"),
            QStringLiteral("휴온스"), QStringLiteral("삼천당"), QStringLiteral("화이자"), QStringLiteral("jw중외"),
            QStringLiteral("한미"),   QStringLiteral("유한"),   QStringLiteral("대웅"),   QStringLiteral("동아"),
            QStringLiteral("일동"),   QStringLiteral("보령"),   QStringLiteral("중외"),   QStringLiteral("광동"),
            QStringLiteral("신풍"),   QStringLiteral("영진"),   QStringLiteral("환인"),   QStringLiteral("명인"),
            QStringLiteral("안국"),   QStringLiteral("경동"),   QStringLiteral("제일"),   QStringLiteral("국제"),
            QStringLiteral("하나"),   QStringLiteral("부광"),   QStringLiteral("삼진"),   QStringLiteral("대원"),
            QStringLiteral("일양"),   QStringLiteral("조아"),   QStringLiteral("동화"),   QStringLiteral("경보"),
            QStringLiteral("한림"),   QStringLiteral("삼성"),   QStringLiteral("동국"),   QStringLiteral("근화"),
            QStringLiteral("삼일"),   QStringLiteral("유유"),   QStringLiteral("현대"),   QStringLiteral("태극"),
            QStringLiteral("대화"),   QStringLiteral("한독"),   QStringLiteral("아주"),   QStringLiteral("이연"),
            QStringLiteral("신일"),   QStringLiteral("구주"),   QStringLiteral("한올"),   QStringLiteral("동성"),
            QStringLiteral("고려"),   QStringLiteral("일성"),   QStringLiteral("씨티씨"), QStringLiteral("대한"),
        };
        std::stable_sort(list.begin(), list.end(),
                         [](const QString& a, const QString& b) { return a.size() > b.size(); });
        return list;
    }();
    return kPrefixes;
}

bool isInitialsQuery(const QString& text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c.unicode() < 0x3131 || c.unicode() > 0x314E)
            return false;
    }
    return true;
}

} // namespace pharmdesk::drugdb::names
