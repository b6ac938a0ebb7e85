// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/drugdb/DrugCache.h"

#include "pharmdesk/drugdb/CacheRecords.h"

#include "CacheSchema.h"
#include "DurIndex.h"
#include "EmbeddedData.h"
#include "MatcherStore.h"
#include "ProductTable.h"
#include "SqlConnection.h"
#include "pharmdesk/drugdb/NameMatcher.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSqlQuery>

#include "pharmdesk/core/Hangul.h"
#include "pharmdesk/core/Prescription.h"

#include <algorithm>
#include <future>
#include <mutex>

namespace pharmdesk::drugdb {

using core::ErrorCategory;

struct DrugCache::Data
{
    QList<core::Product> products;  ///< id ascending
    QHash<qint64, int> indexById;
    QHash<QString, int> indexByCode;
    QMultiHash<QString, int> indexByItemSeq;
    QHash<QString, core::GuideText> guides;  ///< by ITEM_SEQ
    // The name matcher is built on a background thread started by load(): open() returns before it
    // is done, and every use waits for it (nameMatcher()), so answers are complete from the first call.
    std::unique_ptr<NameMatcher> matcher;
    std::shared_future<void> matcherReady;
    const NameMatcher& nameMatcher() const
    {
        matcherReady.wait();
        return *matcher;
    }
    // search() structures, built on the first search (open() stays fast for the batch CLI).
    mutable std::once_flag searchOnce;
    mutable QStringList searchJamo;      ///< jamo of each normalised full name, for substring search
    mutable QStringList searchInitials;  ///< initials of each normalised name without brackets
    std::vector<std::pair<QString, int>> sortedCodes;  ///< (code, index), for prefix search
    CacheStats stats;
    QString path;
    // DUR rules, read on a background thread started by open(); checkDur() waits for it.
    std::shared_future<void> durReady;
    detail::DurIndex dur;
    // Products by exact name, for DUR lines that carry neither a known id nor an ITEM_SEQ (a result
    // read back from JSON); built by the first such line.
    mutable std::once_flag nameIndexOnce;
    mutable QHash<QString, int> indexByName;

    ~Data()
    {
        if (durReady.valid())
            durReady.wait();
        if (matcherReady.valid())
            matcherReady.wait();
    }

