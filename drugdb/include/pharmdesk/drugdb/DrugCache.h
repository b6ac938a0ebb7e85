// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Error.h"

#include <QDateTime>
#include <QString>

#include <memory>

namespace pharmdesk::drugdb {

class NameMatcher;

/// Counts and provenance of an opened cache, for `pharmdesk-cli drugs stats`.
struct CacheStats
{
    qsizetype products = 0;
    qsizetype productsWithCode = 0;
    qsizetype ediCodes = 0;
    qsizetype guideTexts = 0;
    int schemaVersion = 0;
    QString source;          ///< "embedded:<date>" or "mfds:<date>"
    QDateTime builtAt;
    double openMs = 0;       ///< time open() took, a build included
    double buildMs = 0;      ///< time open() spent (re)building the file; 0 when it was current
};

/// The local drug cache: an SQLite file in the data directory, loaded into an immutable in-memory
/// index on open().
///
/// Threading: open() may run on any thread. The returned object is immutable; all const methods may
/// be called concurrently from any thread (no SQL is issued after open()).
class DrugCache final : public core::DrugCatalog
{
public:
    /// Opens `sqlitePath`; when the file is missing, unreadable, of an older schema, or built from
    /// other embedded data than this program's, (re)builds it from the data embedded in the program
    /// (resources/drugs) first. A file of a newer schema is refused (ErrorCategory::Database).
    /// Blocks for the load (and a build: seconds); call it off the GUI thread.
    static core::Result<std::shared_ptr<const DrugCache>> open(const QString& sqlitePath);

    ~DrugCache() override;

    std::optional<core::Product> productByCode(const QString& ediCode) const override;
    QList<core::ProductMatch> matchName(const QString& query, int limit = 5) const override;
    double nameSimilarity(const QString& query, const core::Product& product) const override;
    std::optional<core::GuideText> guideFor(const core::Product& product) const override;
    qsizetype productCount() const override;

    /// Products whose name contains `text` (after normalisation), or whose code starts with it, or
    /// whose initial consonants contain it (ㅌㅇㄹㄴ → 타이레놀); at most `limit`, matches at the start
    /// first. A linear scan (milliseconds); the first call builds its index (thread-safe).
    QList<core::Product> search(const QString& text, int limit = 20) const;
    std::optional<core::Product> productById(qint64 id) const;
    /// Products carrying this MFDS ITEM_SEQ (linked from the e약은요 texts; usually one).
    QList<core::Product> productsByItemSeq(const QString& itemSeq) const;
    /// Every product, in cache order (id ascending).
    const QList<core::Product>& products() const;
    /// The name matcher behind matchName(), indexed by position in products().
    const NameMatcher& matcher() const;
    CacheStats stats() const;

private:
    DrugCache();
    struct Data;
    std::unique_ptr<Data> d;
};

/// Builds the SQLite cache at `sqlitePath` from the embedded data (atomically: a temp file renamed
/// into place). Used by open() and by `pharmdesk-cli drugs rebuild`. Any thread; it uses its own
/// SQL connection. Concurrent builds of the same path are safe (the last rename wins).
core::Status buildEmbeddedCache(const QString& sqlitePath);

} // namespace pharmdesk::drugdb
