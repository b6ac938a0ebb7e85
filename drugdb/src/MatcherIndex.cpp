// SPDX-License-Identifier: GPL-3.0-or-later
#include "MatcherIndex.h"

#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <thread>

namespace pharmdesk::drugdb::detail {

namespace {

quint32 gramOf(quint32 a, quint32 b, quint32 c)
{
    return (a << (2 * kSymbolBits)) | (b << kSymbolBits) | c;
}

// The binary form: magic, format, then each array as (element count, raw bytes), in the order of
// forEachArray(). Native byte order: the file stays on the machine that wrote it (a copy to another
// architecture only costs a rebuild, as the magic check fails).
constexpr quint32 kMagic = 0x50444d49;  // "PDMI"

template<typename F>
void forEachArray(const MatcherIndex& index, F&& f)
{
    auto& x = const_cast<MatcherIndex&>(index);
    f(x.symbols);
    f(x.syllableEnds);
    f(x.keys);
    f(x.strengths);
    f(x.entries);
    f(x.entryProducts);
    f(x.entryOfProduct);
    f(x.fullKeyChars);
    f(x.fullKeyOffsets);
    f(x.grams);
    f(x.gramBegin);
    f(x.postings);
    f(x.commonGrams);
    f(x.commonSizes);
    f(x.commonBits);
    f(x.exact);
}

} // namespace

void appendGrams(const Symbol* symbols, int length, std::vector<quint32>& out)
{
    auto at = [&](int i) -> quint32 { return i < 0 || i >= length ? kBoundary : lookAlikeClass(symbols[i]); };
    for (int i = -1; i + 1 <= length; ++i)
        out.push_back(gramOf(at(i), at(i + 1), at(i + 2)));
}

void appendGapGrams(const Symbol* symbols, const quint8* syllableEnds, int length, std::vector<quint32>& out)
{
    auto at = [&](int i) -> quint32 { return i < 0 || i >= length ? kBoundary : lookAlikeClass(symbols[i]); };
    for (int end = 1; end <= length; ++end) {
        const int n = syllableEnds[end - 1];
        if (n == 0)
            continue;
        const int begin = end - n;  // the syllable is [begin, end)
        if (begin == 0 && end == length)
            continue;
        if (begin >= 1)
            out.push_back(gramOf(at(begin - 2), at(begin - 1), at(end)));
        if (end < length)
            out.push_back(gramOf(at(begin - 1), at(end), at(end + 1)));
    }
}

std::vector<std::pair<QString, bool>> keyTextsOf(const QString& name, QString* fullOut)
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
    if (const QString* prefix = companyPrefixOf(base))
        texts.emplace_back(base.mid(prefix->size()), true);
    return texts;
}

const QString* companyPrefixOf(const QString& base)
{
    for (const QString& prefix : names::companyPrefixes()) {
        // The first character rejects almost every prefix before a string comparison.
        if (base.size() >= prefix.size() + 3 && prefix.front() == base.front() && base.startsWith(prefix))
            return &prefix;
    }
    return nullptr;
}

quint64 symbolHash(const Symbol* symbols, int length)
{
    quint64 h = 14695981039346656037ull;
    for (int i = 0; i < length; ++i) {
        h ^= symbols[i];
        h *= 1099511628211ull;
    }
    return h;
}

QString MatcherIndex::fullKey(int product) const
{
    if (product < 0 || size_t(product) + 1 >= fullKeyOffsets.size())
        return {};
    const quint32 begin = fullKeyOffsets[size_t(product)];
    return QString(reinterpret_cast<const QChar*>(fullKeyChars.data() + begin),
                   qsizetype(fullKeyOffsets[size_t(product) + 1] - begin));
}

qsizetype MatcherIndex::gramIndex(quint32 gram) const
{
    const auto it = std::lower_bound(grams.begin(), grams.end(), gram);
    return it != grams.end() && *it == gram ? it - grams.begin() : -1;
}