    /// Reads every table into the members above and builds the indexes.
    core::Status load(detail::SqlConnection& c);
    void buildSearchIndex() const;
    void loadDur();
    detail::DurLine durLine(const core::PrescriptionItem& item) const;
};


DrugCache::DrugCache() : d(std::make_unique<Data>()) { }

DrugCache::~DrugCache() = default;

core::Result<std::shared_ptr<const DrugCache>> DrugCache::open(const QString& sqlitePath)
{
    QElapsedTimer timer;
    timer.start();
    std::shared_ptr<DrugCache> cache(new DrugCache);
    double buildMs = 0;

    if (auto st = detail::prepareCacheFile(sqlitePath, &buildMs); !st)
        return st.error();

    {
        detail::SqlConnection c(sqlitePath);
        if (auto st = c.open(); !st)
            return st.error();
        cache->d->path = sqlitePath;
        if (auto st = cache->d->load(c); !st)
            return st.error();
    }
    // The DUR tables (up to ~250k rows) load beside the caller: open() returns at once, and the
    // first checkDur() waits for the load. A file changed after open() is not seen.
    cache->d->durReady = std::async(std::launch::async, [data = cache->d.get()] { data->loadDur(); }).share();
    cache->d->stats.buildMs = buildMs;
    cache->d->stats.openMs = double(timer.nsecsElapsed()) / 1e6;
    return std::shared_ptr<const DrugCache>(std::move(cache));
}

core::Status DrugCache::Data::load(detail::SqlConnection& c)
{
    Data& d = *this;
    QSqlQuery q(c.db());
    q.setForwardOnly(true);
    auto failed = [&q](const QString& what) {
        return detail::sqlError(QStringLiteral("Drug cache: reading %1 failed.").arg(what), q.lastError());
    };

    d.stats.schemaVersion = detail::schemaVersionOf(c);
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return failed(QStringLiteral("meta"));
    while (q.next()) {
        const QString key = q.value(0).toString();
        if (key == QLatin1String("source"))
            d.stats.source = q.value(1).toString();
        else if (key == QLatin1String("built_at"))
            d.stats.builtAt = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    }

    auto read = detail::readProducts(c.db().databaseName());
    if (!read)
        return read.error();
    d.products = std::move(*read);
    if (d.products.isEmpty())
        return core::makeError(ErrorCategory::Database, QStringLiteral("The drug cache holds no products."),
                               c.db().databaseName());
    d.indexById.reserve(d.products.size());
    d.indexByCode.reserve(d.products.size() / 2);
    for (int index = 0; index < d.products.size(); ++index) {
        const core::Product& p = d.products.at(index);
        d.indexById.insert(p.id, index);
        if (!p.itemSeq.isEmpty())
            d.indexByItemSeq.insert(p.itemSeq, index);
        for (const QString& code : p.ediCodes) {
            d.indexByCode.insert(code, index);
            d.sortedCodes.emplace_back(code, index);
            ++d.stats.ediCodes;
        }
    }
    std::sort(d.sortedCodes.begin(), d.sortedCodes.end());

    if (!q.exec(QStringLiteral("SELECT item_seq, item_name, efficacy, usage, caution, interaction, side_effects, "
                               "storage FROM guide_texts")))
        return failed(QStringLiteral("guide texts"));
    while (q.next()) {
        core::GuideText g;
        g.itemSeq = q.value(0).toString();
        g.itemName = q.value(1).toString();
        g.efficacy = q.value(2).toString();
        g.usage = q.value(3).toString();
        g.caution = q.value(4).toString();
        g.interaction = q.value(5).toString();
        g.sideEffects = q.value(6).toString();
        g.storage = q.value(7).toString();
        d.guides.insert(g.itemSeq, g);
    }

    if (!q.exec(QStringLiteral("SELECT kind, source_date, origin, rows FROM dur_sources ORDER BY kind")))
        return failed(QStringLiteral("DUR sources"));
    while (q.next()) {
        if (const auto kind = core::DurAlert::kindFromName(q.value(0).toString()))
            d.stats.dur.append({ *kind, q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong() });
    }
    if (!q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM product_details), (SELECT COUNT(*) FROM pills), "
                               "(SELECT COUNT(*) FROM pill_images)"))
        || !q.next())
        return failed(QStringLiteral("counts"));
    d.stats.permitDetails = q.value(0).toLongLong();
    d.stats.pills = q.value(1).toLongLong();
    d.stats.pillImages = q.value(2).toLongLong();

    QStringList names;
    std::vector<bool> withCode;
    names.reserve(d.products.size());
    withCode.reserve(size_t(d.products.size()));
    for (core::Product& p : d.products) {
        p.hasGuide = !p.itemSeq.isEmpty() && d.guides.contains(p.itemSeq);
        names.append(p.name);
        withCode.push_back(!p.ediCodes.isEmpty());
        d.stats.productsWithCode += p.ediCodes.isEmpty() ? 0 : 1;
    }
    // The index stored in the file when it was built from these names (milliseconds), else a build
    // on a background thread that stores it for the next open.
    const QByteArray fingerprint = detail::matcherFingerprint(names);
    matcher = detail::loadStoredMatcher(path, fingerprint, int(names.size()), withCode);
    if (matcher) {
        std::promise<void> ready;
        ready.set_value();
        matcherReady = ready.get_future().share();
    } else {
        matcherReady = std::async(std::launch::async, [data = this, names = std::move(names), withCode = std::move(withCode),
                                                       fingerprint] {
                           data->matcher = std::make_unique<NameMatcher>(names, withCode);
                           // A read-only or busy file keeps working; the index is built again next time.
                           if (auto st = detail::storeMatcher(data->path, fingerprint, *data->matcher); !st)
                               qWarning("%s", qPrintable(st.error().toString()));
                       }).share();
    }
    d.stats.products = d.products.size();
    d.stats.guideTexts = d.guides.size();
    return core::Done {};
}

void DrugCache::Data::buildSearchIndex() const
{
    searchJamo.reserve(products.size());
    searchInitials.reserve(products.size());
    for (int i = 0; i < products.size(); ++i) {
        searchJamo.append(core::hangul::toJamo(nameMatcher().key(i)));
        searchInitials.append(
            core::hangul::initials(names::normalize(products.at(i).name, names::BracketContent::Drop)));
    }
}

std::optional<core::Product> DrugCache::productByCode(const QString& ediCode) const
{
    const auto it = d->indexByCode.constFind(ediCode.trimmed());
    if (it == d->indexByCode.constEnd())
        return std::nullopt;
    return d->products.at(it.value());
}

