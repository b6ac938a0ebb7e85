// SPDX-License-Identifier: GPL-3.0-or-later
// Matching and review of one drug line against a small catalog: a named row per decision.
#include "TestCatalog.h"

#include "pharmdesk/ocr/LineReview.h"

#include <QRegularExpression>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

Q_DECLARE_METATYPE(pharmdesk::core::PrescriptionItem)

namespace {

std::shared_ptr<test::TestCatalog> catalog()
{
    static auto c = std::make_shared<test::TestCatalog>(QList<core::Product> {
        test::TestCatalog::product(1, QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), { QStringLiteral("645301220") }),
        test::TestCatalog::product(2, QStringLiteral("라베라정20mg(라베프라졸나트륨)"), { QStringLiteral("628900400") }),
        test::TestCatalog::product(3, QStringLiteral("뉴로탄플러스에프정"), { QStringLiteral("665500280") }),
        test::TestCatalog::product(4, QStringLiteral("모사피딘정(모사프리드시트르산염수화물)"), { QStringLiteral("649702100") }),
        test::TestCatalog::product(5, QStringLiteral("록소프로펜정"), { QStringLiteral("640001001") }),
        test::TestCatalog::product(6, QStringLiteral("록소프로펜나트륨정"), { QStringLiteral("640001002") }),
        test::TestCatalog::product(7, QStringLiteral("헤데판시럽(아이비엽70%에탄올유동엑스)"), { QStringLiteral("665505081") }),
    });
    return c;
}

/// Like the product cache's matcher, a strength that differs costs much more than its edit
/// distance (drugdb's NameMatcher: strength separates a brand's products).
class StrengthStrictCatalog : public test::TestCatalog
{
public:
    using TestCatalog::TestCatalog;
    double nameSimilarity(const QString& query, const core::Product& product) const override
    {
        static const QRegularExpression number(QStringLiteral("[0-9.]+"));
        QStringList a, b;
        for (auto it = number.globalMatch(query); it.hasNext();)
            a.append(it.next().captured());
        for (auto it = number.globalMatch(product.name); it.hasNext();)
            b.append(it.next().captured());
        const double s = TestCatalog::nameSimilarity(query, product);
        return a == b ? s : s * 0.55;
    }
};

std::shared_ptr<StrengthStrictCatalog> strictCatalog()
{
    static auto c = std::make_shared<StrengthStrictCatalog>(QList<core::Product> {
        test::TestCatalog::product(1, QStringLiteral("바브론정5mg(부스피론염산염)"), { QStringLiteral("669502230") }),
        test::TestCatalog::product(2, QStringLiteral("클로도렐정75mg(클로피도그렐황산염)"), { QStringLiteral("644603490") }),
        test::TestCatalog::product(3, QStringLiteral("클로도렐정7.5mg(클로피도그렐황산염)"), { QStringLiteral("644603491") }),
        test::TestCatalog::product(4, QStringLiteral("아트로드정10mg(아토르바스타틴칼슘수화물)"), { QStringLiteral("625200130") }),
        test::TestCatalog::product(5, QStringLiteral("아트로드정20mg(아토르바스타틴칼슘수화물)"), { QStringLiteral("625200140") }),
        test::TestCatalog::product(6, QStringLiteral("카로디엣정5mg/20mg"), { QStringLiteral("643201480") }),
    });
    return c;
}

core::PrescriptionItem item(const QString& code, const QString& name, std::optional<double> dose, std::optional<int> times,
                            std::optional<int> days, double confidence = 0.97)
{
    core::PrescriptionItem i;
    if (!code.isEmpty())
        i.ediCode = core::Field<QString>::read(code, confidence);
    if (!name.isEmpty())
        i.nameAsRead = core::Field<QString>::read(name, confidence);
    if (dose)
        i.dose = core::Field<double>::read(*dose, confidence);
    if (times)
        i.timesPerDay = core::Field<int>::read(*times, confidence);
    if (days)
        i.days = core::Field<int>::read(*days, confidence);
    return i;
}

} // namespace

class TestLineReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void review_data()
    {
        QTest::addColumn<core::PrescriptionItem>("input");
        QTest::addColumn<QString>("product");   // expected product name, "" for none
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<bool>("confident");    // line confidence at or above the threshold

        const QString tylenol = QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");
        QTest::newRow("code and name agree")
            << item(QStringLiteral("645301220"), tylenol, 1.0, 3, 5) << tylenol << QStringList {} << true;
        QTest::newRow("code and OCR-garbled name still agree")
            << item(QStringLiteral("628900400"), QStringLiteral("라베라정20000(라베프라졸나트륨)"), 1.0, 3, 3)
            << QStringLiteral("라베라정20mg(라베프라졸나트륨)") << QStringList {} << true;
        QTest::newRow("code and truncated name agree")
            << item(QStringLiteral("649702100"), QStringLiteral("모사피딘정(모사프리드시트"), 1.0, 3, 3)
            << QStringLiteral("모사피딘정(모사프리드시트르산염수화물)") << QStringList {} << true;
        QTest::newRow("code names another product: mismatch, never certain")
            << item(QStringLiteral("665500280"), tylenol, 1.0, 3, 5) << QStringLiteral("뉴로탄플러스에프정")
            << QStringList { QStringLiteral("code_name_mismatch") } << false;
        QTest::newRow("unknown code, clear name decides and is flagged")
            << item(QStringLiteral("645301229"), tylenol, 1.0, 3, 5) << tylenol
            << QStringList { QStringLiteral("code_not_found:edi_code") } << true;
        QTest::newRow("no code printed, clear name decides")
            << item(QString(), tylenol, 1.0, 3, 5) << tylenol << QStringList {} << true;
        QTest::newRow("old letter-prefixed code: name decides")
            << item(QStringLiteral("A11801411"), QStringLiteral("뉴로탄플러스에프정"), 1.0, 1, 30)
            << QStringLiteral("뉴로탄플러스에프정") << QStringList { QStringLiteral("code_not_found:edi_code") } << true;
        QTest::newRow("name cut short fits two products: ambiguous, no product")
            << item(QString(), QStringLiteral("록소프로펜"), 1.0, 3, 3) << QString()
            << QStringList { QStringLiteral("name_ambiguous") } << false;
        QTest::newRow("nothing like the name: no match")
            << item(QString(), QStringLiteral("가나다라마바사"), 1.0, 3, 3) << QString() << QStringList { QStringLiteral("no_match") }
            << false;
        QTest::newRow("times per day implausible")
            << item(QStringLiteral("645301220"), tylenol, 1.0, 9, 5) << tylenol
            << QStringList { QStringLiteral("implausible:times_per_day") } << false;
        QTest::newRow("days implausible")
            << item(QStringLiteral("645301220"), tylenol, 1.0, 3, 400) << tylenol << QStringList { QStringLiteral("implausible:days") }
            << false;
        QTest::newRow("dose implausible")
            << item(QStringLiteral("645301220"), tylenol, 150.0, 3, 5) << tylenol << QStringList { QStringLiteral("implausible:dose") }
            << false;
        QTest::newRow("14 tablets at once: a unit read as a digit")
            << item(QStringLiteral("645301220"), tylenol, 14.0, 1, 28) << tylenol << QStringList { QStringLiteral("implausible:dose") }
            << false;
        const QString syrup = QStringLiteral("헤데판시럽(아이비엽70%에탄올유동엑스)");
        QTest::newRow("7.5 mL of syrup")
            << item(QStringLiteral("665505081"), syrup, 7.5, 3, 3) << syrup << QStringList {} << true;
        QTest::newRow("20 mL of syrup")
            << item(QStringLiteral("665505081"), syrup, 20.0, 3, 3) << syrup << QStringList {} << true;
        // Regression (evaluation, rx0025-photo): the point of "7.5" lost, both reads agreed on 75.
        QTest::newRow("75 mL of syrup: a decimal point lost")
            << item(QStringLiteral("665505081"), syrup, 75.0, 3, 3) << syrup << QStringList { QStringLiteral("implausible:dose") }
            << false;
        // Regression (300-image benchmark, rx0029-turned): "1" read as "4" by both engines.
        QTest::newRow("4 tablets at once: confirmed by the pharmacist")
            << item(QStringLiteral("645301220"), tylenol, 4.0, 1, 22) << tylenol << QStringList { QStringLiteral("implausible:dose") }
            << false;
        QTest::newRow("3 tablets at once")
            << item(QStringLiteral("645301220"), tylenol, 3.0, 1, 22) << tylenol << QStringList {} << true;
        QTest::newRow("zero dose implausible")
            << item(QStringLiteral("645301220"), tylenol, 0.0, 3, 5) << tylenol << QStringList { QStringLiteral("implausible:dose") }
            << false;
        QTest::newRow("numbers read with low confidence")
            << item(QStringLiteral("645301220"), tylenol, 1.0, 3, 5, 0.6) << tylenol
            << QStringList { QStringLiteral("low_confidence:dose"), QStringLiteral("low_confidence:times_per_day"),
                             QStringLiteral("low_confidence:days") }
            << false;
        QTest::newRow("missing days")
            << item(QStringLiteral("645301220"), tylenol, 1.0, 3, std::nullopt) << tylenol << QStringList { QStringLiteral("missing:days") }
            << false;
        QTest::newRow("code without a name to check it")
            << item(QStringLiteral("645301220"), QString(), 1.0, 3, 5) << tylenol << QStringList { QStringLiteral("missing:name") }
            << false;
    }

    void review()
    {
        QFETCH(core::PrescriptionItem, input);
        QFETCH(QString, product);
        QFETCH(QStringList, reasons);
        QFETCH(bool, confident);
        ReviewPolicy policy;
        reviewItem(input, *catalog(), policy);
        QCOMPARE(input.product ? input.product->name : QString(), product);
        QStringList got;
        for (const auto& r : input.reviewReasons)
            got.append(r.code());
        QCOMPARE(got, reasons);
        QCOMPARE(input.confidence >= policy.threshold, confident);
        // Never certain and wrong: a line without reasons always has a product and numbers.
        if (!input.needsReview()) {
            QVERIFY(input.product.has_value());
            QVERIFY(input.dose.hasValue() && input.timesPerDay.hasValue() && input.days.hasValue());
        }
    }

    // 300-image benchmark, clean prints: "mg" read as digits after the strength ("바브론정508").
    void unitReadAsDigits_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("agrees");
        QTest::newRow("5mg read 508") << QStringLiteral("669502230") << QStringLiteral("바브론정508(부스피론염산염)") << true;
        QTest::newRow("the strength alone, as printed") << QStringLiteral("669502230") << QStringLiteral("바브론정5(부스피론염산염)") << true;
        QTest::newRow("75mg read 75008, and 7.5mg would fit too")
            << QStringLiteral("644603490") << QStringLiteral("클로도렐정75008(클로피도그렐황산염)") << false;
        QTest::newRow("the strength read is a sibling's (a sibling code misread)")
            << QStringLiteral("625200130") << QStringLiteral("아트로드정2008(아토르바스타틴칼슘수화물)") << false;
        QTest::newRow("two strengths, the slash lost")
            << QStringLiteral("643201480") << QStringLiteral("카로디엣정5078/20078") << true;
        QTest::newRow("two strengths read as one") << QStringLiteral("643201480") << QStringLiteral("카로디엣정52078") << false;
        QTest::newRow("another brand") << QStringLiteral("669502230") << QStringLiteral("부스론정508(부스피론염산염)") << false;
    }
    void unitReadAsDigits()
    {
        QFETCH(QString, code);
        QFETCH(QString, name);
        QFETCH(bool, agrees);
        core::PrescriptionItem i = item(code, name, 1.0, 3, 5);
        reviewItem(i, *strictCatalog(), ReviewPolicy {});
        QVERIFY(i.product);
        QCOMPARE(i.product->ediCodes.value(0), code);
        QCOMPARE(!i.reviewReasons.isEmpty(), !agrees);
        QCOMPARE(i.confidence >= ReviewPolicy {}.threshold, agrees);
    }

    void printedTotalChecked()
    {
        auto i = item(QStringLiteral("645301220"), QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), 1.0, 3, 5);
        reviewItem(i, *catalog(), ReviewPolicy {}, 15.0);
        QVERIFY(!i.needsReview());
        auto j = item(QStringLiteral("645301220"), QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), 1.0, 3, 5);
        reviewItem(j, *catalog(), ReviewPolicy {}, 10.0);
        QCOMPARE(j.reviewReasons.size(), 1);
        QCOMPARE(j.reviewReasons.first().code(), QStringLiteral("total_mismatch"));
    }

    void thresholdIsASetting()
    {
        auto i = item(QStringLiteral("645301220"), QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), 1.0, 3, 5, 0.8);
        ReviewPolicy lenient;
        lenient.threshold = 0.75;
        reviewItem(i, *catalog(), lenient);
        QVERIFY(!i.needsReview());
        ReviewPolicy strict;
        strict.threshold = 0.85;
        reviewItem(i, *catalog(), strict);
        QVERIFY(i.needsReview());
    }

    void header_data()
    {
        QTest::addColumn<bool>("complete");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<QStringList>("reasons");
        QTest::newRow("all read, confident") << true << 0.95 << QStringList {};
        QTest::newRow("all read, unsure")
            << true << 0.5
            << QStringList { QStringLiteral("low_confidence:issue_date"), QStringLiteral("low_confidence:issue_number"),
                             QStringLiteral("low_confidence:institution.name"), QStringLiteral("low_confidence:institution.code"),
                             QStringLiteral("low_confidence:patient.name"), QStringLiteral("low_confidence:patient.rrn"),
                             QStringLiteral("low_confidence:prescriber.name"), QStringLiteral("low_confidence:prescriber.license_number") };
        QTest::newRow("nothing read")
            << false << 0.0
            << QStringList { QStringLiteral("missing:issue_date"), QStringLiteral("missing:issue_number"),
                             QStringLiteral("missing:institution.name"), QStringLiteral("missing:institution.code"),
                             QStringLiteral("missing:patient.name"), QStringLiteral("missing:patient.rrn"),
                             QStringLiteral("missing:prescriber.name"), QStringLiteral("missing:prescriber.license_number") };
    }

    void header()
    {
        QFETCH(bool, complete);
        QFETCH(double, confidence);
        QFETCH(QStringList, reasons);
        core::Prescription p;
        if (complete) {
            p.issueDate = core::Field<QDate>::read(QDate(2026, 1, 22), confidence);
            p.issueNumber = core::Field<QString>::read(QStringLiteral("01769"), confidence);
            p.institution.name = core::Field<QString>::read(QStringLiteral("푸른비뇨의학과의원"), confidence);
            p.institution.code = core::Field<QString>::read(QStringLiteral("31396477"), confidence);
            p.patient.name = core::Field<QString>::read(QStringLiteral("김시민"), confidence);
            p.patient.rrn = core::Field<QString>::read(QStringLiteral("510525-1760666"), confidence);
            p.prescriber.name = core::Field<QString>::read(QStringLiteral("최태석"), confidence);
            p.prescriber.licenseNumber = core::Field<QString>::read(QStringLiteral("83237"), confidence);
        }
        reviewHeader(p, ReviewPolicy {});
        QStringList got;
        for (const auto& r : p.reviewReasons)
            got.append(r.code());
        QCOMPARE(got, reasons);
    }

    // Regressions from eval runs: label words read confidently as names (조제내역 → "내역").
    void implausibleNames_data()
    {
        QTest::addColumn<QString>("patient");
        QTest::addColumn<QString>("prescriber");
        QTest::addColumn<QString>("institution");
        QTest::addColumn<QStringList>("reasons");
        QTest::newRow("plausible") << "김시민" << "남궁민수" << "푸른비뇨의학과의원" << QStringList {};
        QTest::newRow("prescriber is a form word") << "김시민" << "내역" << "푸른비뇨의학과의원"
                                                   << QStringList { QStringLiteral("implausible:prescriber.name") };
        QTest::newRow("prescriber is OCR garbage") << "김시민" << "의의" << "하늘내과의원"
                                                   << QStringList { QStringLiteral("implausible:prescriber.name") };
        QTest::newRow("patient with latin letters") << "김시Pl" << "최태석" << "하늘내과의원"
                                                    << QStringList { QStringLiteral("implausible:patient.name") };
        QTest::newRow("institution cut short") << "김시민" << "최태석" << "밝은비"
                                               << QStringList { QStringLiteral("implausible:institution.name") };
        QTest::newRow("health centre") << "이도" << "최태석" << "서울보건소" << QStringList {};
        QTest::newRow("clinic named by its department") << "이도" << "최태석" << "튼튼이비인후과" << QStringList {};
    }
    void implausibleNames()
    {
        QFETCH(QString, patient);
        QFETCH(QString, prescriber);
        QFETCH(QString, institution);
        QFETCH(QStringList, reasons);
        core::Prescription p;
        p.issueDate = core::Field<QDate>::read(QDate(2026, 1, 22), 0.99);
        p.issueNumber = core::Field<QString>::read(QStringLiteral("01769"), 0.99);
        p.institution.name = core::Field<QString>::read(institution, 0.99);
        p.institution.code = core::Field<QString>::read(QStringLiteral("31396477"), 0.99);
        p.patient.name = core::Field<QString>::read(patient, 0.99);
        p.patient.rrn = core::Field<QString>::read(QStringLiteral("510525-1760666"), 0.99);
        p.prescriber.name = core::Field<QString>::read(prescriber, 0.99);
        p.prescriber.licenseNumber = core::Field<QString>::read(QStringLiteral("83237"), 0.99);
        reviewHeader(p, ReviewPolicy {});
        QStringList got;
        for (const auto& r : p.reviewReasons)
            got.append(r.code());
        QCOMPARE(got, reasons);
    }

    // Regressions from eval runs: names cut short and fax dates read wrong with high confidence.
    void unverifiedHeaderFieldsAreCapped_data()
    {
        QTest::addColumn<bool>("bilevel");
        QTest::addColumn<QStringList>("confirmed");
        QTest::addColumn<QStringList>("reasons");
        QTest::newRow("scan: names only")
            << false << QStringList()
            << QStringList { QStringLiteral("low_confidence:institution.name"), QStringLiteral("low_confidence:patient.name"),
                             QStringLiteral("low_confidence:prescriber.name") };
        QTest::newRow("scan: patient and prescriber confirmed")
            << false << QStringList { QStringLiteral("patient.name"), QStringLiteral("prescriber.name") }
            << QStringList { QStringLiteral("low_confidence:institution.name") };
        QTest::newRow("fax: every field")
            << true << QStringList { QStringLiteral("patient.name"), QStringLiteral("prescriber.name") }
            << QStringList { QStringLiteral("low_confidence:issue_date"), QStringLiteral("low_confidence:issue_number"),
                             QStringLiteral("low_confidence:institution.name"), QStringLiteral("low_confidence:institution.code"),
                             QStringLiteral("low_confidence:patient.name"), QStringLiteral("low_confidence:patient.rrn"),
                             QStringLiteral("low_confidence:prescriber.name"), QStringLiteral("low_confidence:prescriber.license_number") };
    }
    void unverifiedHeaderFieldsAreCapped()
    {
        QFETCH(bool, bilevel);
        QFETCH(QStringList, confirmed);
        QFETCH(QStringList, reasons);
        core::Prescription p;
        p.issueDate = core::Field<QDate>::read(QDate(2026, 1, 22), 0.99);
        p.issueNumber = core::Field<QString>::read(QStringLiteral("01769"), 0.99);
        p.institution.name = core::Field<QString>::read(QStringLiteral("열린내과"), 0.99);
        p.institution.code = core::Field<QString>::read(QStringLiteral("31396477"), 0.99);
        p.patient.name = core::Field<QString>::read(QStringLiteral("이미"), 0.99);
        p.patient.rrn = core::Field<QString>::read(QStringLiteral("510525-1760666"), 0.99);
        p.prescriber.name = core::Field<QString>::read(QStringLiteral("연희"), 0.99);
        p.prescriber.licenseNumber = core::Field<QString>::read(QStringLiteral("83237"), 0.99);
        capUnverifiedHeaderFields(p, bilevel, 0.85, QSet<QString>(confirmed.cbegin(), confirmed.cend()));
        reviewHeader(p, ReviewPolicy {});
        QStringList got;
        for (const auto& r : p.reviewReasons)
            got.append(r.code());
        QCOMPARE(got, reasons);
    }

    void invalidValueIsNotAlsoMissing()
    {
        core::Prescription p;
        p.reviewReasons.append({ core::ReviewReason::Kind::Invalid, QStringLiteral("issue_date"), {} });
        reviewHeader(p, ReviewPolicy {});
        int dateReasons = 0;
        for (const auto& r : p.reviewReasons)
            dateReasons += r.field == QStringLiteral("issue_date") ? 1 : 0;
        QCOMPARE(dateReasons, 1);
    }
};

QTEST_GUILESS_MAIN(TestLineReview)
#include "test_linereview.moc"
