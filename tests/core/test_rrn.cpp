// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Rrn.h"

#include <QTest>

using namespace pharmdesk::core;

class TestRrn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mask_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("masked");
        QTest::addColumn<QString>("birth");
        QTest::addColumn<QString>("sex");
        QTest::newRow("1900s male") << "850412-1234567" << "850412-1******" << "1985-04-12" << "M";
        QTest::newRow("2000s female, no dash") << "0312244123456" << "031224-4******" << "2003-12-24" << "F";
        QTest::newRow("foreigner 1900s female") << "720101-6000000" << "720101-6******" << "1972-01-01" << "F";
        QTest::newRow("1800s") << "991231-9000000" << "991231-9******" << "1899-12-31" << "M";
        QTest::newRow("spaces from OCR") << "850412 - 1234567" << "850412-1******" << "1985-04-12" << "M";
        QTest::newRow("impossible date") << "850230-1234567" << "" << "" << "";
        QTest::newRow("too short") << "8504" << "" << "" << "";
        QTest::newRow("bad sex digit") << "850412-A234567" << "" << "" << "";
    }
    void mask()
    {
        QFETCH(QString, input);
        QFETCH(QString, masked);
        QFETCH(QString, birth);
        QFETCH(QString, sex);
        QCOMPARE(rrn::mask(input), masked);
        const auto b = rrn::birthDate(input);
        QCOMPARE(b ? b->toString(Qt::ISODate) : QString(), birth);
        const auto s = rrn::sex(input);
        QCOMPARE(s ? QString(*s) : QString(), sex);
        // The mask never carries more than the first seven digits.
        QVERIFY(!masked.contains(input.right(6)) || input.right(6) == QStringLiteral("000000"));
    }

    void ageOnIssueDate()
    {
        QCOMPARE(rrn::ageOn(QStringLiteral("850412-1234567"), QDate(2026, 4, 11)).value(), 40);
        QCOMPARE(rrn::ageOn(QStringLiteral("850412-1234567"), QDate(2026, 4, 12)).value(), 41);
        QVERIFY(!rrn::ageOn(QStringLiteral("850412-1234567"), QDate(1980, 1, 1)));
    }

    void normalize()
    {
        QCOMPARE(rrn::normalize(QStringLiteral("8504121234567")).value(), QStringLiteral("850412-1234567"));
        QVERIFY(!rrn::normalize(QStringLiteral("850412-123456")));
        QVERIFY(rrn::isValid(QStringLiteral("850412-1234567")));
        QVERIFY(!rrn::isValid(QStringLiteral("851312-1234567")));
    }
};

QTEST_GUILESS_MAIN(TestRrn)
#include "test_rrn.moc"
