// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Rrn.h"

namespace pharmdesk::core::rrn {

namespace {

/// The digits of an RRN as OCR or a user typed it: spaces and dashes are dropped; any other
/// character makes the whole text unreadable (empty), so "85O412" is never silently repaired here.
QString digitsOf(const QString& text)
{
    QString d;
    d.reserve(13);
    for (QChar c : text) {
        if (c.isDigit())
            d.append(c);
        else if (c.isSpace() || c == QLatin1Char('-'))
            continue;
        else if (c == QLatin1Char('*') && d.size() >= 7)
            break;  // an already masked number: the rest is hidden
        else
            return {};
    }
    return d;
}

/// Century from the 7th digit: 9/0 → 1800s, 1/2/5/6 → 1900s, 3/4/7/8 → 2000s.
std::optional<int> centuryOf(QChar s)
{
    switch (s.unicode()) {
    case '9': case '0': return 1800;
    case '1': case '2': case '5': case '6': return 1900;
    case '3': case '4': case '7': case '8': return 2000;
    default: return std::nullopt;
    }
}

} // namespace

std::optional<QString> normalize(const QString& text)
{
    const QString d = digitsOf(text);
    if (d.size() != 13)
        return std::nullopt;
    return d.left(6) + QLatin1Char('-') + d.mid(6);
}

std::optional<QDate> birthDate(const QString& rrn)
{
    const QString d = digitsOf(rrn);
    if (d.size() < 7)
        return std::nullopt;
    const auto century = centuryOf(d.at(6));
    if (!century)
        return std::nullopt;
    const QDate date(*century + d.left(2).toInt(), d.mid(2, 2).toInt(), d.mid(4, 2).toInt());
    if (!date.isValid())
        return std::nullopt;
    return date;
}

std::optional<QChar> sex(const QString& rrn)
{
    const QString d = digitsOf(rrn);
    if (!birthDate(rrn))
        return std::nullopt;
    return (d.at(6).digitValue() % 2 == 1) ? QLatin1Char('M') : QLatin1Char('F');
}

bool isValid(const QString& rrn)
{
    return digitsOf(rrn).size() == 13 && birthDate(rrn).has_value();
}

QString mask(const QString& rrn)
{
    const QString d = digitsOf(rrn);
    if (d.size() < 7 || !birthDate(rrn))
        return {};
    return d.left(6) + QLatin1Char('-') + d.at(6) + QStringLiteral("******");
}

std::optional<int> ageOn(const QString& rrn, QDate onDate)
{
    const auto born = birthDate(rrn);
    if (!born || !onDate.isValid() || onDate < *born)
        return std::nullopt;
    int age = onDate.year() - born->year();
    if (onDate.month() < born->month() || (onDate.month() == born->month() && onDate.day() < born->day()))
        --age;
    return age;
}

} // namespace pharmdesk::core::rrn
