// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QTest>

using namespace pharmdesk::drugdb;

class TestNameNormalizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalize_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("full");
        QTest::addColumn<QString>("base");
        QTest::newRow("ingredient kept or dropped") << "타이레놀정500밀리그람(아세트아미노펜)"
                                                   << "타이레놀정500mg아세트아미노펜" << "타이레놀정500mg";
        QTest::newRow("spaces") << " 타이레놀 정 500 mg " << "타이레놀정500mg" << "타이레놀정500mg";
        QTest::newRow("밀리그램") << "리피토정20밀리그램" << "리피토정20mg" << "리피토정20mg";
        QTest::newRow("MG upper case") << "리피토정20MG" << "리피토정20mg" << "리피토정20mg";
        QTest::newRow("㎎ sign") << "리피토정20㎎" << "리피토정20mg" << "리피토정20mg";
        QTest::newRow("마이크로그램") << "씬지로이드정50마이크로그램" << "씬지로이드정50mcg" << "씬지로이드정50mcg";
        QTest::newRow("㎍ sign") << "씬지로이드정50㎍" << "씬지로이드정50mcg" << "씬지로이드정50mcg";
        QTest::newRow("그램 after a digit") << "세파졸린주1그램" << "세파졸린주1g" << "세파졸린주1g";
        QTest::newRow("그램 inside a word stays") << "프로그램정" << "프로그램정" << "프로그램정";
        QTest::newRow("밀리리터 and mL") << "시럽5밀리리터/10mL" << "시럽5ml10ml" << "시럽5ml10ml";
        QTest::newRow("misread 밀리그램") << "리피토정20밀디그럼" << "리피토정20mg" << "리피토정20mg";
        QTest::newRow("cut 밀리그램") << "리피토정20리그램" << "리피토정20mg" << "리피토정20mg";
        QTest::newRow("밀리그램 without its last syllable") << "리피토정20밀리그" << "리피토정20mg" << "리피토정20mg";
        QTest::newRow("letter O between digits") << "타이레놀정5OO밀리그람" << "타이레놀정500mg" << "타이레놀정500mg";
        QTest::newRow("letter S before a decimal point") << "정37.S밀리그램" << "정37.5mg" << "정37.5mg";
        QTest::newRow("letter l next to a digit") << "정l0mg" << "정10mg" << "정10mg";
        QTest::newRow("letters away from digits stay") << "Solo정" << "solo정" << "solo정";
        QTest::newRow("combination strength keeps slash") << "텔미스크정80/5밀리그램" << "텔미스크정80/5mg"
                                                          << "텔미스크정80/5mg";
        QTest::newRow("decimal point kept") << "노바스크정2.5밀리그램" << "노바스크정2.5mg" << "노바스크정2.5mg";
        QTest::newRow("decimal point split by a space") << "점안액 0. 5%" << "점안액0.5%" << "점안액0.5%";
        QTest::newRow("(내복) route marker") << "노바스크정5mg(내복)" << "노바스크정5mg" << "노바스크정5mg";
        QTest::newRow("(외용) route marker") << "케토톱(외용)" << "케토톱" << "케토톱";
        QTest::newRow("route marker without brackets") << "노바스크정5mg내복" << "노바스크정5mg" << "노바스크정5mg";
        QTest::newRow("export notes dropped") << "베부틴정(트리메부틴말레산염)(수출용)(수출명:영일트리메부틴정)"
                                              << "베부틴정트리메부틴말레산염" << "베부틴정";
        QTest::newRow("nested brackets") << "카르니젠정(아세틸-L-카르니틴염산염)" << "카르니젠정아세틸l카르니틴염산염"
                                         << "카르니젠정";
        QTest::newRow("unclosed bracket") << "타이레놀정500mg(아세트아미노" << "타이레놀정500mg아세트아미노"
                                          << "타이레놀정500mg";
        QTest::newRow("middle dot and punctuation") << "아목시실린·클라불란산칼륨" << "아목시실린클라불란산칼륨"
                                                    << "아목시실린클라불란산칼륨";
        QTest::newRow("full-width") << "타이레놀정５００ｍｇ" << "타이레놀정500mg" << "타이레놀정500mg";
        QTest::newRow("nothing left") << " ()-·" << "" << "";
    }
    void normalize()
    {
        QFETCH(QString, name);
        QFETCH(QString, full);
        QFETCH(QString, base);
        QCOMPARE(names::normalize(name, names::BracketContent::Keep), full);
        QCOMPARE(names::normalize(name, names::BracketContent::Drop), base);
        QString both;
        QString without;
        names::normalizeBoth(name, &both, &without);
        QCOMPARE(both, full);
        QCOMPARE(without, base);
    }

    void strengthKey_data()
    {
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<QString>("key");
        QTest::newRow("one number") << "타이레놀정500mg" << "500";
        QTest::newRow("combination") << "텔미스크정80/5mg" << "80|5";
        QTest::newRow("decimal") << "노바스크정2.5mg" << "2.5";
        QTest::newRow("none") << "타이레놀콜드에스정" << "";
        QTest::newRow("percent and volume") << "중외5%포도당주사액500ml" << "5|500";
    }
    void strengthKey()
    {
        QFETCH(QString, normalized);
        QFETCH(QString, key);
        QCOMPARE(names::strengthKey(normalized), key);
    }

    void formAndIngredients_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("form");
        QTest::addColumn<QString>("ingredients");
        QTest::newRow("tablet with strength") << "타이레놀정500밀리그람(아세트아미노펜)" << "정" << "아세트아미노펜";
        QTest::newRow("soft capsule beats capsule") << "오메가연질캡슐(오메가-3-산에틸에스테르90)" << "연질캡슐"
                                                    << "오메가-3-산에틸에스테르90";
        QTest::newRow("capsule with decimal strength") << "리바셀론캡슐4.5mg(리바스티그민타르타르산염)" << "캡슐"
                                                       << "리바스티그민타르타르산염";
        QTest::newRow("injection solution") << "중외5%포도당주사액" << "주사액" << "";
        QTest::newRow("combination strength") << "텔미스크정80/5밀리그램" << "정" << "";
        QTest::newRow("several ingredients") << "트윈베타알정80/5/5밀리그램(텔미사르탄, 암로디핀, 로수바스타틴)"
                                             << "정" << "텔미사르탄, 암로디핀, 로수바스타틴";
        QTest::newRow("export notes are not ingredients") << "베부틴정(트리메부틴말레산염)(수출용)(수출명:영일정)"
                                                          << "정" << "트리메부틴말레산염";
        QTest::newRow("eye drops") << "휴토마이신점안액(토브라마이신)" << "점안액" << "토브라마이신";
        QTest::newRow("syrup") << "펠라움에스시럽" << "시럽" << "";
        QTest::newRow("dry syrup") << "크목실린건조시럽" << "건조시럽" << "";
        QTest::newRow("cream") << "디크네크림(나디플록사신)" << "크림" << "나디플록사신";
        QTest::newRow("no form word") << "활명수" << "" << "";
    }
    void formAndIngredients()
    {
        QFETCH(QString, name);
        QFETCH(QString, form);
        QFETCH(QString, ingredients);
        QCOMPARE(names::formOf(name), form);
        QCOMPARE(names::ingredientsOf(name), ingredients);
    }

    void initialsQuery_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("initials");
        QTest::newRow("consonants") << "ㅌㅇㄹㄴ" << true;
        QTest::newRow("syllables") << "타이레놀" << false;
        QTest::newRow("mixed") << "ㅌ이" << false;
        QTest::newRow("vowel jamo") << "ㅏ" << false;
        QTest::newRow("empty") << "" << false;
    }
    void initialsQuery()
    {
        QFETCH(QString, text);
        QFETCH(bool, initials);
        QCOMPARE(names::isInitialsQuery(text), initials);
    }
};

QTEST_GUILESS_MAIN(TestNameNormalizer)
#include "test_namenormalizer.moc"
