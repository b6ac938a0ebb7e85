// SPDX-License-Identifier: GPL-3.0-or-later
// Header fields by label, on word layouts as Tesseract returns them for each layout.
#include "PageTextBuilder.h"

#include "pharmdesk/ocr/FormParser.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::ocr;

class TestHeaderParser : public QObject
{
    Q_OBJECT

private:
    static QString show(const core::Prescription& p)
    {
        auto s = [](const core::Field<QString>& f) { return f.valueOr(QStringLiteral("-")); };
        return QStringList { p.issueDate.hasValue() ? p.issueDate->toString(Qt::ISODate) : QStringLiteral("-"), s(p.issueNumber),
                             s(p.institution.code), s(p.institution.name), s(p.institution.phone), s(p.patient.name),
                             p.patient.maskedRrn().isEmpty() ? QStringLiteral("-") : p.patient.maskedRrn(),
                             p.diagnosisCodes.hasValue() ? p.diagnosisCodes->join(QLatin1Char(',')) : QStringLiteral("-"),
                             s(p.prescriber.name), s(p.prescriber.licenseType), s(p.prescriber.licenseNumber),
                             p.validityDays.hasValue() ? QString::number(*p.validityDays) : QStringLiteral("-") }
            .join(QLatin1Char('|'));
    }

private Q_SLOTS:
    void fields_data()
    {
        QTest::addColumn<QStringList>("page");
        QTest::addColumn<QString>("expected");

        QTest::newRow("statutory form, two-line labels")
            << QStringList {
                   QStringLiteral("의료법@137 시행규칙@212 [별지@308 제9호서식]@371 <개정@487 2017.@549 3.@621 7.>@649"),
                   QStringLiteral("의료보험@143 요양기관기호:@1170 3@1330 1@1360 3@1390 9@1420 6@1450 4@1480 7@1510 7@1540"),
                   QStringLiteral("교부@173 연월일@233 명칭@1095 푸른비뇨의학과의원@1247"),
                   QStringLiteral("2026@393 년@472 01@513 월@555 22@592 일@639 -@672 제@693 01769@733 호@841"),
                   QStringLiteral("및@201 번호@234 전화번호@1073 02-200-6607@1248"),
                   QStringLiteral("환@140 성명@284 김시민@448 기@959 팩스번호@1072 02-4854-3959@1248"),
                   QStringLiteral("자@140 주민등록번호@236 510525-1760666@448 e-mail@1055 주소@1139"),
                   QStringLiteral("질병@174 처방@628 최태석@767 면허종별@1269 의사@1425"),
                   QStringLiteral("분류@173 J02.9@303 의료인의@604"),
                   QStringLiteral("기호@175 성명@628 (서명@1049 또는@1107 날인)@1160 면허번호@1269 83237@1426"),
                   QStringLiteral("사용기간@153 |@301 교부일로부터@321 (@518 3@537 )일간@566") }
            << QStringLiteral("2026-01-22|01769|31396477|푸른비뇨의학과의원|02-200-6607|김시민|510525-1******|J02.9|최태석|의사|83237|3");

        QTest::newRow("hospital printout, colon-separated labels")
            << QStringList {
                   QStringLiteral("TEL@119 02-980-4333@165 FAX@327"),
                   QStringLiteral("요양기관기호@126 :@318 38290105@333 의료기관명@607 ：@782 동네정형외과의원@797 보험구분@1079 ：@1223 의료보험@1238"),
                   QStringLiteral("전화번호@127 :@318 02-980-4333@333 팩스번호@607 :@782 교부번호@1079 :@1223 02204@1238"),
                   QStringLiteral("환자명@127 :@318 김원희@334 주민번호@607 :@782 370106-1181902@798 진료과@1080 :@1223 정형외과@1243"),
                   QStringLiteral("처방일자@127 :@318 2025-08-15@333 상병코드@607 :@782 J01.9,@828 G47.0@914 사용기간@1080 :@1223 교부일로부터@1238 3@1404 일@1422"),
                   QStringLiteral("의사명@127 :@318 정@338 정@362 희@386 면허종별@609 :@782 의사@797 면허번호@1081 :@1223 206175@1238"),
                   QStringLiteral("동네정형외과의원@1153 2025-08-15@1329 출력@1451") }
            << QStringLiteral("2025-08-15|02204|38290105|동네정형외과의원|02-980-4333|김원희|370106-1******|J01.9,G47.0|정정희|의사|206175|3");

        QTest::newRow("digits misread as letters where the field is all digits")
            << QStringList { QStringLiteral("요양기관기호@126 :@318 3829O1O5@333"),
                             QStringLiteral("환자명@127 :@318 김원희@334 주민번호@607 :@782 37O1O6-1181902@798"),
                             QStringLiteral("면허번호@1081 :@1223 2O6l75@1238") }
            << QStringLiteral("-|-|38290105|-|-|김원희|370106-1******|-|-|-|206175|-");

        QTest::newRow("stray digit before the resident number")
            << QStringList { QStringLiteral("자@118 주민등록번호@203 8@369 181010-4901951@392 8061@928 주소@1004") }
            << QStringLiteral("-|-|-|-|-|-|181010-4******|-|-|-|-|-");

        QTest::newRow("prescriber name before 면허종별, labels misread")
            << QStringList { QStringLiteral("as@148 AS@550 이승민@674 면허종별@1117 의사@1255") }
            << QStringLiteral("-|-|-|-|-|-|-|-|이승민|의사|-|-");

        QTest::newRow("the fax machine's line is no issue date")
            << QStringList { QStringLiteral("2026-10-06@80 17:34@226 FAX@345 02-540-5574@397 P.061/001@596"),
                             QStringLiteral("교부@173 연월일@233 명칭@1095 푸른의원@1247"),
                             QStringLiteral("2025@393 년@472 06@513 월@555 20@592 일@639 -@672 제@693 00680@733 호@841") }
            << QStringLiteral("2025-06-20|00680|-|푸른의원|-|-|-|-|-|-|-|-");

        QTest::newRow("letter-spaced name, a word after it is no part of it")
            << QStringList { QStringLiteral("의사명@132 :@320 최@337 민@369 석@401 영해@452 면허종별@612 :@785 의사@802") }
            << QStringLiteral("-|-|-|-|-|-|-|-|최민석|의사|-|-");

        QTest::newRow("surname apart, before 면허종별, the label garbled into syllables")
            << QStringList { QStringLiteral("ae@148 저랑@550 배@676 연서@709 면@1115 허@1152 종별@1170 의사@1258") }
            << QStringLiteral("-|-|-|-|-|-|-|-|배연서|의사|-|-");

        QTest::newRow("impossible date and resident number are not kept")
            << QStringList { QStringLiteral("처방일자@127 :@318 2025-02-30@333"),
                             QStringLiteral("환자명@127 :@318 김원희@334 주민번호@607 :@782 371306-1181902@798") }
            << QStringLiteral("-|-|-|-|-|김원희|-|-|-|-|-|-");

        // Regressions from the 100-image evaluation (seed 31337):
        QTest::newRow("statutory codes beside 질병 and 기호, title 처방전 first (rx0009)")
            << QStringList { QStringLiteral("처@600 방@650 전@700"),
                             QStringLiteral("질병@168 N40@285 처방@569 이@695 연@729 린@756 면@1135 허@1161 종별@1185 의사@1276"),
                             QStringLiteral("분류@167 의@547 료@573 인@595 의@617"),
                             QStringLiteral("기호@167 R35@285 성명@569 (서명@935 또는@990 날인.@1039 면@1135 허@1161 번호@1191 956223@1276") }
            << QStringLiteral("-|-|-|-|-|-|-|N40,R35|이연린|의사|956223|-");
        QTest::newRow("KCD digits read as letters, 면혀번호, a name with specks after it (rx0006)")
            << QStringList { QStringLiteral("처@132 방@160 일자@183 :2025.09.04@323 상@612 병@641 코@663 드@688 :@787 JOO@802 사@1084 용@1112 기@1135 간@1160"),
                             QStringLiteral("의@132 사@158 명@181 :@323 윤@338 예@380 혁@396 .@435 1@448 \"@466 타의@467 은@500 면@614 허@636 종별@663 :@737 의@800 사@824 면@1086 혀@1114 번호@1154 :811282@1228") }
            << QStringLiteral("2025-09-04|-|-|-|-|-|-|J00|윤예혁|의사|811282|-");
        QTest::newRow("처방 glued to other words is no prescriber label")
            << QStringList { QStringLiteral("처방내역@300 이하@500"), QStringLiteral("조제시@100 처방의@300 변경@420 수정@520"),
                             QStringLiteral("처방@325 oe@352 의약품의@382 명칭@481"), QStringLiteral("원외@458 처방@505 [@538 ])@565 처방의@700 변경@800") }
            << QStringLiteral("-|-|-|-|-|-|-|-|-|-|-|-");
        QTest::newRow("the pharmacy's 명칭 and the footer's 처방의 변경 (rx0001)")
            << QStringList { QStringLiteral("조@204 제@229 기@253 관@276 의@296 명칭@326 처@1143 방@1164 의@1182 변@1212 경@1233 -@1253 수@1258 정@1280") }
            << QStringLiteral("-|-|-|-|-|-|-|-|-|-|-|-");
        QTest::newRow("letter-spaced name before 면허종별, labels misread (rx0001)")
            << QStringList { QStringLiteral("as@141 Ag@542 김@667 도@694 온@722 면@1110 허@1134 종별@1160 의사@1248") }
            << QStringLiteral("-|-|-|-|-|-|-|-|김도온|의사|-|-");
        QTest::newRow("one syllable of a long label misread: 면히번호 (rx0004)")
            << QStringList { QStringLiteral("의사명@128 :@320 임민린@345 면@1081 히@1110 번호.@1138 :@1225 43333@1242") }
            << QStringLiteral("-|-|-|-|-|-|-|-|임민린|-|43333|-");
        QTest::newRow("a long label's first syllable misread is another word")
            << QStringList { QStringLiteral("연허번호@128 :@320 43333@345") }
            << QStringLiteral("-|-|-|-|-|-|-|-|-|-|-|-");
        QTest::newRow("a seal read as Latin letters over the name's end (rx0007)")
            << QStringList { QStringLiteral("질병@143 처방@545 김진수@672 or@676 Prone:@928 Seer@952 면@1110 5@1137 허@1140 종별@1182"),
                             QStringLiteral("분류@144 의료인의@545") }
            << QStringLiteral("-|-|-|-|-|-|-|-|김진수|-|-|-");
        QTest::newRow("the end of 의료인의 misread is no name (rx0003)")
            << QStringList { QStringLiteral("질병@143 처방@545"), QStringLiteral("분류@144 로인의@545 면허종별@1110") }
            << QStringLiteral("-|-|-|-|-|-|-|-|-|-|-|-");
        QTest::newRow("revision date misread around, issue day unreadable (rx0047-lowres)")
            << QStringList { QStringLiteral("(명지@238 BOSAMA)@289 CNB@380 2017.@435 3.@486 7.>@510"),
                             QStringLiteral("교부@124 및@143 연월일@170 번호@171 2025@281 년@334 02@362 월@389 00@418 일@447 -@476 제@505 00240@534 호@609") }
            << QStringLiteral("-|00240|-|-|-|-|-|-|-|-|-|-");
        QTest::newRow("a speck far right of the licence number is no digit of it (rx0031-photo)")
            << QStringList { QStringLiteral("성명@536 면@1069 허@1094 번호@1121 ㅣ@1180 25805@1201 4@1465") }
            << QStringLiteral("-|-|-|-|-|-|-|-|-|-|25805|-");
        QTest::newRow("digits one per box, some read together (rx0037)")
            << QStringList { QStringLiteral("요양기관기호@1165 2@1338 12@1382 9@1418 8@1448 5@1473 4@1492 7@1520") }
            << QStringLiteral("-|-|21298547|-|-|-|-|-|-|-|-|-");
        QTest::newRow("a word of an unrelated label is no KCD code")
            << QStringList { QStringLiteral("분류@167 AB12@285 처방@569"), QStringLiteral("기호@167 X1@285") }
            << QStringLiteral("-|-|-|-|-|-|-|-|-|-|-|-");

        // Measured on a clean hospital print: the surname read as a word of its own before the
        // given name ("최 준주"), the licence kind's label letter by letter.
        QTest::newRow("surname apart from the given name")
            << QStringList { QStringLiteral("의사명@132 :@320 최@337 준주@381 면@612 허@642 종@668 별@695 :@785 의@802 사@832 면@1085 허@1120 번호@1162 _:@1212 67698@1239") }
            << QStringLiteral("-|-|-|-|-|-|-|-|최준주|의사|67698|-");

        QTest::newRow("label fragments are never names")
            << QStringList { QStringLiteral("처방@127 일자@181 :@318 2025-08-15@333"), QStringLiteral("처방@628 의료인의@700") }
            << QStringLiteral("2025-08-15|-|-|-|-|-|-|-|-|-|-|-");
    }

