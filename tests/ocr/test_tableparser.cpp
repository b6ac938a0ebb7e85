// SPDX-License-Identifier: GPL-3.0-or-later
// The drug-table parser on recognised words (no images): a named row per layout and quirk.
#include "PageTextBuilder.h"

#include "pharmdesk/ocr/FormParser.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

class TestTableParser : public QObject
{
    Q_OBJECT

private:
    /// "code|name|dose|unit|times|days|usage|injection" with "-" for a field not read.
    static QString describe(const core::PrescriptionItem& i)
    {
        auto str = [](const auto& f) { return f.hasValue() ? QVariant(*f).toString() : QStringLiteral("-"); };
        return QStringList { str(i.ediCode), str(i.nameAsRead), str(i.dose), i.doseUnit.isEmpty() ? QStringLiteral("-") : i.doseUnit,
                             str(i.timesPerDay), str(i.days), str(i.usage), i.injection ? QStringLiteral("inj") : QStringLiteral("oral") }
            .join(QLatin1Char('|'));
    }

private Q_SLOTS:
    void parsesRows_data()
    {
        QTest::addColumn<QStringList>("page");
        QTest::addColumn<QStringList>("expected");

        const QString statHeader1 = QStringLiteral("1@1038 회@1056 1@1189 일@1207 총@1345");
        const QString statHeader2 = QStringLiteral("처방@383 의약품의@445 명칭@562 및@620 코드@656 용법@1564");
        const QString statHeader3 = QStringLiteral("투약량@1017 투여횟수@1156 투약일수@1307");

        QTest::newRow("statutory, code inside the name column")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("628900400@122 라베라정20mg(라베프라졸나트륨)@313 1.00@1025 3@1198 3@1350 식후@1452 30분@1516"),
                             QStringLiteral("642105640@122 유한리바록사반정@311 2.5@550 밀리그램@599 0.50@1023 3@1198 7@1350 식후@1452 30분@1516") }
            << QStringList { QStringLiteral("628900400|라베라정20mg(라베프라졸나트륨)|1|-|3|3|식후 30분|oral"),
                             QStringLiteral("642105640|유한리바록사반정2.5밀리그램|0.5|-|3|7|식후 30분|oral") };

        QTest::newRow("hospital, code column and units in the dose cell")
            << QStringList { QStringLiteral("코드@126 약품명@317 투약량@1000 횟수@1127 일수@1222 용법@1315"),
                             QStringLiteral("649702020@128 리로우펜캡슐@318 1캡슐@1053 3@1182 3@1276 식후즉시@1316"),
                             QStringLiteral("671704140@128 제뉴원올메사탄정10밀리그램@316 1정@1079 3@1182 2@1276 식후@1316 30분@1373") }
            << QStringList { QStringLiteral("649702020|리로우펜캡슐|1|캡슐|3|3|식후즉시|oral"),
                             QStringLiteral("671704140|제뉴원올메사탄정10밀리그램|1|정|3|2|식후 30분|oral") };

        QTest::newRow("hospital scan: unit split into syllables, header label misread")
            << QStringList { QStringLiteral("코트@167 약품명@355 투약량@1029 alt@1154 일수@1248 용법@1339"),
                             QStringLiteral("649702020@168 리로우펜캡슬@356 1@1081 캡@1096 술@1129 3@1208 3@1301 식후@1341 즉시@1391") }
            << QStringList { QStringLiteral("649702020|리로우펜캡슬|1|캡슐|3|3|식후 즉시|oral") };

        QTest::newRow("fax specks between and after the numbers, dose label misread (rx0006-fax)")
            << QStringList { QStringLiteral("코드@116 약품명@305 ㆍ@481 Soy@991 ㆍ@1086 횟수@1116 .@1186 일수@1211 용법@1305"),
                             QStringLiteral("653402450.@103 셀브렉캡슐(세레콕시브)@302 a@696 1@1095 2.@1170 .@1217 3@1262 식후@1306 30분@1357") }
            << QStringList { QStringLiteral("653402450|셀브렉캡슐(세레콕시브)|1|-|2|3|식후 30분|oral") };

        QTest::newRow("a usage's 30분 read as '308' is no merged dose/times/days (rx0024 scan)")
            << QStringList { QStringLiteral("ac@175 약품명@368 투약량@1052 횟수@1178 일수@1273 용법@1367"),
                             QStringLiteral("643900891@180 액티피드시럽@368 SmL@1115 2@1233 3@1328 식후@1368 308@1420") }
            << QStringList { QStringLiteral("643900891|액티피드시럽|-|-|2|3|식후 308|oral") };

