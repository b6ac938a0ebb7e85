// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/guide/GuideContent.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace pharmdesk::guide {

namespace {

enum class FormKind { Unknown, Tablet, Capsule, Powder, Liquid, External };

bool isHangulSyllable(QChar c)
{
    return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3;
}

/// The product name without parenthesised parts (ingredients, export names), where form words
/// such as 정 or 액 would give false hits.
QString nameWithoutParentheses(QString name)
{
    static const QRegularExpression inner(QStringLiteral("\\([^()]*\\)|\\[[^\\[\\]]*\\]"));
    for (int i = 0; i < 4 && name.contains(inner); ++i)
        name.remove(inner);
    return name;
}

/// A form word that ends a name part: followed by the end, a digit, a space or Latin text.
bool hasFormWord(const QString& text, const QString& word)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(word, from);
        if (at < 0)
            return false;
        const qsizetype end = at + word.size();
        if (end >= text.size() || !isHangulSyllable(text.at(end)))
            return true;
        from = at + 1;
    }
}

FormKind classifyForm(const QString& formOrName)
{
    if (formOrName.isEmpty())
        return FormKind::Unknown;
    static const QStringList external = {
        QStringLiteral("연고"), QStringLiteral("크림"), QStringLiteral("로션"), QStringLiteral("점안"),
        QStringLiteral("점이"), QStringLiteral("점비"), QStringLiteral("패취"), QStringLiteral("패치"),
        QStringLiteral("플라스타"), QStringLiteral("카타플라스마"), QStringLiteral("주사"), QStringLiteral("좌제"),
        QStringLiteral("좌약"), QStringLiteral("흡입"), QStringLiteral("스프레이"), QStringLiteral("외용"),
        QStringLiteral("가글"), QStringLiteral("반창고"),
    };
    // Short words only count where they end a name part ("겔포스" is an oral suspension).
    static const QStringList externalEnding = { QStringLiteral("겔"), QStringLiteral("파스"), QStringLiteral("질정") };
    for (const QString& w : external) {
        if (formOrName.contains(w))
            return FormKind::External;
    }
    for (const QString& w : externalEnding) {
        if (hasFormWord(formOrName, w))
            return FormKind::External;
    }
    if (formOrName.contains(QStringLiteral("캡슐")))
        return FormKind::Capsule;
    if (formOrName.contains(QStringLiteral("건조시럽")) || formOrName.contains(QStringLiteral("과립"))
        || formOrName.contains(QStringLiteral("세립")) || hasFormWord(formOrName, QStringLiteral("산")))
        return FormKind::Powder;
    if (formOrName.contains(QStringLiteral("시럽")) || formOrName.contains(QStringLiteral("현탁"))
        || formOrName.contains(QStringLiteral("엘릭서")) || hasFormWord(formOrName, QStringLiteral("액")))
        return FormKind::Liquid;
    if (hasFormWord(formOrName, QStringLiteral("정")))
        return FormKind::Tablet;
    return FormKind::Unknown;
}

FormKind formOf(const core::PrescriptionItem& item)
{
    if (item.injection)
        return FormKind::External;
    if (item.product && !item.product->form.isEmpty()) {
        const FormKind k = classifyForm(item.product->form);
        if (k != FormKind::Unknown)
            return k;
    }
    const QString name = item.product ? item.product->name : item.nameAsRead.valueOr(QString());
    return classifyForm(nameWithoutParentheses(name));
}

QString unitFor(FormKind kind)
{
    switch (kind) {
    case FormKind::Tablet:
        return QStringLiteral("정");
    case FormKind::Capsule:
        return QStringLiteral("캡슐");
    case FormKind::Powder:
        return QStringLiteral("포");
    case FormKind::Liquid:
        return QStringLiteral("mL");
    case FormKind::External:
    case FormKind::Unknown:
        break;
    }
    return {};
}

