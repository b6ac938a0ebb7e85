// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>
#include <QString>

/// OCR-like corruptions of drug names for the matcher tests and the bench. Deterministic for a
/// given generator state.
namespace pharmdesk::drugdb::noise {

enum class Kind {
    Confusable,       ///< one or two jamo or digits swapped for a look-alike (ㅐ→ㅔ, ㄹ→ㄷ, 0→O ...)
    DroppedSyllable,  ///< one Hangul syllable missing
    Spaces,           ///< spaces inserted or the name split/merged
    UnitSpelling,     ///< 밀리그램/밀리그람/mg/MG/㎎ swapped
    Mixed,            ///< a look-alike, spaces and a unit spelling together
};

QString kindName(Kind kind);

/// `name` corrupted as `kind`; returns `name` unchanged when the kind does not apply.
QString corrupt(const QString& name, Kind kind, QRandomGenerator& random);

/// The item name without its bracket groups ("타이레놀정500밀리그람(아세트아미노펜)" → "타이레놀정500밀리그람").
QString withoutBrackets(const QString& name);

} // namespace pharmdesk::drugdb::noise
