// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/drugdb/NameMatcher.h"

#include "WeightedDistance.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <thread>

namespace pharmdesk::drugdb {

using detail::Symbol;

namespace {

constexpr int kGramSpace = 1 << (3 * detail::kSymbolBits);
constexpr double kMinimumScore = 0.3;
constexpr double kPrefixPenalty = 0.04;  // matched only once a company prefix was set aside
// Postings visited per query before rarer grams stop being added; bounds the time of generic queries.
constexpr qsizetype kPostingBudget = 12000;
constexpr int kMinGrams = 3;
// Keys ranked by edit distance per query (the rest share too few trigrams to place).
constexpr int kCandidates = 20;
constexpr double kRelevantBelowBest = 0.3;

// Appends the trigrams of the look-alike classes of `symbols`, with a boundary on each side.
void appendGrams(const Symbol* symbols, int length, std::vector<quint32>& out)
{
    auto at = [&](int i) -> quint32 {
        return i < 0 || i >= length ? detail::kBoundary : detail::lookAlikeClass(symbols[i]);
    };
    for (int i = -1; i + 1 <= length; ++i)
        out.push_back((at(i) << (2 * detail::kSymbolBits)) | (at(i + 1) << detail::kSymbolBits) | at(i + 2));
}

// Distinct trigrams of `symbols` (see appendGrams), sorted.
void gramsOf(const Symbol* symbols, int length, std::vector<quint32>& out)
{
    out.clear();
    appendGrams(symbols, length, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

// How much the numbers of the query and the name agree. Strength is what separates products of the
// same brand, so a different number costs much more than its one or two characters of edit distance.
double strengthFactor(const QString& query, const QString& name)
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
    QString text;  ///< normalised
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
    variants.push_back({ full, detail::symbolsOf(full), names::strengthKey(full), 0.0 });
    if (!base.isEmpty() && base != full)
        variants.push_back({ base, detail::symbolsOf(base), names::strengthKey(base), 0.0 });
    for (const QString& prefix : names::companyPrefixes()) {
        // The first character rejects almost every prefix before a string comparison.
        if (base.size() >= prefix.size() + 3 && prefix.front() == base.front() && base.startsWith(prefix)) {
            const QString rest = base.mid(prefix.size());
            variants.push_back({ rest, detail::symbolsOf(rest), names::strengthKey(rest), kPrefixPenalty });
            break;
        }
    }
    return variants;
}

// Score of one reading of the query against one key (symbols of a normalised name); 0 when it
// cannot reach `atLeast`.
double scoreSymbols(const Variant& v, const Symbol* key, const quint8* keySyllableEnds, int keyLength,
                    const QString& keyStrength, bool stripped, double atLeast)
{
    const int n = int(v.symbols.size());
    const int longest = std::max(n, keyLength);
    if (longest == 0)
        return 0.0;
    const int limit = int(std::floor((1.0 - atLeast) * detail::kIndelCost * longest));
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
    double score = 1.0 - double(dist) / (detail::kIndelCost * longest);
    score *= strengthFactor(v.strength, keyStrength);
    score -= v.penalty + (stripped ? kPrefixPenalty : 0.0);
    return std::clamp(score, 0.0, 1.0);
}

// The key texts a product name is matched under: the full normalised name, the name without its
// bracket groups, and that without a known company prefix (flagged true).
std::vector<std::pair<QString, bool>> keyTextsOf(const QString& name, QString* fullOut = nullptr)
{
    std::vector<std::pair<QString, bool>> texts;
    QString full;
    QString base;
    names::normalizeBoth(name, &full, &base);
    if (fullOut)
        *fullOut = full;
    if (full.isEmpty())
        return texts;
    texts.emplace_back(full, false);
    if (!base.isEmpty() && base != full)
        texts.emplace_back(base, false);
    for (const QString& prefix : names::companyPrefixes()) {
        // The first character rejects almost every prefix before a string comparison.
        if (base.size() >= prefix.size() + 3 && prefix.front() == base.front() && base.startsWith(prefix)) {
            texts.emplace_back(base.mid(prefix.size()), true);
            break;
        }
    }
    return texts;
}

// Per-thread candidate counters, sized to the largest matcher used on the thread.
struct Scratch
{
    std::vector<quint8> counts;  ///< shared trigrams per entry, saturating; small to stay in cache
    std::vector<int> touched;  ///< entries with a non-zero count (the first touchedCount)
    std::vector<quint32> grams;
    std::vector<std::pair<quint32, quint32>> lists;
};

Scratch& scratch()
{
    thread_local Scratch s;
    return s;
}

} // namespace

struct NameMatcher::Data
{
    /// A normalised text a product is matched under (see keyTextsOf()).
    struct Key
    {
        quint32 offset = 0;  ///< into symbols / syllableEnds
        quint16 length = 0;
        bool stripped = false;  ///< a company prefix was removed from the name
        QString strength;
    };

