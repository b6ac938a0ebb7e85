// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Hangul.h"

namespace pharmdesk::core::hangul {

namespace {
constexpr char16_t kSyllableBase = 0xAC00;
constexpr char16_t kSyllableLast = 0xD7A3;
constexpr int kMedials = 21;
constexpr int kFinals = 28;

// Compatibility jamo (U+3131..) for each initial, medial and final index.
constexpr char16_t kInitials[] = { u'ㄱ', u'ㄲ', u'ㄴ', u'ㄷ', u'ㄸ', u'ㄹ', u'ㅁ', u'ㅂ', u'ㅃ', u'ㅅ',
                                   u'ㅆ', u'ㅇ', u'ㅈ', u'ㅉ', u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ' };
constexpr char16_t kMedialJamo[] = { u'ㅏ', u'ㅐ', u'ㅑ', u'ㅒ', u'ㅓ', u'ㅔ', u'ㅕ', u'ㅖ', u'ㅗ', u'ㅘ', u'ㅙ',
                                     u'ㅚ', u'ㅛ', u'ㅜ', u'ㅝ', u'ㅞ', u'ㅟ', u'ㅠ', u'ㅡ', u'ㅢ', u'ㅣ' };
constexpr char16_t kFinalJamo[] = { 0,     u'ㄱ', u'ㄲ', u'ㄳ', u'ㄴ', u'ㄵ', u'ㄶ', u'ㄷ', u'ㄹ', u'ㄺ',
                                    u'ㄻ', u'ㄼ', u'ㄽ', u'ㄾ', u'ㄿ', u'ㅀ', u'ㅁ', u'ㅂ', u'ㅄ', u'ㅅ',
                                    u'ㅆ', u'ㅇ', u'ㅈ', u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ' };
} // namespace

bool isSyllable(QChar c)
{
    return c.unicode() >= kSyllableBase && c.unicode() <= kSyllableLast;
}

QString toJamo(const QString& text)
{
    QString out;
    out.reserve(text.size() * 3);
    for (QChar c : text) {
        if (!isSyllable(c)) {
            out.append(c);
            continue;
        }
        const int index = c.unicode() - kSyllableBase;
        out.append(QChar(kInitials[index / (kMedials * kFinals)]));
        out.append(QChar(kMedialJamo[(index % (kMedials * kFinals)) / kFinals]));
        if (const char16_t fin = kFinalJamo[index % kFinals])
            out.append(QChar(fin));
    }
    return out;
}

QString initials(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (isSyllable(c))
            out.append(QChar(kInitials[(c.unicode() - kSyllableBase) / (kMedials * kFinals)]));
        else
            out.append(c);
    }
    return out;
}

} // namespace pharmdesk::core::hangul