    // A header word the page read as Latin letters is read again alone; the new reading is
    // taken for a label only when it is exactly one (LabelRescue.cpp).
    void garbledLabels_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("readAsLatin");
        QTest::addColumn<QString>("readAgain");
        QTest::addColumn<QString>("label");
        // Measured on clean hospital prints: a bold 교부번호 read as "DHHS", 면허번호 as "Hays".
        QTest::newRow("bold 교부번호") << QStringLiteral("DHHS") << true << QStringLiteral("교 부 번호") << QStringLiteral("교부번호");
        QTest::newRow("with its colon") << QStringLiteral("Hays:") << true << QStringLiteral("면허번호 :") << QStringLiteral("면허번호");
        QTest::newRow("statutory 처방") << QStringLiteral("MW") << true << QStringLiteral("처방") << QStringLiteral("처방");
        QTest::newRow("checkbox, no label") << QStringLiteral("Mosea") << true << QStringLiteral("[/1 의 료 보험") << QString();
        QTest::newRow("label and value together") << QStringLiteral("DHHS") << true << QStringLiteral("교부번호 01833") << QString();
        QTest::newRow("a single letter") << QStringLiteral("x") << false << QString() << QString();
        QTest::newRow("TEL is a label as printed") << QStringLiteral("TEL") << false << QString() << QString();
        QTest::newRow("a value with digits") << QStringLiteral("J06.9") << false << QString() << QString();
        QTest::newRow("Hangul is read as Hangul") << QStringLiteral("저랑") << false << QString() << QString();
        QTest::newRow("e-mail") << QStringLiteral("e-mail") << false << QString() << QString();
    }
    void garbledLabels()
    {
        QFETCH(QString, word);
        QFETCH(bool, readAsLatin);
        QFETCH(QString, readAgain);
        QFETCH(QString, label);
        QCOMPARE(readAsLatinLetters(word), readAsLatin);
        QCOMPARE(headerLabelIn(readAgain), label);
    }

    void fields()
    {
        QFETCH(QStringList, page);
        QFETCH(QString, expected);
        const PageText text = test::pageFromSpecs(page);
        core::Prescription p;
        parseHeader(text.lines, p);
        QCOMPARE(show(p), expected);
    }

    // 면허종별 holds one of three words: the word alone in the cell is confirmed by the list,
    // a word inside more text may be the end of another kind.
    void licenseTypeConfidence_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("certain");
        QTest::newRow("의사 alone, low OCR confidence") << QStringLiteral("면허종별@609 :@782 의사@797%70 면허번호@1081") << QStringLiteral("의사") << true;
        QTest::newRow("치과의사 alone") << QStringLiteral("면허종별@609 치과의사@797%80") << QStringLiteral("치과의사") << true;
        QTest::newRow("치과 misread") << QStringLiteral("면허종별@609 치파의사@797%97") << QStringLiteral("의사") << false;
        QTest::newRow("letter-spaced 한의사") << QStringLiteral("면허종별@609 한@797 의사@830") << QStringLiteral("한의사") << true;
        QTest::newRow("syllable glued") << QStringLiteral("면허종별@609 의사인@797%97") << QStringLiteral("의사") << false;
    }
    void licenseTypeConfidence()
    {
        QFETCH(QString, line);
        QFETCH(QString, kind);
        QFETCH(bool, certain);
        core::Prescription p;
        parseHeader(test::pageFromSpecs({ line }).lines, p);
        QCOMPARE(p.prescriber.licenseType.valueOr(QString()), kind);
        QCOMPARE(p.prescriber.licenseType.confidence >= 0.95, certain);
        QCOMPARE(p.prescriber.licenseType.confidence <= 0.85, !certain);
    }

    // 면허번호 garbled by the page read ("Wess", "Hays" on clean prints, rx0007 and rx0014 of the
    // 300-image benchmark): the number is taken by its place, never certain by that alone.
    void licenceNumberByPlace_data()
    {
        QTest::addColumn<QStringList>("page");
        QTest::addColumn<QString>("number");  // empty: none taken
        const QString kind = QStringLiteral("처방@628 최태석@767 면허종별@1269 의사@1425");
        QTest::newRow("under the kind, label garbled") << QStringList { kind, QStringLiteral("성명@628 Wess@1269 83237@1426") }
                                                       << QStringLiteral("83237");
        QTest::newRow("under the kind, nothing in the label's place")
            << QStringList { kind, QStringLiteral("성명@628 83237@1426") } << QString();
        QTest::newRow("not under the kind's value")
            << QStringList { kind, QStringLiteral("성명@628 Wess@1269 83237@1560") } << QString();
        QTest::newRow("two lines further down")
            << QStringList { kind, QStringLiteral("성명@628"), QStringLiteral("Wess@1269 83237@1426") } << QString();
        QTest::newRow("too many digits") << QStringList { kind, QStringLiteral("Wess@1269 8323712@1426") } << QString();
        QTest::newRow("one line, after a colon")
            << QStringList { QStringLiteral("의사명@127 :@318 김진온@338 면허종별@609 :@782 의사@797 Hays@1081 _:@1223 915712@1238") }
            << QStringLiteral("915712");
        QTest::newRow("one line, no colon")
            << QStringList { QStringLiteral("의사명@127 :@318 김진온@338 면허종별@609 :@782 의사@797 Hays@1081 915712@1238") }
            << QString();
    }
    void licenceNumberByPlace()
    {
        QFETCH(QStringList, page);
        QFETCH(QString, number);
        core::Prescription p;
        parseHeader(test::pageFromSpecs(page).lines, p);
        QCOMPARE(p.prescriber.licenseNumber.valueOr(QString()), number);
        if (!number.isEmpty())
            QVERIFY(p.prescriber.licenseNumber.confidence <= 0.85);
    }

    // A code-like token beside the codes read is a code the page read missed (rx0018: I11.9
    // read "111.9" before K29.7): never certain, and marked for the reader.
    void codeLikeLeftoverMarksCodesIncomplete()
    {
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(test::pageFromSpecs({ QStringLiteral("상병코드@591 :@740 111.9,@767 K29.7@900") }).lines, p, &boxes);
        QCOMPARE(p.diagnosisCodes.valueOr({}), QStringList { QStringLiteral("K29.7") });
        QVERIFY(p.diagnosisCodes.confidence <= 0.85);
        QVERIFY(boxes.contains(QStringLiteral("diagnosis_codes.incomplete")));

        core::Prescription q;
        boxes.clear();
        parseHeader(test::pageFromSpecs({ QStringLiteral("상병코드@591 :@740 I11.9,@767 K29.7@900") }).lines, q, &boxes);
        QCOMPARE(q.diagnosisCodes.valueOr({}), (QStringList { QStringLiteral("I11.9"), QStringLiteral("K29.7") }));
        QVERIFY(q.diagnosisCodes.confidence > 0.9);
        QVERIFY(!boxes.contains(QStringLiteral("diagnosis_codes.incomplete")));
    }

    // Printed masked (telemedicine, many EMRs): birth date and sex digit kept, the rest hidden.
    void maskedResidentNumber_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("masked");
        QTest::newRow("EMR") << QStringLiteral("주민번호@607 :@782 030329-3******@798") << QStringLiteral("030329-3******");
        QTest::newRow("spaced, full-width stars") << QStringLiteral("주민등록번호@100 851213 - 2＊＊＊＊＊＊@400")
                                                  << QStringLiteral("851213-2******");
        QTest::newRow("impossible birth date") << QStringLiteral("주민번호@607 031329-3******@798") << QString();
    }
    void maskedResidentNumber()
    {
        QFETCH(QString, line);
        QFETCH(QString, masked);
        core::Prescription p;
        parseHeader(test::pageFromSpecs({ line }).lines, p);
        QCOMPARE(p.patient.maskedRrn(), masked);
        QCOMPARE(p.reviewReasons.isEmpty(), !masked.isEmpty());
    }

    // The letterhead's "TEL … FAX …" (rx0032): the phone is the number after TEL, also with
    // long dashes, never the fax number after it.
    void phoneIsNotTheFaxNumber_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("phone");
        QTest::newRow("em dashes") << QStringLiteral("TEL@128 02—474—4631@177 FAX@352 02-833-3176@404") << QStringLiteral("02-474-4631");
        QTest::newRow("form cells") << QStringLiteral("전화번호@138 :@327 02-474-4631@345 팩스번호@618 :@791 02-833-3176@810")
                                    << QStringLiteral("02-474-4631");
        QTest::newRow("unreadable phone") << QStringLiteral("TEL@128 O2-4?4-46@177 FAX@352 02-833-3176@404") << QString();
    }
    void phoneIsNotTheFaxNumber()
    {
        QFETCH(QString, line);
        QFETCH(QString, phone);
        core::Prescription p;
        parseHeader(test::pageFromSpecs({ line }).lines, p);
        QCOMPARE(p.institution.phone.valueOr(QString()), phone);
    }

    void invalidValuesAreReported()
    {
        const PageText text = test::pageFromSpecs({ QStringLiteral("처방일자@127 :@318 2025-02-30@333"),
                                                    QStringLiteral("주민번호@607 :@782 371306-1181902@798") });
        core::Prescription p;
        parseHeader(text.lines, p);
        QStringList codes;
        for (const auto& r : p.reviewReasons)
            codes.append(r.code());
        QCOMPARE(codes, (QStringList { QStringLiteral("invalid:issue_date"), QStringLiteral("invalid:patient.rrn") }));
        // The reason never carries the resident number.
        for (const auto& r : p.reviewReasons)
            QVERIFY(!r.detail.contains(QStringLiteral("1181902")));
    }

    void codesBesideASplitLabelAreMarked()
    {
        // Codes found beside 질병 / 기호 on separate lines: the reader must not confirm them with
        // a re-read of one line (evaluation: only one of two codes read, then "confirmed").
        const PageText split = test::pageFromSpecs({ QStringLiteral("질병@168 N40@285 처방@569"),
                                                     QStringLiteral("분류@167 의@547 료@573 인@595 의@617"),
                                                     QStringLiteral("기호@167 성명@569"),
                                                     // the footnote names the label too (300-image benchmark)
                                                     QStringLiteral("※@100 환자의@130 요구가@230 있는@330 때에는@400 질병분류기호를@500 기재하지@700 아니합니다.@820") });
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(split.lines, p, &boxes);
        QCOMPARE(p.diagnosisCodes.valueOr({}), QStringList { QStringLiteral("N40") });
        QVERIFY(boxes.contains(QStringLiteral("diagnosis_codes.split_label")));

        const PageText oneLine = test::pageFromSpecs({ QStringLiteral("상병코드@607 :@782 J01.9,@828 G47.0@914") });
        core::Prescription q;
        boxes.clear();
        parseHeader(oneLine.lines, q, &boxes);
        QCOMPARE(q.diagnosisCodes.valueOr({}), (QStringList { QStringLiteral("J01.9"), QStringLiteral("G47.0") }));
        QVERIFY(!boxes.contains(QStringLiteral("diagnosis_codes.split_label")));
    }

    void splitLabelCellCoversItsThreeLines()
    {
        // rx0001 (300-image benchmark): 분류 read as "#2" and H66.9 as "H669" on its line; only
        // 질병 and 기호 start lines. The whole cell beside the label, up to the prescriber's
        // label, is handed to the reader to be read as one block.
        const PageText page = test::pageFromSpecs({ QStringLiteral("질병@161 처방@562 이도율@686"),
                                                    QStringLiteral("#2@160 H669@277 의료인의@541"),
                                                    QStringLiteral("기호@162 성명@562") });
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(page.lines, p, &boxes);
        QVERIFY(!p.diagnosisCodes.hasValue());
        const QRect cell = boxes.value(QStringLiteral("diagnosis_codes.cell"));
        QVERIFY(!cell.isNull());
        QVERIFY(cell.left() > 162 + 2 * 28);     // right of the label
        QVERIFY(cell.left() < 277);             // but before the code
        QVERIFY(cell.right() < 562);            // and before 처방
        QVERIFY(cell.right() > 277 + 4 * 15);    // past the code
        QVERIFY(cell.top() <= 100);             // from the first line
        QVERIFY(cell.bottom() >= 220 + 28);     // to the last

        // A label part read on its own line with a code after it, and a code without its point.
        const PageText dotless = test::pageFromSpecs({ QStringLiteral("질병@161 처방@562"),
                                                       QStringLiteral("분류@160 H669@277 의료인의@541"),
                                                       QStringLiteral("기호@162 성명@562") });
        core::Prescription q;
        boxes.clear();
        parseHeader(dotless.lines, q, &boxes);
        QCOMPARE(q.diagnosisCodes.valueOr({}), QStringList { QStringLiteral("H66.9") });
        QVERIFY(boxes.contains(QStringLiteral("diagnosis_codes.cell")));

        // No split label, no cell.
        const PageText oneLine = test::pageFromSpecs({ QStringLiteral("상병코드@607 :@782 J01.9@828") });
        core::Prescription r;
        boxes.clear();
        parseHeader(oneLine.lines, r, &boxes);
        QVERIFY(!boxes.contains(QStringLiteral("diagnosis_codes.cell")));
    }

    void garbledNamesLeaveTheirPlace()
    {
        // "의사명 : BAM" for 류승서 (a hospital printout, 300-image benchmark): no name, but where
        // it stands, with room for a syllable the garbled word lost, for the reader to read again.
        const PageText page = test::pageFromSpecs({ QStringLiteral("환자명@111 :@302 BAM@327 주민번호@591"),
                                                    QStringLiteral("의사명@111 :@302 BAM@327 면허종별@593") });
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(page.lines, p, &boxes);
        QVERIFY(!p.patient.name.hasValue());
        QVERIFY(!p.prescriber.name.hasValue());
        for (const QString& key : { QStringLiteral("patient.name"), QStringLiteral("prescriber.name") }) {
            const QRect box = boxes.value(key);
            QVERIFY2(box.contains(QRect(327, box.top() + 8, 45, 10)), qPrintable(key));
            QVERIFY2(box.left() < 327 && box.left() > 302, qPrintable(key));
        }
    }

    void aGarbledNameBeforeTheLicenceKindLeavesItsPlace()
    {
        // rx0003-clean of the 300-image benchmark: 김동훈 in a large Myeongjo read "yew", the
        // label 처방 beside it "Av", the 의료인의 line merged with the next one.
        const PageText page = test::pageFromSpecs({ QStringLiteral("정병@161 N39.0@276 Av@563 yew@800 면허종별@1129 의사@1269") });
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(page.lines, p, &boxes);
        QVERIFY(!p.prescriber.name.hasValue());
        const QRect box = boxes.value(QStringLiteral("prescriber.name"));
        QVERIFY(box.contains(QRect(800, box.top() + 8, 45, 10)));
        QVERIFY(box.right() < 1129);

        // A Hangul word there is no garbled name: nothing to read again.
        QHash<QString, QRect> none;
        parseHeader(test::pageFromSpecs({ QStringLiteral("정병@161 처방@563 날인@686 면허종별@1129 의사@1269") }).lines, p, &none);
        QVERIFY(!none.contains(QStringLiteral("prescriber.name")));
    }

    void aDayCutAfterAPaddedMonthIsNeverCertain()
    {
        // rx0034-photo: 2025-05-13 read "2025-05-1" by the page and by both re-reads.
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(test::pageFromSpecs({ QStringLiteral("처방일자@141 :2025-05-1@328 상병코드@616") }).lines, p, &boxes);
        QCOMPARE(p.issueDate.valueOr(QDate()), QDate(2025, 5, 1));
        QVERIFY(p.issueDate.confidence <= 0.5);
        QVERIFY(boxes.contains(QStringLiteral("issue_date.incomplete")));
        QVERIFY(!boxes.contains(QStringLiteral("issue_date.1")));

        core::Prescription q;
        QHash<QString, QRect> whole;
        parseHeader(test::pageFromSpecs({ QStringLiteral("처방일자@141 :2025-05-13@328 상병코드@616") }).lines, q, &whole);
        QCOMPARE(q.issueDate.valueOr(QDate()), QDate(2025, 5, 13));
        QVERIFY(q.issueDate.confidence > 0.5);
        QVERIFY(!whole.contains(QStringLiteral("issue_date.incomplete")));
    }

    void aDateWithoutItsLabelIsNeverCertain()
    {
        const PageText unlabelled = test::pageFromSpecs({ QStringLiteral("출력@127 2025-08-15@333") , QStringLiteral("2025-08-16@333") });
        core::Prescription p;
        parseHeader(unlabelled.lines, p);
        QCOMPARE(p.issueDate.valueOr({}), QDate(2025, 8, 16));
        QVERIFY(p.issueDate.confidence <= 0.85);

        const PageText labelled = test::pageFromSpecs({ QStringLiteral("처방일자@127 :@318 2025-08-15@333") });
        core::Prescription q;
        parseHeader(labelled.lines, q);
        QCOMPARE(q.issueDate.valueOr({}), QDate(2025, 8, 15));
        QCOMPARE(q.issueDate.confidence, 0.95);

        // The hospital layout prints the validity on the 처방일자 line (rx0002): still the label.
        const PageText shared = test::pageFromSpecs(
            { QStringLiteral("처방일자@127 :@318 2026-07-21@333 사용기간@1064 :@1184 교부일로부터@1222 3@1389 일@1406") });
        core::Prescription r;
        parseHeader(shared.lines, r);
        QCOMPARE(r.issueDate.valueOr({}), QDate(2026, 7, 21));
        QCOMPARE(r.issueDate.confidence, 0.95);
    }

    // The digit model reads each part of a labelled date again: each part's box holds its digits
    // only, also where a word box reaches into the next word (the model's "2026" over "년").
    void datePartBoxes()
    {
        PageText page = test::pageFromSpecs({ QStringLiteral("교부연월일@127 2026@355 년@426 04@460 월@501 23@531 일@576") });
        page.lines[0].words[1].box.setRight(448);  // as the model returned it: over "년"
        core::Prescription p;
        QHash<QString, QRect> boxes;
        parseHeader(page.lines, p, &boxes);
        QCOMPARE(p.issueDate.valueOr({}), QDate(2026, 4, 23));
        QCOMPARE(boxes.value(QStringLiteral("issue_date.1")).left(), 355);
        QCOMPARE(boxes.value(QStringLiteral("issue_date.1")).right(), 425);
        QCOMPARE(boxes.value(QStringLiteral("issue_date.2")).left(), 460);
        QCOMPARE(boxes.value(QStringLiteral("issue_date.3")).left(), 531);

        // One word "2026-07-21": parts cut in proportion (digits 0.55, dash 0.3 of a syllable).
        const PageText dashed = test::pageFromSpecs({ QStringLiteral("처방일자@127 2026-07-21@333") });
        boxes.clear();
        parseHeader(dashed.lines, p, &boxes);
        const QRect year = boxes.value(QStringLiteral("issue_date.1"));
        const QRect month = boxes.value(QStringLiteral("issue_date.2"));
        const QRect day = boxes.value(QStringLiteral("issue_date.3"));
        QCOMPARE(year.left(), 333);
        QVERIFY(year.right() < month.left());
        QVERIFY(month.right() < day.left());
        QCOMPARE(day.right(), 333 + 10 * 15 - 1);

        // No label: no boxes, so no second read can make the date certain.
        const PageText unlabelled = test::pageFromSpecs({ QStringLiteral("2025-08-16@333") });
        boxes.clear();
        parseHeader(unlabelled.lines, p, &boxes);
        QVERIFY(!boxes.contains(QStringLiteral("issue_date.1")));
    }

    void fieldBoxesComeFromTheWords()
    {
        const PageText text = test::pageFromSpecs({ QStringLiteral("환자명@127 :@318 김원희@334 주민번호@607") });
        core::Prescription p;
        parseHeader(text.lines, p);
        QCOMPARE(p.patient.name.box, QRect(334, 100, 84, 28));
        QCOMPARE(p.patient.name.confidence, 0.95);
    }
};

QTEST_GUILESS_MAIN(TestHeaderParser)
#include "test_headerparser.moc"
