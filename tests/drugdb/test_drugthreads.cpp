// SPDX-License-Identifier: GPL-3.0-or-later
#include "OcrNoise.h"
#include "TestCache.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;

namespace {

// What a caller sees of one query: product ids and scores, in order.
using Answer = QList<std::pair<qint64, double>>;

Answer answer(const DrugCache& cache, const QString& query)
{
    Answer a;
    for (const core::ProductMatch& m : cache.matchName(query, 5))
        a.append({ m.product.id, m.score });
    if (auto p = cache.productByCode(query.left(9)))
        a.append({ p->id, -1.0 });
    for (const core::Product& p : cache.search(query.left(3), 3))
        a.append({ p.id, -2.0 });
    return a;
}

} // namespace

class TestDrugThreads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Several threads matching concurrently on one cache give the answers of a single thread.
    void concurrentQueriesAgree()
    {
        QTemporaryDir dir;
        const auto cache = testing::openFreshCache(dir);
        QVERIFY(cache);
        QRandomGenerator random(7);
        QStringList queries;
        const QList<core::Product>& products = cache->products();
        for (int i = 0; i < 300; ++i) {
            const core::Product& p = products.at(random.bounded(int(products.size())));
            queries.append(noise::corrupt(p.name, noise::Kind::Mixed, random));
            if (!p.ediCodes.isEmpty())
                queries.append(p.ediCodes.front());
        }
        std::vector<Answer> expected;
        for (const QString& q : std::as_const(queries))
            expected.push_back(answer(*cache, q));

        constexpr int kThreads = 4;
        std::vector<int> mismatches(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                // Each thread walks the queries from a different start so they overlap in time.
                for (qsizetype k = 0; k < queries.size(); ++k) {
                    const qsizetype i = (k + t * queries.size() / kThreads) % queries.size();
                    if (answer(*cache, queries.at(i)) != expected[size_t(i)])
                        ++mismatches[size_t(t)];
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        for (int t = 0; t < kThreads; ++t)
            QCOMPARE(mismatches[size_t(t)], 0);
    }

    // Opening caches on several threads at once (each with its own SQL connection) works.
    void concurrentOpens()
    {
        QTemporaryDir dir;
        QVERIFY(testing::openFreshCache(dir));
        constexpr int kThreads = 3;
        std::vector<qsizetype> counts(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                auto cache = DrugCache::open(dir.filePath(QStringLiteral("drugs.sqlite")));
                counts[size_t(t)] = cache ? (*cache)->productCount() : -1;
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        for (qsizetype count : counts)
            QCOMPARE(count, 44293);
    }
};

QTEST_GUILESS_MAIN(TestDrugThreads)
#include "test_drugthreads.moc"