MatcherIndex MatcherIndex::build(const QStringList& names)
{
    MatcherIndex d;
    const int count = int(names.size());
    d.entryOfProduct.assign(size_t(count), -1);
    d.fullKeyOffsets.reserve(size_t(count) + 1);

    auto addKey = [&d](const QString& text, bool stripped) {
        Key key;
        key.offset = quint32(d.symbols.size());
        key.length = quint16(appendSymbols(text, d.symbols, d.syllableEnds));
        key.stripped = stripped ? 1 : 0;
        const QString strength = names::strengthKey(text);
        key.strengthOffset = quint32(d.strengths.size());
        key.strengthLength = quint16(strength.size());
        d.strengths.insert(d.strengths.end(), strength.utf16(), strength.utf16() + strength.size());
        d.keys.push_back(key);
        return qint32(d.keys.size() - 1);
    };

    // Normalising 44k names is the bulk of the work and independent per name: spread it over the
    // cores (the rest below is sequential).
    std::vector<std::vector<std::pair<QString, bool>>> allTexts(static_cast<size_t>(count));
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

    // Entries by full key; products of one entry are indistinguishable by name.
    QHash<QString, int> entryIds;
    entryIds.reserve(count);
    std::vector<std::pair<int, int>> pairs;  // (entry, product)
    pairs.reserve(size_t(count));
    d.fullKeyOffsets.push_back(0);
    for (int i = 0; i < count; ++i) {
        const QString& full = fulls.at(i);
        d.fullKeyChars.insert(d.fullKeyChars.end(), full.utf16(), full.utf16() + full.size());
        d.fullKeyOffsets.push_back(quint32(d.fullKeyChars.size()));
        const auto& texts = allTexts[size_t(i)];
        if (texts.empty())
            continue;
        auto it = entryIds.constFind(full);
        int entryId;
        if (it == entryIds.constEnd()) {
            entryId = int(d.entries.size());
            entryIds.insert(full, entryId);
            Entry entry;
            for (size_t t = 0; t < texts.size() && t < entry.keys.size(); ++t) {
                entry.keys[t] = addKey(texts[t].first, texts[t].second);
                if (!texts[t].second) {
                    const Key& k = d.keys.back();
                    d.exact.emplace_back(symbolHash(d.symbols.data() + k.offset, k.length), entryId);
                }
            }
            d.entries.push_back(entry);
        } else {
            entryId = it.value();
        }
        d.entryOfProduct[size_t(i)] = entryId;
        pairs.emplace_back(entryId, i);
    }
    std::sort(d.exact.begin(), d.exact.end());
    std::sort(pairs.begin(), pairs.end());
    d.entryProducts.reserve(pairs.size());
    for (size_t p = 0; p < pairs.size(); ++p) {
        Entry& entry = d.entries[size_t(pairs[p].first)];
        if (p == 0 || pairs[p - 1].first != pairs[p].first)
            entry.productBegin = quint32(p);
        entry.productEnd = quint32(p + 1);
        d.entryProducts.push_back(pairs[p].second);
    }

    // Grams of every entry: the union of its keys' trigrams and gap grams. A counting sort over the
    // gram space turns them into postings, entries ascending in each list.
    std::vector<quint32> allGrams;
    std::vector<quint32> entryGramsBegin;
    entryGramsBegin.reserve(d.entries.size() + 1);
    allGrams.reserve(d.symbols.size() * 2);
    entryGramsBegin.push_back(0);
    std::vector<quint32> grams;
    for (size_t e = 0; e < d.entries.size(); ++e) {
        grams.clear();
        for (qint32 keyId : d.entries[e].keys) {
            if (keyId < 0)
                continue;
            const Key& key = d.keys[size_t(keyId)];
            appendGrams(d.symbols.data() + key.offset, key.length, grams);
            appendGapGrams(d.symbols.data() + key.offset, d.syllableEnds.data() + key.offset, key.length, grams);
        }
        std::sort(grams.begin(), grams.end());
        grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
        allGrams.insert(allGrams.end(), grams.begin(), grams.end());
        entryGramsBegin.push_back(quint32(allGrams.size()));
    }
    std::vector<quint32> perGram(size_t(1) << kGramBits, 0);
    for (quint32 g : allGrams)
        ++perGram[g];
    for (size_t g = 0; g < perGram.size(); ++g) {
        if (perGram[g] == 0)
            continue;
        d.grams.push_back(quint32(g));
        d.gramBegin.push_back(d.gramBegin.empty() ? 0 : d.gramBegin.back() + perGram[d.grams[d.grams.size() - 2]]);
    }
    d.gramBegin.push_back(quint32(allGrams.size()));
    // perGram becomes each gram's fill position.
    for (size_t i = 0; i < d.grams.size(); ++i)
        perGram[d.grams[i]] = d.gramBegin[i];
    d.postings.resize(allGrams.size());
    for (size_t e = 0; e < d.entries.size(); ++e) {
        for (quint32 i = entryGramsBegin[e]; i < entryGramsBegin[e + 1]; ++i)
            d.postings[perGram[allGrams[i]]++] = qint32(e);
    }

    // The common grams and each entry's mask of them.
    std::vector<std::pair<quint32, quint32>> bySize;  // (postings, gram index)
    for (size_t g = 0; g < d.grams.size(); ++g) {
        const quint32 size = d.gramBegin[g + 1] - d.gramBegin[g];
        if (size > kCommonGramMinPostings)
            bySize.emplace_back(size, quint32(g));
    }
    std::sort(bySize.begin(), bySize.end(), std::greater<>());
    if (bySize.size() > size_t(kCommonGramCount))
        bySize.resize(size_t(kCommonGramCount));
    std::sort(bySize.begin(), bySize.end(), [&d](const auto& a, const auto& b) { return d.grams[a.second] < d.grams[b.second]; });
    for (const auto& [size, g] : bySize) {
        d.commonGrams.push_back(d.grams[g]);
        d.commonSizes.push_back(size);
    }
    const size_t words = d.entryWords();
    d.commonBits.assign(d.commonGrams.size() * words, 0);
    for (size_t i = 0; i < d.commonGrams.size(); ++i) {
        const qsizetype g = d.gramIndex(d.commonGrams[i]);
        quint64* const bits = d.commonBits.data() + i * words;
        for (quint32 p = d.gramBegin[size_t(g)]; p < d.gramBegin[size_t(g) + 1]; ++p)
            bits[size_t(d.postings[p]) / 64] |= quint64(1) << (size_t(d.postings[p]) % 64);
    }
    // The common grams' postings (most of them) are not read again: their lists become empty.
    std::vector<qint32> kept;
    kept.reserve(d.postings.size() / 8);
    std::vector<quint32> begins;
    begins.reserve(d.gramBegin.size());
    for (size_t g = 0; g < d.grams.size(); ++g) {
        begins.push_back(quint32(kept.size()));
        if (!std::binary_search(d.commonGrams.begin(), d.commonGrams.end(), d.grams[g]))
            kept.insert(kept.end(), d.postings.begin() + d.gramBegin[g], d.postings.begin() + d.gramBegin[g + 1]);
    }
    begins.push_back(quint32(kept.size()));
    d.postings = std::move(kept);
    d.gramBegin = std::move(begins);
    return d;
}

