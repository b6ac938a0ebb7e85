// SPDX-License-Identifier: GPL-3.0-or-later
// makeGuideInput(): texts only for lines whose product the catalog really holds.
#include "GuideFixtures.h"

#include "pharmdesk/guide/GuideRenderer.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::guide;

class TestGuideInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textsOnlyForMatchedLines()
    {
        const guidetest::FakeCatalog catalog = guidetest::sampleCatalog();
        const core::Prescription rx = guidetest::samplePrescription();
        const GuideInput in = makeGuideInput(rx, &catalog, guidetest::samplePharmacy(), QDate(2026, 11, 22));
        QCOMPARE(in.texts.size(), 2);
        QCOMPARE(in.texts.value(1).itemSeq, QStringLiteral("197700120"));
        QCOMPARE(in.texts.value(2).itemSeq, QStringLiteral("198700430"));
        QVERIFY(!in.texts.contains(3));  // the unmatched line gets nothing
        QCOMPARE(in.ingredients.value(1), QStringLiteral("이부프로펜 200 mg"));
        QVERIFY(!in.ingredients.contains(2));
        // The product read back from JSON is replaced by the catalog's record (form, ingredients).
        QVERIFY(in.prescription.items.at(0).product->isValid());
        QCOMPARE(in.prescription.items.at(0).product->form, QStringLiteral("정"));
        QVERIFY(!in.prescription.items.at(2).product.has_value());
        QCOMPARE(in.dispensingDate, QDate(2026, 11, 22));
        QCOMPARE(in.pharmacy.name, guidetest::samplePharmacy().name);
    }

    void resolvesByNameWhenCodesAreMissing()
    {
        const guidetest::FakeCatalog catalog = guidetest::sampleCatalog();
        core::Product fromJson;
        fromJson.name = guidetest::almagel().name;
        const auto found = catalogProduct(fromJson, catalog);
        QVERIFY(found.has_value());
        QCOMPARE(found->itemSeq, QStringLiteral("198700430"));
    }

    void codeOfAnotherProductIsNotTrusted()
    {
        const guidetest::FakeCatalog catalog = guidetest::sampleCatalog();
        // A product whose code belongs to 부루펜 in the catalog but whose name and item_seq differ.
        core::Product other;
        other.name = QStringLiteral("다른제약이부프로펜정");
        other.itemSeq = QStringLiteral("200000001");
        other.ediCodes = guidetest::ibuprofen().ediCodes;
        QVERIFY(!catalogProduct(other, catalog).has_value());

        core::Prescription rx = guidetest::samplePrescription();
        rx.items[0].product = other;
        const GuideInput in = makeGuideInput(rx, &catalog, {}, QDate(2026, 11, 22));
        QVERIFY(!in.texts.contains(1));
    }

    void withoutCatalogNoTexts()
    {
        const GuideInput in = makeGuideInput(guidetest::samplePrescription(), nullptr, {}, QDate(2026, 11, 22));
        QVERIFY(in.texts.isEmpty());
        QVERIFY(in.ingredients.isEmpty());
        QCOMPARE(in.prescription.items.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestGuideInput)
#include "test_guideinput.moc"
