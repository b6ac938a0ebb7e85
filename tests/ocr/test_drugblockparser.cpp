// SPDX-License-Identifier: GPL-3.0-or-later
// Drug lines written as blocks (telemedicine e-prescriptions) on recognised words, no images: a
// named row per app shape and OCR quirk, and rows for text that must never become a drug line.
#include "PageTextBuilder.h"

#include "pharmdesk/ocr/DrugBlockParser.h"
#include "pharmdesk/ocr/FormParser.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

class TestDrugBlockParser : public QObject
{
    Q_OBJECT

private:
    /// "code|name|dose|unit|times|days|usage" with "-" for a field not read.
    static QString describe(const core::PrescriptionItem& i)
    {
        auto str = [](const auto& f) { return f.hasValue() ? QVariant(*f).toString() : QStringLiteral("-"); };
        return QStringList { str(i.ediCode), str(i.nameAsRead), str(i.dose), i.doseUnit.isEmpty() ? QStringLiteral("-") : i.doseUnit,
                             str(i.timesPerDay), str(i.days), str(i.usage) }
            .join(QLatin1Char('|'));
    }

    static QStringList patientAndClinicCards()
    {
        return {
            QStringLiteral("교@41 부@83 일자@130 2025-06-19@179"),
            QStringLiteral("환자@75 정보@156"),
            QStringLiteral("성명@76 임@327 혜진@361"),
            QStringLiteral("주민등록번호@73 640407-2******@325"),
            QStringLiteral("의@76 료@99 기@128 관@149 명@174 튼@325 튼@360 의원@390"),
            QStringLiteral("요@74 양@99 기@128 관@150 기호@176 38155662@326"),
            QStringLiteral("면@77 허@107 번호@126 의사@327 제@411 637001@433 호@524"),
            QStringLiteral("사@77 용@105 기@129 간@153 교@326 부@364 일@394 로@424 부터@443 7@512 일@530"),
        };
    }

private Q_SLOTS:
    void parsesBlocks_data()
    {
        QTest::addColumn<QStringList>("page");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("phone screenshot: number and name, code, detail (rx0003-clean)")
            << (patientAndClinicCards()
                + QStringList {
                    QStringLiteral("처방@75 의약품@152 총@1013 2@1042 종@1062"),
                    QStringLiteral("1@77%48 에@138 소@168 듀@202 오@233 에@267 스@297 정@343 20/700@354 밀@441 리@471 그@503 램@534"),
                    QStringLiteral("보@137 험@170 코드@203 643309320@244"),
                    QStringLiteral("1@140 회@157 1@190 정@211 ㆍ@238 1@256 일@270 3@304 회@326 ㆍ@354 7@371 일@387 ㆍ@421 식@437 후@469 30@510 분@541"),
                    QStringLiteral("2@74 비@138 오@167 루@199 스@231 산@259 (@286 바@300 실@328 루@360 스@389 균@627 )@648"),
                    QStringLiteral("보@137 험@171 코@197 드@226 651204451@244"),
                    QStringLiteral("1@140 회@160 0.5@189 포@233 ㆍ@261 1@279 일@293 3@327 회@350 ㆍ@377 5@393 일@410 ㆍ@444 식@460 후@491 30@533 분@563"),
                    QStringLiteral("Oh@440%70"),
                    QStringLiteral("약@393 국@427 에서@472 OR-S@500%40 보@577 여@599 주@632 세요@676"),
                })
            << QStringList { QStringLiteral("643309320|에소듀오에스정20/700밀리그램|1|정|3|7|식후 30분"),
                             QStringLiteral("651204451|비오루스산(바실루스균)|0.5|포|3|5|식후 30분") };

        QTest::newRow("detail words joined, separators as middle dots")
            << QStringList { QStringLiteral("처방@75 의약품@152"), QStringLiteral("타이레놀정500밀리그람@138"),
                             QStringLiteral("보험코드@137 645301220@260"),
                             QStringLiteral("1회@140 1정@200 ·@240 1일@260 3회@320 ·@370 3일@390 ·@440 식후@460 30분@530") }
            << QStringList { QStringLiteral("645301220|타이레놀정500밀리그람|1|정|3|3|식후 30분") };

        QTest::newRow("code under the detail, name first")
            << QStringList { QStringLiteral("처방약@75"), QStringLiteral("타이레놀정500밀리그람@138"),
                             QStringLiteral("1회@140 1정@200 ·@240 1일@260 3회@320 ·@370 5일@390"),
                             QStringLiteral("보험코드@137 645301220@260"), QStringLiteral("라베라정20mg@138"),
                             QStringLiteral("1회@140 1정@200 ·@240 1일@260 1회@320 ·@370 14일@390"),
                             QStringLiteral("보험코드@137 628900400@260") }
            << QStringList { QStringLiteral("645301220|타이레놀정500밀리그람|1|정|3|5|-"),
                             QStringLiteral("628900400|라베라정20mg|1|정|1|14|-") };

        QTest::newRow("code and name on one line, detail below")
            << QStringList { QStringLiteral("645301220@100 타이레놀정@300"),
                             QStringLiteral("1회@140 2정@200 ,@240 1일@260 2회@320 ,@370 7일분@390"),
                             QStringLiteral("628900400@100 라베라정@300"),
                             QStringLiteral("1회@140 1정@200 ,@240 1일@260 1회@320 ,@370 7일분@390") }
            << QStringList { QStringLiteral("645301220|타이레놀정|2|정|2|7|-"),
                             QStringLiteral("628900400|라베라정|1|정|1|7|-") };

        QTest::newRow("no code printed, 하루 N번 and 총 N일")
            << QStringList { QStringLiteral("부루펜시럽@138"), QStringLiteral("1회@140 5mL@200 /@260 하루@280 3번@340 /@390 총@410 3일@440") }
            << QStringList { QStringLiteral("-|부루펜시럽|5|mL|3|3|-") };

        QTest::newRow("detail first, then name and code")
            << QStringList { QStringLiteral("1회@140 1정@200 ·@240 1일@260 3회@320 ·@370 5일@390"),
                             QStringLiteral("타이레놀정500밀리그람@138"), QStringLiteral("보험코드@137 645301220@260"),
                             QStringLiteral("1회@140 1캡슐@200 ·@260 1일@280 2회@340 ·@390 7일@410"),
                             QStringLiteral("리로우펜캡슐@138"), QStringLiteral("보험코드@137 649702020@260") }
            << QStringList { QStringLiteral("645301220|타이레놀정500밀리그람|1|정|3|5|-"),
                             QStringLiteral("649702020|리로우펜캡슐|1|캡슐|2|7|-") };

        QTest::newRow("dose label misread '13]': the dose by its unit, times after a garbled 1일 (rx0007-scan)")
            << QStringList { QStringLiteral("ㅣ@75%43 비@136 오@166 루@197 스@229 산@260"),
                             QStringLiteral("보@140 험@164 코드@196 651204451@244"),
                             QStringLiteral("13]@136%88 1@185%80 포@197%51 ㆍ@233 ‥1@237%41 일@265 2@296 회@320%76 ㆍ@349 30@362 일@393 ㆍ@430 식@447 후@478 30@520 분@550") }
            << QStringList { QStringLiteral("651204451|비오루스산|1|포|2|30|식후 30분") };

        QTest::newRow("usage holding its own '1일 2-3회': times from the first (rx0007 line 3)")
            << QStringList { QStringLiteral("3@71 피@135 엘@169 타@200 손@232 크@263 림@295"), QStringLiteral("보@136 험@164 코드@188 658602931@244"),
                             QStringLiteral("1@136 회@150 1g@184 ㆍ@220 1@235 일@250 1@284 회@307 ㆍ@334 30@346 일@379 ㆍ@413 1@431 일@447 2-3@486 회@532 바름@575") }
            << QStringList { QStringLiteral("658602931|피엘타손크림|1|g|1|30|1일 2-3회 바름") };

        QTest::newRow("garbled dose: left empty, never guessed (rx0005-clean line 3)")
            << QStringList { QStringLiteral("3@75 명@138 인@166 트@197 라@226 조@253 돈@283 캡@312 슬@342 25@363 밀@396 리@425 그@455 램@484"),
                             QStringLiteral("보@137 험@169 코드@207 651900890@237"),
                             QStringLiteral("1@140 회@158 1248-12@188%35 3@327 회@347 ㆍ@375 5@391 일@407 ㆍ@441 식@457 후@487 30@527 분@557") }
            << QStringList { QStringLiteral("651900890|명인트라조돈캡슬25밀리그램|-|-|3|5|식후 30분") };

        QTest::newRow("mL misread '501L': dose empty (rx0005 line 2)")
            << QStringList { QStringLiteral("2@75 트@136 리@167 렙@197 탈@226 현@259 탁@288 액@331"),
                             QStringLiteral("보@137 험@183 코@207 드@220 653601171@236"),
                             QStringLiteral("1@140 회@159 501Ｌ@185%66 ㆍ@251 1@268 일@283 3@316 회@337 ㆍ@364 5@380 일@397 ㆍ@431 식@446 후@475 30@517 분@547") }
            << QStringList { QStringLiteral("653601171|트리렙탈현탁액|-|-|3|5|식후 30분") };

        QTest::newRow("code label with an unreadable code: no code")
            << QStringList { QStringLiteral("타이레놀정@138"), QStringLiteral("보험코드@137 64530l@260%30"),
                             QStringLiteral("1회@140 1정@200 ·@240 1일@260 3회@320 ·@370 3일@390") }
            << QStringList { QStringLiteral("-|타이레놀정|1|정|3|3|-") };

        QTest::newRow("code lines of the first and last block unread: blocks stay whole (rx0003-scan)")
            << QStringList { QStringLiteral("|@113 용@126 기간@178 교@345 부@383 일@411 로@440 부터@461 7@530 일@547"),
                             QStringLiteral("1@100%56 에@159 소@190 듀@222 오@253 에@285 스@316 정@362"),
                             QStringLiteral("13]@163 1@212 정@225 ㆍ@258 1@278 일@290 3@324 회@344 ㆍ@373 7@390 일@405 ㆍ@439 식@457 후@484 30@520 분@550"),
                             QStringLiteral("2@98 비@160%55 오@189 루@220 스@251 산@282"), QStringLiteral("보@164 험@191 코드@217 651204451@265%67"),
                             QStringLiteral("1@163 회@180 0.5@210 포@254 ㆍ@281 1@300 일@313 3@347 회@368 ㆍ@396 5@412 일@428 ㆍ@461 식@480 후@510 30@545 분@575"),
                             QStringLiteral("3@98 순@158 앤@194 로@229 션@275"),
                             QStringLiteral("1@163 회@182 18@212 ㆍ@239 1@265 일@278 3@312 회@334 ㆍ@361 7@378 일@393 ㆍ@427 환@443 부@470 에@496 도포@530"),
                             QStringLiteral("매@458%88") }
            << QStringList { QStringLiteral("-|에소듀오에스정|1|정|3|7|식후 30분"), QStringLiteral("651204451|비오루스산|0.5|포|3|5|식후 30분"),
                             QStringLiteral("-|순앤로션|-|-|3|7|환부에도포") };

        QTest::newRow("detail with times and dose unreadable still holds its block (rx0007-scan line 5)")
            << QStringList { QStringLiteral("4@70 쿨@134 타@168 임@200 정@232"), QStringLiteral("보@136 험@195 코@203 드@229 662501630@250"),
                             QStringLiteral("1@136 회@154 1@184 정@205 ㆍ@232 1@250 일@264 2@295 회@321 ㆍ@347 30@361 일@394 ㆍ@429 식@446 후@473 즉시@502"),
                             QStringLiteral("5@71 엘@135%52 리@166 도@199 스@230 캡@263 슬@294"), QStringLiteral("보@139 험@163 코@195 드@243 661604660@249"),
                             QStringLiteral("1@136 회@154 1AS-19@184%0 23)@323 ㆍ@377 30@389 일@422 ㆍ@456 식@474 후@501 즉@530 시@559"),
                             QStringLiteral("6@70 덱@135 시@166 딜@198 시@231 럽@261"), QStringLiteral("보@139 험@163 코@195 드@224 644604051@243"),
                             QStringLiteral("13]@135 40Ｌ@180 ㆍ@233 1@260 일@275 2@306 회@330 ㆍ@358 25@372 일@404 ㆍ@439 식@456 후@483 즉@511 시@540") }
            << QStringList { QStringLiteral("662501630|쿨타임정|1|정|2|30|식후즉시"), QStringLiteral("661604660|엘리도스캡슬|-|-|-|30|식후즉시"),
                             QStringLiteral("644604051|덱시딜시럽|-|-|2|25|식후즉시") };

        QTest::newRow("cards, titles and QR caption only: no drug line")
            << (patientAndClinicCards()
                + QStringList { QStringLiteral("처방@75 의약품@152 총@1013 3@1042 종@1062"), QStringLiteral("re@435%36"),
                                QStringLiteral("약@393 국@427 에서@472 QR을@500 보@577 여@599 주@632 세요@676"),
                                QStringLiteral("본@290 처방전은@330 비대면@450 진료를@540 통해@640 발급되었습니다.@720") })
            << QStringList {};

        QTest::newRow("a lone count line is no detail")
            << QStringList { QStringLiteral("타이레놀정@138"), QStringLiteral("1일@140 3회@200") } << QStringList {};
    }