        QTest::newRow("header unread, specks before the first row's code (rx0007-fax)")
            << QStringList { QStringLiteral("me@50 a@689 Pepe@1172 soe@1331 부@1508 악@1538 일수@1570"),
                             QStringLiteral(".@12 .@115 641908160@142 트루시타엠서방정@389 1.00@1171 3@1355 2@1555 식후@1676 30분@1748"),
                             QStringLiteral("651905090@143 피디펙솔정@391 1.00@1187 3@1381 2@1516 식후@1677 30분@1747") }
            << QStringList { QStringLiteral("641908160|트루시타엠서방정|1|-|3|2|식후 30분|oral"),
                             QStringLiteral("651905090|피디펙솔정|1|-|3|2|식후 30분|oral") };

        QTest::newRow("one row, no header, days glued to the usage (a cell list reallocated under a reference)")
            << QStringList { QStringLiteral("649604071@131 비@282 오@304 던@327 산@349 1@904 3@962 4@1037 식후@1070") }
            << QStringList { QStringLiteral("649604071|비오던산|1|-|3|4|식후|oral") };

        QTest::newRow("(내복) suffix stripped from the name")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("645301220@122 타이레놀정500밀리그람(내복)@313 1@1025 3@1198 5@1350 식후@1452") }
            << QStringList { QStringLiteral("645301220|타이레놀정500밀리그람|1|-|3|5|식후|oral") };

        QTest::newRow("이하여백 ends the table")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("645301220@122 타이레놀정@313 1@1025 3@1198 5@1350 식후@1452"),
                             QStringLiteral("***@318 이하@370 여백@423 ***@478"),
                             QStringLiteral("999999999@122 메모@313 1@1025 1@1198 1@1350") }
            << QStringList { QStringLiteral("645301220|타이레놀정|1|-|3|5|식후|oral") };

        QTest::newRow("주사제 section marks injections")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("645301220@122 타이레놀정@313 1@1025 3@1198 5@1350 식후@1452"),
                             QStringLiteral("[주사제@129 처방내역]@217"),
                             QStringLiteral("644902232@122 중외5%포도당주사액@313 1@1025 1@1198 1@1350") }
            << QStringList { QStringLiteral("645301220|타이레놀정|1|-|3|5|식후|oral"),
                             QStringLiteral("644902232|중외5%포도당주사액|1|-|1|1|-|inj") };

        QTest::newRow("empty 주사제 section: 해당 없음 is no end of the last name (sample-hospital-clean)")
            << QStringList { QStringLiteral("코드@126 약품명@317 투약량@1000 횟수@1127 일수@1222 용법@1315"),
                             QStringLiteral("665002860@128 유비칸캡슐@318 1.00@1053 2@1182 30@1276 식후@1316 30분@1373"),
                             QStringLiteral("이하여백@318"),
                             QStringLiteral("[주사제@129 처방내역]@217"),
                             QStringLiteral("해당@318 없음@370") }
            << QStringList { QStringLiteral("665002860|유비칸캡슐|1|-|2|30|식후 30분|oral") };

        QTest::newRow("decimal doses")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("645301220@122 타이레놀정@313 0.3333@1025 3@1198 5@1350"),
                             QStringLiteral("642105640@122 리바록사반정@313 0.6667@1025 2@1198 5@1350"),
                             QStringLiteral("628900400@122 라베라정@313 1.00@1025 1@1198 14@1350") }
            << QStringList { QStringLiteral("645301220|타이레놀정|0.3333|-|3|5|-|oral"),
                             QStringLiteral("642105640|리바록사반정|0.6667|-|2|5|-|oral"),
                             QStringLiteral("628900400|라베라정|1|-|1|14|-|oral") };

        QTest::newRow("unit in cell: mL with a space")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("645301220@122 부루펜시럽@313 5@1025 mL@1045 3@1198 3@1350") }
            << QStringList { QStringLiteral("645301220|부루펜시럽|5|mL|3|3|-|oral") };

        QTest::newRow("no code printed")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("타이레놀정500밀리그람@122 1@1025 3@1198 5@1350 식후@1452") }
            << QStringList { QStringLiteral("-|타이레놀정500밀리그람|1|-|3|5|식후|oral") };

        QTest::newRow("old letter-prefixed code")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("A11801411@122 아스피린정@313 1@1025 1@1198 30@1350") }
            << QStringList { QStringLiteral("A11801411|아스피린정|1|-|1|30|-|oral") };

        QTest::newRow("code misread with look-alike letters")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("6453O1Z2O@122 타이레놀정@313 1@1025 3@1198 5@1350") }
            << QStringList { QStringLiteral("645301220|타이레놀정|1|-|3|5|-|oral") };

        QTest::newRow("code glued to the name")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("|@100 645405171제클리건조시럽@122 5@1025 2@1198 3@1350") }
            << QStringList { QStringLiteral("645405171|제클리건조시럽|5|-|2|3|-|oral") };

        QTest::newRow("wrapped name continues the row above")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("649702100@122 모사피딘정(모사프리드@313 1.00@1025 3@1198 3@1350"),
                             QStringLiteral("시트르산염수화물)@313") }
            << QStringList { QStringLiteral("649702100|모사피딘정(모사프리드시트르산염수화물)|1|-|3|3|-|oral") };

        QTest::newRow("header unreadable: rows found by their code and numbers")
            << QStringList { QStringLiteral("eos}@1017 Soles@1156 oe@1307"),
                             QStringLiteral("628900400@122 라베라정@313 1.00@1025 3@1198 3@1350 식후@1452 30분@1516") }
            << QStringList { QStringLiteral("628900400|라베라정|1|-|3|3|식후 30분|oral") };

        QTest::newRow("table crop without its header row: first row with a misread days (rx0007 table scan)")
            << QStringList { QStringLiteral("640900592@95 아이빅스시럽(아이비엽70%에탄올유동엑스)@254 4@918 3@1053 i@1188%38 식후@1280 30@1343"),
                             QStringLiteral("671706160@95 제뉴원실로스타졸서방캡슐@255 2@919 3@1053 7@1188 식후@1280 30@1342"),
                             QStringLiteral("650300161@95 네오세프건조시럽@255 10@915 3@1053 7@1188 식후@1280 30@1343 분@1373"),
                             QStringLiteral("<@403 이@423 하@451 여@479 백@505 >@527") }
            << QStringList { QStringLiteral("640900592|아이빅스시럽(아이비엽70%에탄올유동엑스)|4|-|3|-|식후 30|oral"),
                             QStringLiteral("671706160|제뉴원실로스타졸서방캡슐|2|-|3|7|식후 30|oral"),
                             QStringLiteral("650300161|네오세프건조시럽|10|-|3|7|식후 30 분|oral") };

        QTest::newRow("table crop starting at a misread header row (rx0011 table scan)")
            << QStringList { QStringLiteral("코드@59 약@249 품@278 명@302 ot@933 Rt@1061 UF@1157 용법@1249"),
                             QStringLiteral("669604780@59 아이셀콕캡슐200밀리그램@249 1@1041 3@1118 3@1212 식후@1251 30분@1308"),
                             QStringLiteral("652900251@59 두배락산@248 1@1041 2@1117 3@1212 식후@1251 30@1308 분@1338") }
            << QStringList { QStringLiteral("669604780|아이셀콕캡슐200밀리그램|1|-|3|3|식후 30분|oral"),
                             QStringLiteral("652900251|두배락산|1|-|2|3|식후 30 분|oral") };

        QTest::newRow("days a space before the usage '1일 2-3회': not 31 days (rx0008 table scan)")
            << QStringList { QStringLiteral("코드@94 약품명@285 투약량@978 횟수@1106 일수@1202 용법@1297"),
                             QStringLiteral("057200141@94 라미실크림1%(테르비나핀염산염)@286 1g@1068 3@1162 3@1258 1@1299 일@1316 2-3@1342 회@1390 바름@1421") }
            << QStringList { QStringLiteral("057200141|라미실크림1%(테르비나핀염산염)|1|g|3|3|1 일 2-3 회 바름|oral") };

        QTest::newRow("days a space before a misread '19': not 319 days (rx0011 table scan)")
            << QStringList { QStringLiteral("641100332@59 카네스텐크림@250 1@1041 3@1118 3@1212 19@1253%48 2-33]@1297 HRS@1374"),
                             QStringLiteral("669604780@59 아이셀콕캡슐@249 1@1041 3@1118 3@1212 식후@1251 30분@1308") }
            << QStringList { QStringLiteral("641100332|카네스텐크림|1|-|3|3|2-33] HRS|oral"),
                             QStringLiteral("669604780|아이셀콕캡슐|1|-|3|3|식후 30분|oral") };

        QTest::newRow("dose unreadable ('lg'): the row's numbers by the columns, not shifted by one (rx0008 table scan)")
            << QStringList { QStringLiteral("코드@94 약@285 품@318 명@349 soe@978 a4@1106 일수@1202 용법@1297"),
                             QStringLiteral("658700510@94 스프라이셀정100밀리그램@286 1@1058 정@1075 3@1162 4@1257 식@1298 후@1322 즉시@1350"),
                             QStringLiteral("057200141@94 라미실크림1%@286 18@1068 3@1162 3@1258 1@1299 일@1316 2-3@1342 회@1390 바름@1421"),
                             QStringLiteral("626700171@94 아드반탄연고@286 lg@1068 1@1163 3@1258 1@1299 일@1316 2-3@1342 회@1390 바름@1421"),
                             QStringLiteral("693903010@94 올디피정@286 2@1056 정@1073 3@1162 4@1257 식@1298 후@1322 즉시@1350") }
            << QStringList { QStringLiteral("658700510|스프라이셀정100밀리그램|1|정|3|4|식 후 즉시|oral"),
                             QStringLiteral("057200141|라미실크림1%|18|-|3|3|1 일 2-3 회 바름|oral"),
                             QStringLiteral("626700171|아드반탄연고|-|-|1|3|1 일 2-3 회 바름|oral"),
                             QStringLiteral("693903010|올디피정|2|정|3|4|식 후 즉시|oral") };

        QTest::newRow("footer 사용기간 ends the table")
            << QStringList { statHeader1, statHeader2, statHeader3,
                             QStringLiteral("628900400@122 라베라정@313 1.00@1025 3@1198 3@1350"),
                             QStringLiteral("사용기간@153 교부일로부터@321 (@518 3@537 )일간@566") }
            << QStringList { QStringLiteral("628900400|라베라정|1|-|3|3|-|oral") };
    }

    void parsesRows()
    {
        QFETCH(QStringList, page);
        QFETCH(QStringList, expected);
        const ParsedPage parsed = parsePage(test::pageFromSpecs(page));
        QStringList got;
        for (const auto& item : parsed.prescription.items)
            got.append(describe(item));
        QCOMPARE(got, expected);
    }

    void rowsCarryBoxesAndCells()
    {
        const ParsedPage parsed = parsePage(test::pageFromSpecs({
            QStringLiteral("코드@126 약품명@317 투약량@1000 횟수@1127 일수@1222 용법@1315"),
            QStringLiteral("649702020@128 리로우펜캡슐@318 1@1053 3@1182 3@1276 식후즉시@1316"),
        }));
        QCOMPARE(parsed.rows.size(), 1);
        const auto& item = parsed.rows.first().item;
        QCOMPARE(item.ediCode.box, QRect(128, 160, 135, 28));
        QCOMPARE(item.days.box, QRect(1276, 160, 15, 28));
        QVERIFY(item.box.contains(item.dose.box));
        QVERIFY(parsed.rows.first().cells.contains(Column::Days));
    }

    // A dose cell whose words read as no number ("We" for 1캡슐, measured on a scan) keeps where
    // those words stand, without the end of a long name reaching into the column.
    void unreadDoseKeepsItsWords()
    {
        const ParsedPage parsed = parsePage(test::pageFromSpecs({
            QStringLiteral("ac@175 약품명@368 투약량@1052 횟수@1178 일수@1273 용법@1367"),
            QStringLiteral("657807020@180 오메가원연질캡슬(오메가-3-산에틸에스테@368 르@860 90)@887 Wa@1107 1@1236 3@1328 식후@1368"),
            QStringLiteral("646000120@180 뉴로닌캡슐@368 1정@1100 2@1233 3@1328 식후@1368"),
        }));
        QCOMPARE(parsed.rows.size(), 2);
        QVERIFY(!parsed.rows[0].item.dose.hasValue());
        QCOMPARE(parsed.rows[0].unreadDose, QRect(1107, 160, 30, 28));
        QVERIFY(parsed.rows[1].unreadDose.isNull());  // read as a number: nothing to mark
    }

    void lowConfidenceWordsKeepTheirConfidence()
    {
        const ParsedPage parsed = parsePage(test::pageFromSpecs({
            QStringLiteral("코드@126 약품명@317 투약량@1000 횟수@1127 일수@1222 용법@1315"),
            QStringLiteral("649702020@128 리로우펜캡슐@318 1@1053 3@1182%40 3@1276 식후즉시@1316"),
        }));
        QCOMPARE(parsed.prescription.items.size(), 1);
        QCOMPARE(parsed.prescription.items.first().timesPerDay.confidence, 0.40);
        QCOMPARE(parsed.prescription.items.first().days.confidence, 0.95);
    }
};

QTEST_GUILESS_MAIN(TestTableParser)
#include "test_tableparser.moc"
