// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore::list by drug (RecordFilter::drug): a 9-digit insurance code against the printed and
// the matched product's codes, a name part against the product name and the name as read; the
// confirmed prescription wins over what recognition read; other filters still apply.
#include "StoreTestData.h"

#include <QTest>

using namespace pharmdesk;

namespace {

const QString kActor = QStringLiteral("test:search");

QByteArray image(int n)
{
    return QByteArrayLiteral("\x89PNG drug search ") + QByteArray::number(n) + QByteArray(2048, static_cast<char>(n));
}

core::PrescriptionItem line(const QString& code, const QString& asRead, const QString& product, const QStringList& productCodes)
{
    core::PrescriptionItem item;
    item.line = 1;
    item.ediCode = code.isEmpty() ? core::Field<QString> {} : core::Field<QString>::read(code, 0.99);
    item.nameAsRead = core::Field<QString>::read(asRead, 0.95);
    if (!product.isEmpty()) {
        core::Product p;
        p.id = 1;
        p.name = product;
        p.ediCodes = productCodes;
        item.product = p;
    }
    item.dose = core::Field<double>::read(1.0, 0.99);
    item.timesPerDay = core::Field<int>::read(3, 0.99);
    item.days = core::Field<int>::read(5, 0.99);
    item.confidence = 0.95;
    return item;
}

} // namespace

class TestRecordDrugSearch : public QObject
{
    Q_OBJECT

    storetest::TempStore m_t;
    QUuid m_tylenol;   ///< recognised: 타이레놀정500mg, printed code 645104370
    QUuid m_amox;      ///< recognised as 아목시실린 (code not printed, product code 642102570); confirmed with 록소닌
    QUuid m_unmatched; ///< recognised: name as read only ("Zyrtec"), no product

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_t.dir.isValid());
        const QString opened = m_t.open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        const auto add = [this](int n, const core::PrescriptionItem& item) {
            auto taken = m_t.store->intakeBytes(image(n), QStringLiteral("rx%1.png").arg(n), kActor);
            if (!taken)
                return QUuid();
            core::ImportResult r = storetest::recognised(QStringLiteral("환자%1").arg(n), QStringLiteral("900101-1234568"));
            r.prescription->items = { item };
            if (!m_t.store->recordRecognition(taken->id, r, kActor))
                return QUuid();
            return taken->id;
        };
        m_tylenol = add(1, line(QStringLiteral("645104370"), QStringLiteral("타이레놀정500mg"),
                               QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)"), { QStringLiteral("645104370") }));
        m_amox = add(2, line({}, QStringLiteral("아목시실린캡슐"), QStringLiteral("아목시실린캡슐250밀리그람"),
                            { QStringLiteral("642102570") }));
        m_unmatched = add(3, line({}, QStringLiteral("Zyrtec"), {}, {}));
        QVERIFY(!m_tylenol.isNull() && !m_amox.isNull() && !m_unmatched.isNull());
        // The pharmacist changed the drug: the confirmed version is what is searched.
        core::Prescription confirmed = *storetest::recognised(QStringLiteral("환자2"), QStringLiteral("900101-1234568")).prescription;
        confirmed.items = { line(QStringLiteral("643900710"), QStringLiteral("록소닌정"), QStringLiteral("록소닌정(록소프로펜나트륨)"),
            { QStringLiteral("643900710") }) };
        QVERIFY(m_t.store->confirm(m_amox, confirmed, kActor).ok());
    }

    void search_data()
    {
        QTest::addColumn<QString>("drug");
        QTest::addColumn<QStringList>("expected"); // which of tylenol, amox, unmatched

        QTest::newRow("printed code") << QStringLiteral("645104370") << QStringList { QStringLiteral("tylenol") };
        QTest::newRow("code with spaces around") << QStringLiteral(" 645104370 ") << QStringList { QStringLiteral("tylenol") };
        QTest::newRow("product name part") << QStringLiteral("아세트아미노펜") << QStringList { QStringLiteral("tylenol") };
        QTest::newRow("name as read part") << QStringLiteral("타이레놀") << QStringList { QStringLiteral("tylenol") };
        QTest::newRow("latin name, other case") << QStringLiteral("zyrTEC") << QStringList { QStringLiteral("unmatched") };
        QTest::newRow("confirmed code") << QStringLiteral("643900710") << QStringList { QStringLiteral("amox") };
        QTest::newRow("confirmed name") << QStringLiteral("록소닌") << QStringList { QStringLiteral("amox") };
        QTest::newRow("recognised only, replaced by confirmation") << QStringLiteral("아목시실린") << QStringList {};
        QTest::newRow("replaced product code") << QStringLiteral("642102570") << QStringList {};
        QTest::newRow("8 digits is a name part, not a code") << QStringLiteral("64510437") << QStringList {};
        QTest::newRow("unknown") << QStringLiteral("없는약") << QStringList {};
        QTest::newRow("empty: everything")
            << QString() << QStringList { QStringLiteral("amox"), QStringLiteral("tylenol"), QStringLiteral("unmatched") };
    }

    void search()
    {
        QFETCH(QString, drug);
        QFETCH(QStringList, expected);
        store::RecordFilter filter;
        filter.drug = drug;
        const auto found = m_t.store->list(filter, kActor);
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().toString()));
        QStringList names;
        for (const store::RecordSummary& s : *found) {
            names.append(s.id == m_tylenol ? QStringLiteral("tylenol")
                    : s.id == m_amox       ? QStringLiteral("amox")
                                           : QStringLiteral("unmatched"));
        }
        names.sort();
        QCOMPARE(names, expected);
    }

    void combinesWithStatus()
    {
        store::RecordFilter filter;
        filter.drug = QStringLiteral("록소닌");
        filter.status = store::RecordStatus::Confirmed;
        auto found = m_t.store->list(filter, kActor);
        QVERIFY(found.ok());
        QCOMPARE(found->size(), 1);
        filter.status = store::RecordStatus::NeedsReview;
        found = m_t.store->list(filter, kActor);
        QVERIFY(found.ok());
        QVERIFY(found->isEmpty());
    }

    void auditNamesTheSearchNotTheDrug()
    {
        store::RecordFilter filter;
        filter.drug = QStringLiteral("타이레놀");
        QVERIFY(m_t.store->list(filter, kActor).ok());
        const auto entries = m_t.store->auditEntries(0, 100000);
        QVERIFY(entries.ok());
        QVERIFY(!entries->isEmpty());
        const store::AuditEntry& last = entries->last();
        QCOMPARE(last.actor, kActor);
        QVERIFY(last.detail.contains(QLatin1String("by drug")));
        QVERIFY(!last.detail.contains(QStringLiteral("타이레놀")));
    }
};

QTEST_GUILESS_MAIN(TestRecordDrugSearch)
#include "test_recorddrugsearch.moc"