    void parsesBlocks()
    {
        QFETCH(QStringList, page);
        QFETCH(QStringList, expected);
        const ParsedPage parsed = parsePage(test::pageFromSpecs(page, 1080));
        QStringList got;
        for (const auto& item : parsed.prescription.items)
            got.append(describe(item));
        QCOMPARE(got, expected);
    }

    void pageShapeReadsAsATable()
    {
        // The app's page shape prints a table: its header decides, no blocks are looked for.
        const ParsedPage parsed = parsePage(test::pageFromSpecs({
            QStringLiteral("처방@95 의약품@170 총@1090 2@1120 종@1140"),
            QStringLiteral("코드@95 약품명@260 1회@690 투약량@720 1일@810 투여횟수@840 총@930 투약일수@960 용법@1045"),
            QStringLiteral("657306851@95 엑스펜시럽(덱시부프로펜)@260 10.00mL@700 3@880 1@1000 식후@1045 30분@1100"),
            QStringLiteral("644308810@95 뉴펙스듀오정5mg/10mg@260 1.00정@720 3@880 5@1000 식후@1045 30분@1100"),
        }));
        QVERIFY(parsed.table.has_value());
        QStringList got;
        for (const auto& item : parsed.prescription.items)
            got.append(describe(item));
        QCOMPARE(got, (QStringList { QStringLiteral("657306851|엑스펜시럽(덱시부프로펜)|10|mL|3|1|식후 30분"),
                                     QStringLiteral("644308810|뉴펙스듀오정5mg/10mg|1|정|3|5|식후 30분") }));
        QVERIFY(parsed.prescription.reviewReasons.isEmpty());
    }

