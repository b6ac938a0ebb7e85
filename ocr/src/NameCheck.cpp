// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/NameCheck.h"

#include <QRegularExpression>
#include <QSet>

namespace pharmdesk::ocr {

namespace {

bool isSyllable(QChar c)
{
    return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3;
}

/// `s` without whitespace and without the stray marks a read leaves at a box edge ("|김시남.").
QString compactRead(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

} // namespace

bool startsWithCommonSurname(const QString& name)
{
    static const QStringList kTwoSyllable = {
        QStringLiteral("남궁"), QStringLiteral("황보"), QStringLiteral("제갈"), QStringLiteral("선우"),
        QStringLiteral("독고"), QStringLiteral("사공"), QStringLiteral("서문"),
    };
    static const QSet<QChar> kOneSyllable = [] {
        const QString all = QStringLiteral(
            "김이박최정강조윤장임한오서신권황안송전홍유류고문양손배백허남심노하곽성차주우구나민진지엄채원천방공현함변염"
            "여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온시호범좌");
        return QSet<QChar>(all.cbegin(), all.cend());
    }();
    for (const QString& two : kTwoSyllable) {
        if (name.startsWith(two))
            return true;
    }
    return !name.isEmpty() && kOneSyllable.contains(name.front());
}

bool secondReadConfirmsName(const QString& read, const QString& secondRead, NameKind kind)
{
    const QString value = compactRead(read);
    if (value.isEmpty() || !std::all_of(value.cbegin(), value.cend(), isSyllable))
        return false;
    if (kind == NameKind::Person) {
        if (value.size() < 3 || value.size() > 5 || !startsWithCommonSurname(value))
            return false;
    } else {
        static const QRegularExpression institution(
            QStringLiteral("(의원|병원|보건소|보건지소|보건진료소|의료원)$"));
        if (value.size() < 4 || !institution.match(value).hasMatch())
            return false;
    }
    // The value must be a whole run of syllables in the second read: a syllable glued to either
    // end is one the first read may have lost.
    const QString again = compactRead(secondRead);
    for (qsizetype at = again.indexOf(value); at >= 0; at = again.indexOf(value, at + 1)) {
        const qsizetype end = at + value.size();
        const bool openBefore = at == 0 || !isSyllable(again.at(at - 1));
        const bool openAfter = end == again.size() || !isSyllable(again.at(end));
        if (openBefore && openAfter)
            return true;
    }
    return false;
}

} // namespace pharmdesk::ocr