    /// Products sharing one normalised full name, with the keys they are matched under.
    struct Entry
    {
        std::array<int, 3> keys { -1, -1, -1 };  ///< full, then without brackets / company prefix
        quint32 productBegin = 0;  ///< into entryProducts
        quint32 productEnd = 0;
    };

    std::vector<Symbol> symbols;
    std::vector<quint8> syllableEnds;  ///< parallel to symbols
    std::vector<Key> keys;
    std::vector<Entry> entries;
    std::vector<int> entryProducts;
    std::vector<int> entryOfProduct;  ///< -1 for names that normalise to nothing
    std::vector<bool> preferred;
    QStringList fullKeys;
    std::vector<quint32> gramBegin;  ///< kGramSpace + 1 offsets into postings
    std::vector<int> postings;       ///< entry ids
    /// (qHash of a key text, entry), sorted: entries whose names equal the query's are always
    /// candidates. A hash collision only adds a candidate, which the distance then ranks.
    std::vector<std::pair<size_t, int>> exact;

    double bestOf(const std::vector<Variant>& variants, const Entry& e, double atLeast) const
    {
        double best = 0.0;
        for (int keyId : e.keys) {
            if (keyId < 0)
                continue;
            const Key& k = keys[size_t(keyId)];
            for (const Variant& v : variants) {
                best = std::max(best, scoreSymbols(v, symbols.data() + k.offset, syllableEnds.data() + k.offset,
                                                   k.length, k.strength, k.stripped, std::max(atLeast, best)));
            }
        }
        return best;
    }
};

NameMatcher::NameMatcher(const QStringList& names, const std::vector<bool>& preferred)
    : d(std::make_unique<Data>())
{
    const int count = int(names.size());
    d->preferred = preferred;
    d->preferred.resize(size_t(count), false);
    d->fullKeys.reserve(count);
    d->entryOfProduct.assign(size_t(count), -1);

    auto addKey = [&](const QString& text, bool stripped) {
        Data::Key key;
        key.offset = quint32(d->symbols.size());
        key.length = quint16(detail::appendSymbols(text, d->symbols, d->syllableEnds));
        key.stripped = stripped;
        key.strength = names::strengthKey(text);
        d->keys.push_back(key);
        return int(d->keys.size() - 1);
    };

    // Entries by full key; products of one entry are indistinguishable by name.
    QHash<QString, int> entryIds;
    entryIds.reserve(count);
    std::vector<std::pair<int, int>> pairs;  // (entry, product)
    pairs.reserve(size_t(count));
    // Normalising 44k names is the bulk of the work and independent per name: spread it over the
    // cores (the rest below is sequential).
    std::vector<std::vector<std::pair<QString, bool>>> allTexts;
    allTexts.resize(static_cast<size_t>(count));
    QList<QString> fulls(count);
    const int workers = std::clamp(int(std::thread::hardware_concurrency()), 1, 8);
    {
        std::vector<std::thread> threads;
        for (int w = 1; w < workers; ++w) {
            threads.emplace_back([&, w] {
                for (int i = w; i < count; i += workers)
                    allTexts[size_t(i)] = keyTextsOf(names.at(i), &fulls[i]);
            });
        }
        for (int i = 0; i < count; i += workers)
            allTexts[size_t(i)] = keyTextsOf(names.at(i), &fulls[i]);
        for (std::thread& thread : threads)
            thread.join();
    }

    for (int i = 0; i < count; ++i) {
        const QString& full = fulls.at(i);
        const auto& texts = allTexts[size_t(i)];
        d->fullKeys.append(full);
        if (texts.empty())
            continue;
        auto it = entryIds.constFind(full);
        int entryId;
        if (it == entryIds.constEnd()) {
            entryId = int(d->entries.size());
            entryIds.insert(full, entryId);
            Data::Entry entry;
            for (size_t t = 0; t < texts.size() && t < entry.keys.size(); ++t) {
                entry.keys[t] = addKey(texts[t].first, texts[t].second);
                if (!texts[t].second)
                    d->exact.emplace_back(qHash(texts[t].first), entryId);
            }
            d->entries.push_back(entry);
        } else {
            entryId = it.value();
        }
        d->entryOfProduct[size_t(i)] = entryId;
        pairs.emplace_back(entryId, i);
    }
    std::sort(d->exact.begin(), d->exact.end());
    std::sort(pairs.begin(), pairs.end());
    d->entryProducts.reserve(pairs.size());
    for (size_t p = 0; p < pairs.size(); ++p) {
        Data::Entry& entry = d->entries[size_t(pairs[p].first)];
        if (p == 0 || pairs[p - 1].first != pairs[p].first)
            entry.productBegin = quint32(p);
        entry.productEnd = quint32(p + 1);
        d->entryProducts.push_back(pairs[p].second);
    }

    // Trigram postings of entries (the union of their keys' trigrams), by counting sort over the
    // small gram space.
    std::vector<quint32> allGrams;
    std::vector<quint32> gramsBegin;
    gramsBegin.reserve(d->entries.size() + 1);
    allGrams.reserve(d->symbols.size() + d->keys.size() * 2);
    std::vector<quint32> grams;
    gramsBegin.push_back(0);
    for (const Data::Entry& entry : d->entries) {
        grams.clear();
        for (int keyId : entry.keys) {
            if (keyId < 0)
                continue;
            const Data::Key& key = d->keys[size_t(keyId)];
            appendGrams(d->symbols.data() + key.offset, key.length, grams);
        }
        std::sort(grams.begin(), grams.end());
        grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
        allGrams.insert(allGrams.end(), grams.begin(), grams.end());
        gramsBegin.push_back(quint32(allGrams.size()));
    }
    d->gramBegin.assign(size_t(kGramSpace) + 1, 0);
    for (quint32 g : allGrams)
        ++d->gramBegin[g + 1];
    for (size_t g = 0; g < size_t(kGramSpace); ++g)
        d->gramBegin[g + 1] += d->gramBegin[g];
    d->postings.resize(d->gramBegin.back());
    std::vector<quint32> fill(d->gramBegin.begin(), d->gramBegin.end() - 1);
    for (size_t e = 0; e < d->entries.size(); ++e) {
        for (quint32 i = gramsBegin[e]; i < gramsBegin[e + 1]; ++i)
            d->postings[fill[allGrams[i]]++] = int(e);
    }
}

NameMatcher::~NameMatcher() = default;

int NameMatcher::size() const
{
    return int(d->fullKeys.size());
}

double NameMatcher::minimumScore()
{
    return kMinimumScore;
}

QString NameMatcher::key(int index) const
{
    return d->fullKeys.value(index);
}

QList<NameMatcher::Hit> NameMatcher::match(const QString& query, int limit) const
{
    QList<Hit> hits;
    if (limit <= 0 || d->entries.empty())
        return hits;
    const std::vector<Variant> variants = variantsOf(query);
    if (variants.empty())
        return hits;

    // 1. Candidates: keys sharing the query's rarest trigrams.
    Scratch& s = scratch();
    if (s.counts.size() < d->entries.size())
        s.counts.resize(d->entries.size(), 0);
    gramsOf(variants.front().symbols.data(), int(variants.front().symbols.size()), s.grams);
    std::vector<std::pair<quint32, quint32>>& lists = s.lists;  // (begin, end) in postings
    lists.clear();
    for (quint32 g : s.grams) {
        if (d->gramBegin[g] != d->gramBegin[g + 1])
            lists.emplace_back(d->gramBegin[g], d->gramBegin[g + 1]);
    }
    std::sort(lists.begin(), lists.end(),
              [](const auto& a, const auto& b) { return a.second - a.first < b.second - b.first; });
    qsizetype visited = 0;
    int used = 0;
    // Raw pointers in the hot loop: the compiler cannot keep vector members in registers across
    // stores through quint8*.
    if (s.touched.size() < d->entries.size() + 1)  // +1: the loop writes one slot past the last key
        s.touched.resize(d->entries.size() + 1);
    quint8* const counts = s.counts.data();
    int* const touched = s.touched.data();
    const int* const postings = d->postings.data();
    size_t touchedCount = 0;
    for (const auto& [begin, end] : lists) {
        if (used >= kMinGrams && visited + qsizetype(end - begin) > kPostingBudget)
            break;
        for (quint32 p = begin; p < end; ++p) {
            const int key = postings[p];
            const quint8 count = counts[key];
            touched[touchedCount] = key;
            touchedCount += count == 0 ? 1 : 0;
            counts[key] = quint8(count + (count < 255 ? 1 : 0));
        }
        visited += end - begin;
        ++used;
    }
    // The `wanted` keys sharing most grams: a histogram of counts finds the cut in one pass. Most
    // touched keys share one gram; they are counted by difference (no increment chain on one slot).
    const size_t wanted = size_t(std::max(kCandidates, limit * 3));
    std::array<quint32, 256> histogram {};
    quint32 many = 0;
    for (size_t t = 0; t < touchedCount; ++t) {
        const quint8 c = counts[touched[t]];
        if (c > 1) {
            ++histogram[c];
            ++many;
        }
    }
    histogram[1] = quint32(touchedCount) - many;
    int cut = 255;
    for (quint32 total = 0; cut > 1; --cut) {
        total += histogram[size_t(cut)];
        if (total >= wanted)
            break;
    }
    // Most shared grams first; among equals (a brand's many strengths and packs) the closest length.
    // Each candidate's sort key is computed once: (count descending, length gap, entry) in 64 bits.
    const int queryLength = int(variants.front().symbols.size());
    auto lengthGap = [this](const Data::Entry& e, int length) {
        int gap = 0xFFFF;
        for (int keyId : e.keys) {
            if (keyId >= 0)
                gap = std::min(gap, std::abs(d->keys[size_t(keyId)].length - length));
        }
        return quint64(gap);
    };
    std::vector<quint64> ranked;
    ranked.reserve(wanted * 2);
    // One pass picks the candidates and clears the counters for the next query.
    for (size_t t = 0; t < touchedCount; ++t) {
        const int key = touched[t];
        const quint8 count = counts[key];
        counts[key] = 0;
        if (count >= cut)
            ranked.push_back((quint64(255 - count) << 56) | (lengthGap(d->entries[size_t(key)], queryLength) << 32)
                             | quint64(quint32(key)));
    }
    if (ranked.size() > wanted) {
        std::nth_element(ranked.begin(), ranked.begin() + qsizetype(wanted), ranked.end());
        ranked.resize(wanted);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<int> candidates;
    candidates.reserve(ranked.size());
    for (quint64 r : ranked)
        candidates.push_back(int(r & 0xFFFFFFFFu));
    // Equal normalised names first: among names equal up to look-alikes, ties by gram count are broad.
    std::vector<int> ordered;
    ordered.reserve(candidates.size() + 4);
    for (const Variant& v : variants) {
        if (v.penalty > 0.0)
            continue;
        const size_t hash = qHash(v.text);
        auto it = std::lower_bound(d->exact.begin(), d->exact.end(), std::make_pair(hash, INT_MIN));
        for (; it != d->exact.end() && it->first == hash; ++it) {
            if (std::find(ordered.begin(), ordered.end(), it->second) == ordered.end())
                ordered.push_back(it->second);
        }
    }
    const size_t seeded = ordered.size();
    for (int entry : candidates) {
        if (std::find(ordered.begin(), ordered.begin() + qsizetype(seeded), entry) == ordered.begin() + qsizetype(seeded))
            ordered.push_back(entry);
    }
    candidates.swap(ordered);

    // 2. Rank candidates by weighted distance; prune with the score a key must beat to place.
    const size_t keep = size_t(limit) + 2;
    std::vector<double> best;  // descending, at most `keep`
    std::vector<std::pair<double, int>> scored;
    for (int key : candidates) {
        // Far below the best hit a score decides nothing; it only costs time to compute.
        double floorScore = best.size() >= keep ? best.back() : kMinimumScore;
        if (!best.empty())
            floorScore = std::max(floorScore, best.front() - kRelevantBelowBest);
        const double score = d->bestOf(variants, d->entries[size_t(key)], floorScore);
        if (score < kMinimumScore || score <= 0.0)
            continue;
        scored.emplace_back(score, key);
        best.insert(std::upper_bound(best.begin(), best.end(), score, std::greater<>()), score);
        if (best.size() > keep)
            best.pop_back();
    }

    // 3. Entries to products.
    std::vector<std::pair<int, double>> products;
    for (const auto& [score, entry] : scored) {
        const Data::Entry& e = d->entries[size_t(entry)];
        for (quint32 p = e.productBegin; p < e.productEnd; ++p)
            products.emplace_back(d->entryProducts[p], score);
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
    const int entry = d->entryOfProduct[size_t(index)];
    if (entry < 0)
        return 0.0;
    return d->bestOf(variantsOf(query), d->entries[size_t(entry)], 0.0);
}

double NameMatcher::similarity(const QString& query, const QString& name) const
{
    const std::vector<Variant> variants = variantsOf(query);
    double best = 0.0;
    for (const auto& [text, stripped] : keyTextsOf(name)) {
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
