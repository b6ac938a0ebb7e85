// SPDX-License-Identifier: GPL-3.0-or-later
#include "OcrNoise.h"
#include "TestCache.h"
#include "pharmdesk/drugdb/NameMatcher.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;

class TestNameMatcher : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<const DrugCache> m_cache;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cache = testing::openFreshCache(m_dir);
        QVERIFY(m_cache);
    }

    // The named product is the best match with at least `minScore`; exact normalised names give 1.0.
    void bestMatch_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<double>("minScore");
        const QString lipitor20 = QStringLiteral("리피토정20밀리그램(아토르바스타틴칼슘삼수화물)");
        const QString tylenol = QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");
        const QString norvasc5 = QStringLiteral("노바스크정5밀리그람(암로디핀베실산염)");
        const QString norvasc10 = QStringLiteral("노바스크정10밀리그램(암로디핀베실산염)");
        const QString amosartan = QStringLiteral("아모잘탄정5/100밀리그램");
        QTest::newRow("exact item name") << lipitor20 << lipitor20 << 1.0;
        QTest::newRow("name without ingredient") << "리피토정20밀리그램" << lipitor20 << 1.0;
        QTest::newRow("ingredient without brackets") << "리피토정20mg아토르바스타틴칼슘삼수화물" << lipitor20 << 1.0;
        QTest::newRow("spaces dropped and added") << "리피토 정 20 밀리 그램" << lipitor20 << 1.0;
        QTest::newRow("mg spelling MG") << "리피토정20MG" << lipitor20 << 1.0;
        QTest::newRow("mg spelling ㎎") << "리피토정20㎎" << lipitor20 << 1.0;
        QTest::newRow("mg spelling 밀리그람") << "리피토정20밀리그람" << lipitor20 << 1.0;
        QTest::newRow("digit read as letter") << "리피토정2O밀리그램" << lipitor20 << 1.0;
        QTest::newRow("confusable vowel ㅔ→ㅐ") << "타이래놀정500mg" << tylenol << 0.9;
        QTest::newRow("confusable consonant ㅋ→ㄲ") << "노바스끄정10mg" << norvasc10 << 0.9;
        QTest::newRow("confusable consonant ㅌ→ㄷ") << "다이레놀정500mg" << tylenol << 0.9;
        QTest::newRow("dropped syllable") << "노바크정10mg" << norvasc10 << 0.85;
        QTest::newRow("dropped syllable in the brand") << "타이놀정500mg" << tylenol << 0.85;
        QTest::newRow("(내복) suffix") << "노바스크정5mg(내복)" << norvasc5 << 1.0;
        QTest::newRow("(외용) suffix") << "노바스크정5밀리그람 (외용)" << norvasc5 << 1.0;
        QTest::newRow("company prefix") << "한미아모잘탄정5/100mg" << amosartan << 0.9;
        QTest::newRow("right strength among several") << "리피토정40mg"
                                                      << "리피토정40밀리그램(아토르바스타틴칼슘삼수화물)" << 1.0;
        QTest::newRow("combination strength") << "아모잘탄정5/100mg" << amosartan << 1.0;
    }
    void bestMatch()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        QFETCH(double, minScore);
        const QList<core::ProductMatch> matches = m_cache->matchName(query, 5);
        QVERIFY(!matches.isEmpty());
        const QString normalizedExpected = names::normalize(expected);
        QVERIFY2(names::normalize(matches.front().product.name) == normalizedExpected,
                 qPrintable(matches.front().product.name));
        QVERIFY2(matches.front().score >= minScore - 1e-9, qPrintable(QString::number(matches.front().score)));
        QVERIFY(matches.front().score <= 1.0);
        QCOMPARE(matches.front().matchedBy, QStringLiteral("name"));
        for (qsizetype i = 1; i < matches.size(); ++i)
            QVERIFY(matches.at(i - 1).score >= matches.at(i).score);
        // nameSimilarity() is the same scale.
        QCOMPARE(m_cache->nameSimilarity(query, matches.front().product), matches.front().score);
    }

    // A query whose strength no product of the brand has must not put a product of that brand on top
    // with a convincing score: 500 against 650 is a different product.
    void wrongStrength_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("brand");
        QTest::newRow("650 for a 500 tablet") << "타이레놀정650mg" << "타이레놀정";
        QTest::newRow("15 for 10/20/40/80 tablets") << "리피토정15mg" << "리피토정";
        QTest::newRow("5/80 for 5/50 and 5/100") << "아모잘탄정5/80mg" << "아모잘탄정";
    }
    void wrongStrength()
    {
        QFETCH(QString, query);
        QFETCH(QString, brand);
        for (const core::ProductMatch& m : m_cache->matchName(query, 10)) {
            if (m.product.name.startsWith(brand))
                QVERIFY2(m.score < 0.6, qPrintable(m.product.name + QLatin1Char(' ') + QString::number(m.score)));
        }
        // The brand is in the list (so the check above had something to reject).
        QVERIFY(!m_cache->search(brand, 1).isEmpty());
    }

    void nonsense_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("Korean filler") << "ㅋㅋㅋ 가나다라마바사";
        QTest::newRow("Latin keyboard row") << "qwertyuiop";
        QTest::newRow("digits") << "1234567";
        QTest::newRow("punctuation only") << "()-·";
        QTest::newRow("empty") << "";
    }
    void nonsense()
    {
        QFETCH(QString, query);
        for (const core::ProductMatch& m : m_cache->matchName(query, 5))
            QVERIFY2(m.score < 0.5, qPrintable(m.product.name + QLatin1Char(' ') + QString::number(m.score)));
    }

    void limitAndTies()
    {
        QCOMPARE(m_cache->matchName(QStringLiteral("리피토정20mg"), 0).size(), 0);
        QCOMPARE(m_cache->matchName(QStringLiteral("리피토정20mg"), 1).size(), 1);
        QVERIFY(m_cache->matchName(QStringLiteral("리피토정20mg"), 3).size() <= 3);
    }

    void similarityOfForeignProduct()
    {
        core::Product outside;
        outside.name = QStringLiteral("가상의약정10밀리그램");
        QCOMPARE(m_cache->nameSimilarity(QStringLiteral("가상의약정10mg"), outside), 1.0);
        QVERIFY(m_cache->nameSimilarity(QStringLiteral("가상의약정20mg"), outside) < 0.6);
        QCOMPARE(m_cache->nameSimilarity(QString(), outside), 0.0);
    }

    // A regression guard over the real list: seeded OCR-like corruptions of sampled names.
    void corruptedSample_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("minTop3");
        QTest::newRow("confusable") << int(noise::Kind::Confusable) << 0.97;
        QTest::newRow("spaces") << int(noise::Kind::Spaces) << 0.99;
        QTest::newRow("unit spelling") << int(noise::Kind::UnitSpelling) << 0.99;
        QTest::newRow("mixed") << int(noise::Kind::Mixed) << 0.97;
        QTest::newRow("dropped syllable") << int(noise::Kind::DroppedSyllable) << 0.85;
    }
    void corruptedSample()
    {
        QFETCH(int, kind);
        QFETCH(double, minTop3);
        QRandomGenerator random(4242);
        const QList<core::Product>& products = m_cache->products();
        int total = 0;
        int top3 = 0;
        for (int i = 0; i < 400; ++i) {
            const core::Product& p = products.at(random.bounded(int(products.size())));
            const QString name = noise::withoutBrackets(p.name);
            const QString expected = names::normalize(name, names::BracketContent::Drop);
            if (expected.isEmpty())
                continue;
            const QString query = noise::corrupt(name, noise::Kind(kind), random);
            ++total;
            for (const core::ProductMatch& m : m_cache->matchName(query, 3)) {
                if (names::normalize(m.product.name, names::BracketContent::Drop) == expected) {
                    ++top3;
                    break;
                }
            }
        }
        const double rate = double(top3) / total;
        QVERIFY2(rate >= minTop3, qPrintable(QStringLiteral("top-3 %1 of %2").arg(top3).arg(total)));
    }
};

QTEST_GUILESS_MAIN(TestNameMatcher)
#include "test_namematcher.moc"
