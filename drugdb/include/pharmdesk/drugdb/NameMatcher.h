// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace pharmdesk::drugdb {

/// Fuzzy matching of OCR'd drug names against a fixed list of product names.
///
/// Each name is normalised (names::normalize), decomposed into jamo and indexed by jamo trigrams
/// (plus the trigrams left when one syllable is lost, so a dropped syllable keeps the name's grams).
/// A query gathers candidates from the trigram index, then ranks them by a weighted edit distance in
/// which visually confusable jamo and characters (ㅐ/ㅔ, ㄹ/ㄷ, ㅁ/ㅇ, 0/O, 1/l ...) cost less, and by
/// agreement of the strengths (numbers): "500" against "650" costs much. Scores are calibrated to
/// 0..1; 1.0 means the normalised names are equal.
///
/// Threading: immutable after construction; match() and similarity() may run concurrently on any
/// threads (each thread keeps its own scratch buffers).
class NameMatcher
{
public:
    struct Hit
    {
        int index = -1;     ///< position of the product in the list given to the constructor
        double score = 0.0;
    };

    /// `names[i]` is the item name of product i. `preferred[i]` (optional, same size) breaks ties
    /// between equal scores in favour of preferred products (e.g. products with insurance codes).
    explicit NameMatcher(const QStringList& names, const std::vector<bool>& preferred = {});

    /// The index in a form to store (see fromBlob()): a few MB, native byte order.
    QByteArray toBlob() const;

    /// A matcher from a stored index of the same format (milliseconds instead of a build); null when
    /// the blob is damaged, of another format, or not of `productCount` names. The caller makes sure
    /// the blob was built from the same names (DrugCache keys it by a fingerprint of them).
    static std::unique_ptr<NameMatcher> fromBlob(const QByteArray& blob, int productCount,
                                                 const std::vector<bool>& preferred = {});
    ~NameMatcher();
    NameMatcher(const NameMatcher&) = delete;
    NameMatcher& operator=(const NameMatcher&) = delete;

    /// Best products for `query`, best first, at most `limit`, scores ≥ minimumScore().
    QList<Hit> match(const QString& query, int limit = 5) const;

    /// Score of `query` against product `index` (same scale as match()).
    double similarity(const QString& query, int index) const;

    /// Score of `query` against an arbitrary item name (same scale as match()).
    double similarity(const QString& query, const QString& name) const;

    /// The normalised full name of product `index` (names::normalize with brackets kept): two
    /// products with equal keys cannot be told apart by name.
    QString key(int index) const;

    int size() const;

    /// Hits below this score are not plausible and are not returned.
    static double minimumScore();

private:
    NameMatcher();
    struct Data;
    std::unique_ptr<Data> d;
};

} // namespace pharmdesk::drugdb
