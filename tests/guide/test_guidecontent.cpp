// SPDX-License-Identifier: GPL-3.0-or-later
// The guide's text rules: dosing sentences, dose fractions, timetable marks, shortening.
#include "GuideFixtures.h"

#include "pharmdesk/guide/GuideContent.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::guide;

namespace {

core::PrescriptionItem makeItem(const QString& productName, const QString& nameRead, std::optional<double> dose,
                                std::optional<int> times, std::optional<int> days, const QString& usage,
                                const QString& unit = {})
{
    core::PrescriptionItem i;
    i.line = 1;
    if (!productName.isEmpty()) {
        core::Product p;
        p.name = productName;
        i.product = p;
    }
    if (!nameRead.isEmpty())
        i.nameAsRead = core::Field<QString>::read(nameRead, 0.9);
    if (dose)
        i.dose = core::Field<double>::read(*dose, 0.9);
    if (times)
        i.timesPerDay = core::Field<int>::read(*times, 0.9);
    if (days)
        i.days = core::Field<int>::read(*days, 0.9);
    if (!usage.isEmpty())
        i.usage = core::Field<QString>::read(usage, 0.9);
    i.doseUnit = unit;
    return i;
}

using OptD = std::optional<double>;
using OptI = std::optional<int>;

const QString kTylenol = QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");

} // namespace

Q_DECLARE_METATYPE(std::optional<double>)
Q_DECLARE_METATYPE(std::optional<int>)

