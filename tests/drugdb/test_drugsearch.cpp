// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCache.h"
#include "pharmdesk/core/Hangul.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;

class TestDrugSearch : public QObject
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

    void initials_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("mustFind");
        QTest::newRow("타이레놀") << "ㅌㅇㄹㄴ" << "타이레놀정500밀리그람(아세트아미노펜)";
        QTest::newRow("리피토") << "ㄹㅍㅌㅈ" << "리피토정20밀리그램(아토르바스타틴칼슘삼수화물)";
    }
    void initials()
    {
        QFETCH(QString, query);
        QFETCH(QString, mustFind);
        const QList<core::Product> found = m_cache->search(query, 200);
        QVERIFY(!found.isEmpty());
        bool seen = false;
        for (const core::Product& p : found) {
            const QString initials = core::hangul::initials(names::normalize(p.name, names::BracketContent::Drop));
            QVERIFY2(initials.contains(query), qPrintable(p.name));
            seen = seen || p.name == mustFind;
        }
        QVERIFY(seen);
        // Names that start with the initials come first.
        QVERIFY(core::hangul::initials(found.front().name).startsWith(query));
    }

    void substring_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("syllables") << "레놀정";
        QTest::newRow("with unit spelling") << "리피토정20밀리그램";
        QTest::newRow("spaces ignored") << "노바 스크";
        QTest::newRow("half-typed syllable") << "타이ㄹ";
        QTest::newRow("ingredient") << "아세트아미노펜";
    }
    void substring()
    {
        QFETCH(QString, query);
        const QList<core::Product> found = m_cache->search(query, 50);
        QVERIFY(!found.isEmpty());
        const QString jamo = core::hangul::toJamo(names::normalize(query));
        for (const core::Product& p : found)
            QVERIFY2(core::hangul::toJamo(names::normalize(p.name)).contains(jamo), qPrintable(p.name));
    }

    void codePrefix_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::newRow("leading zero") << "0734003";
        QTest::newRow("full code") << "644902232";
        QTest::newRow("short prefix") << "6449";
    }
    void codePrefix()
    {
        QFETCH(QString, prefix);
        const QList<core::Product> found = m_cache->search(prefix, 30);
        QVERIFY(!found.isEmpty());
        for (const core::Product& p : found) {
            bool any = false;
            for (const QString& code : p.ediCodes)
                any = any || code.startsWith(prefix);
            QVERIFY2(any, qPrintable(p.name));
        }
    }

    void limitsAndEmpty()
    {
        QCOMPARE(m_cache->search(QStringLiteral("정"), 7).size(), 7);
        QVERIFY(m_cache->search(QString()).isEmpty());
        QVERIFY(m_cache->search(QStringLiteral("   ")).isEmpty());
        QVERIFY(m_cache->search(QStringLiteral("레놀정"), 0).isEmpty());
        QVERIFY(m_cache->search(QStringLiteral("존재하지않는약이름"), 10).isEmpty());
        // No duplicates.
        const QList<core::Product> found = m_cache->search(QStringLiteral("ㅌㅇ"), 100);
        QSet<qint64> ids;
        for (const core::Product& p : found)
            ids.insert(p.id);
        QCOMPARE(ids.size(), found.size());
    }
};

QTEST_GUILESS_MAIN(TestDrugSearch)
#include "test_drugsearch.moc"
