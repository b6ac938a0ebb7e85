// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/drugdb/NameMatcher.h"

#include "MatcherIndex.h"
#include "WeightedDistance.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cmath>
#include <cstring>

namespace pharmdesk::drugdb {

using detail::MatcherIndex;
using detail::Symbol;

namespace {

constexpr double kMinimumScore = 0.3;
constexpr double kPrefixPenalty = 0.04;  // matched only once a company prefix was set aside
// Postings visited per query before rarer grams stop being added; bounds the time of generic queries
// (the common grams are counted through their bit sets and do not count against it).
constexpr qsizetype kPostingBudget = 12000;
// Keys ranked by edit distance per query (the rest share too few trigrams to place).
constexpr int kCandidates = 20;
constexpr double kRelevantBelowBest = 0.3;
// The rarest common grams of a query that sieve the entries holding only common grams, and how many
// entries per wanted candidate pass the sieve to be verified on the other grams.
constexpr int kSieveGrams = 16;
constexpr size_t kSievePerWanted = 2;
// Entries holding only common grams added per query at most (a generic query's ties at its lowest
// count are cut arbitrarily).
constexpr size_t kMostCommonOnly = 4096;
// When the best entry found through the rare grams shares fewer than this fraction of the query's
// grams, entries holding only common grams are counted too (see NameMatcher::Data::candidates).
constexpr struct
{
    int num;
    int den;
} kFullScanBelow { 2, 3 };

// Distinct trigrams of `symbols` (see appendGrams), sorted.
void gramsOf(const Symbol* symbols, int length, std::vector<quint32>& out)
{
    out.clear();
    detail::appendGrams(symbols, length, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

// How much the numbers of the query and the name agree. Strength is what separates products of the
// same brand, so a different number costs much more than its one or two characters of edit distance.
double strengthFactor(QStringView query, QStringView name)
{
    if (query == name)
        return 1.0;
    if (query.isEmpty() || name.isEmpty())
        return 0.9;
    // A cut-off print ("텔미스크정80/" of "80/5") keeps the leading numbers.
    if (name.startsWith(query) && name.at(query.size()) == u'|')
        return 0.85;
    return 0.55;
}

// One way of reading the query (brackets kept, brackets dropped, company prefix set aside).
struct Variant
{
    std::vector<Symbol> symbols;
    QString strength;
    double penalty = 0.0;
};

std::vector<Variant> variantsOf(const QString& query)
{
    std::vector<Variant> variants;
    QString full;
    QString base;
    names::normalizeBoth(query, &full, &base);
    if (full.isEmpty())
        return variants;
    variants.push_back({ detail::symbolsOf(full), names::strengthKey(full), 0.0 });
    if (!base.isEmpty() && base != full)
        variants.push_back({ detail::symbolsOf(base), names::strengthKey(base), 0.0 });
    if (const QString* prefix = detail::companyPrefixOf(base)) {
        const QString rest = base.mid(prefix->size());
        variants.push_back({ detail::symbolsOf(rest), names::strengthKey(rest), kPrefixPenalty });
    }
    return variants;
}

// Score of one reading of the query against one key (symbols of a normalised name); 0 when it
// cannot reach `atLeast`.
double scoreSymbols(const Variant& v, const Symbol* key, const quint8* keySyllableEnds, int keyLength,
                    QStringView keyStrength, bool stripped, double atLeast)
{
    const int n = int(v.symbols.size());
    const int longest = std::max(n, keyLength);
    if (longest == 0)
        return 0.0;
    // score = (1 - dist / (kIndelCost * longest)) * factor - penalty, so reaching `atLeast` bounds the
    // distance; a strength mismatch alone may rule the pair out. The epsilon keeps a key that exactly
    // ties `atLeast` (0.87 = 1 - 13/100 must allow 13, not 12).
    const double factor = strengthFactor(v.strength, keyStrength);
    const double penalty = v.penalty + (stripped ? kPrefixPenalty : 0.0);
    if (factor - penalty < atLeast - 1e-9)
        return 0.0;
    const int limit = int(std::floor((1.0 - (atLeast + penalty) / factor) * detail::kIndelCost * longest + 1e-6));
    // Lengths alone may rule the pair out: each extra query symbol is an insertion (kIndelCost),
    // each extra key symbol at least a third of a syllable drop (a syllable has at most 3 jamo).
    const int extraKey = keyLength - n;
    const int lowerBound = extraKey >= 0 ? std::max((detail::kSyllableDropCost * extraKey + 2) / 3,
                                                    detail::kIndelCost * (extraKey - 3))
                                         : -extraKey * detail::kIndelCost;
    if (lowerBound > limit)
        return 0.0;
    int dist = detail::weightedDistance(v.symbols.data(), n, key, keyLength, keySyllableEnds, limit);
    // Cheap syllable drops explain one lost syllable, not a name much longer than the query: beyond
    // one syllable (3 jamo) the length difference costs full deletions.
    dist = std::max(dist, detail::kIndelCost * (keyLength - n - 3));
    if (dist > limit)
        return 0.0;
    const double score = (1.0 - double(dist) / (detail::kIndelCost * longest)) * factor - penalty;
    return std::clamp(score, 0.0, 1.0);
}

// Per-thread candidate counters, sized to the largest matcher used on the thread.
struct Scratch
{
    std::vector<quint8> counts;  ///< shared trigrams per entry, saturating; small to stay in cache
    std::vector<int> touched;  ///< entries with a non-zero count (the first touchedCount)
    std::vector<quint32> grams;
    std::vector<std::pair<quint32, quint32>> rare;  ///< (begin, end) in postings
    std::vector<quint32> common;  ///< positions in commonGrams of the query's common grams
    std::vector<quint64> ranked;
    std::vector<quint64> planes;  ///< bit-sliced counts over all entries (addCommonOnly)
    std::vector<quint64> seen;    ///< entries already counted, as a bit set
};

// Two words processed as one (GCC/Clang vector extension: an SSE2 register on x86-64, NEON on ARM,
// scalar elsewhere). Bit sets are padded to whole blocks.
using Block = quint64 __attribute__((vector_size(16)));
constexpr size_t kBlockWords = 2;
static_assert(detail::kEntryWordAlign % kBlockWords == 0);
// Full adder over blocks: `high` gets the carries of a + b + c, `low` their sum bits.
void carrySave(Block& high, Block& low, Block a, Block b, Block c)
{
    const Block u = a ^ b;
    high = (a & b) | (u & c);
    low = u ^ c;
}

// Bit planes of the per-entry counts of the sieve grams.
constexpr int kMaxPlanes = 5;
static_assert(kSieveGrams < (1 << kMaxPlanes));
static_assert(sizeof(Block) == kBlockWords * sizeof(quint64));

Block loadBlock(const quint64* p)
{
    Block b;
    std::memcpy(&b, p, sizeof b);
    return b;
}

void storeBlock(quint64* p, Block b)
{
    std::memcpy(p, &b, sizeof b);
}

Scratch& scratch()
{
    thread_local Scratch s;
    return s;
}

} // namespace

struct NameMatcher::Data
{
    MatcherIndex index;
    std::vector<bool> preferred;

    double bestOf(const std::vector<Variant>& variants, const MatcherIndex::Entry& e, double atLeast) const
    {
        // Pairs of (reading, key) closest in length first: the best score usually comes from one of
        // them, and it bounds the distances of the others, which then stop early.
        std::array<std::pair<int, int>, 9> pairs;  // (length gap, key * 3 + reading)
        size_t count = 0;
        for (size_t key = 0; key < e.keys.size(); ++key) {
            if (e.keys[key] < 0)
                continue;
            const int length = index.keys[size_t(e.keys[key])].length;
            for (size_t v = 0; v < variants.size() && v < 3; ++v)
                pairs[count++] = { std::abs(length - int(variants[v].symbols.size())), int(key * 3 + v) };
        }
        std::sort(pairs.begin(), pairs.begin() + qsizetype(count));
        double best = 0.0;
        for (size_t i = 0; i < count; ++i) {
            const MatcherIndex::Key& k = index.keys[size_t(e.keys[size_t(pairs[i].second / 3)])];
            const Variant& v = variants[size_t(pairs[i].second % 3)];
            best = std::max(best, scoreSymbols(v, index.symbols.data() + k.offset, index.syllableEnds.data() + k.offset,
                                               k.length, index.strengthOf(k), k.stripped != 0, std::max(atLeast, best)));
        }
        return best;
    }

    /// Entries sharing most grams with the query reading `v` (at most `wanted`), best first.
    void candidates(const Variant& v, size_t wanted, std::vector<int>& out) const;
    /// Adds to s.touched (with their counts) the entries not in its first `touchedCount` that hold
    /// most of the query's common grams, enough to make `wanted` with the touched ones; returns the
    /// new count.
    size_t addCommonOnly(Scratch& s, size_t touchedCount, size_t wanted) const;
};

NameMatcher::NameMatcher() : d(std::make_unique<Data>()) { }

NameMatcher::NameMatcher(const QStringList& names, const std::vector<bool>& preferred)
    : d(std::make_unique<Data>())
{
    d->index = MatcherIndex::build(names);
    d->preferred = preferred;
    d->preferred.resize(size_t(names.size()), false);
}

QByteArray NameMatcher::toBlob() const
{
    return d->index.serialize();
}

std::unique_ptr<NameMatcher> NameMatcher::fromBlob(const QByteArray& blob, int productCount,
                                                   const std::vector<bool>& preferred)
{
    std::unique_ptr<NameMatcher> matcher(new NameMatcher);
    if (!MatcherIndex::deserialize(blob, &matcher->d->index) || matcher->d->index.productCount() != productCount)
        return nullptr;
    matcher->d->preferred = preferred;
    matcher->d->preferred.resize(size_t(productCount), false);
    return matcher;
}

NameMatcher::~NameMatcher() = default;

int NameMatcher::size() const
{
    return d->index.productCount();
}

double NameMatcher::minimumScore()
{
    return kMinimumScore;
}

QString NameMatcher::key(int index) const
{
    return d->index.fullKey(index);
}

void NameMatcher::Data::candidates(const Variant& v, size_t wanted, std::vector<int>& out) const
{
    Scratch& s = scratch();
    const size_t entryCount = index.entries.size();
    const size_t words = index.entryWords();
    if (s.counts.size() < entryCount)
        s.counts.resize(entryCount, 0);
    if (s.touched.size() < entryCount + 1)  // +1: the loop writes one slot past the last entry
        s.touched.resize(entryCount + 1);
    gramsOf(v.symbols.data(), int(v.symbols.size()), s.grams);

    // Rare grams are counted from their postings; common ones (long lists) from their bit sets.
    s.common.clear();
    s.rare.clear();
    for (quint32 g : s.grams) {
        const qsizetype at = index.gramIndex(g);
        if (at < 0)
            continue;
        const auto bit = std::lower_bound(index.commonGrams.begin(), index.commonGrams.end(), g);
        if (bit != index.commonGrams.end() && *bit == g)
            s.common.push_back(quint32(bit - index.commonGrams.begin()));
        else
            s.rare.emplace_back(index.gramBegin[size_t(at)], index.gramBegin[size_t(at) + 1]);
    }
    std::sort(s.rare.begin(), s.rare.end(),
              [](const auto& a, const auto& b) { return a.second - a.first < b.second - b.first; });

    // 1. The rare lists. Raw pointers in the hot loop: the compiler cannot keep vector members in
    //    registers across stores through quint8*.
    quint8* const counts = s.counts.data();
    int* const touched = s.touched.data();
    const qint32* const postings = index.postings.data();
    size_t touchedCount = 0;
    qsizetype visited = 0;
    for (const auto& [begin, end] : s.rare) {
        if (visited + qsizetype(end - begin) > kPostingBudget)
            break;
        for (quint32 p = begin; p < end; ++p) {
            const qint32 entry = postings[p];
            const quint8 count = counts[entry];
            touched[touchedCount] = entry;
            touchedCount += count == 0 ? 1 : 0;
            counts[entry] = quint8(count + (count < 255 ? 1 : 0));
        }
        visited += end - begin;
    }

    // 2. The common grams of the entries found, bit by bit: gram by gram, so that one gram's bit set
    //    (a few KB) stays in the L1 cache while the entries are tested.
    const quint64* const commonBits = index.commonBits.data();
    for (quint32 c : s.common) {
        const quint64* const bits = commonBits + size_t(c) * words;
        for (size_t t = 0; t < touchedCount; ++t) {
            const size_t entry = size_t(touched[t]);
            const quint8 count = counts[entry];
            counts[entry] = quint8(count + (((bits[entry / 64] >> (entry % 64)) & 1u) & (count < 255 ? 1u : 0u)));
        }
    }
    int most = 0;
    for (size_t t = 0; t < touchedCount; ++t)
        most = std::max(most, int(counts[touched[t]]));

    // 3. When no entry found so shares most of the query's grams (a short or generic name, or OCR
    //    damage that fell on the rare grams), entries holding only common grams compete too: their
    //    counts are summed over all entries at once, bit-sliced.
    const int queryGrams = int(s.rare.size() + s.common.size());
    if (!s.common.empty() && most * kFullScanBelow.den < queryGrams * kFullScanBelow.num)
        touchedCount = addCommonOnly(s, touchedCount, wanted);

    // The `wanted` entries sharing most grams: a histogram of counts finds the cut in one pass (four
    // interleaved histograms: most entries share one count, and one slot would chain the increments).
    std::array<std::array<quint32, 256>, 4> histograms {};
    size_t t = 0;
    for (; t + 4 <= touchedCount; t += 4) {
        ++histograms[0][counts[touched[t]]];
        ++histograms[1][counts[touched[t + 1]]];
        ++histograms[2][counts[touched[t + 2]]];
        ++histograms[3][counts[touched[t + 3]]];
    }
    for (; t < touchedCount; ++t)
        ++histograms[0][counts[touched[t]]];
    std::array<quint32, 256> histogram {};
    for (size_t c = 0; c < histogram.size(); ++c)
        histogram[c] = histograms[0][c] + histograms[1][c] + histograms[2][c] + histograms[3][c];
    int cut = 255;
    for (quint32 total = 0; cut > 1; --cut) {
        total += histogram[size_t(cut)];
        if (total >= wanted)
            break;
    }
    // Most shared grams first; among equals (a brand's many strengths and packs) the closest length.
    // Each candidate's sort key is computed once: (count descending, length gap, entry) in 64 bits.
    const int queryLength = int(v.symbols.size());
    auto lengthGap = [this](const MatcherIndex::Entry& e, int length) {
        int gap = 0xFFFF;
        for (qint32 keyId : e.keys) {
            if (keyId >= 0)
                gap = std::min(gap, std::abs(index.keys[size_t(keyId)].length - length));
        }
        return quint64(gap);
    };
    std::vector<quint64>& ranked = s.ranked;
    ranked.clear();
    // One pass picks the candidates and clears the counters for the next query.
    for (size_t i = 0; i < touchedCount; ++i) {
        const qint32 entry = touched[i];
        const quint8 count = counts[entry];
        counts[entry] = 0;
        if (count >= cut)
            ranked.push_back((quint64(255 - count) << 56) | (lengthGap(index.entries[size_t(entry)], queryLength) << 32)
                             | quint64(quint32(entry)));
    }
    if (ranked.size() > wanted) {
        std::nth_element(ranked.begin(), ranked.begin() + qsizetype(wanted), ranked.end());
        ranked.resize(wanted);
    }
    std::sort(ranked.begin(), ranked.end());
    out.clear();
    for (quint64 r : ranked)
        out.push_back(int(r & 0xFFFFFFFFu));
}

size_t NameMatcher::Data::addCommonOnly(Scratch& s, size_t touchedCount, size_t wanted) const
{
    const size_t words = index.entryWords();
    // The rarest of the query's common grams sieve the entries (bit-sliced counts over all of
    // them); those that pass are verified on the others bit by bit.
    std::sort(s.common.begin(), s.common.end(),
              [this](quint32 a, quint32 b) { return index.commonSizes[a] < index.commonSizes[b]; });
    const int k = std::min(int(s.common.size()), kSieveGrams);
    const int planes = int(std::bit_width(unsigned(k)));
    // planes[i][w]: bit i of the number of the query's common grams each entry of word w holds.
    s.planes.resize(size_t(planes) * words);
    quint64* const pl = s.planes.data();
    const quint64* const commonBits = index.commonBits.data();

    // Entries already counted (their counts hold rare + common) are left out below.
    s.seen.assign(words, 0);
    for (size_t t = 0; t < touchedCount; ++t) {
        const size_t entry = size_t(s.touched[t]);
        s.seen[entry / 64] |= quint64(1) << (entry % 64);
    }

    // Words of the entries whose planes hold at least `threshold` (bit-sliced comparison from the
    // top plane down), for words (quint64) or blocks.
    auto atLeast = [planes](int threshold, auto plane) {
        using Word = decltype(plane(0));
        Word greater {};
        Word equal = ~Word {};
        for (int i = planes - 1; i >= 0; --i) {
            const Word p = plane(i);
            if ((threshold >> i) & 1) {
                equal &= p;
            } else {
                greater |= equal & p;
                equal &= ~p;
            }
        }
        return greater | equal;
    };
    size_t added = 0;
    // Adds the entries of word w set in `found`, with their counts from the planes.
    auto take = [&](size_t w, quint64 found) {
        for (; found && added < kMostCommonOnly; found &= found - 1, ++added) {
            const size_t entry = w * 64 + size_t(std::countr_zero(found));
            int value = 0;
            for (int i = 0; i < planes; ++i)
                value |= int((pl[size_t(i) * words + w] >> (entry % 64)) & 1u) << i;
            for (size_t j = size_t(k); j < s.common.size(); ++j)
                value += int((commonBits[size_t(s.common[j]) * words + entry / 64] >> (entry % 64)) & 1u);
            s.counts[entry] = quint8(std::min(255, value));
            s.touched[touchedCount++] = int(entry);
        }
    };

    // Block by block, the gram bit sets are summed into counters held in registers: eight at a time
    // through carry-save adders (Harley-Seal: ones, twos, fours, then a carry of weight 8 rippled
    // into the higher planes), the rest one by one. Each plane word is written once, and the entries
    // reaching the first threshold are taken at once: most queries stop there (the name sought
    // shares nearly all of its grams).
    const int first = std::max(1, k - 3);
    const auto bitsOf = [&](int j, size_t w) { return loadBlock(commonBits + size_t(s.common[size_t(j)]) * words + w); };
    for (size_t w = 0; w < words; w += kBlockWords) {
        std::array<Block, kMaxPlanes> sum {};
        auto ripple = [&sum](int from, Block carry) {
            for (int i = from; i < kMaxPlanes; ++i) {
                const Block next = sum[size_t(i)] & carry;
                sum[size_t(i)] ^= carry;
                carry = next;
            }
        };
        int j = 0;
        for (; j + 8 <= k; j += 8) {
            Block twosA, twosB, foursA, foursB, eights;
            carrySave(twosA, sum[0], sum[0], bitsOf(j, w), bitsOf(j + 1, w));
            carrySave(twosB, sum[0], sum[0], bitsOf(j + 2, w), bitsOf(j + 3, w));
            carrySave(foursA, sum[1], sum[1], twosA, twosB);
            carrySave(twosA, sum[0], sum[0], bitsOf(j + 4, w), bitsOf(j + 5, w));
            carrySave(twosB, sum[0], sum[0], bitsOf(j + 6, w), bitsOf(j + 7, w));
            carrySave(foursB, sum[1], sum[1], twosA, twosB);
            carrySave(eights, sum[2], sum[2], foursA, foursB);
            ripple(3, eights);
        }
        for (; j < k; ++j)
            ripple(0, bitsOf(j, w));
        for (int i = 0; i < planes; ++i)
            storeBlock(pl + size_t(i) * words + w, sum[size_t(i)]);
        std::array<quint64, kBlockWords> found {};
        storeBlock(found.data(), atLeast(first, [&sum](int i) { return sum[size_t(i)]; }) & ~loadBlock(s.seen.data() + w));
        for (size_t b = 0; b < kBlockWords; ++b)
            take(w + b, found[b]);
    }

    // Lower thresholds, in steps, until enough entries passed the sieve.
    for (int below = first, threshold = first; below > 1 && added < std::min(kMostCommonOnly, kSievePerWanted * wanted);
         below = threshold) {
        threshold = std::max(1, below - std::max(3, below / 3));
        for (size_t w = 0; w < words; ++w) {
            auto plane = [&](int i) { return pl[size_t(i) * words + w]; };
            take(w, atLeast(threshold, plane) & ~atLeast(below, plane) & ~s.seen[w]);
        }
    }
    return touchedCount;
}

QList<NameMatcher::Hit> NameMatcher::match(const QString& query, int limit) const
{
    QList<Hit> hits;
    const MatcherIndex& index = d->index;
    if (limit <= 0 || index.entries.empty())
        return hits;
    const std::vector<Variant> variants = variantsOf(query);
    if (variants.empty())
        return hits;

    // 1. Candidates: names equal to a reading of the query (up to look-alikes, ties by gram count
    //    are broad there), then the entries sharing most trigrams.
    std::vector<int> candidates;
    candidates.reserve(size_t(kCandidates) + 4);
    for (const Variant& v : variants) {
        if (v.penalty > 0.0)
            continue;
        const quint64 hash = detail::symbolHash(v.symbols.data(), int(v.symbols.size()));
        auto it = std::lower_bound(index.exact.begin(), index.exact.end(), std::make_pair(hash, qint32(INT_MIN)));
        for (; it != index.exact.end() && it->first == hash; ++it) {
            if (std::find(candidates.begin(), candidates.end(), it->second) == candidates.end())
                candidates.push_back(it->second);
        }
    }
    const size_t seeded = candidates.size();
    std::vector<int> shared;
    d->candidates(variants.front(), size_t(std::max(kCandidates, limit * 3)), shared);
    for (int entry : shared) {
        if (std::find(candidates.begin(), candidates.begin() + qsizetype(seeded), entry) == candidates.begin() + qsizetype(seeded))
            candidates.push_back(entry);
    }

    // 2. Rank candidates by weighted distance; prune with the score a key must beat to place.
    const size_t keep = size_t(limit) + 2;
    std::vector<double> best;  // descending, at most `keep`
    std::vector<std::pair<double, int>> scored;
    for (int entry : candidates) {
        // Far below the best hit a score decides nothing; it only costs time to compute.
        double floorScore = best.size() >= keep ? best.back() : kMinimumScore;
        if (!best.empty())
            floorScore = std::max(floorScore, best.front() - kRelevantBelowBest);
        const double score = d->bestOf(variants, index.entries[size_t(entry)], floorScore);
        if (score < kMinimumScore || score <= 0.0)
            continue;
        scored.emplace_back(score, entry);
        best.insert(std::upper_bound(best.begin(), best.end(), score, std::greater<>()), score);
        if (best.size() > keep)
            best.pop_back();
    }

    // 3. Entries to products.
    std::vector<std::pair<int, double>> products;
    for (const auto& [score, entry] : scored) {
        const MatcherIndex::Entry& e = index.entries[size_t(entry)];
        for (quint32 p = e.productBegin; p < e.productEnd; ++p)
            products.emplace_back(index.entryProducts[p], score);
    }
    std::sort(products.begin(), products.end(), [this](const auto& a, const auto& b) {
        if (a.second != b.second)
            return a.second > b.second;
        const bool pa = d->preferred[size_t(a.first)], pb = d->preferred[size_t(b.first)];
        return pa != pb ? pa : a.first < b.first;
    });
    for (const auto& [product, score] : products) {
        if (hits.size() >= limit)
            break;
        hits.append({ product, score });
    }
    return hits;
}

double NameMatcher::similarity(const QString& query, int index) const
{
    if (index < 0 || index >= size())
        return 0.0;
    const int entry = d->index.entryOfProduct[size_t(index)];
    if (entry < 0)
        return 0.0;
    return d->bestOf(variantsOf(query), d->index.entries[size_t(entry)], 0.0);
}

double NameMatcher::similarity(const QString& query, const QString& name) const
{
    const std::vector<Variant> variants = variantsOf(query);
    double best = 0.0;
    for (const auto& [text, stripped] : detail::keyTextsOf(name)) {
        std::vector<Symbol> symbols;
        std::vector<quint8> ends;
        const int length = detail::appendSymbols(text, symbols, ends);
        const QString strength = names::strengthKey(text);
        for (const Variant& v : variants)
            best = std::max(best, scoreSymbols(v, symbols.data(), ends.data(), length, strength, stripped, best));
    }
    return best;
}

} // namespace pharmdesk::drugdb