class TestGuideContent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dosingSentence_data()
    {
        QTest::addColumn<QString>("product");
        QTest::addColumn<QString>("nameRead");
        QTest::addColumn<OptD>("dose");
        QTest::addColumn<OptI>("times");
        QTest::addColumn<OptI>("days");
        QTest::addColumn<QString>("usage");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("expected");

        const QString ko = QStringLiteral("ko");
        QTest::newRow("tablet, three times, usage appended")
            << kTylenol << QString() << OptD(1) << OptI(3) << OptI(5) << QStringLiteral("식후 30분") << QString() << ko
            << QStringLiteral("1회 1정씩 하루 3번, 5일 동안 드세요 (식후 30분)");
        QTest::newRow("no usage") << kTylenol << QString() << OptD(1) << OptI(3) << OptI(5) << QString() << QString()
                                  << ko << QStringLiteral("1회 1정씩 하루 3번, 5일 동안 드세요");
        QTest::newRow("half tablet") << kTylenol << QString() << OptD(0.5) << OptI(1) << OptI(30) << QString()
                                     << QString() << ko << QStringLiteral("1회 1/2정씩 하루 1번, 30일 동안 드세요");
        QTest::newRow("third as printed 0.33") << kTylenol << QString() << OptD(0.33) << OptI(3) << OptI(3) << QString()
                                               << QString() << ko << QStringLiteral("1회 1/3정씩 하루 3번, 3일 동안 드세요");
        QTest::newRow("two thirds") << kTylenol << QString() << OptD(0.6667) << OptI(2) << OptI(3) << QString()
                                    << QString() << ko << QStringLiteral("1회 2/3정씩 하루 2번, 3일 동안 드세요");
        QTest::newRow("quarter") << kTylenol << QString() << OptD(0.25) << OptI(2) << OptI(3) << QString() << QString()
                                 << ko << QStringLiteral("1회 1/4정씩 하루 2번, 3일 동안 드세요");
        QTest::newRow("one and a half") << kTylenol << QString() << OptD(1.5) << OptI(2) << OptI(3) << QString()
                                        << QString() << ko << QStringLiteral("1회 1.5정씩 하루 2번, 3일 동안 드세요");
        QTest::newRow("capsule from name")
            << QStringLiteral("뮤코론캡슐375밀리그램(카르보시스테인)") << QString() << OptD(1) << OptI(3) << OptI(7)
            << QString() << QString() << ko << QStringLiteral("1회 1캡슐씩 하루 3번, 7일 동안 드세요");
        QTest::newRow("syrup from name, decimal dose")
            << QStringLiteral("어린이부루펜시럽(이부프로펜)") << QString() << OptD(7.5) << OptI(3) << OptI(3)
            << QString() << QString() << ko << QStringLiteral("1회 7.5 mL씩 하루 3번, 3일 동안 드세요");
        QTest::newRow("printed unit ml normalised")
            << QStringLiteral("판토-에이내복액") << QString() << OptD(5) << OptI(3) << OptI(3) << QString()
            << QStringLiteral("ml") << ko << QStringLiteral("1회 5 mL씩 하루 3번, 3일 동안 드세요");
        QTest::newRow("powder from name")
            << QStringLiteral("어린이타이레놀산160밀리그램(아세트아미노펜)") << QString() << OptD(1) << OptI(3) << OptI(3)
            << QString() << QString() << ko << QStringLiteral("1회 1포씩 하루 3번, 3일 동안 드세요");
        QTest::newRow("gel-named suspension is swallowed")
            << QStringLiteral("겔포스엠현탁액") << QString() << OptD(10) << OptI(3) << OptI(3) << QString()
            << QString() << ko << QStringLiteral("1회 10 mL씩 하루 3번, 3일 동안 드세요");
        QTest::newRow("ointment: no unit, applied")
            << QStringLiteral("후시딘연고(퓨시드산나트륨)") << QString() << OptD(1) << OptI(2) << OptI(7) << QString()
            << QString() << ko << QStringLiteral("1회 투약량 1, 하루 2번, 7일 동안 사용하세요");
        QTest::newRow("usage without space") << kTylenol << QString() << OptD(1) << OptI(3) << OptI(5)
                                             << QStringLiteral("식후30분") << QString() << ko
                                             << QStringLiteral("1회 1정씩 하루 3번, 5일 동안 드세요 (식후 30분)");
        QTest::newRow("letter-spaced usage closed up")
            << kTylenol << QString() << OptD(1) << OptI(3) << OptI(3) << QStringLiteral("식 후 즉 시") << QString() << ko
            << QStringLiteral("1회 1정씩 하루 3번, 3일 동안 드세요 (식후즉시)");
        QTest::newRow("number and unit joined")
            << kTylenol << QString() << OptD(1) << OptI(3) << OptI(3) << QStringLiteral("식전 30 분") << QString() << ko
            << QStringLiteral("1회 1정씩 하루 3번, 3일 동안 드세요 (식전 30분)");
        QTest::newRow("days never read") << kTylenol << QString() << OptD(1) << OptI(3) << OptI() << QString()
                                         << QString() << ko << QStringLiteral("1회 1정씩 하루 3번 드세요");
        QTest::newRow("dose never read") << kTylenol << QString() << OptD() << OptI(3) << OptI(5) << QString()
                                         << QString() << ko << QStringLiteral("하루 3번, 5일 동안 드세요");
        QTest::newRow("nothing read") << kTylenol << QString() << OptD() << OptI() << OptI() << QString() << QString()
                                      << ko << QStringLiteral("복용 방법은 약사의 안내를 따르세요");
        QTest::newRow("unmatched line, unit from the name as read")
            << QString() << QStringLiteral("로수젯정10/5밀리그램") << OptD(1) << OptI(1) << OptI(30)
            << QStringLiteral("저녁 식후") << QString() << ko
            << QStringLiteral("1회 1정씩 하루 1번, 30일 동안 드세요 (저녁 식후)");
        QTest::newRow("unknown form") << QStringLiteral("활명수") << QString() << OptD(1) << OptI(3) << OptI(1)
                                      << QString() << QString() << ko
                                      << QStringLiteral("1회 투약량 1, 하루 3번, 1일 동안 드세요");
        QTest::newRow("english tablets") << kTylenol << QString() << OptD(2) << OptI(2) << OptI(7) << QString()
                                         << QString() << QStringLiteral("en")
                                         << QStringLiteral("Take 2 tablets twice a day for 7 days");
        QTest::newRow("english half, usage kept")
            << kTylenol << QString() << OptD(0.5) << OptI(1) << OptI(30) << QStringLiteral("취침 전") << QString()
            << QStringLiteral("en") << QStringLiteral("Take 1/2 tablet once a day for 30 days (취침 전)");
    }

    void dosingSentence()
    {
        QFETCH(QString, product);
        QFETCH(QString, nameRead);
        QFETCH(OptD, dose);
        QFETCH(OptI, times);
        QFETCH(OptI, days);
        QFETCH(QString, usage);
        QFETCH(QString, unit);
        QFETCH(QString, language);
        QFETCH(QString, expected);
        const core::PrescriptionItem item = makeItem(product, nameRead, dose, times, days, usage, unit);
        QCOMPARE(GuideRenderer::dosingSentence(item, language), expected);
    }

    void formatDose_data()
    {
        QTest::addColumn<double>("dose");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << 1.0 << QStringLiteral("1");
        QTest::newRow("three") << 3.0 << QStringLiteral("3");
        QTest::newRow("half") << 0.5 << QStringLiteral("1/2");
        QTest::newRow("third") << 0.3333 << QStringLiteral("1/3");
        QTest::newRow("two thirds") << 0.6667 << QStringLiteral("2/3");
        QTest::newRow("quarter") << 0.25 << QStringLiteral("1/4");
        QTest::newRow("three quarters stays decimal") << 0.75 << QStringLiteral("0.75");
        QTest::newRow("two decimals at most") << 2.125 << QStringLiteral("2.13");
        QTest::newRow("trailing zero dropped") << 1.5 << QStringLiteral("1.5");
    }

    void formatDose()
    {
        QFETCH(double, dose);
        QFETCH(QString, expected);
        QCOMPARE(guide::formatDose(dose), expected);
    }

    void doseTimes_data()
    {
        QTest::addColumn<OptI>("times");
        QTest::addColumn<QString>("usage");
        QTest::addColumn<bool>("known");
        QTest::addColumn<QString>("marks");  // m n e b
        QTest::newRow("once: morning") << OptI(1) << QStringLiteral("식후 30분") << true << QStringLiteral("m");
        QTest::newRow("once at bedtime (취침)") << OptI(1) << QStringLiteral("취침전") << true << QStringLiteral("b");
        QTest::newRow("once at bedtime (자기 전)") << OptI(1) << QStringLiteral("자기 전에") << true << QStringLiteral("b");
        QTest::newRow("once at bedtime, letter-spaced") << OptI(1) << QStringLiteral("취 침 전") << true << QStringLiteral("b");
        QTest::newRow("once in the evening") << OptI(1) << QStringLiteral("저녁 식후") << true << QStringLiteral("e");
        QTest::newRow("twice") << OptI(2) << QString() << true << QStringLiteral("me");
        QTest::newRow("three times") << OptI(3) << QStringLiteral("식후 30분") << true << QStringLiteral("mne");
        QTest::newRow("four times") << OptI(4) << QString() << true << QStringLiteral("mneb");
        QTest::newRow("six times: no timetable") << OptI(6) << QString() << false << QString();
        QTest::newRow("never read: no timetable") << OptI() << QString() << false << QString();
    }

    void doseTimes()
    {
        QFETCH(OptI, times);
        QFETCH(QString, usage);
        QFETCH(bool, known);
        QFETCH(QString, marks);
        const auto t = guide::doseTimes(makeItem(kTylenol, {}, 1.0, times, 3, usage));
        QCOMPARE(t.has_value(), known);
        if (!t)
            return;
        QString got;
        got += t->morning ? QStringLiteral("m") : QString();
        got += t->noon ? QStringLiteral("n") : QString();
        got += t->evening ? QStringLiteral("e") : QString();
        got += t->bedtime ? QStringLiteral("b") : QString();
        QCOMPARE(got, marks);
    }

    void splitSentences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("no space after the full stop")
            << QStringLiteral("복용하지 마십시오.이 약을 복용하기 전에 상의하십시오.")
            << QStringList { QStringLiteral("복용하지 마십시오."), QStringLiteral("이 약을 복용하기 전에 상의하십시오.") };
        QTest::newRow("decimal numbers stay whole")
            << QStringLiteral("1회 2.5 mL를 복용합니다. 보관하십시오.")
            << QStringList { QStringLiteral("1회 2.5 mL를 복용합니다."), QStringLiteral("보관하십시오.") };
        QTest::newRow("line breaks end sentences")
            << QStringLiteral("실온에서 보관하십시오\n\n어린이의 손이 닿지 않는 곳에 보관하십시오.\n")
            << QStringList { QStringLiteral("실온에서 보관하십시오"), QStringLiteral("어린이의 손이 닿지 않는 곳에 보관하십시오.") };
    }

    void splitSentences()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(guide::splitSentences(text), expected);
    }

    void shortenKeepsWholeSentences()
    {
        const QString text = QStringLiteral("실온에서 보관하십시오. 어린이의 손이 닿지 않는 곳에 보관하십시오.");
        QCOMPARE(shortenAtSentence(text, 200), text);
        QCOMPARE(shortenAtSentence(text, 20), QStringLiteral("실온에서 보관하십시오."));
    }

    void shortenNeverCutsAWord_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::newRow("efficacy list") << guidetest::ibuprofenText().efficacy << 100;
        QTest::newRow("contraindications") << guidetest::ibuprofenText().caution << 90;
        QTest::newRow("tight limit") << guidetest::almagelText().efficacy << 40;
    }

    void shortenNeverCutsAWord()
    {
        QFETCH(QString, text);
        QFETCH(int, limit);
        const QString first = guide::splitSentences(text).first();
        const QString shortened = shortenAtSentence(text, limit);
        QVERIFY(shortened.size() <= limit);
        QVERIFY2(shortened.contains(QChar(0x2026)), qPrintable(shortened));
        // Every word printed is a whole word of the source; the beginning and the predicate survive.
        const QStringList sourceWords = first.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QStringList words = shortened.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (QString w : words) {
            if (w == QString(QChar(0x2026)))
                continue;
            if (w.endsWith(QChar(0x2026)))
                w.chop(1);
            const bool whole = std::any_of(sourceWords.begin(), sourceWords.end(), [&](const QString& s) {
                return s == w || (s.startsWith(w) && QStringLiteral(",;:").contains(s.at(w.size())) && s.size() == w.size() + 1);
            });
            QVERIFY2(whole, qPrintable(QStringLiteral("'%1' is not a whole word of the source").arg(w)));
        }
        QCOMPARE(words.first(), sourceWords.first());
        if (limit >= 90)
            QVERIFY2(shortened.endsWith(sourceWords.last()), qPrintable(shortened));
    }

    void keyCautionsPreferContraindicationsAndStops()
    {
        const QStringList c = keyCautions(guidetest::almagelText().caution, 2, 400);
        QCOMPARE(c.size(), 2);
        QVERIFY(c.at(0).endsWith(QStringLiteral("이 약을 복용하지 마십시오.")));
        QVERIFY(c.at(1).contains(QStringLiteral("즉각 중지")));
        QVERIFY(keyCautions(QString()).isEmpty());
    }

    void mealTiming_data()
    {
        QTest::addColumn<QString>("usage");
        QTest::addColumn<int>("expected");  // guide::MealTiming
        QTest::newRow("식후 30분") << QStringLiteral("식후 30분") << int(MealTiming::AfterMeals);
        QTest::newRow("letter-spaced 식 후") << QStringLiteral("식 후 즉 시") << int(MealTiming::AfterMeals);
        QTest::newRow("식전 30분") << QStringLiteral("식전30분") << int(MealTiming::BeforeMeals);
        QTest::newRow("식간") << QStringLiteral("식간") << int(MealTiming::BetweenMeals);
        QTest::newRow("식간 naming 식후 hours") << QStringLiteral("식간 (식후 2시간)") << int(MealTiming::BetweenMeals);
        QTest::newRow("bedtime only: unknown") << QStringLiteral("취침 전") << int(MealTiming::Unknown);
        QTest::newRow("both named: unknown") << QStringLiteral("식전 또는 식후") << int(MealTiming::Unknown);
        QTest::newRow("no usage") << QString() << int(MealTiming::Unknown);
    }

    void mealTiming()
    {
        QFETCH(QString, usage);
        QFETCH(int, expected);
        QCOMPARE(int(guide::mealTiming(makeItem(kTylenol, {}, 1.0, 3, 3, usage))), expected);
    }

    void mfdsItemUrl_data()
    {
        QTest::addColumn<QString>("itemSeq");
        QTest::addColumn<QString>("expected");
        QTest::newRow("item_seq") << QStringLiteral("197700120")
                                  << QStringLiteral("https://nedrug.mfds.go.kr/pbp/CCBBB01/getItemDetail?itemSeq=197700120");
        QTest::newRow("spaces trimmed") << QStringLiteral(" 198700430 ")
                                        << QStringLiteral("https://nedrug.mfds.go.kr/pbp/CCBBB01/getItemDetail?itemSeq=198700430");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("not digits") << QStringLiteral("1977&x=1") << QString();
    }

    void mfdsItemUrl()
    {
        QFETCH(QString, itemSeq);
        QFETCH(QString, expected);
        QCOMPARE(guide::mfdsItemUrl(itemSeq), expected);
    }

    void patientAlertsNameDrugsAndSkipInformation()
    {
        core::Prescription rx = guidetest::samplePrescription();
        rx.alerts = guidetest::sampleAlerts();
        core::DurAlert whole;
        whole.kind = core::DurAlert::Kind::MaxDuration;
        whole.severity = core::DurAlert::Severity::Warning;
        rx.alerts.append(whole);
        core::DurAlert info;
        info.kind = core::DurAlert::Kind::ElderlyCaution;
        info.severity = core::DurAlert::Severity::Info;
        info.lines = { 2 };
        rx.alerts.append(info);
        const QList<PatientAlert> ko = patientAlerts(rx);
        QCOMPARE(ko.size(), 3);  // not RulesUnavailable, not the Info one
        QCOMPARE(ko.at(0).kind, core::DurAlert::Kind::ElderlyCaution);
        QVERIFY(ko.at(0).sentence.startsWith(QStringLiteral("부루펜정200밀리그램(이부프로펜): 65세 이상")));
        QCOMPARE(ko.at(0).ruleText, rx.alerts.at(0).text.simplified());
        QVERIFY(ko.at(1).sentence.startsWith(QStringLiteral("부루펜정200밀리그램(이부프로펜), 알마겔정(알마게이트): ")));
        QVERIFY(ko.at(1).ruleText.isEmpty());  // none published: none printed
        QVERIFY(ko.at(2).sentence.startsWith(QStringLiteral("이 처방: ")));
        const QList<PatientAlert> en = patientAlerts(rx, QStringLiteral("en"));
        QCOMPARE(en.size(), 3);
        QVERIFY(en.at(0).sentence.contains(QStringLiteral("65 and over")));
        QVERIFY(en.at(2).sentence.startsWith(QStringLiteral("This prescription: ")));
        // Every kind the patient may see has wording in both languages.
        for (int k = int(core::DurAlert::Kind::CombinationContraindicated); k < int(core::DurAlert::Kind::RulesUnavailable); ++k) {
            core::Prescription one = rx;
            core::DurAlert a;
            a.kind = core::DurAlert::Kind(k);
            a.lines = { 1 };
            one.alerts = { a };
            QCOMPARE(patientAlerts(one).size(), 1);
            QCOMPARE(patientAlerts(one, QStringLiteral("en")).size(), 1);
        }
    }

    void displayNameDropsExportName()
    {
        core::PrescriptionItem i = makeItem(guidetest::almagel().name, {}, 1.0, 3, 3, {});
        QCOMPARE(displayName(i), QStringLiteral("알마겔정(알마게이트)"));
        i = makeItem({}, QStringLiteral(" 로수젯정10/5밀리그램 "), 1.0, 3, 3, {});
        QCOMPARE(displayName(i), QStringLiteral("로수젯정10/5밀리그램"));
    }
};

QTEST_GUILESS_MAIN(TestGuideContent)
#include "test_guidecontent.moc"
