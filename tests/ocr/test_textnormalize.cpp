// SPDX-License-Identifier: GPL-3.0-or-later
// OCR text helpers and line grouping: what is repaired, what is refused.
#include "pharmdesk/ocr/OcrTypes.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include <QTest>

using namespace pharmdesk::ocr;

class TestTextNormalize : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatPhone_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("expected");  // empty: no such number
        QTest::newRow("Seoul 9 digits") << QStringLiteral("02-226-3805") << QStringLiteral("02-226-3805");
        QTest::newRow("Seoul, dash lost") << QStringLiteral("02226-3805") << QStringLiteral("02-226-3805");
        QTest::newRow("Seoul, no dashes") << QStringLiteral("028843017") << QStringLiteral("02-884-3017");
        QTest::newRow("Seoul 10 digits") << QStringLiteral("0212345678") << QStringLiteral("02-1234-5678");
        QTest::newRow("Gyeonggi") << QStringLiteral("031 234 5678") << QStringLiteral("031-234-5678");
        QTest::newRow("Busan 11 digits") << QStringLiteral("051-1234-5678") << QStringLiteral("051-1234-5678");
        QTest::newRow("mobile") << QStringLiteral("01012345678") << QStringLiteral("010-1234-5678");
        QTest::newRow("national") << QStringLiteral("1588-1234") << QStringLiteral("1588-1234");
        QTest::newRow("a zero taken in") << QStringLiteral("002-226-3805") << QString();
        QTest::newRow("no area 039") << QStringLiteral("039-226-3805") << QString();
        QTest::newRow("Seoul too long") << QStringLiteral("02-12345-67890") << QString();
        QTest::newRow("letters") << QStringLiteral("02-22O-3805") << QString();
    }
    void formatPhone()
    {
        QFETCH(QString, number);
        QFETCH(QString, expected);
        QCOMPARE(text::formatPhone(number).value_or(QString()), expected);
    }

    void digitsOfNumber_data()
    {
        QTest::addColumn<QString>("read");
        QTest::addColumn<QString>("expected");  // empty: refused
        QTest::newRow("phone") << QStringLiteral("02-282-4687") << QStringLiteral("022824687");
        QTest::newRow("colon before") << QStringLiteral(": 00513") << QStringLiteral("00513");
        QTest::newRow("marks both ends") << QStringLiteral("(191408).") << QStringLiteral("191408");
        QTest::newRow("spaced digits") << QStringLiteral("3 1 3 7 9 2 2 3") << QStringLiteral("31379223");
        QTest::newRow("letter before") << QStringLiteral("A31379223") << QString();
        QTest::newRow("hangul after") << QStringLiteral("191408호") << QString();
        QTest::newRow("mark inside") << QStringLiteral("6/1807330") << QString();
        QTest::newRow("nothing") << QStringLiteral(" : ") << QString();
    }
    void digitsOfNumber()
    {
        QFETCH(QString, read);
        QFETCH(QString, expected);
        QCOMPARE(text::digitsOfNumber(read).value_or(QString()), expected);
    }

    void plausibleUsage_data()
    {
        QTest::addColumn<QString>("usage");
        QTest::addColumn<bool>("plausible");
        QTest::newRow("식후 30분") << QStringLiteral("식후 30분") << true;
        QTest::newRow("spaced unit") << QStringLiteral("식후 30 분") << true;
        QTest::newRow("no number") << QStringLiteral("아침 식후") << true;
        QTest::newRow("times a day") << QStringLiteral("1일 3회 식후") << true;
        QTest::newRow("range of drops") << QStringLiteral("2-3방울 점안") << true;
        QTest::newRow("millilitres") << QStringLiteral("5mL 취침전") << true;
        QTest::newRow("unit read as 8") << QStringLiteral("식후 308") << false;
        QTest::newRow("unit read as %") << QStringLiteral("식후 30%") << false;
        QTest::newRow("bare number inside") << QStringLiteral("식후 30 . 즉시") << false;
        QTest::newRow("Latin abbreviations") << QStringLiteral("tid pc") << true;
        QTest::newRow("dotted abbreviation") << QStringLiteral("b.i.d. p.c.") << true;
        QTest::newRow("every 8 hours") << QStringLiteral("q8h") << true;
        QTest::newRow("Hangul read as Latin") << QStringLiteral("aaa") << false;
        QTest::newRow("Hangul read as Latin and digits") << QStringLiteral("AlF 30H") << false;
    }
    void plausibleUsage()
    {
        QFETCH(QString, usage);
        QFETCH(bool, plausible);
        QCOMPARE(text::plausibleUsage(usage), plausible);
    }

    void kcdPieces_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("pieces");  // code, or lead+rest of a code with its letter lost, at its start
        QTest::newRow("a code") << QStringLiteral("J06.9") << QStringLiteral("J06.9@0");
        QTest::newRow("T read as 1") << QStringLiteral("178.4") << QStringLiteral("1+78.4@0");
        QTest::newRow("S read as $") << QStringLiteral("$93.4") << QStringLiteral("$+93.4@0");
        QTest::newRow("H read as 11") << QStringLiteral("1166.9") << QStringLiteral("11+66.9@0");
        QTest::newRow("I10 read as 110") << QStringLiteral("110") << QStringLiteral("1+10@0");
        QTest::newRow("run together after a colon read as 2") << QStringLiteral("2111.9K29.7")
                                                              << QStringLiteral("21+11.9@0 K29.7@6");
        QTest::newRow("point between two codes") << QStringLiteral("A09.9.110") << QStringLiteral("A09.9@0 1+10@6");
        QTest::newRow("5 read as S in the digits") << QStringLiteral("MS1.2") << QStringLiteral("M51.2@0");
        QTest::newRow("a phone number is no code") << QStringLiteral("02-543-7988") << QString();
        QTest::newRow("five digits are no code") << QStringLiteral("01833") << QString();
    }
    void kcdPieces()
    {
        QFETCH(QString, word);
        QFETCH(QString, pieces);
        QStringList shown;
        for (const text::KcdPiece& p : text::kcdPieces(word))
            shown.append((p.code.isEmpty() ? p.lead + QLatin1Char('+') + p.rest : p.code) + QLatin1Char('@') + QString::number(p.start));
        QCOMPARE(shown.join(QLatin1Char(' ')), pieces);
    }

    void parseDate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("expected");  // invalid: none
        QTest::newRow("년 월 일") << QStringLiteral("2026년 02월 08일") << QDate(2026, 2, 8);
        QTest::newRow("spaced points") << QStringLiteral("2026. 2. 8.") << QDate(2026, 2, 8);
        QTest::newRow("dashes") << QStringLiteral("2025-08-15") << QDate(2025, 8, 15);
        QTest::newRow("with the issue number") << QStringLiteral("2026 년 10 월 04 일 - 제 00513 호") << QDate(2026, 10, 4);
        QTest::newRow("year cut") << QStringLiteral("26년 02월 08일") << QDate();
        QTest::newRow("no such day") << QStringLiteral("2025-02-30") << QDate();
        QTest::newRow("letter for a digit") << QStringLiteral("2O26년 02월 08일") << QDate();
    }
    void parseDate()
    {
        QFETCH(QString, text);
        QFETCH(QDate, expected);
        QCOMPARE(text::parseDate(text).value_or(QDate()), expected);
    }

    void commonUsage_data()
    {
        QTest::addColumn<QString>("usage");
        QTest::addColumn<bool>("common");
        QTest::newRow("spaced") << QStringLiteral("식후 30 분") << true;
        QTest::newRow("letter-spaced") << QStringLiteral("아 침 식 후") << true;
        QTest::newRow("at bedtime") << QStringLiteral("취침 전") << true;
        QTest::newRow("misread unit") << QStringLiteral("식후 308") << false;
        QTest::newRow("free text") << QStringLiteral("통증 있을 때 1정") << false;
    }
    void commonUsage()
    {
        QFETCH(QString, usage);
        QFETCH(bool, common);
        QCOMPARE(text::isCommonUsage(usage), common);
    }

    void repairDigits_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("expected");  // "" = refused
        QTest::newRow("clean") << QStringLiteral("645301220") << QStringLiteral("645301220");
        QTest::newRow("O for zero") << QStringLiteral("6453O122O") << QStringLiteral("645301220");
        QTest::newRow("l and S") << QStringLiteral("2O6l75") << QStringLiteral("206175");
        QTest::newRow("keeps separators") << QStringLiteral("37O1O6-1181902") << QStringLiteral("370106-1181902");
        QTest::newRow("mostly letters refused") << QStringLiteral("SOS") << QString();
        QTest::newRow("a word refused") << QStringLiteral("식후30") << QString();
        QTest::newRow("too many look-alikes") << QStringLiteral("1OOl") << QString();
    }

    void repairDigits()
    {
        QFETCH(QString, token);
        QFETCH(QString, expected);
        QCOMPARE(text::repairDigits(token).value_or(QString()), expected);
    }

    void numberWithUnit_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<double>("value");   // -1 = none
        QTest::addColumn<QString>("unit");
        QTest::newRow("integer") << QStringLiteral("1") << 1.0 << QString();
        QTest::newRow("two decimals") << QStringLiteral("1.00") << 1.0 << QString();
        QTest::newRow("third") << QStringLiteral("0.3333") << 0.3333 << QString();
        QTest::newRow("two thirds") << QStringLiteral("0.6667") << 0.6667 << QString();
        QTest::newRow("eighth") << QStringLiteral("0.125") << 0.125 << QString();
        QTest::newRow("comma decimal") << QStringLiteral("2,5") << 2.5 << QString();
        QTest::newRow("tablet") << QStringLiteral("1정") << 1.0 << QStringLiteral("정");
        QTest::newRow("capsule misread") << QStringLiteral("1캡술") << 1.0 << QStringLiteral("캡슐");
        QTest::newRow("mL spaced") << QStringLiteral("5 mL") << 5.0 << QStringLiteral("mL");
        QTest::newRow("ml lower") << QStringLiteral("2.5ml") << 2.5 << QStringLiteral("mL");
        QTest::newRow("cc") << QStringLiteral("3cc") << 3.0 << QStringLiteral("cc");
        QTest::newRow("gm") << QStringLiteral("1gm") << 1.0 << QStringLiteral("g");
        QTest::newRow("packet") << QStringLiteral("1포") << 1.0 << QStringLiteral("포");
        QTest::newRow("unit read as digits is cut") << QStringLiteral("1.0088") << 1.0 << QString();
        QTest::newRow("no number") << QStringLiteral("식후") << -1.0 << QString();
    }

    void numberWithUnit()
    {
        QFETCH(QString, cell);
        QFETCH(double, value);
        QFETCH(QString, unit);
        const auto n = text::parseNumberWithUnit(cell);
        QCOMPARE(n.has_value(), value >= 0);
        if (n) {
            QCOMPARE(n->value, value);
            QCOMPARE(n->unit, unit);
        }
    }

    void counts_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<int>("expected");  // -1 = none
        QTest::newRow("plain") << QStringLiteral("3") << 3;
        QTest::newRow("with 회") << QStringLiteral("3회") << 3;
        QTest::newRow("with 일") << QStringLiteral("14일") << 14;
        QTest::newRow("usage spilled over") << QStringLiteral("3 식후") << 3;
        QTest::newRow("decimal is not a count") << QStringLiteral("1.5") << -1;
        QTest::newRow("nothing") << QStringLiteral("식후") << -1;
    }

    void counts()
    {
        QFETCH(QString, cell);
        QFETCH(int, expected);
        QCOMPARE(text::parseCount(cell).value_or(-1), expected);
    }

    void kcdCodes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("codes");
        QTest::newRow("one") << QStringLiteral("J06.9") << QStringList { QStringLiteral("J06.9") };
        QTest::newRow("two in a block") << QStringLiteral("N39.0 K30") << QStringList { QStringLiteral("N39.0"), QStringLiteral("K30") };
        QTest::newRow("comma list") << QStringLiteral("R05, J31.0") << QStringList { QStringLiteral("R05"), QStringLiteral("J31.0") };
        QTest::newRow("O for 0 in a digit place (rx0004)") << QStringLiteral("JO1.9") << QStringList { QStringLiteral("J01.9") };
        QTest::newRow("point dropped (rx0001)") << QStringLiteral("H669") << QStringList { QStringLiteral("H66.9") };
        QTest::newRow("letters where a dropped point would need digits") << QStringLiteral("AB12") << QStringList {};
        QTest::newRow("a digit for the letter is no code") << QStringLiteral("178.4 J30.4") << QStringList { QStringLiteral("J30.4") };
        QTest::newRow("glued to a word") << QStringLiteral("XJ06.9") << QStringList {};
        QTest::newRow("five digits") << QStringLiteral("J06123") << QStringList {};
    }

    void kcdCodes()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, codes);
        QStringList found;
        for (const text::KcdCode& c : text::kcdCodes(text)) {
            found.append(c.code);
            QVERIFY(c.start >= 0 && c.start + c.length <= text.size());
        }
        QCOMPARE(found, codes);
    }

    void codesAndNames()
    {
        QVERIFY(text::looksLikeEdiCode(QStringLiteral("645301220")));
        QVERIFY(text::looksLikeEdiCode(QStringLiteral("A11801411")));
        QVERIFY(!text::looksLikeEdiCode(QStringLiteral("64530122")));
        QVERIFY(!text::looksLikeEdiCode(QStringLiteral("6453012201")));
        QCOMPARE(text::cleanDrugName(QStringLiteral("타이레놀정 500밀리그람(내복)")), QStringLiteral("타이레놀정500밀리그람"));
        QCOMPARE(text::cleanDrugName(QStringLiteral("더모프레드크림(외용)")), QStringLiteral("더모프레드크림"));
        QCOMPARE(text::cleanDrugName(QStringLiteral("|라베라정20mg(라베프라졸나트륨).")), QStringLiteral("라베라정20mg(라베프라졸나트륨)"));
    }

    void groupsWordsIntoLines()
    {
        const QList<OcrWord> words {
            { QStringLiteral("3"), QRect(600, 102, 14, 26), 0.9 },
            { QStringLiteral("타이레놀정"), QRect(200, 100, 140, 28), 0.9 },
            { QStringLiteral("645301220"), QRect(20, 98, 130, 28), 0.9 },
            { QStringLiteral("다음줄"), QRect(20, 160, 80, 28), 0.8 },
            { QStringLiteral(" "), QRect(300, 160, 10, 28), 0.8 },
        };
        const QList<OcrLine> lines = groupIntoLines(words);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].text(), QStringLiteral("645301220 타이레놀정 3"));
        QCOMPARE(lines[0].box, QRect(QPoint(20, 98), QPoint(613, 127)));
        QCOMPARE(lines[1].text(), QStringLiteral("다음줄"));
        QCOMPARE(lines[1].confidence(), 0.8);
        const TextSpan span = spanOf(lines[0], 10, 5);
        QCOMPARE(span.text, QStringLiteral("타이레놀정"));
        QCOMPARE(span.box, QRect(200, 100, 140, 28));
    }
};

QTEST_GUILESS_MAIN(TestTextNormalize)
#include "test_textnormalize.moc"
