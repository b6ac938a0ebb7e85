// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pharmdesk::core::hangul {

/// Decomposes precomposed Hangul syllables (U+AC00..U+D7A3) into compatibility jamo
/// (ㄱ..ㅣ), leaving other characters as they are. "타이" → "ㅌㅏㅇㅣ".
QString toJamo(const QString& text);

/// Initial consonants (초성) of each syllable, other characters kept. "타이레놀" → "ㅌㅇㄹㄴ".
QString initials(const QString& text);

/// True for a precomposed Hangul syllable.
bool isSyllable(QChar c);

} // namespace pharmdesk::core::hangul