QList<core::ProductMatch> DrugCache::matchName(const QString& query, int limit) const
{
    QList<core::ProductMatch> matches;
    const QList<NameMatcher::Hit> hits = d->nameMatcher().match(query, limit);
    matches.reserve(hits.size());
    for (const NameMatcher::Hit& hit : hits)
        matches.append({ d->products.at(hit.index), hit.score, QStringLiteral("name") });
    return matches;
}

double DrugCache::nameSimilarity(const QString& query, const core::Product& product) const
{
    const int index = d->indexById.value(product.id, -1);
    if (index >= 0 && d->products.at(index).name == product.name)
        return d->nameMatcher().similarity(query, index);
    return d->nameMatcher().similarity(query, product.name);
}

QByteArray DrugCache::pillImage(const core::Product& product) const
{
    if (d->stats.pillImages == 0)
        return {};
    QString seq = product.itemSeq;
    if (seq.isEmpty()) {
        const int index = d->indexById.value(product.id, -1);
        if (index >= 0 && d->products.at(index).name == product.name)
            seq = d->products.at(index).itemSeq;
    }
    if (seq.isEmpty())
        return {};
    const auto image = readPillImage(d->path, seq);
    return image && *image ? (*image)->data : QByteArray();
}

std::optional<core::GuideText> DrugCache::guideFor(const core::Product& product) const
{
    QString seq = product.itemSeq;
    if (seq.isEmpty()) {
        const int index = d->indexById.value(product.id, -1);
        if (index >= 0 && d->products.at(index).name == product.name)
            seq = d->products.at(index).itemSeq;
    }
    const auto it = d->guides.constFind(seq);
    if (seq.isEmpty() || it == d->guides.constEnd())
        return std::nullopt;
    return it.value();
}

qsizetype DrugCache::productCount() const
{
    return d->products.size();
}

void DrugCache::Data::loadDur()
{
    if (auto st = dur.load(path); !st) {
        // The checks then report every kind as unavailable: a failure never passes silently.
        dur = detail::DurIndex();
        qWarning("%s", qPrintable(st.error().toString()));
    }
}

detail::DurLine DrugCache::Data::durLine(const core::PrescriptionItem& item) const
{
    const core::Product& p = *item.product;
    // The cache's own record: by id (same name), else by ITEM_SEQ, else by exact name.
    int index = indexById.value(p.id, -1);
    if (index >= 0 && products.at(index).name != p.name)
        index = -1;
    if (index < 0 && !p.itemSeq.isEmpty())
        index = indexByItemSeq.value(p.itemSeq, -1);
    if (index < 0) {
        std::call_once(nameIndexOnce, [this] {
            indexByName.reserve(products.size());
            for (int i = 0; i < products.size(); ++i)
                indexByName.insert(products.at(i).name, i);
        });
        index = indexByName.value(p.name, -1);
    }
    const core::Product& known = index >= 0 ? products.at(index) : p;
    detail::DurLine line;
    line.line = item.line;
    line.itemSeq = known.itemSeq;
    line.name = known.name;
    line.ingredients = !known.ingredients.isEmpty() ? known.ingredients : names::ingredientsOf(known.name);
    if (item.dose.hasValue())
        line.dose = *item.dose;
    line.doseUnit = item.doseUnit;
    if (item.timesPerDay.hasValue())
        line.timesPerDay = *item.timesPerDay;
    if (item.days.hasValue())
        line.days = *item.days;
    return line;
}

