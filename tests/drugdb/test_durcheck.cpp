// SPDX-License-Identifier: GPL-3.0-or-later
// DrugCache::checkDur on a real cache: the embedded products plus DUR rows imported in the MFDS format.
#include "TestCache.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/drugdb/MfdsImport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::drugdb;
using Kind = core::DurAlert::Kind;

namespace {

// One DUR row with the services' field names; `extra` adds or overrides fields.
QJsonObject durRow(const QString& type, const QString& ingrCode, const QString& ingrName, const QString& itemSeq,
                   const QString& itemName, const QJsonValue& content, const QJsonObject& extra = {})
{
    QJsonObject o { { QStringLiteral("TYPE_NAME"), type },       { QStringLiteral("INGR_CODE"), ingrCode },
                    { QStringLiteral("INGR_NAME"), ingrName },   { QStringLiteral("ITEM_SEQ"), itemSeq },
                    { QStringLiteral("ITEM_NAME"), itemName },   { QStringLiteral("PROHBT_CONTENT"), content },
                    { QStringLiteral("REMARK"), QJsonValue() },  { QStringLiteral("NOTIFICATION_DATE"), QStringLiteral("20200924") } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonArray fixtureRows()
{
    const QJsonValue none;
    return {
        // The recorded 병용금기 row (api_samples), by product: 에리시스정 × 리코민주.
        durRow(QStringLiteral("병용금기"), QStringLiteral("D000256"), QStringLiteral("에리트로마이신스티노프레이트"),
               QStringLiteral("200704461"), QStringLiteral("에리시스정(에리트로마이신스티노프레이트)(수출용)"),
               QStringLiteral("병용을 하여도 항균작용이 증가되지 않음\n"),
               { { QStringLiteral("INGR_KOR_NAME"), QStringLiteral("에리트로마이신스티노프레이트") },
                 { QStringLiteral("MIXTURE_INGR_CODE"), QStringLiteral("D000713") },
                 { QStringLiteral("MIXTURE_INGR_KOR_NAME"), QStringLiteral("염산린코마이신") },
                 { QStringLiteral("MIXTURE_ITEM_SEQ"), QStringLiteral("200302561") },
                 { QStringLiteral("MIXTURE_ITEM_NAME"), QStringLiteral("리코민주(염산린코마이신)(수출용)") } }),
        // 임부금기 (recorded row): 부광덱사메타손정 has no ingredient in its name, found by ITEM_NAME.
        durRow(QStringLiteral("임부금기"), QStringLiteral("D000199"), QStringLiteral("덱사메타손"), QStringLiteral("196300064"),
               QStringLiteral("부광덱사메타손정"), QStringLiteral("동물실험에서 기형발생 작용 보고.")),
        // 노인주의 (recorded row, content null): 페니라민정(클로르페니라민말레산염) matches by ingredient.
        durRow(QStringLiteral("노인주의"), QStringLiteral("D000893"), QStringLiteral("클로르페니라민"), QStringLiteral("196000010"),
               QStringLiteral("페니라민주사(클로르페니라민말레산염)"), none),
        // 용량주의 (recorded row): 24 mg a day; the tablet's 2 mg comes from the permit detail below.
        durRow(QStringLiteral("용량주의"), QStringLiteral("D000893"), QStringLiteral("클로르페니라민말레산염"),
               QStringLiteral("196000011"), QStringLiteral("페니라민정(클로르페니라민말레산염)"),
               QStringLiteral("클로르페니라민말레산염 24mg")),
        // 용량주의 on 아세트아미노펜, 4 g a day; strengths from the product names.
        durRow(QStringLiteral("용량주의"), QStringLiteral("D000027"), QStringLiteral("아세트아미노펜"), QString(),
               QString(), QStringLiteral("아세트아미노펜 4000mg")),
        // 투여기간주의 with and without a number of days.
        durRow(QStringLiteral("투여기간주의"), QStringLiteral("D000425"), QStringLiteral("메토클로프라미드"),
               QStringLiteral("197200484"), QStringLiteral("맥페란정(메토클로프라미드)"), QStringLiteral("5일 이내 투여")),
        durRow(QStringLiteral("투여기간주의"), QStringLiteral("D000300"), QStringLiteral("이부프로펜"), QString(), QString(), none),
        // 특정연령대금기: under 1 year.
        durRow(QStringLiteral("특정연령대금기"), QStringLiteral("D000425"), QStringLiteral("메토클로프라미드"),
               QStringLiteral("197200484"), QStringLiteral("맥페란정(메토클로프라미드)"),
               QStringLiteral("1세 미만의 영아에는 투여하지 말 것")),
        // 효능군중복: 덱시부프로펜 (recorded row) and 이부프로펜 in one class.
        durRow(QStringLiteral("효능군중복"), QStringLiteral("D000086"), QStringLiteral("덱시부프로펜"), QStringLiteral("202500677"),
               QStringLiteral("덱센펜연질캡슐(덱시부프로펜)"), none,
               { { QStringLiteral("EFFECT_NAME"), QStringLiteral("해열진통소염제") },
                 { QStringLiteral("SERS_NAME"), QStringLiteral("비스테로이드성 소염제") } }),
        durRow(QStringLiteral("효능군중복"), QStringLiteral("D000300"), QStringLiteral("이부프로펜"), QString(),
               QStringLiteral("부루펜정200밀리그램(이부프로펜)"), none,
               { { QStringLiteral("EFFECT_NAME"), QStringLiteral("해열진통소염제") },
                 { QStringLiteral("SERS_NAME"), QStringLiteral("비스테로이드성 소염제") } }),
        // Rows with the structured limits of the DUR ingredient services (AGE_BASE, MAX_QTY,
        // MAX_DOSAGE_TERM); the field decides, the text only when the field is absent or unreadable.
        // 트리아졸람: at most 0.5 mg a day (the text names other amounts) and 21 days (the text 4 weeks).
        durRow(QStringLiteral("용량주의"), QStringLiteral("D000592"), QStringLiteral("트리아졸람"), QString(), QString(),
               QStringLiteral("1회 0.25mg, 고령자 0.125mg"), { { QStringLiteral("MAX_QTY"), QStringLiteral("0.5밀리그램") } }),
        durRow(QStringLiteral("투여기간주의"), QStringLiteral("D000592"), QStringLiteral("트리아졸람"), QString(), QString(),
               QStringLiteral("4주 이상 장기 투여 시 의존성"), { { QStringLiteral("MAX_DOSAGE_TERM"), QStringLiteral("21일") } }),
        // 록소프로펜: under 15 (the text names another age); content null as in the recorded rows.
        durRow(QStringLiteral("특정연령대금기"), QStringLiteral("D000301"), QStringLiteral("록소프로펜나트륨수화물"), QString(),
               QString(), none, { { QStringLiteral("AGE_BASE"), QStringLiteral("15세 미만") } }),
        // 슈도에페드린: neither a field nor words: the range is unknown.
        durRow(QStringLiteral("특정연령대금기"), QStringLiteral("D000302"), QStringLiteral("슈도에페드린염산염"), QString(),
               QString(), none),
        // 분할주의 (recorded row): product-level, no ingredient code needed.
        durRow(QStringLiteral("분할주의"), QString(), QString(), QStringLiteral("197100081"), QStringLiteral("키모랄에스정"),
               QStringLiteral("분할불가")),
    };
}

QJsonObject apiPage(const QJsonArray& rows)
{
    return { { QStringLiteral("header"),
               QJsonObject { { QStringLiteral("resultCode"), QStringLiteral("00") },
                             { QStringLiteral("resultMsg"), QStringLiteral("NORMAL SERVICE.") } } },
             { QStringLiteral("body"),
               QJsonObject { { QStringLiteral("pageNo"), 1 },
                             { QStringLiteral("totalCount"), rows.size() },
                             { QStringLiteral("numOfRows"), 100 },
                             { QStringLiteral("items"), rows } } } };
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

struct Line
{
    QString name;
    double dose;
    int times;
    int days;
};

// "kind:severity:1,2" for every alert but RulesUnavailable, sorted.
QStringList describe(const QList<core::DurAlert>& alerts)
{
    QStringList out;
    for (const core::DurAlert& a : alerts) {
        if (a.kind == Kind::RulesUnavailable)
            continue;
        QStringList lines;
        for (int l : a.lines)
            lines.append(QString::number(l));
        out.append(core::DurAlert::kindName(a.kind) + u':' + core::DurAlert::severityName(a.severity) + u':'
                   + lines.join(u','));
    }
    out.sort();
    return out;
}

QStringList unavailableKinds(const QList<core::DurAlert>& alerts)
{
    QStringList out;
    for (const core::DurAlert& a : alerts) {
        if (a.kind != Kind::RulesUnavailable)
            continue;
        const qsizetype open = a.text.lastIndexOf(u'(');
        out.append(a.text.mid(open + 1, a.text.lastIndexOf(u')') - open - 1));
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(QList<Line>)

class TestDurCheck : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const DrugCache> m_plain;  // the shipped cache: no DUR data
    std::shared_ptr<const DrugCache> m_dur;    // the same file after the DUR import

    QString cachePath() const { return m_dir.filePath(QStringLiteral("drugs.sqlite")); }

    core::Prescription prescription(const QList<Line>& lines, const QString& rrn, bool pregnant) const
    {
        core::Prescription p;
        p.issueDate = core::Field<QDate>::certain(QDate(2026, 11, 20));
        p.patient.rrn = core::Field<QString>::certain(rrn);
        p.patient.pregnant = pregnant;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            core::PrescriptionItem item;
            item.line = int(i + 1);
            for (const core::Product& product : m_dur->products()) {
                if (product.name == lines.at(i).name) {
                    item.product = product;
                    break;
                }
            }
            if (!item.product)
                qFatal("product not in the cache: %s", qPrintable(lines.at(i).name));
            item.dose = core::Field<double>::certain(lines.at(i).dose);
            item.doseUnit = QStringLiteral("정");
            item.timesPerDay = core::Field<int>::certain(lines.at(i).times);
            item.days = core::Field<int>::certain(lines.at(i).days);
            p.items.append(item);
        }
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_plain = testing::openFreshCache(m_dir);
        QVERIFY(m_plain);
        // The plain cache's DUR load must finish before the import changes the file.
        QVERIFY(m_plain->checkDur(core::Prescription {}).isEmpty());

        const QString dur = m_dir.filePath(QStringLiteral("dur.json"));
        QVERIFY(writeFile(dur, QJsonDocument(apiPage(fixtureRows())).toJson()));
        auto imported = importMfdsFile(cachePath(), dur);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
        QCOMPARE(imported->rows, qint64(fixtureRows().size()));
        QCOMPARE(imported->services.size(), 8);

        // The permit detail states 2 mg of 클로르페니라민말레산염 per tablet.
        const QJsonObject detail {
            { QStringLiteral("ITEM_SEQ"), QStringLiteral("196000011") },
            { QStringLiteral("ITEM_NAME"), QStringLiteral("페니라민정(클로르페니라민말레산염)") },
            { QStringLiteral("MATERIAL_NAME"),
              QStringLiteral("총량 : 1정 중 2밀리그램|성분명 : 클로르페니라민말레산염|분량 : 2|단위 : 밀리그램|규격 : KP|성분정보 : |비고 :") },
            { QStringLiteral("STORAGE_METHOD"), QStringLiteral("기밀용기") },
            { QStringLiteral("ATC_CODE"), QStringLiteral("R06AB04") },
        };
        const QString details = m_dir.filePath(QStringLiteral("details.json"));
        QVERIFY(writeFile(details, QJsonDocument(QJsonArray { detail }).toJson()));
        auto importedDetail = importMfdsFile(cachePath(), details);
        QVERIFY2(importedDetail, importedDetail ? "" : qPrintable(importedDetail.error().toString()));
        QCOMPARE(importedDetail->services, QList<MfdsService> { MfdsService::PermitDetails });

        auto reopened = DrugCache::open(cachePath());
        QVERIFY(reopened);
        m_dur = *reopened;
        QCOMPARE(m_dur->stats().dur.size(), 8);
        QCOMPARE(m_dur->stats().permitDetails, 1);
        QCOMPARE(m_dur->stats().source.left(7), QStringLiteral("import:"));
    }

    void checks_data()
    {
        QTest::addColumn<QList<Line>>("lines");
        QTest::addColumn<QString>("rrn");
        QTest::addColumn<bool>("pregnant");
        QTest::addColumn<QStringList>("expected");
        const QString adult = QStringLiteral("850412-1736284");    // 41 at the issue date
        const QString elderly = QStringLiteral("560101-2123456");  // 70
        const QString infant = QStringLiteral("260301-3123456");   // 8 months
        const QString eri = QStringLiteral("에리시스정(에리트로마이신스티노프레이트)(수출용)");
        const QString linco = QStringLiteral("리코민주(염산린코마이신)(수출용)");
        const QString tylenol = QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");
        const QString setopen = QStringLiteral("세토펜정(아세트아미노펜)");
        const QString pheni = QStringLiteral("페니라민정(클로르페니라민말레산염)");
        const QString dexa = QStringLiteral("부광덱사메타손정");
        const QString maxp = QStringLiteral("맥페란정(메토클로프라미드)");
        const QString brufen400 = QStringLiteral("부루펜정400밀리그램(이부프로펜)");
        const QString dexen = QStringLiteral("덱센펜연질캡슐(덱시부프로펜)");
        const QString kimoral = QStringLiteral("키모랄에스정");

        QTest::newRow("combination pair, lines 1 and 3")
            << QList<Line> { { eri, 1, 3, 3 }, { tylenol, 1, 3, 3 }, { linco, 1, 1, 3 } } << adult << false
            << QStringList { QStringLiteral("combination_contraindicated:contraindicated:1,3") };
        QTest::newRow("same ingredient from the names") << QList<Line> { { tylenol, 1, 3, 3 }, { setopen, 1, 3, 3 } }
                                                        << adult << false
                                                        << QStringList { QStringLiteral("max_daily_dose:info:2"),
                                                                         QStringLiteral("same_ingredient:warning:1,2") };
        QTest::newRow("pregnancy only when marked, pregnant") << QList<Line> { { dexa, 1, 2, 5 } } << adult << true
                                                              << QStringList { QStringLiteral("pregnancy_contraindicated:contraindicated:1") };
        QTest::newRow("pregnancy only when marked, not pregnant") << QList<Line> { { dexa, 1, 2, 5 } } << adult << false
                                                                  << QStringList {};
        QTest::newRow("elderly 70") << QList<Line> { { pheni, 1, 3, 3 } } << elderly << false
                                    << QStringList { QStringLiteral("elderly_caution:warning:1") };
        QTest::newRow("elderly rule, adult 41") << QList<Line> { { pheni, 1, 3, 3 } } << adult << false << QStringList {};
        QTest::newRow("elderly rule, age unknown") << QList<Line> { { pheni, 1, 3, 3 } } << QString() << false
                                                   << QStringList { QStringLiteral("elderly_caution:info:1") };
        QTest::newRow("daily dose 2 mg x 3 x 2 = 12 of 24 mg") << QList<Line> { { pheni, 2, 3, 3 } } << adult << false
                                                               << QStringList {};
        QTest::newRow("daily dose 2 mg x 4 x 4 = 32 of 24 mg") << QList<Line> { { pheni, 4, 4, 3 } } << adult << false
                                                               << QStringList { QStringLiteral("max_daily_dose:warning:1") };
        QTest::newRow("daily dose 500 mg x 2 x 4 = 4000 of 4000 mg") << QList<Line> { { tylenol, 2, 4, 3 } } << adult
                                                                     << false << QStringList {};
        QTest::newRow("daily dose 500 mg x 3 x 3 = 4500 of 4000 mg")
            << QList<Line> { { tylenol, 3, 3, 3 } } << adult << false << QStringList { QStringLiteral("max_daily_dose:warning:1") };
        QTest::newRow("daily dose, strength unknown") << QList<Line> { { setopen, 1, 3, 3 } } << adult << false
                                                      << QStringList { QStringLiteral("max_daily_dose:info:1") };
        QTest::newRow("duration 7 of 5 days") << QList<Line> { { maxp, 1, 3, 7 } } << adult << false
                                              << QStringList { QStringLiteral("max_duration:warning:1") };
        QTest::newRow("duration 5 of 5 days") << QList<Line> { { maxp, 1, 3, 5 } } << adult << false << QStringList {};
        QTest::newRow("duration rule without a number")
            << QList<Line> { { brufen400, 1, 3, 3 } } << adult << false << QStringList { QStringLiteral("max_duration:info:1") };
        QTest::newRow("age: infant of 8 months") << QList<Line> { { maxp, 0.5, 3, 3 } } << infant << false
                                                 << QStringList { QStringLiteral("age_contraindicated:contraindicated:1") };
        QTest::newRow("therapeutic class, two ingredients")
            << QList<Line> { { dexen, 1, 3, 3 }, { brufen400, 1, 3, 3 } } << adult << false
            << QStringList { QStringLiteral("max_duration:info:2"), QStringLiteral("therapeutic_duplicate:warning:1,2") };
        const QString triazolam = QStringLiteral("트리람정0.25밀리그램(트리아졸람)");
        const QString loxo = QStringLiteral("동화록소닌정(록소프로펜나트륨수화물)");
        const QString sudafed = QStringLiteral("슈다페드정(슈도에페드린염산염)");
        const QString child = QStringLiteral("160301-3123456");  // 10
        QTest::newRow("field MAX_QTY: 0.25 mg x 2 = 0.5 of 0.5 mg") << QList<Line> { { triazolam, 1, 2, 7 } } << adult
                                                                   << false << QStringList {};
        QTest::newRow("field MAX_QTY: 0.25 mg x 3 = 0.75 of 0.5 mg") << QList<Line> { { triazolam, 1, 3, 7 } } << adult
                                                                    << false << QStringList { QStringLiteral("max_daily_dose:warning:1") };
        QTest::newRow("field MAX_DOSAGE_TERM: 21 of 21 days") << QList<Line> { { triazolam, 1, 1, 21 } } << adult << false
                                                              << QStringList {};
        QTest::newRow("field MAX_DOSAGE_TERM: 22 of 21 days") << QList<Line> { { triazolam, 1, 1, 22 } } << adult << false
                                                              << QStringList { QStringLiteral("max_duration:warning:1") };
        QTest::newRow("field AGE_BASE: child of 10 under 15") << QList<Line> { { loxo, 1, 3, 3 } } << child << false
                                                             << QStringList { QStringLiteral("age_contraindicated:contraindicated:1") };
        QTest::newRow("field AGE_BASE: adult") << QList<Line> { { loxo, 1, 3, 3 } } << adult << false << QStringList {};
        QTest::newRow("field AGE_BASE: age unknown") << QList<Line> { { loxo, 1, 3, 3 } } << QString() << false
                                                    << QStringList { QStringLiteral("age_contraindicated:info:1") };
        QTest::newRow("age rule without field or words") << QList<Line> { { sudafed, 1, 3, 3 } } << adult << false
                                                        << QStringList { QStringLiteral("age_contraindicated:info:1") };
        QTest::newRow("split: half a tablet") << QList<Line> { { kimoral, 0.5, 3, 3 } } << adult << false
                                              << QStringList { QStringLiteral("split_caution:warning:1") };
        QTest::newRow("split: whole tablets") << QList<Line> { { kimoral, 1, 3, 3 } } << adult << false << QStringList {};
    }
    void checks()
    {
        QFETCH(QList<Line>, lines);
        QFETCH(QString, rrn);
        QFETCH(bool, pregnant);
        QFETCH(QStringList, expected);
        const QList<core::DurAlert> alerts = m_dur->checkDur(prescription(lines, rrn, pregnant));
        QCOMPARE(describe(alerts), expected);
        QVERIFY(unavailableKinds(alerts).isEmpty());  // every kind was imported
        for (const core::DurAlert& a : alerts) {
            QVERIFY(!a.text.isEmpty());
            QVERIFY(!a.source.isEmpty());
        }
    }

    void ruleTextAndSource()
    {
        const auto alerts = m_dur->checkDur(prescription(
            { { QStringLiteral("에리시스정(에리트로마이신스티노프레이트)(수출용)"), 1, 3, 3 },
              { QStringLiteral("리코민주(염산린코마이신)(수출용)"), 1, 1, 3 } },
            QStringLiteral("850412-1736284"), false));
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().text, QStringLiteral("병용을 하여도 항균작용이 증가되지 않음"));
        QCOMPARE(alerts.first().source,
                 QStringLiteral("DUR 병용금기 (%1)").arg(QDate::currentDate().toString(Qt::ISODate)));
        QCOMPARE(alerts.first().severity, core::DurAlert::Severity::Contraindicated);
    }

    // A rule without words of its own shows the structured limit it was decided by.
    void structuredLimitInText()
    {
        const auto alerts = m_dur->checkDur(prescription({ { QStringLiteral("동화록소닌정(록소프로펜나트륨수화물)"), 1, 3, 3 } },
                                                         QStringLiteral("160301-3123456"), false));
        QCOMPARE(describe(alerts), QStringList { QStringLiteral("age_contraindicated:contraindicated:1") });
        QCOMPARE(alerts.first().text, QStringLiteral("록소프로펜나트륨수화물 특정연령대금기 (15세 미만)"));
    }

    // The shipped cache has no DUR data: every kind that applies is named, none passes silently.
    void unavailableKindsAreNamed_data()
    {
        QTest::addColumn<int>("lineCount");
        QTest::addColumn<QString>("rrn");
        QTest::addColumn<bool>("pregnant");
        QTest::addColumn<QStringList>("kinds");
        const QStringList single = { QStringLiteral("age_contraindicated"), QStringLiteral("max_daily_dose"),
                                     QStringLiteral("max_duration"), QStringLiteral("split_caution") };
        QTest::newRow("one line, adult") << 1 << QStringLiteral("850412-1736284") << false << single;
        QTest::newRow("two lines, adult") << 2 << QStringLiteral("850412-1736284") << false
                                          << QStringList { QStringLiteral("combination_contraindicated"),
                                                           QStringLiteral("therapeutic_duplicate") } + single;
        QTest::newRow("one line, elderly, pregnant") << 1 << QStringLiteral("560101-2123456") << true
                                                     << single + QStringList { QStringLiteral("elderly_caution"),
                                                                               QStringLiteral("pregnancy_contraindicated") };
    }
    void unavailableKindsAreNamed()
    {
        QFETCH(int, lineCount);
        QFETCH(QString, rrn);
        QFETCH(bool, pregnant);
        QFETCH(QStringList, kinds);
        QList<Line> lines = { { QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), 1, 3, 3 },
                              { QStringLiteral("맥페란정(메토클로프라미드)"), 1, 3, 3 } };
        const QList<core::DurAlert> alerts = m_plain->checkDur(prescription(lines.mid(0, lineCount), rrn, pregnant));
        QStringList named = unavailableKinds(alerts);
        named.sort();
        kinds.sort();
        QCOMPARE(named, kinds);
        for (const core::DurAlert& a : alerts) {
            if (a.kind == Kind::RulesUnavailable)
                QCOMPARE(a.severity, core::DurAlert::Severity::Info);
        }
    }

    // A result read back from JSON carries only the product's name (no cache id, no ingredients):
    // the lines are resolved by exact name and checked the same.
    void productsReadBackFromJson()
    {
        core::Prescription p = prescription({ { QStringLiteral("에리시스정(에리트로마이신스티노프레이트)(수출용)"), 1, 3, 3 },
                                              { QStringLiteral("리코민주(염산린코마이신)(수출용)"), 1, 1, 3 } },
                                            QStringLiteral("850412-1736284"), false);
        for (core::PrescriptionItem& item : p.items) {
            core::Product bare;
            bare.name = item.product->name;
            item.product = bare;
        }
        QCOMPARE(describe(m_dur->checkDur(p)), QStringList { QStringLiteral("combination_contraindicated:contraindicated:1,2") });
    }

    void noProductNoAlert()
    {
        core::Prescription p;
        core::PrescriptionItem item;
        item.line = 1;
        p.items.append(item);
        QVERIFY(m_plain->checkDur(p).isEmpty());
        QVERIFY(m_dur->checkDur(p).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDurCheck)
#include "test_durcheck.moc"
