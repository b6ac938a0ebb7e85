// SPDX-License-Identifier: GPL-3.0-or-later
// How two or three readings of one field become its value and confidence (ocr/src/ReadAgreement.h).
#include "ReadAgreement.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::ocr::agreement;

namespace {

std::optional<double> opt(double v)
{
    return v < 0 ? std::nullopt : std::optional<double>(v);
}

} // namespace

class TestReadAgreement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // -1: no reading. Expected confidence: the bounds it must lie in.
    void vote_data()
    {
        QTest::addColumn<double>("page");
        QTest::addColumn<double>("pageConf");
        QTest::addColumn<double>("digit");
        QTest::addColumn<double>("digitConf");
        QTest::addColumn<double>("cell");
        QTest::addColumn<double>("cellConf");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("minConf");
        QTest::addColumn<double>("maxConf");
        QTest::newRow("digit and cell agree, no page") << -1.0 << 0.0 << 3.0 << 0.9 << 3.0 << 0.9 << 3.0 << 0.9 << 0.93;
        QTest::newRow("digit and cell outvote the page") << 4.0 << 0.9 << 1.0 << 0.9 << 1.0 << 0.9 << 1.0 << 0.0 << 0.85;
        QTest::newRow("page and cell: same model twice") << 2.0 << 0.95 << 7.0 << 0.9 << 2.0 << 0.95 << 2.0 << 0.0 << 0.85;
        QTest::newRow("unit read as digits: the prefix") << 14.0 << 0.11 << 13.0 << 0.0 << 1.0 << 0.75 << 1.0 << 0.0 << 0.5;
        QTest::newRow("mL read as digits: the prefix") << -1.0 << 0.0 << 5.0 << 0.0 << 5100.0 << 0.76 << 5.0 << 0.0 << 0.5;
        QTest::newRow("a prefix of one reading only") << 1.0 << 0.96 << 4.0 << 0.9 << 41.0 << 0.72 << 1.0 << 0.0 << 0.5;
        QTest::newRow("all differ: the surest") << 3.0 << 0.4 << 8.0 << 0.5 << 6.0 << 0.9 << 6.0 << 0.0 << 0.5;
        QTest::newRow("all differ, page surest") << 3.0 << 0.95 << 8.0 << 0.5 << 6.0 << 0.9 << 3.0 << 0.0 << 0.5;
    }
    void vote()
    {
        QFETCH(double, page);
        QFETCH(double, pageConf);
        QFETCH(double, digit);
        QFETCH(double, digitConf);
        QFETCH(double, cell);
        QFETCH(double, cellConf);
        QFETCH(double, value);
        QFETCH(double, minConf);
        QFETCH(double, maxConf);
        core::Field<double> field;
        if (page >= 0)
            field = core::Field<double>::read(page, pageConf);
        voteReads(field, opt(digit), digitConf, opt(cell), cellConf);
        QCOMPARE(field.valueOr(-1), value);
        QVERIFY2(field.confidence >= minConf && field.confidence <= maxConf, qPrintable(QString::number(field.confidence)));
    }

    void digitFieldAgreement_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("again");
        QTest::addColumn<bool>("trust");
        QTest::addColumn<bool>("certain");
        QTest::newRow("eight digits agree") << QStringLiteral("38115519") << QStringLiteral("38115519") << true << true;
        QTest::newRow("agree on a fax") << QStringLiteral("38115519") << QStringLiteral("38115519") << false << false;
        QTest::newRow("three digits are too few") << QStringLiteral("381") << QStringLiteral("381") << true << false;
        QTest::newRow("one digit differs") << QStringLiteral("38115519") << QStringLiteral("38115510") << true << false;
        QTest::newRow("no second reading") << QStringLiteral("38115519") << QString() << true << false;
    }
    void digitFieldAgreement()
    {
        QFETCH(QString, page);
        QFETCH(QString, again);
        QFETCH(bool, trust);
        QFETCH(bool, certain);
        auto field = core::Field<QString>::read(page, 0.3);
        confirmDigitField(field, again.isEmpty() ? std::nullopt : std::optional<QString>(again), 0.1, trust);
        QCOMPARE(field.confidence >= 0.95, certain);
    }

    // The digit model doubled the 0 of a clean "02-282-4687"; the other Korean model decides.
    void thirdModel_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("third");  // empty: nothing read
        QTest::addColumn<bool>("certain");
        QTest::newRow("phone, same digits") << QStringLiteral("02-282-4687") << QStringLiteral("022824687") << true;
        QTest::newRow("phone, a digit differs") << QStringLiteral("02-282-4687") << QStringLiteral("022824681") << false;
        QTest::newRow("code, same digits") << QStringLiteral("31379223") << QStringLiteral("31379223") << true;
        QTest::newRow("code, one lost") << QStringLiteral("31379223") << QStringLiteral("1379223") << false;
        QTest::newRow("nothing read") << QStringLiteral("31379223") << QString() << false;
        QTest::newRow("three digits are too few") << QStringLiteral("513") << QStringLiteral("513") << false;
    }
    void thirdModel()
    {
        QFETCH(QString, page);
        QFETCH(QString, third);
        QFETCH(bool, certain);
        // The digit model's disagreement left another value at a low confidence.
        auto field = core::Field<QString>::read(QStringLiteral("0022824687"), 0.02);
        const bool confirmed = confirmByThirdModel(field, page, third.isEmpty() ? std::nullopt : std::optional<QString>(third));
        QCOMPARE(confirmed, certain);
        QCOMPARE(field.confidence >= 0.95, certain);
        QCOMPARE(*field.value, certain ? page : QStringLiteral("0022824687"));
    }

    // The page read found A09.9 only ("106.9" for J06.9); the cell read and a third read decide.
    void codesThirdRead_data()
    {
        QTest::addColumn<QStringList>("first");   // empty: the page read found none
        QTest::addColumn<QStringList>("second");
        QTest::addColumn<bool>("secondComplete");
        QTest::addColumn<QStringList>("third");
        QTest::addColumn<bool>("thirdComplete");
        QTest::addColumn<bool>("certain");
        const QStringList both { QStringLiteral("J06.9"), QStringLiteral("A09.9") };
        const QStringList bothSwapped { QStringLiteral("A09.9"), QStringLiteral("J06.9") };
        const QStringList a09 { QStringLiteral("A09.9") };
        QTest::newRow("third finds the second's codes") << a09 << both << true << bothSwapped << true << true;
        QTest::newRow("page read found none") << QStringList() << both << true << both << true << true;
        QTest::newRow("third misses one") << a09 << both << true << a09 << true << false;
        QTest::newRow("third has a leftover") << a09 << both << true << both << false << false;
        QTest::newRow("second has a leftover") << a09 << both << false << both << true << false;
        QTest::newRow("page read another code")
            << QStringList { QStringLiteral("A08.9") } << both << true << both << true << false;
    }
    void codesThirdRead()
    {
        QFETCH(QStringList, first);
        QFETCH(QStringList, second);
        QFETCH(bool, secondComplete);
        QFETCH(QStringList, third);
        QFETCH(bool, thirdComplete);
        QFETCH(bool, certain);
        const auto opt = [](const QStringList& l) { return l.isEmpty() ? std::nullopt : std::optional<QStringList>(l); };
        auto field = first.isEmpty() ? core::Field<QStringList> {} : core::Field<QStringList>::read(first, 0.3);
        const QRect cell(10, 20, 300, 100);
        const bool confirmed = confirmCodesByThirdRead(field, opt(first), opt(second), secondComplete, opt(third), thirdComplete, cell);
        QCOMPARE(confirmed, certain);
        QCOMPARE(field.confidence >= 0.9, certain);
        if (certain) {
            QCOMPARE(*field.value, second);
            QCOMPARE(field.box, cell);
        }
    }

    // Regression (rx0007-fax): of two disagreeing code readings, a product's code is offered,
    // and the field stays under review whichever is offered.
    void knownCodePreferred_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("again");
        QTest::addColumn<QString>("offered");
        const QString known = QStringLiteral("641908160");
        const QString unknown = QStringLiteral("641508160");
        QTest::newRow("page read known, re-read not (rx0007-fax)") << known << unknown << known;
        QTest::newRow("re-read known, page read not") << unknown << known << known;
        QTest::newRow("neither known: the more confident re-read") << QStringLiteral("641508161") << unknown << unknown;
        QTest::newRow("agreement unchanged") << known << known << known;
        QTest::newRow("no re-read") << unknown << QString() << unknown;
    }
    void knownCodePreferred()
    {
        QFETCH(QString, page);
        QFETCH(QString, again);
        QFETCH(QString, offered);
        const std::optional<QString> second = again.isEmpty() ? std::nullopt : std::optional<QString>(again);
        auto field = core::Field<QString>::read(page, 0.6);
        combineReads(field, second, 0.7);
        preferKnownCode(field, page, second, [](const QString& c) { return c == QStringLiteral("641908160"); });
        QCOMPARE(field.valueOr(QString()), offered);
        if (second && *second != page)
            QVERIFY(field.confidence < 0.5);
    }
};

QTEST_GUILESS_MAIN(TestReadAgreement)
#include "test_readagreement.moc"