/// The usage text in ordinary spacing: letter-spaced print as OCR reads it ("식 후 즉 시",
/// "30 분") is closed up, and a number gets a space before it ("식후30분" → "식후 30분").
/// Only spaces change; no character is added, dropped or replaced.
QString normalisedUsage(const core::PrescriptionItem& item)
{
    const QStringList tokens = item.usage.valueOr(QString()).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto singleSyllable = [](const QString& t) { return t.size() == 1 && isHangulSyllable(t.at(0)); };
    static const QStringList unitsAfterNumber = { QStringLiteral("분"), QStringLiteral("시간"), QStringLiteral("회"),
                                                  QStringLiteral("일"), QStringLiteral("번") };
    QString joined;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString& t = tokens.at(i);
        if (i > 0) {
            const QString& prev = tokens.at(i - 1);
            const bool letterSpaced = singleSyllable(prev) && singleSyllable(t);
            const bool numberUnit = !prev.isEmpty() && prev.back().isDigit() && unitsAfterNumber.contains(t);
            if (!letterSpaced && !numberUnit)
                joined += QLatin1Char(' ');
        }
        joined += t;
    }
    QString out;
    out.reserve(joined.size() + 4);
    for (qsizetype i = 0; i < joined.size(); ++i) {
        out.append(joined.at(i));
        if (i + 1 < joined.size() && isHangulSyllable(joined.at(i)) && joined.at(i + 1).isDigit())
            out.append(QLatin1Char(' '));
    }
    return out;
}

bool usageSays(const QString& usage, std::initializer_list<const char16_t*> words)
{
    return std::any_of(words.begin(), words.end(),
                       [&](const char16_t* w) { return usage.contains(QString::fromUtf16(w)); });
}

QString englishUnit(const QString& unit, double dose)
{
    QString word;
    if (unit == QStringLiteral("정"))
        word = QStringLiteral("tablet");
    else if (unit == QStringLiteral("캡슐"))
        word = QStringLiteral("capsule");
    else if (unit == QStringLiteral("포"))
        word = QStringLiteral("packet");
    else
        return unit;
    return dose > 1.0 + 1e-9 ? word + QLatin1Char('s') : word;
}

QString koreanSentence(const core::PrescriptionItem& item)
{
    const bool external = isExternalUse(item);
    QString s;
    if (item.dose.hasValue() && *item.dose > 0) {
        const QString unit = doseUnit(item);
        const QString amount = formatDose(*item.dose);
        if (unit.isEmpty()) {
            s = QStringLiteral("1회 투약량 %1,").arg(amount);
        } else {
            const bool latin = unit.at(0).unicode() < 0x80;
            s = QStringLiteral("1회 %1%2%3씩").arg(amount, latin ? QStringLiteral(" ") : QString(), unit);
        }
    }
    if (item.timesPerDay.hasValue() && *item.timesPerDay > 0) {
        if (!s.isEmpty())
            s += QLatin1Char(' ');
        s += QStringLiteral("하루 %1번").arg(*item.timesPerDay);
    }
    if (item.days.hasValue() && *item.days > 0) {
        if (!s.isEmpty() && !s.endsWith(QLatin1Char(',')))
            s += QLatin1Char(',');
        if (!s.isEmpty())
            s += QLatin1Char(' ');
        s += QStringLiteral("%1일 동안").arg(*item.days);
    }
    if (s.endsWith(QLatin1Char(',')))
        s.chop(1);
    if (s.isEmpty())
        s = external ? QStringLiteral("사용 방법은 약사의 안내를 따르세요") : QStringLiteral("복용 방법은 약사의 안내를 따르세요");
    else
        s += external ? QStringLiteral(" 사용하세요") : QStringLiteral(" 드세요");
    const QString usage = normalisedUsage(item);
    if (!usage.isEmpty())
        s += QStringLiteral(" (%1)").arg(usage);
    return s;
}

QString englishSentence(const core::PrescriptionItem& item)
{
    const bool external = isExternalUse(item);
    QStringList parts;
    if (item.dose.hasValue() && *item.dose > 0) {
        const QString unit = doseUnit(item);
        const QString amount = formatDose(*item.dose);
        if (unit.isEmpty())
            parts << QStringLiteral("a dose of %1").arg(amount);
        else
            parts << QStringLiteral("%1 %2").arg(amount, englishUnit(unit, *item.dose));
    }
    if (item.timesPerDay.hasValue() && *item.timesPerDay > 0) {
        const int n = *item.timesPerDay;
        parts << (n == 1 ? QStringLiteral("once a day")
                         : n == 2 ? QStringLiteral("twice a day") : QStringLiteral("%1 times a day").arg(n));
    }
    if (item.days.hasValue() && *item.days > 0)
        parts << (*item.days == 1 ? QStringLiteral("for 1 day") : QStringLiteral("for %1 days").arg(*item.days));
    QString s = parts.isEmpty() ? QStringLiteral("Follow your pharmacist's directions")
                                : (external ? QStringLiteral("Use ") : QStringLiteral("Take ")) + parts.join(QLatin1Char(' '));
    const QString usage = normalisedUsage(item);
    if (!usage.isEmpty())
        s += QStringLiteral(" (%1)").arg(usage);
    return s;
}

