// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WeightedDistance.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <cstdint>
#include <vector>

/// The name matcher's index: plain arrays only, so that it can be stored in the cache file and read
/// back in a few milliseconds instead of normalising every name again. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

/// Bump whenever normalisation, the symbol alphabet, the gram scheme or this layout change: a stored
/// index of another format is ignored and rebuilt.
inline constexpr quint32 kMatcherIndexFormat = 5;

/// Bits of a gram: three look-alike classes of kSymbolBits each.
inline constexpr int kGramBits = 3 * kSymbolBits;

/// The most frequent grams (at most kCommonGramCount of those with more than kCommonGramMinPostings
/// entries) are not scanned per query: each has a bit set over the entries instead, tested bit by bit
/// for a few candidates or summed word by word (bit-sliced) over all entries.
/// Bit sets over the entries are whole multiples of this many 64-bit words (vector blocks).
inline constexpr size_t kEntryWordAlign = 4;
inline constexpr int kCommonGramCount = 1024;
inline constexpr quint32 kCommonGramMinPostings = 200;

struct MatcherIndex
{
    /// A normalised text a product is matched under: full name, name without brackets, name without
    /// a company prefix (`stripped`).
    struct Key
    {
        quint32 offset = 0;  ///< into symbols / syllableEnds
        quint32 strengthOffset = 0;  ///< into strengths
        quint16 length = 0;
        quint16 strengthLength = 0;
        quint8 stripped = 0;
        quint8 reserved[3] = {};
    };

    /// Products sharing one normalised full name, with the keys they are matched under.
    struct Entry
    {
        std::array<qint32, 3> keys { -1, -1, -1 };
        quint32 productBegin = 0;  ///< into entryProducts
        quint32 productEnd = 0;
    };

    std::vector<Symbol> symbols;
    std::vector<quint8> syllableEnds;  ///< parallel to symbols (see appendSymbols)
    std::vector<Key> keys;
    std::vector<char16_t> strengths;  ///< names::strengthKey of each key, concatenated
    std::vector<Entry> entries;
    std::vector<qint32> entryProducts;
    std::vector<qint32> entryOfProduct;  ///< -1 for names that normalise to nothing
    std::vector<char16_t> fullKeyChars;  ///< normalised full name of each product, concatenated
    std::vector<quint32> fullKeyOffsets;  ///< product count + 1
    /// Trigram postings (entry ids, ascending per gram) of the grams in `grams` (ascending):
    /// postings[gramBegin[i] .. gramBegin[i + 1]) hold grams[i]; empty for the common grams, whose
    /// entries are in commonBits.
    std::vector<quint32> grams;
    std::vector<quint32> gramBegin;
    std::vector<qint32> postings;
    std::vector<quint32> commonGrams;  ///< ascending
    std::vector<quint32> commonSizes;  ///< entries holding each common gram
    /// Entries holding commonGrams[i]: bits [i * entryWords() * 64, (i + 1) * entryWords() * 64).
    std::vector<quint64> commonBits;
    /// (symbolHash of a key, entry), sorted: names equal to the query's are always candidates. A
    /// collision only adds a candidate, which the distance then ranks.
    std::vector<std::pair<quint64, qint32>> exact;

    /// Normalises every name and builds the arrays above (uses up to 8 threads for normalisation).
    static MatcherIndex build(const QStringList& names);

    QStringView strengthOf(const Key& k) const { return QStringView(strengths.data() + k.strengthOffset, k.strengthLength); }
    QString fullKey(int product) const;
    int productCount() const { return int(entryOfProduct.size()); }
    /// Words of a bit set over the entries, padded to kEntryWordAlign.
    size_t entryWords() const { return (entries.size() + 64 * kEntryWordAlign - 1) / (64 * kEntryWordAlign) * kEntryWordAlign; }

    /// Position of `gram` in `grams`, or -1.
    qsizetype gramIndex(quint32 gram) const;

    QByteArray serialize() const;
    /// False (and `out` untouched) when `blob` is not a complete index of kMatcherIndexFormat.
    static bool deserialize(const QByteArray& blob, MatcherIndex* out);
};

/// Appends the trigrams of the look-alike classes of `symbols`, with a boundary on each side.
void appendGrams(const Symbol* symbols, int length, std::vector<quint32>& out);

/// Appends the trigrams that appear when one Hangul syllable of the key is lost (OCR dropped it):
/// the grams spanning the junction of its neighbours.
void appendGapGrams(const Symbol* symbols, const quint8* syllableEnds, int length, std::vector<quint32>& out);

/// The key texts a product name is matched under: the full normalised name, the name without its
/// bracket groups, and that without a known company prefix (flagged true). `fullOut` gets the full
/// normalised name.
std::vector<std::pair<QString, bool>> keyTextsOf(const QString& name, QString* fullOut = nullptr);

/// The known company prefix `base` (a normalised name) starts with, leaving at least 3 characters;
/// null when none.
const QString* companyPrefixOf(const QString& base);

/// FNV-1a of a symbol sequence (the `exact` table's key).
quint64 symbolHash(const Symbol* symbols, int length);

} // namespace pharmdesk::drugdb::detail