QByteArray MatcherIndex::serialize() const
{
    qsizetype size = 2 * sizeof(quint32);
    forEachArray(*this, [&size](auto& v) { size += qsizetype(sizeof(quint64) + v.size() * sizeof(v[0])); });
    QByteArray out;
    out.reserve(size);
    auto put = [&out](const void* data, size_t bytes) { out.append(static_cast<const char*>(data), qsizetype(bytes)); };
    put(&kMagic, sizeof kMagic);
    put(&kMatcherIndexFormat, sizeof kMatcherIndexFormat);
    forEachArray(*this, [&put](auto& v) {
        const quint64 n = v.size();
        put(&n, sizeof n);
        put(v.data(), v.size() * sizeof(v[0]));
    });
    return out;
}

bool MatcherIndex::deserialize(const QByteArray& blob, MatcherIndex* out)
{
    const char* p = blob.constData();
    const char* const end = p + blob.size();
    quint32 header[2] = {};
    if (end - p < qsizetype(sizeof header))
        return false;
    std::memcpy(header, p, sizeof header);
    p += sizeof header;
    if (header[0] != kMagic || header[1] != kMatcherIndexFormat)
        return false;
    MatcherIndex index;
    bool ok = true;
    forEachArray(index, [&](auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        quint64 n = 0;
        if (!ok || end - p < qsizetype(sizeof n)) {
            ok = false;
            return;
        }
        std::memcpy(&n, p, sizeof n);
        p += sizeof n;
        if (n > quint64(end - p) / sizeof(T)) {
            ok = false;
            return;
        }
        v.resize(size_t(n));
        std::memcpy(static_cast<void*>(v.data()), p, size_t(n) * sizeof(T));
        p += n * sizeof(T);
    });
    if (!ok || p != end)
        return false;
    // Cross-checks, so that a damaged blob never indexes out of bounds.
    const size_t entries = index.entries.size();
    ok = index.syllableEnds.size() == index.symbols.size() && index.gramBegin.size() == index.grams.size() + 1
        && index.gramBegin.back() == index.postings.size() && index.commonBits.size() == index.commonGrams.size() * index.entryWords()
        && index.fullKeyOffsets.size() == index.entryOfProduct.size() + 1
        && index.fullKeyOffsets.back() == index.fullKeyChars.size() && index.commonGrams.size() <= kCommonGramCount
        && index.commonSizes.size() == index.commonGrams.size();
    for (size_t i = 0; ok && i < index.keys.size(); ++i) {
        const Key& k = index.keys[i];
        ok = size_t(k.offset) + k.length <= index.symbols.size()
            && size_t(k.strengthOffset) + k.strengthLength <= index.strengths.size();
        // A syllable never reaches back before its key (weightedDistance relies on it).
        for (quint32 j = 0; ok && j < k.length; ++j)
            ok = index.syllableEnds[k.offset + j] <= std::min<quint32>(3, j + 1);
    }
    for (size_t i = 0; ok && i < entries; ++i) {
        const Entry& e = index.entries[i];
        for (qint32 k : e.keys)
            ok = ok && k < qint32(index.keys.size());
        ok = ok && e.productBegin <= e.productEnd && e.productEnd <= index.entryProducts.size();
    }
    for (size_t i = 0; ok && i < index.postings.size(); ++i)
        ok = index.postings[i] >= 0 && size_t(index.postings[i]) < entries;
    for (size_t i = 0; ok && i < index.entryOfProduct.size(); ++i)
        ok = index.entryOfProduct[i] < qint32(entries) && index.fullKeyOffsets[i] <= index.fullKeyOffsets[i + 1];
    for (size_t i = 0; ok && i < index.entryProducts.size(); ++i)
        ok = index.entryProducts[i] >= 0 && size_t(index.entryProducts[i]) < index.entryOfProduct.size();
    for (size_t i = 0; ok && i < index.exact.size(); ++i)
        ok = index.exact[i].second >= 0 && size_t(index.exact[i].second) < entries;
    for (size_t i = 0; ok && i + 1 < index.gramBegin.size(); ++i)
        ok = index.gramBegin[i] <= index.gramBegin[i + 1];
    if (!ok)
        return false;
    *out = std::move(index);
    return true;
}

} // namespace pharmdesk::drugdb::detail
