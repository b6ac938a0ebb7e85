// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

/// The alphabet and the weighted edit distance of the name matcher. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

/// A 7-bit symbol: 0 is the word boundary, then Latin letters, digits, '.', '/', '%', the 51 modern
/// compatibility jamo; every other character is hashed onto the remaining codes.
using Symbol = std::uint8_t;
inline constexpr Symbol kBoundary = 0;
inline constexpr int kSymbolBits = 7;
inline constexpr int kSymbolCount = 1 << kSymbolBits;

/// Costs are integers in tenths: an insertion or deletion costs kIndelCost, a substitution of
/// unrelated symbols as much, a confusable pair (ㅐ/ㅔ, 0/o ...) less.
inline constexpr int kIndelCost = 10;

/// Longest symbol sequence compared; longer names are cut (their tails are ingredients).
inline constexpr int kMaxSymbols = 160;

Symbol symbolOf(char16_t c);

/// Deleting a whole syllable of the name (OCR dropped it) costs this, less than its jamo one by one.
inline constexpr int kSyllableDropCost = 13;

/// Symbols of a normalised name, Hangul decomposed into jamo, at most kMaxSymbols.
std::vector<Symbol> symbolsOf(const QString& normalizedName);

/// Appends the symbols of a normalised name to `symbols` and, for each, to `syllableEnds` the
/// number of symbols of the Hangul syllable it ends (0 inside a syllable or for other characters).
/// Returns the number appended (≤ kMaxSymbols).
int appendSymbols(const QString& normalizedName, std::vector<Symbol>& symbols, std::vector<std::uint8_t>& syllableEnds);

/// The class of a symbol for candidate search: close look-alikes (cost ≤ 4, e.g. ㅐ/ㅔ, ㄹ/ㄷ, 0/o)
/// share a class, so an OCR confusion does not change the trigrams of a name.
Symbol lookAlikeClass(Symbol s);

/// Cost of replacing `a` by `b` (0 when equal).
int substitutionCost(Symbol a, Symbol b);

/// Weighted Levenshtein distance from query `a` to name `b` (lengths ≤ kMaxSymbols); with
/// `bSyllableEnds` (see appendSymbols) a whole syllable of `b` may be skipped at kSyllableDropCost.
/// Stops early and returns limit + 1 once the distance must exceed `limit`.
int weightedDistance(const Symbol* a, int n, const Symbol* b, int m, const std::uint8_t* bSyllableEnds, int limit);

} // namespace pharmdesk::drugdb::detail