QList<core::DurAlert> DrugCache::checkDur(const core::Prescription& prescription) const
{
    using Kind = core::DurAlert::Kind;
    d->durReady.wait();

    QList<detail::DurLine> lines;
    for (qsizetype i = 0; i < prescription.items.size(); ++i) {
        const core::PrescriptionItem& item = prescription.items.at(i);
        if (!item.product || item.product->name.isEmpty())
            continue;
        lines.append(d->durLine(item));
        if (lines.last().line <= 0)
            lines.last().line = int(i + 1);
    }
    if (lines.isEmpty())
        return {};
    const QDate at = prescription.issueDate.hasValue() && prescription.issueDate->isValid() ? *prescription.issueDate
                                                                                          : QDate::currentDate();
    const auto birth = prescription.patient.birthDate();
    const detail::DurPatient patient = detail::patientAt(birth.value_or(QDate()), at, prescription.patient.pregnant);
    QList<core::DurAlert> alerts = d->dur.check(lines, patient);

    // Kinds that apply to this prescription but whose data was never loaded.
    QList<Kind> wanted = { Kind::AgeContraindicated, Kind::MaxDailyDose, Kind::MaxDuration, Kind::SplitCaution };
    if (lines.size() >= 2)
        wanted = QList<Kind> { Kind::CombinationContraindicated, Kind::TherapeuticDuplicate } + wanted;
    if (!patient.ageYears || *patient.ageYears >= 65)
        wanted.append(Kind::ElderlyCaution);
    if (patient.pregnant)
        wanted.append(Kind::PregnancyContraindicated);
    std::sort(wanted.begin(), wanted.end());
    for (Kind kind : wanted) {
        if (d->dur.available(kind))
            continue;
        core::DurAlert a;
        a.kind = Kind::RulesUnavailable;
        a.severity = core::DurAlert::Severity::Info;
        a.text = QStringLiteral("DUR %1 자료가 캐시에 없어 확인하지 않았습니다 (%2).")
                     .arg(detail::durTypeName(kind), core::DurAlert::kindName(kind));
        a.source = QStringLiteral("pharmdesk-cli drugs update --service dur");
        alerts.append(a);
    }
    return alerts;
}

QList<core::Product> DrugCache::search(const QString& text, int limit) const
{
    QList<core::Product> found;
    const QString query = text.trimmed();
    if (query.isEmpty() || limit <= 0)
        return found;
    std::call_once(d->searchOnce, [this] { d->buildSearchIndex(); });

    // (rank, index): rank 0 for matches at the start, 1 elsewhere; then shorter names first.
    std::vector<std::pair<int, int>> hits;
    auto addHit = [&](int rank, int index) { hits.emplace_back(rank, index); };

    bool allDigits = true;
    for (QChar c : query)
        allDigits = allDigits && c.isDigit();
    if (allDigits) {
        auto it = std::lower_bound(d->sortedCodes.begin(), d->sortedCodes.end(), std::make_pair(query, -1));
        for (; it != d->sortedCodes.end() && it->first.startsWith(query); ++it)
            addHit(0, it->second);
    }
    if (names::isInitialsQuery(query)) {
        for (int i = 0; i < d->searchInitials.size(); ++i) {
            const qsizetype pos = d->searchInitials.at(i).indexOf(query);
            if (pos >= 0)
                addHit(pos == 0 ? 0 : 1, i);
        }
    } else {
        // Jamo substring: a completer query may end in a half-typed syllable ("타이렌" of 타이레놀 fails,
        // "타이ㄹ" succeeds).
        const QString jamo = core::hangul::toJamo(names::normalize(query, names::BracketContent::Keep));
        if (!jamo.isEmpty() && !allDigits) {
            for (int i = 0; i < d->searchJamo.size(); ++i) {
                const qsizetype pos = d->searchJamo.at(i).indexOf(jamo);
                if (pos >= 0)
                    addHit(pos == 0 ? 0 : 1, i);
            }
        }
    }
    std::sort(hits.begin(), hits.end(), [this](const auto& a, const auto& b) {
        if (a.first != b.first)
            return a.first < b.first;
        const qsizetype la = d->products.at(a.second).name.size(), lb = d->products.at(b.second).name.size();
        return la != lb ? la < lb : a.second < b.second;
    });
    QList<int> seen;
    for (const auto& [rank, index] : hits) {
        if (found.size() >= limit)
            break;
        if (seen.contains(index))
            continue;
        seen.append(index);
        found.append(d->products.at(index));
    }
    return found;
}

std::optional<core::Product> DrugCache::productById(qint64 id) const
{
    const int index = d->indexById.value(id, -1);
    if (index < 0)
        return std::nullopt;
    return d->products.at(index);
}

QList<core::Product> DrugCache::productsByItemSeq(const QString& itemSeq) const
{
    QList<int> indexes = d->indexByItemSeq.values(itemSeq.trimmed());
    std::sort(indexes.begin(), indexes.end());
    QList<core::Product> found;
    for (int index : indexes)
        found.append(d->products.at(index));
    return found;
}

const QList<core::Product>& DrugCache::products() const
{
    return d->products;
}

const NameMatcher& DrugCache::matcher() const
{
    return d->nameMatcher();
}

CacheStats DrugCache::stats() const
{
    return d->stats;
}

} // namespace pharmdesk::drugdb
