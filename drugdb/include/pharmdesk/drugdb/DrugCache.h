// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Error.h"

#include <QDateTime>
#include <QString>

#include <memory>

namespace pharmdesk::drugdb {

class NameMatcher;

/// One kind of DUR data present in a cache (downloaded completely or imported).
struct DurSource
{
    core::DurAlert::Kind kind = core::DurAlert::Kind::CombinationContraindicated;
    QString sourceDate;  ///< yyyy-MM-dd the data was downloaded or imported
    QString origin;      ///< "mfds" or "import"
    qint64 rows = 0;
};

/// Counts and provenance of an opened cache, for `pharmdesk-cli drugs stats`.
struct CacheStats
{
    qsizetype products = 0;
    qsizetype productsWithCode = 0;
    qsizetype ediCodes = 0;
    qsizetype guideTexts = 0;
    qsizetype permitDetails = 0;   ///< 품목허가 상세 rows
    qsizetype pills = 0;           ///< 낱알식별 rows
    qsizetype pillImages = 0;      ///< pill images cached
    QList<DurSource> dur;          ///< kinds of DUR data loaded; empty in the shipped cache
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
/// be called concurrently from any thread. No SQL is issued after open() returns except by one
/// background thread open() starts to read the DUR tables (its own connection; a full DUR download is
/// ~250k rows); checkDur() waits for that load, so its answers are complete from the first call.
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
    /// The cached pill image (drugs update --images); read from the cache file on each call
    /// (a guide asks a few times per print), empty when none was fetched.
    QByteArray pillImage(const core::Product& product) const override;
    qsizetype productCount() const override;

    /// DUR findings (see core::DrugCatalog::checkDur): 병용금기 pairs and same-ingredient duplicates
    /// between lines, 효능군중복, 특정연령대금기 and 노인주의 (65+) from the RRN birth date at the issue
    /// date (today when it was not read), 임부금기 when the patient is marked pregnant, 용량주의
    /// (dose × times per day × the strength per unit against the rule's daily maximum), 투여기간주의
    /// (days against the rule's maximum) and 서방정분할주의 (a fractional dose). Lines are resolved to
    /// this cache's products by id, ITEM_SEQ or exact name. A rule that applies but cannot be decided
    /// (strength, age or limit unknown) gives an Info alert with the rule's text; each kind of DUR
    /// data never loaded gives one RulesUnavailable Info alert naming it.
    QList<core::DurAlert> checkDur(const core::Prescription& prescription) const override;

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