    void countPrintedAboveTheList_data()
    {
        QTest::addColumn<QStringList>("page");
        QTest::addColumn<bool>("flagged");
        const QStringList block = { QStringLiteral("타이레놀정@138"), QStringLiteral("보험코드@137 645301220@260"),
                                    QStringLiteral("1회@140 1정@200 ·@240 1일@260 3회@320 ·@370 3일@390") };
        QTest::newRow("총 1종, one read") << (QStringList { QStringLiteral("처방@75 의약품@152 총@1013 1@1042 종@1062") } + block) << false;
        QTest::newRow("총 2종, one read") << (QStringList { QStringLiteral("처방@75 의약품@152 총@1013 2@1042 종@1062") } + block) << true;
        QTest::newRow("no count printed") << (QStringList { QStringLiteral("처방@75 의약품@152") } + block) << false;
    }

    void countPrintedAboveTheList()
    {
        QFETCH(QStringList, page);
        QFETCH(bool, flagged);
        const ParsedPage parsed = parsePage(test::pageFromSpecs(page, 1080));
        QCOMPARE(parsed.prescription.items.size(), 1);
        const bool missing = std::any_of(parsed.prescription.reviewReasons.cbegin(), parsed.prescription.reviewReasons.cend(),
                                         [](const core::ReviewReason& r) {
                                             return r.kind == core::ReviewReason::Kind::Missing && r.field == QStringLiteral("items");
                                         });
        QCOMPARE(missing, flagged);
    }

