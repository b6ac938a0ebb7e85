// SPDX-License-Identifier: GPL-3.0-or-later
// A name is confirmed by a second model's reading only when nothing suggests a lost syllable.
#include "pharmdesk/ocr/NameCheck.h"

#include <QTest>

using namespace pharmdesk::ocr;

class TestNameCheck : public QObject
{
    Q_OBJECT

private slots:
    void surnames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("common");
        QTest::newRow("김") << QStringLiteral("김시남") << true;
        QTest::newRow("류") << QStringLiteral("류승서") << true;
        QTest::newRow("남궁") << QStringLiteral("남궁민수") << true;
        QTest::newRow("황보") << QStringLiteral("황보혜") << true;
        QTest::newRow("not a surname: 승") << QStringLiteral("승서") << false;
        QTest::newRow("not a surname: 크") << QStringLiteral("크승서") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void surnames()
    {
        QFETCH(QString, name);
        QFETCH(bool, common);
        QCOMPARE(startsWithCommonSurname(name), common);
    }

    void confirmation_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("again");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("confirmed");
        const int person = int(NameKind::Person);
        const int institution = int(NameKind::Institution);
        QTest::newRow("same name") << QStringLiteral("김시남") << QStringLiteral("김시남") << person << true;
        QTest::newRow("letter-spaced") << QStringLiteral("김시남") << QStringLiteral("김 시 남") << person << true;
        QTest::newRow("marks around") << QStringLiteral("이도율") << QStringLiteral("| 이도율 (서명") << person << true;
        QTest::newRow("another syllable") << QStringLiteral("김시남") << QStringLiteral("김시난") << person << false;
        QTest::newRow("a syllable before") << QStringLiteral("연희진") << QStringLiteral("황 연희진") << person << false;
        QTest::newRow("a syllable after") << QStringLiteral("이미숙") << QStringLiteral("이미숙인") << person << false;
        QTest::newRow("two syllables") << QStringLiteral("이미") << QStringLiteral("이미") << person << false;
        QTest::newRow("six syllables") << QStringLiteral("김가나다라마") << QStringLiteral("김가나다라마") << person << false;
        QTest::newRow("vowel misread by both: 을 for 율") << QStringLiteral("오철을") << QStringLiteral("오철을") << person << false;
        QTest::newRow("vowel misread by both: 회 for 희") << QStringLiteral("이효회") << QStringLiteral("이효회") << person << false;
        QTest::newRow("two-syllable surname") << QStringLiteral("남궁민수") << QStringLiteral("남궁 민수") << person << true;
        QTest::newRow("rare surname") << QStringLiteral("승서진") << QStringLiteral("승서진") << person << false;
        QTest::newRow("Latin in name") << QStringLiteral("김A남") << QStringLiteral("김A남") << person << false;
        QTest::newRow("nothing read again") << QStringLiteral("김시남") << QString() << person << false;
        QTest::newRow("later whole run") << QStringLiteral("김시남") << QStringLiteral("박김시남 | 김시남") << person << true;
        QTest::newRow("clinic") << QStringLiteral("새하늘소아청소년과의원") << QStringLiteral("새하늘소아청소년과의원")
                                << institution << true;
        QTest::newRow("clinic with space") << QStringLiteral("새하늘 내과의원") << QStringLiteral("새하늘내과의원") << institution
                                           << true;
        QTest::newRow("clinic without 의원") << QStringLiteral("열린내과") << QStringLiteral("열린내과") << institution << false;
        QTest::newRow("clinic cut") << QStringLiteral("열린내과의원") << QStringLiteral("좋은열린내과의원") << institution << false;
        QTest::newRow("clinic with a number") << QStringLiteral("365열린소아청소년과의원")
                                              << QStringLiteral("365 열 린 소 아 청 소 년 과 의원") << institution << true;
        QTest::newRow("clinic number cut") << QStringLiteral("65열린의원") << QStringLiteral("365열린의원") << institution << false;
        QTest::newRow("person with a number") << QStringLiteral("1김시남") << QStringLiteral("1김시남") << int(NameKind::Person) << false;
        QTest::newRow("hospital") << QStringLiteral("한빛병원") << QStringLiteral("한빛병원") << institution << true;
        QTest::newRow("too short") << QStringLiteral("의원") << QStringLiteral("의원") << institution << false;
    }
    void confirmation()
    {
        QFETCH(QString, value);
        QFETCH(QString, again);
        QFETCH(int, kind);
        QFETCH(bool, confirmed);
        QCOMPARE(secondReadConfirmsName(value, again, NameKind(kind)), confirmed);
    }
};

QTEST_GUILESS_MAIN(TestNameCheck)
#include "test_namecheck.moc"