/// Positions of spaces outside parentheses: the only places a sentence may be cut.
QList<qsizetype> cutPoints(const QString& sentence)
{
    QList<qsizetype> points;
    int depth = 0;
    for (qsizetype i = 0; i < sentence.size(); ++i) {
        const QChar c = sentence.at(i);
        if (c == QLatin1Char('(') || c == QLatin1Char('['))
            ++depth;
        else if ((c == QLatin1Char(')') || c == QLatin1Char(']')) && depth > 0)
            --depth;
        else if (c == QLatin1Char(' ') && depth == 0)
            points.append(i);
    }
    return points;
}

QString trimListEnd(QString head)
{
    head = head.trimmed();
    while (!head.isEmpty() && QStringLiteral(",;:·/-").contains(head.back()))
        head.chop(1);
    return head.trimmed();
}

/// Shortens an over-long sentence by leaving out words in its middle ("A, B, … 복용하지 마십시오."),
/// so its beginning and its ending — in Korean the predicate that carries the meaning — survive.
/// Cuts only at spaces outside parentheses; the result is at most `maxChars` long where any cut
/// allows it.
QString elideMiddle(const QString& sentence, int maxChars)
{
    if (sentence.size() <= maxChars)
        return sentence;
    const QList<qsizetype> points = cutPoints(sentence);
    const QString ellipsis = QStringLiteral(" … ");
    // The tail: from the last cut point after a comma (the final list item and the predicate),
    // else the shortest tail of at least a few words; at most half the room.
    qsizetype tailStart = -1;
    for (auto it = points.crbegin(); it != points.crend(); ++it) {
        const qsizetype len = sentence.size() - (*it + 1);
        if (len > maxChars / 2)
            break;
        tailStart = *it + 1;
        if (*it > 0 && sentence.at(*it - 1) == QLatin1Char(','))
            break;
    }
    const QString tail = tailStart > 0 ? sentence.mid(tailStart) : QString();
    const qsizetype headRoom = maxChars - tail.size() - ellipsis.size();
    qsizetype headEnd = -1;
    for (qsizetype p : points) {
        if (p > headRoom || (tailStart > 0 && p >= tailStart - 1))
            break;
        headEnd = p;
    }
    if (headEnd <= 0) {
        // No word boundary early enough: keep the first word whole rather than cut inside it.
        headEnd = points.isEmpty() ? sentence.size() : points.first();
    }
    const QString head = trimListEnd(sentence.left(headEnd));
    if (tail.isEmpty())
        return head + QChar(0x2026);
    return head + ellipsis + tail;
}

} // namespace

