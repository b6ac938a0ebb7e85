// SPDX-License-Identifier: GPL-3.0-or-later
// drugdb-bench: open time, matchName() throughput and top-1/top-3 accuracy on OCR-like corruptions
// of names sampled from the whole product list. Built with the tests, not run by ctest.
#include "OcrNoise.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/drugdb/MfdsImport.h"
#include "pharmdesk/drugdb/NameMatcher.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <vector>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;

namespace {

struct Query
{
    QString text;
    noise::Kind kind;
    QString expectedKey;  ///< normalised name a correct hit must have
    bool fromBase = false;
    int product = -1;  ///< the sampled product (index in the cache's list)
};

struct Tally
{
    int total = 0;
    int top1 = 0;
    int top3 = 0;
};

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

QString keyOf(const QString& name, bool base)
{
    return names::normalize(name, base ? names::BracketContent::Drop : names::BracketContent::Keep);
}

// Imports `rows` 병용금기 rows between random products (by ITEM_NAME, one ingredient code each) into
// a copy of the cache, then times open, the background DUR load (first checkDur) and checkDur on
// five-line prescriptions.
int benchDur(const QString& cachePath, int rows, QRandomGenerator& random, QTextStream& out)
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("drugs.sqlite"));
    if (!QFile::copy(cachePath, copy))
        return 1;
    auto base = DrugCache::open(copy);
    if (!base)
        return 1;
    const QList<core::Product> products = (*base)->products();
    base = core::Error {};
    QJsonArray items;
    for (int i = 0; i < rows; ++i) {
        const int a = random.bounded(int(products.size()));
        const int b = random.bounded(int(products.size()));
        items.append(QJsonObject {
            { QStringLiteral("TYPE_NAME"), QStringLiteral("병용금기") },
            { QStringLiteral("INGR_CODE"), QStringLiteral("D%1").arg(a, 6, 10, QLatin1Char('0')) },
            { QStringLiteral("INGR_KOR_NAME"), QStringLiteral("성분%1").arg(a) },
            { QStringLiteral("ITEM_NAME"), products.at(a).name },
            { QStringLiteral("ITEM_SEQ"), QString::number(300000000 + a) },
            { QStringLiteral("MIXTURE_INGR_CODE"), QStringLiteral("D%1").arg(b, 6, 10, QLatin1Char('0')) },
            { QStringLiteral("MIXTURE_INGR_KOR_NAME"), QStringLiteral("성분%1").arg(b) },
            { QStringLiteral("MIXTURE_ITEM_NAME"), products.at(b).name },
            { QStringLiteral("MIXTURE_ITEM_SEQ"), QString::number(300000000 + b) },
            { QStringLiteral("PROHBT_CONTENT"), QStringLiteral("병용 시 위험 증가 (벤치마크용 합성 규칙 %1)").arg(i) },
        });
    }
    const QString dump = dir.filePath(QStringLiteral("dur.json"));
    QFile f(dump);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write(QJsonDocument(items).toJson(QJsonDocument::Compact));
    f.close();
    QElapsedTimer timer;
    timer.start();
    auto imported = importMfdsFile(copy, dump);
    if (!imported) {
        out << "DUR import failed: " << imported.error().toString() << "\n";
        return 1;
    }
    out << "DUR: imported " << imported->rows << " rows in " << timer.elapsed() << " ms\n";
    timer.restart();
    auto cache = DrugCache::open(copy);
    if (!cache)
        return 1;
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    core::Prescription p;
    for (int i = 0; i < 5; ++i) {
        core::PrescriptionItem item;
        item.line = i + 1;
        item.product = products.at(random.bounded(int(products.size())));
        item.dose = core::Field<double>::certain(1);
        item.timesPerDay = core::Field<int>::certain(3);
        item.days = core::Field<int>::certain(3);
        p.items.append(item);
    }
    const qsizetype firstAlerts = (*cache)->checkDur(p).size();
    const double firstMs = double(timer.nsecsElapsed()) / 1e6;
    QElapsedTimer loop;
    loop.start();
    qsizetype checks = 0;
    qsizetype alerts = 0;
    while (loop.elapsed() < 2000) {
        for (core::PrescriptionItem& item : p.items)
            item.product = products.at(random.bounded(int(products.size())));
        alerts += (*cache)->checkDur(p).size();
        ++checks;
    }
    out << "DUR: open " << QString::number(openMs, 'f', 1) << " ms, first checkDur answered at "
        << QString::number(firstMs, 'f', 1) << " ms (" << firstAlerts << " alerts); checkDur of 5 lines: "
        << QString::number(double(loop.nsecsElapsed()) / 1e3 / double(checks), 'f', 1) << " µs per call (" << checks
        << " calls, " << alerts << " alerts)\n";
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Drug cache and name matcher benchmark."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("data-dir"), QStringLiteral("Folder for drugs.sqlite (default: a temp folder)."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("samples"), QStringLiteral("Products sampled (default 4000)."), QStringLiteral("N"),
                       QStringLiteral("4000") });
    parser.addOption({ QStringLiteral("seed"), QStringLiteral("Random seed (default 20251127)."), QStringLiteral("S"),
                       QStringLiteral("20251127") });
    parser.addOption({ QStringLiteral("show-misses"), QStringLiteral("Print up to N top-1 misses (miss3: not in the top 3 either), with the wanted product's own score."), QStringLiteral("N"),
                       QStringLiteral("0") });
    parser.addOption({ QStringLiteral("dur-rows"),
                       QStringLiteral("Also time DUR checks after importing N synthetic 병용금기 rows (a full download "
                                      "has ~246,000) into a copy of the cache (default 0: skip)."),
                       QStringLiteral("N"), QStringLiteral("0") });
    parser.process(app);
    QTextStream out(stdout);

    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir")) : temp.path();
    const QString path = dir + QStringLiteral("/drugs.sqlite");

    auto first = DrugCache::open(path);
    if (!first) {
        out << "open failed: " << first.error().toString() << "\n";
        return 1;
    }
    out << "first open: " << (*first)->stats().openMs << " ms (build " << (*first)->stats().buildMs << " ms)\n";
    first = core::Error {};
    double bestOpen = 1e9;
    double bestOpenCpu = 1e9;
    std::shared_ptr<const DrugCache> cache;
    for (int i = 0; i < 3; ++i) {
        const double cpu = threadCpuSeconds();
        auto opened = DrugCache::open(path);
        bestOpenCpu = std::min(bestOpenCpu, (threadCpuSeconds() - cpu) * 1000);
        if (!opened) {
            out << "open failed: " << opened.error().toString() << "\n";
            return 1;
        }
        bestOpen = std::min(bestOpen, (*opened)->stats().openMs);
        cache = *opened;
    }
    // open() returns before the name matcher is built (background thread); the first matchName()
    // waits for it. Time to a first answer, from a fresh open.
    double bestFirstMatch = 1e9;
    for (int i = 0; i < 3; ++i) {
        cache.reset();
        QElapsedTimer firstTimer;
        firstTimer.start();
        auto opened = DrugCache::open(path);
        if (!opened)
            return 1;
        const double openedMs = double(firstTimer.nsecsElapsed()) / 1e6;
        const bool found = !(*opened)->matchName(QStringLiteral("타이레놀정500밀리그람"), 3).isEmpty();
        bestFirstMatch = std::min(bestFirstMatch, double(firstTimer.nsecsElapsed()) / 1e6);
        out << "open " << QString::number(openedMs, 'f', 1) << " ms, first matchName answered at "
            << QString::number(double(firstTimer.nsecsElapsed()) / 1e6, 'f', 1) << " ms" << (found ? "" : " (no hit!)")
            << "\n";
        cache = *opened;
    }
    out << "first matchName after open: " << QString::number(bestFirstMatch, 'f', 1) << " ms (best of 3)\n";
    const CacheStats stats = cache->stats();
    out << "open existing cache: " << bestOpen << " ms wall, " << bestOpenCpu << " ms CPU (best of 3); products " << stats.products << ", with code "
        << stats.productsWithCode << ", codes " << stats.ediCodes << ", guide texts " << stats.guideTexts << "\n";

    // Queries: each sampled product once per corruption kind, half as the full item name, half
    // without its bracket groups (as many prescriptions print it).
    QRandomGenerator random(parser.value(QStringLiteral("seed")).toUInt());
    const QList<core::Product>& products = cache->products();
    const int samples = parser.value(QStringLiteral("samples")).toInt();
    const QList<noise::Kind> kinds = { noise::Kind::Confusable, noise::Kind::DroppedSyllable, noise::Kind::Spaces,
                                       noise::Kind::UnitSpelling, noise::Kind::Mixed };
    QList<Query> queries;
    for (int s = 0; s < samples; ++s) {
        const int index = random.bounded(int(products.size()));
        const core::Product& p = products.at(index);
        const bool base = random.bounded(2) == 0;
        const QString name = base ? noise::withoutBrackets(p.name) : p.name;
        if (keyOf(name, base).isEmpty())
            continue;
        for (noise::Kind kind : kinds)
            queries.append({ noise::corrupt(name, kind, random), kind, keyOf(p.name, base), base, index });
    }

    // Accuracy: top-1 is right when the best hit has the same normalised name (products that differ
    // only by pack type share names and tie).
    // A corruption can spell another product's name exactly ("징코센정" without 센 is 징코정); such
    // queries are counted apart too, as no matcher can tell them from the other product.
    QSet<QString> fullKeys;
    QSet<QString> baseKeys;
    for (const core::Product& p : products) {
        fullKeys.insert(keyOf(p.name, false));
        baseKeys.insert(keyOf(p.name, true));
    }
    QMap<QString, Tally> tallies;
    int misses = 0;
    const int showMisses = parser.value(QStringLiteral("show-misses")).toInt();
    const NameMatcher& matcher = cache->matcher();
    for (const Query& q : queries) {
        const QList<NameMatcher::Hit> hits = matcher.match(q.text, 3);
        bool top1 = false;
        bool top3 = false;
        for (int i = 0; i < hits.size(); ++i) {
            const core::Product& hit = products.at(hits.at(i).index);
            if (keyOf(hit.name, q.fromBase) == q.expectedKey) {
                top1 = top1 || i == 0 || hits.at(i).score == hits.at(0).score;
                top3 = true;
            }
        }
        const QString asKey = keyOf(q.text, q.fromBase);
        const bool ambiguous = asKey != q.expectedKey && (q.fromBase ? baseKeys : fullKeys).contains(asKey);
        QStringList buckets = { noise::kindName(q.kind), QStringLiteral("all") };
        if (!ambiguous)
            buckets.append(QStringLiteral("all, unambiguous"));
        for (const QString& bucket : buckets) {
            Tally& t = tallies[bucket];
            ++t.total;
            t.top1 += top1 ? 1 : 0;
            t.top3 += top3 ? 1 : 0;
        }
        if (!top1 && misses++ < showMisses) {
            // The wanted product's own score tells a tie or a ranking error from a retrieval miss.
            out << (top3 ? "miss" : "miss3") << " [" << noise::kindName(q.kind) << "] " << q.text << " (want "
                << q.expectedKey << " " << QString::number(matcher.similarity(q.text, q.product), 'f', 3) << ") got";
            for (const NameMatcher::Hit& h : hits)
                out << " | " << products.at(h.index).name << " " << QString::number(h.score, 'f', 3);
            out << "\n";
        }
    }
    out << "accuracy on " << queries.size() << " corrupted queries from " << samples << " sampled products:\n";
    for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
        const Tally& t = it.value();
        out << "  " << it.key().leftJustified(18) << " n=" << t.total << "  top-1 "
            << QString::number(100.0 * t.top1 / t.total, 'f', 2) << "%  top-3 "
            << QString::number(100.0 * t.top3 / t.total, 'f', 2) << "%\n";
    }

    // Throughput on one thread, through the public DrugCatalog call (products copied out included).
    // Wall time on a shared machine understates the speed; the thread's CPU time is printed too, per
    // round over all queries: the best round is the least disturbed by other processes.
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    qsizetype done = 0;
    qsizetype sink = 0;
    std::vector<double> rounds;  // queries per CPU second
    while (timer.elapsed() < 3000 || rounds.size() < 3) {
        const double roundStart = threadCpuSeconds();
        for (const Query& q : queries) {
            sink += cache->matchName(q.text, 5).size();
            ++done;
        }
        rounds.push_back(double(queries.size()) / (threadCpuSeconds() - roundStart));
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double cpuSeconds = threadCpuSeconds() - cpuStart;
    std::sort(rounds.begin(), rounds.end());
    out << "matchName: " << qint64(done / seconds) << " queries/s on one thread by wall time, "
        << qint64(done / cpuSeconds) << " queries/s by thread CPU time (" << done << " queries, "
        << QString::number(seconds, 'f', 2) << " s wall, " << QString::number(cpuSeconds, 'f', 2) << " s CPU, "
        << sink << " hits); rounds of " << queries.size() << ": best " << qint64(rounds.back()) << ", median "
        << qint64(rounds[rounds.size() / 2]) << " queries/s CPU\n";
    const int durRows = parser.value(QStringLiteral("dur-rows")).toInt();
    if (durRows > 0)
        return benchDur(path, durRows, random, out);
    return 0;
}
