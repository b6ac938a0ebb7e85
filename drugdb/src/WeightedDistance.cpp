// SPDX-License-Identifier: GPL-3.0-or-later
#include "WeightedDistance.h"

#include <algorithm>
#include <array>

namespace pharmdesk::drugdb::detail {

namespace {

constexpr int kLetterBase = 1;                   // a..z → 1..26
constexpr int kDigitBase = kLetterBase + 26;     // 0..9 → 27..36
constexpr int kPunctBase = kDigitBase + 10;      // . / % → 37..39
constexpr int kJamoBase = kPunctBase + 3;        // ㄱ..ㅣ (U+3131..U+3163) → 40..90
constexpr int kJamoCount = 0x3163 - 0x3131 + 1;
constexpr int kOtherBase = kJamoBase + kJamoCount;  // hashed: 91..127
static_assert(kOtherBase < kSymbolCount);

using CostTable = std::array<std::array<std::uint8_t, kSymbolCount>, kSymbolCount>;

struct Confusable
{
    char16_t a;
    char16_t b;
    std::uint8_t cost;
};

// Pairs that print or scan alike (tenths of a full substitution). Vowels differing by one short
// stroke, consonants differing by one stroke or tensing, and Latin/digit look-alikes.
constexpr Confusable kConfusables[] = {
    { u'ㅐ', u'ㅔ', 3 }, { u'ㅒ', u'ㅖ', 3 }, { u'ㅙ', u'ㅞ', 3 }, { u'ㅚ', u'ㅙ', 4 }, { u'ㅚ', u'ㅞ', 4 },
    { u'ㅓ', u'ㅕ', 4 }, { u'ㅏ', u'ㅑ', 4 }, { u'ㅗ', u'ㅛ', 4 }, { u'ㅜ', u'ㅠ', 4 }, { u'ㅐ', u'ㅒ', 4 },
    { u'ㅔ', u'ㅖ', 4 }, { u'ㅓ', u'ㅏ', 5 }, { u'ㅗ', u'ㅜ', 5 }, { u'ㅡ', u'ㅗ', 5 }, { u'ㅡ', u'ㅜ', 5 },
    { u'ㅢ', u'ㅣ', 5 }, { u'ㅘ', u'ㅏ', 5 }, { u'ㅝ', u'ㅓ', 5 }, { u'ㅟ', u'ㅣ', 5 }, { u'ㅚ', u'ㅣ', 5 },
    { u'ㅐ', u'ㅏ', 5 }, { u'ㅔ', u'ㅓ', 5 },
    { u'ㄹ', u'ㄷ', 4 }, { u'ㅁ', u'ㅇ', 4 }, { u'ㅁ', u'ㅂ', 4 }, { u'ㄱ', u'ㅋ', 4 }, { u'ㄷ', u'ㅌ', 4 },
    { u'ㅂ', u'ㅍ', 5 }, { u'ㅈ', u'ㅊ', 4 }, { u'ㅈ', u'ㅅ', 5 }, { u'ㅇ', u'ㅎ', 4 }, { u'ㄴ', u'ㄷ', 5 },
    { u'ㄱ', u'ㄲ', 4 }, { u'ㄷ', u'ㄸ', 4 }, { u'ㅂ', u'ㅃ', 4 }, { u'ㅅ', u'ㅆ', 4 }, { u'ㅈ', u'ㅉ', 4 },
    { u'ㄹ', u'ㄺ', 5 }, { u'ㄹ', u'ㄻ', 5 }, { u'ㄹ', u'ㄼ', 5 }, { u'ㄴ', u'ㄵ', 5 }, { u'ㄴ', u'ㄶ', 5 },
    { u'ㄱ', u'ㄳ', 5 }, { u'ㅂ', u'ㅄ', 5 }, { u'ㄹ', u'ㄾ', 5 }, { u'ㄹ', u'ㅀ', 5 },
    { u'0', u'o', 2 },   { u'1', u'l', 2 },   { u'1', u'i', 3 },   { u'l', u'i', 3 },   { u'5', u's', 3 },
    { u'8', u'b', 3 },   { u'2', u'z', 4 },   { u'6', u'b', 5 },   { u'9', u'g', 5 },   { u'c', u'e', 5 },
    { u'u', u'v', 5 },   { u'n', u'h', 5 },
    { u'ㅇ', u'o', 3 },  { u'ㅇ', u'0', 3 },  { u'ㅣ', u'1', 3 },  { u'ㅣ', u'l', 3 },  { u'ㄱ', u'7', 5 },
    { u'3', u'8', 5 },   { u'6', u'8', 5 },   { u'0', u'8', 6 },   { u'1', u'7', 6 },
};

const CostTable& costTable()
{
    static const CostTable table = [] {
        CostTable t {};
        for (int a = 0; a < kSymbolCount; ++a)
            for (int b = 0; b < kSymbolCount; ++b)
                t[a][b] = a == b ? 0 : kIndelCost;
        for (const Confusable& c : kConfusables) {
            const Symbol a = symbolOf(c.a);
            const Symbol b = symbolOf(c.b);
            if (a == b)
                continue;
            t[a][b] = std::min(t[a][b], c.cost);
            t[b][a] = std::min(t[b][a], c.cost);
        }
        return t;
    }();
    return table;
}

constexpr int kClassMaxCost = 4;

using ClassTable = std::array<Symbol, kSymbolCount>;

const ClassTable& classTable()
{
    static const ClassTable table = [] {
        ClassTable t {};
        for (int s = 0; s < kSymbolCount; ++s)
            t[s] = Symbol(s);
        // Union-find over the close pairs; each class is named by its smallest symbol.
        auto find = [&t](Symbol s) {
            while (t[s] != s)
                s = t[s];
            return s;
        };
        for (const Confusable& c : kConfusables) {
            if (c.cost > kClassMaxCost)
                continue;
            const Symbol a = find(symbolOf(c.a));
            const Symbol b = find(symbolOf(c.b));
            if (a != b)
                t[std::max(a, b)] = std::min(a, b);
        }
        for (int s = 0; s < kSymbolCount; ++s)
            t[s] = find(Symbol(s));
        return t;
    }();
    return table;
}

} // namespace

Symbol lookAlikeClass(Symbol s)
{
    return classTable()[s];
}

Symbol symbolOf(char16_t c)
{
    if (c >= u'a' && c <= u'z')
        return Symbol(kLetterBase + (c - u'a'));
    if (c >= u'A' && c <= u'Z')
        return Symbol(kLetterBase + (c - u'A'));
    if (c >= u'0' && c <= u'9')
        return Symbol(kDigitBase + (c - u'0'));
    if (c == u'.')
        return Symbol(kPunctBase);
    if (c == u'/')
        return Symbol(kPunctBase + 1);
    if (c == u'%')
        return Symbol(kPunctBase + 2);
    if (c >= 0x3131 && c <= 0x3163)
        return Symbol(kJamoBase + (c - 0x3131));
    return Symbol(kOtherBase + (c % (kSymbolCount - kOtherBase)));
}

int appendSymbols(const QString& normalizedName, std::vector<Symbol>& symbols, std::vector<std::uint8_t>& syllableEnds)
{
    static constexpr char16_t kInitials[] = { u'ㄱ', u'ㄲ', u'ㄴ', u'ㄷ', u'ㄸ', u'ㄹ', u'ㅁ', u'ㅂ', u'ㅃ', u'ㅅ',
                                              u'ㅆ', u'ㅇ', u'ㅈ', u'ㅉ', u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ' };
    static constexpr char16_t kFinals[] = { 0,     u'ㄱ', u'ㄲ', u'ㄳ', u'ㄴ', u'ㄵ', u'ㄶ', u'ㄷ', u'ㄹ', u'ㄺ',
                                            u'ㄻ', u'ㄼ', u'ㄽ', u'ㄾ', u'ㄿ', u'ㅀ', u'ㅁ', u'ㅂ', u'ㅄ', u'ㅅ',
                                            u'ㅆ', u'ㅇ', u'ㅈ', u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ' };
    int count = 0;
    for (QChar c : normalizedName) {
        const char16_t u = c.unicode();
        if (u >= 0xAC00 && u <= 0xD7A3) {
            const int index = u - 0xAC00;
            const char16_t final = kFinals[index % 28];
            const int length = final ? 3 : 2;
            if (count + length > kMaxSymbols)
                break;
            symbols.push_back(symbolOf(kInitials[index / (21 * 28)]));
            symbols.push_back(symbolOf(char16_t(0x314F + (index % (21 * 28)) / 28)));
            syllableEnds.push_back(0);
            syllableEnds.push_back(final ? 0 : 2);
            if (final) {
                symbols.push_back(symbolOf(final));
                syllableEnds.push_back(3);
            }
            count += length;
        } else {
            if (count + 1 > kMaxSymbols)
                break;
            symbols.push_back(symbolOf(u));
            syllableEnds.push_back(0);
            ++count;
        }
    }
    return count;
}

std::vector<Symbol> symbolsOf(const QString& normalizedName)
{
    std::vector<Symbol> symbols;
    std::vector<std::uint8_t> ends;
    symbols.reserve(size_t(normalizedName.size()) * 3);
    ends.reserve(size_t(normalizedName.size()) * 3);
    appendSymbols(normalizedName, symbols, ends);
    return symbols;
}

int substitutionCost(Symbol a, Symbol b)
{
    return costTable()[a][b];
}

int weightedDistance(const Symbol* a, int n, const Symbol* b, int m, const std::uint8_t* bSyllableEnds, int limit)
{
    // Cost of skipping back over a syllable of `ends` symbols (0: no syllable ends here).
    static constexpr std::array<int, 4> kSkipCost { 1 << 20, kSyllableDropCost, kSyllableDropCost, kSyllableDropCost };
    // A longer name can shed whole syllables cheaply; only the other direction bounds by length.
    const int perDropped = kSyllableDropCost / 3;  // cheapest cost per skipped name symbol
    if ((n - m) * kIndelCost > limit || (m - n) * perDropped > limit)
        return limit + 1;
    if (n == 0 || m == 0)
        return std::max(n, m) * kIndelCost;
    // Band: reaching cell (i, j) costs at least the length difference, so cells farther than the
    // limit allows from the diagonal are never computed.
    const int bandBelow = limit / kIndelCost;  // query ahead of the name (i > j)
    const int bandAbove = limit / perDropped;  // name ahead of the query (j > i)
    const int inf = limit + 1;
    const CostTable& table = costTable();
    std::array<int, kMaxSymbols + 2> prevRow;
    std::array<int, kMaxSymbols + 2> curRow;
    int* prev = prevRow.data();
    int* cur = curRow.data();
    // Every cell a branch-free syllable skip may read holds a bounded value.
    std::fill_n(prev, m + 2, inf);
    std::fill_n(cur, m + 2, inf);
    prev[0] = 0;
    const int firstHi = std::min(m, bandAbove);
    for (int j = 1; j <= firstHi; ++j) {
        prev[j] = prev[j - 1] + kIndelCost;
        if (bSyllableEnds && bSyllableEnds[j - 1])
            prev[j] = std::min(prev[j], prev[j - bSyllableEnds[j - 1]] + kSyllableDropCost);
    }
    prev[firstHi + 1] = inf;
    for (int i = 1; i <= n; ++i) {
        const int lo = std::max(1, i - bandBelow);
        const int hi = std::min(m, i + bandAbove);
        if (lo > hi)
            return limit + 1;
        // Cells left of the band (a syllable skip may look back up to 3) are out of reach.
        for (int k = std::max(0, lo - 3); k < lo; ++k)
            cur[k] = inf;
        if (lo == 1)
            cur[0] = i * kIndelCost;
        const auto& costs = table[a[i - 1]];
        int rowMin = inf;
        if (bSyllableEnds) {
            // Branch-free syllable skips: where no syllable ends (0), the skip reads the cell itself
            // (a stale value, at most inf) at a cost that can never win.
            for (int j = lo; j <= hi; ++j) {
                const int ends = bSyllableEnds[j - 1];
                int v = prev[j - 1] + costs[b[j - 1]];
                v = std::min(v, prev[j] + kIndelCost);
                v = std::min(v, cur[j - 1] + kIndelCost);
                v = std::min(v, cur[j - ends] + kSkipCost[size_t(ends)]);
                v = std::min(v, inf);
                cur[j] = v;
                rowMin = std::min(rowMin, v);
            }
        } else {
            for (int j = lo; j <= hi; ++j) {
                int v = prev[j - 1] + costs[b[j - 1]];
                v = std::min(v, prev[j] + kIndelCost);
                v = std::min(v, cur[j - 1] + kIndelCost);
                v = std::min(v, inf);
                cur[j] = v;
                rowMin = std::min(rowMin, v);
            }
        }
        if (rowMin > limit)
            return limit + 1;
        cur[hi + 1] = inf;
        std::swap(prev, cur);
    }
    return std::min(prev[m], inf);
}

} // namespace pharmdesk::drugdb::detail
