// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/NameCheck.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include "pharmdesk/core/Hangul.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace pharmdesk::ocr {

namespace {

using core::hangul::isSyllable;

/// The two-syllable surnames (남궁, 황보, ...): `name` begins with one of them.
bool startsWithTwoSyllableSurname(const QString& name)
{
    static const QStringList kTwoSyllable = {
        QStringLiteral("남궁"), QStringLiteral("황보"), QStringLiteral("제갈"), QStringLiteral("선우"),
        QStringLiteral("독고"), QStringLiteral("사공"), QStringLiteral("서문"),
    };
    return std::any_of(kTwoSyllable.cbegin(), kTwoSyllable.cend(), [&](const QString& two) { return name.startsWith(two); });
}

} // namespace

bool startsWithCommonSurname(const QString& name)
{
    static const QSet<QChar> kOneSyllable = [] {
        const QString all = QStringLiteral(
            "김이박최정강조윤장임한오서신권황안송전홍유류고문양손배백허남심노하곽성차주우구나민진지엄채원천방공현함변염"
            "여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온시호범좌");
        return QSet<QChar>(all.cbegin(), all.cend());
    }();
    if (startsWithTwoSyllableSurname(name))
        return true;
    return !name.isEmpty() && kOneSyllable.contains(name.front());
}

bool hasCommonGivenName(const QString& name)
{
    static const QSet<QChar> kGiven = [] {
        const QString all = QStringLiteral("가각간갑강개건걸검결겸경계고곤공관광교구국군권규균근금기길나난남내녀노늘다단달담대덕도돈동두득라란람랑래량려련렬령례로록롱료룡루류륜률름릉리린림립마만매맹면명모목몽무묵문미민밀바박반방배백범법벽별병보복본봄봉부분비빈빛사산삼상새서석선설섭성세소솔송수숙순숭슬승시식신실심아악안애야양언엄업여연열염엽영예오옥온완왕요용우욱운울웅원월위유육윤율융은음응의이익인일임입자작장재전절정제조종좌주준중증지직진집찬찰참창채책천철첨청초총최추춘충취치칠탁태택토통평표풍필하학한함합항해행향허헌혁현협형혜호홍화환활황효후훈휘휴흠흥희");
        return QSet<QChar>(all.cbegin(), all.cend());
    }();
    const qsizetype surname = startsWithTwoSyllableSurname(name) && name.size() > 3 ? 2 : 1;
    const QString given = name.mid(surname);
    return !given.isEmpty() && std::all_of(given.cbegin(), given.cend(), [](QChar c) { return kGiven.contains(c); });
}

bool secondReadConfirmsName(const QString& read, const QString& secondRead, NameKind kind)
{
    const QString value = text::compact(read);
    // An institution's name may begin with a number ("365열린의원"); a person's never does.
    qsizetype syllablesFrom = 0;
    if (kind == NameKind::Institution) {
        while (syllablesFrom < value.size() && value.at(syllablesFrom) >= u'0' && value.at(syllablesFrom) <= u'9')
            ++syllablesFrom;
    }
    if (value.size() == syllablesFrom || !std::all_of(value.cbegin() + syllablesFrom, value.cend(), isSyllable))
        return false;
    if (kind == NameKind::Person) {
        if (value.size() < 3 || value.size() > 5 || !startsWithCommonSurname(value) || !hasCommonGivenName(value))
            return false;
    } else {
        static const QRegularExpression institution(
            QStringLiteral("(의원|병원|보건소|보건지소|보건진료소|의료원)$"));
        if (value.size() < 4 || !institution.match(value).hasMatch())
            return false;
    }
    // The value must be a whole run of syllables in the second read: a syllable (or digit) glued
    // to either end is one the first read may have lost.
    const QString again = text::compact(secondRead);
    const auto glued = [](QChar c) { return isSyllable(c) || (c >= u'0' && c <= u'9'); };
    for (qsizetype at = again.indexOf(value); at >= 0; at = again.indexOf(value, at + 1)) {
        const qsizetype end = at + value.size();
        const bool openBefore = at == 0 || !glued(again.at(at - 1));
        const bool openAfter = end == again.size() || !glued(again.at(end));
        if (openBefore && openAfter)
            return true;
    }
    return false;
}

} // namespace pharmdesk::ocr