QString formatDose(double dose)
{
    struct Fraction { double value; const char* text; };
    static constexpr Fraction fractions[] = { { 0.5, "1/2" }, { 1.0 / 3.0, "1/3" }, { 2.0 / 3.0, "2/3" }, { 0.25, "1/4" } };
    const double rounded = std::round(dose);
    if (std::abs(dose - rounded) < 0.005)
        return QString::number(static_cast<qint64>(rounded));
    for (const Fraction& f : fractions) {
        if (std::abs(dose - f.value) < 0.005)
            return QLatin1String(f.text);
    }
    QString text = QString::number(dose, 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

QString doseUnit(const core::PrescriptionItem& item)
{
    const QString printed = item.doseUnit.trimmed();
    if (!printed.isEmpty()) {
        const QString lower = printed.toLower();
        if (lower == QStringLiteral("ml") || lower == QStringLiteral("cc"))
            return QStringLiteral("mL");
        return printed;
    }
    return unitFor(formOf(item));
}

bool isExternalUse(const core::PrescriptionItem& item)
{
    return formOf(item) == FormKind::External;
}

QString dosingSentence(const core::PrescriptionItem& item, const QString& language)
{
    return language == QStringLiteral("en") ? englishSentence(item) : koreanSentence(item);
}

std::optional<DoseTimes> doseTimes(const core::PrescriptionItem& item)
{
    if (!item.timesPerDay.hasValue())
        return std::nullopt;
    const QString usage = normalisedUsage(item);
    DoseTimes t;
    switch (*item.timesPerDay) {
    case 1:
        if (usageSays(usage, { u"취침", u"자기 전", u"자기전", u"잠자기", u"잘 때" }))
            t.bedtime = true;
        else if (usageSays(usage, { u"저녁" }))
            t.evening = true;
        else
            t.morning = true;
        return t;
    case 2:
        t.morning = t.evening = true;
        return t;
    case 3:
        t.morning = t.noon = t.evening = true;
        return t;
    case 4:
        t.morning = t.noon = t.evening = t.bedtime = true;
        return t;
    default:
        return std::nullopt;
    }
}

MealTiming mealTiming(const core::PrescriptionItem& item)
{
    const QString usage = normalisedUsage(item);
    const QString lower = usage.toLower();
    // 식간 first: "식간 (식후 2시간)" is taken between meals.
    if (usageSays(usage, { u"식간" }) || lower.contains(QLatin1String("between meals")))
        return MealTiming::BetweenMeals;
    const bool before = usageSays(usage, { u"식전" }) || lower.contains(QLatin1String("before meal"));
    const bool after = usageSays(usage, { u"식후" }) || lower.contains(QLatin1String("after meal"));
    if (before == after)
        return MealTiming::Unknown;  // neither, or a usage naming both: the words as read say it
    return before ? MealTiming::BeforeMeals : MealTiming::AfterMeals;
}

QString mfdsItemUrl(const QString& itemSeq)
{
    const QString seq = itemSeq.trimmed();
    if (seq.isEmpty() || !std::all_of(seq.cbegin(), seq.cend(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }))
        return {};
    return QStringLiteral("https://nedrug.mfds.go.kr/pbp/CCBBB01/getItemDetail?itemSeq=") + seq;
}

QString displayName(const core::PrescriptionItem& item)
{
    if (item.product && !item.product->name.trimmed().isEmpty()) {
        static const QRegularExpression exportName(QStringLiteral("\\(\\s*수출명\\s*:[^)]*\\)"));
        QString name = item.product->name;
        name.remove(exportName);
        return name.trimmed();
    }
    const QString read = item.nameAsRead.valueOr(QString()).simplified();
    if (!read.isEmpty())
        return read;
    return item.rawText.simplified();
}

QStringList splitSentences(const QString& text)
{
    QStringList sentences;
    QString current;
    auto flush = [&] {
        const QString s = current.simplified();
        if (!s.isEmpty())
            sentences.append(s);
        current.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            flush();
            continue;
        }
        current.append(c);
        if (c != QLatin1Char('.') && c != QLatin1Char('!') && c != QLatin1Char('?') && c != QChar(0x3002))
            continue;
        const QChar prev = i > 0 ? text.at(i - 1) : QChar();
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        if (c == QLatin1Char('.') && prev.isDigit() && next.isDigit())
            continue;  // a decimal number
        if (c == QLatin1Char('.') && prev.isLetter() && prev.unicode() < 0x80 && next.isLetter() && next.unicode() < 0x80)
            continue;  // an abbreviation such as "U.S.P"
        flush();
    }
    flush();
    return sentences;
}

QString shortenAtSentence(const QString& text, int maxChars)
{
    const QStringList sentences = splitSentences(text);
    QString out;
    for (const QString& s : sentences) {
        const qsizetype grown = out.isEmpty() ? s.size() : out.size() + 1 + s.size();
        if (grown > maxChars)
            break;
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += s;
    }
    if (out.isEmpty() && !sentences.isEmpty())
        out = elideMiddle(sentences.first(), maxChars);
    return out;
}

QStringList keyCautions(const QString& caution, int maxSentences, int maxCharsEach)
{
    const QStringList sentences = splitSentences(caution);
    auto weight = [](const QString& s) {
        if (usageSays(s, { u"하지 마십시오", u"하지 마세요", u"하지 말 것" }))
            return 3;
        if (usageSays(s, { u"중지", u"중단" }))
            return 2;
        if (usageSays(s, { u"상의", u"주의" }))
            return 1;
        return 0;
    };
    QList<int> order(sentences.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return weight(sentences.at(a)) > weight(sentences.at(b)); });
    if (order.size() > maxSentences)
        order.resize(maxSentences);
    std::sort(order.begin(), order.end());
    QStringList out;
    for (int i : order)
        out.append(elideMiddle(sentences.at(i), maxCharsEach));
    return out;
}

} // namespace pharmdesk::guide
