// SPDX-License-Identifier: GPL-3.0-or-later
#include "OcrNoise.h"

#include "pharmdesk/core/Hangul.h"

#include <QList>

#include <utility>

namespace pharmdesk::drugdb::noise {

namespace {

constexpr int kMedials = 21;
constexpr int kFinals = 28;

// Look-alike pairs by jamo index: initials (ㄷ3/ㄹ5, ㅁ6/ㅇ11, ㄱ0/ㅋ15), medials (ㅐ1/ㅔ5, ㅓ4/ㅕ6,
// ㅗ8/ㅛ12, ㅜ13/ㅠ17), finals (ㄷ7/ㄹ8, ㅁ16/ㅇ21).
const QList<std::pair<int, int>> kInitialPairs = { { 3, 5 }, { 6, 11 }, { 0, 15 } };
const QList<std::pair<int, int>> kMedialPairs = { { 1, 5 }, { 4, 6 }, { 8, 12 }, { 13, 17 } };
const QList<std::pair<int, int>> kFinalPairs = { { 7, 8 }, { 16, 21 } };

int swapped(int value, const QList<std::pair<int, int>>& pairs)
{
    for (const auto& [a, b] : pairs) {
        if (value == a)
            return b;
        if (value == b)
            return a;
    }
    return -1;
}

// Changes one position that has a look-alike; false when the name has none.
bool swapOne(QString& s, QRandomGenerator& random)
{
    QList<int> positions;
    for (int i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (core::hangul::isSyllable(c) || c == u'0' || c == u'1' || c == u'5' || c == u'8')
            positions.append(i);
    }
    for (int attempt = 0; attempt < 12 && !positions.isEmpty(); ++attempt) {
        const int i = positions.at(random.bounded(int(positions.size())));
        const QChar c = s.at(i);
        if (!core::hangul::isSyllable(c)) {
            static const QString from = QStringLiteral("0158");
            static const QString to = QStringLiteral("OlSB");
            s[i] = to.at(from.indexOf(c));
            return true;
        }
        const int index = c.unicode() - 0xAC00;
        int initial = index / (kMedials * kFinals);
        int medial = (index % (kMedials * kFinals)) / kFinals;
        int final = index % kFinals;
        const int part = random.bounded(3);
        int changed = -1;
        if (part == 0 && (changed = swapped(initial, kInitialPairs)) >= 0)
            initial = changed;
        else if (part == 1 && (changed = swapped(medial, kMedialPairs)) >= 0)
            medial = changed;
        else if (part == 2 && (changed = swapped(final, kFinalPairs)) >= 0)
            final = changed;
        if (changed < 0)
            continue;
        s[i] = QChar(char16_t(0xAC00 + (initial * kMedials + medial) * kFinals + final));
        return true;
    }
    return false;
}

QString respace(const QString& s, QRandomGenerator& random)
{
    QString out;
    for (int i = 0; i < s.size(); ++i) {
        if (s.at(i) == u' ')
            continue;  // merged
        out.append(s.at(i));
        if (i + 1 < s.size() && random.bounded(100) < 12)
            out.append(u' ');  // split
    }
    return out;
}

bool respellUnit(QString& s, QRandomGenerator& random)
{
    static const QStringList spellings = { QStringLiteral("밀리그램"), QStringLiteral("밀리그람"),
                                           QStringLiteral("mg"), QStringLiteral("MG"), QStringLiteral("㎎"),
                                           QStringLiteral("Mg") };
    for (const QString& from : spellings) {
        const qsizetype pos = s.indexOf(from);
        if (pos < 0)
            continue;
        QString to = from;
        while (to == from)
            to = spellings.at(random.bounded(int(spellings.size())));
        s.replace(pos, from.size(), to);
        return true;
    }
    return false;
}

} // namespace

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Confusable:
        return QStringLiteral("confusable");
    case Kind::DroppedSyllable:
        return QStringLiteral("dropped syllable");
    case Kind::Spaces:
        return QStringLiteral("spaces");
    case Kind::UnitSpelling:
        return QStringLiteral("unit spelling");
    case Kind::Mixed:
        return QStringLiteral("mixed");
    }
    return {};
}

QString corrupt(const QString& name, Kind kind, QRandomGenerator& random)
{
    QString s = name;
    switch (kind) {
    case Kind::Confusable:
        if (swapOne(s, random) && s.size() > 6 && random.bounded(2) == 0)
            swapOne(s, random);
        return s;
    case Kind::DroppedSyllable: {
        QList<int> syllables;
        for (int i = 0; i < s.size(); ++i) {
            if (core::hangul::isSyllable(s.at(i)))
                syllables.append(i);
        }
        // Names of one or two syllables have nothing left to recognise without it.
        if (syllables.size() >= 3)
            s.remove(syllables.at(random.bounded(int(syllables.size()))), 1);
        return s;
    }
    case Kind::Spaces:
        return respace(s, random);
    case Kind::UnitSpelling:
        respellUnit(s, random);
        return s;
    case Kind::Mixed:
        swapOne(s, random);
        respellUnit(s, random);
        return respace(s, random);
    }
    return s;
}

QString withoutBrackets(const QString& name)
{
    QString out;
    int depth = 0;
    for (QChar c : name) {
        if (c == u'(' || c == u'[')
            ++depth;
        else if ((c == u')' || c == u']') && depth > 0)
            --depth;
        else if (depth == 0)
            out.append(c);
    }
    return out;
}

} // namespace pharmdesk::drugdb::noise