    void detailFieldsCarryBoxesAndConfidence()
    {
        // "1회 1정 · 1일 3회 · 7일": each number's own box inside its word, the word's confidence.
        const OcrLine line = test::lineFromSpec(QStringLiteral("1회@140 1정@200%80 ·@240 1일@260 3회@320%70 ·@370 7일@390"), 100);
        const auto detail = parseDrugDetail(line);
        QVERIFY(detail.has_value());
        QCOMPARE(detail->labelled, 3);
        QCOMPARE(detail->dose.confidence, 0.80);
        QCOMPARE(detail->doseText, QStringLiteral("1정"));
        QCOMPARE(detail->dose.box, line.words[1].box);
        QCOMPARE(detail->timesPerDay.confidence, 0.70);
        // "3회" is 15 + 28 px wide: the digit is its left part only.
        QCOMPARE(detail->timesPerDay.box.left(), 320);
        QVERIFY(detail->timesPerDay.box.width() < 25);
        QCOMPARE(detail->days.box.left(), 390);
        QVERIFY(detail->days.box.right() < 390 + 25);
    }

    void unlabelledNumbersStayUnderReview()
    {
        // "1회" misread as "13]": the dose is taken by its unit, never as certain.
        const auto detail = parseDrugDetail(test::lineFromSpec(QStringLiteral("13]@136 1포@185 ㆍ@233 1일@250 2회@296 ㆍ@349 30일@362"), 100));
        QVERIFY(detail.has_value());
        QCOMPARE(*detail->dose, 1.0);
        QVERIFY(detail->dose.confidence <= kUnlabelledConfidence);
        QCOMPARE(detail->timesPerDay.confidence, 0.95);
    }

    void rejectsWhatIsNoDetail_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("validity") << QStringLiteral("사용기간@77 교부일로부터@326 7일@512");
        QTest::newRow("table row without labels") << QStringLiteral("645301220@122 타이레놀정@313 1정@1025 3@1198 5@1350");
        QTest::newRow("count title") << QStringLiteral("처방@75 의약품@152 총@1013 3@1042 종@1062");
        QTest::newRow("times only") << QStringLiteral("1일@140 3회@200 식후@260");
        QTest::newRow("date") << QStringLiteral("교부일자@41 2025년@179 6월@280 19일@340");
    }

    void rejectsWhatIsNoDetail()
    {
        QFETCH(QString, spec);
        QVERIFY(!parseDrugDetail(test::lineFromSpec(spec, 100)).has_value());
    }
};

QTEST_GUILESS_MAIN(TestDrugBlockParser)
#include "test_drugblockparser.moc"
