// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Hangul.h"

#include <QTest>

using namespace pharmdesk::core;

class TestHangul : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jamo_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("jamo");
        QTest::addColumn<QString>("initials");
        QTest::newRow("open syllables") << "타이" << "ㅌㅏㅇㅣ" << "ㅌㅇ";
        QTest::newRow("final consonant") << "놀" << "ㄴㅗㄹ" << "ㄴ";
        QTest::newRow("double final") << "닭" << "ㄷㅏㄺ" << "ㄷ";
        QTest::newRow("mixed latin and digits") << "정500mg" << "ㅈㅓㅇ500mg" << "ㅈ500mg";
        QTest::newRow("first and last syllable") << "가힣" << "ㄱㅏㅎㅣㅎ" << "ㄱㅎ";
        QTest::newRow("brand name") << "타이레놀" << "ㅌㅏㅇㅣㄹㅔㄴㅗㄹ" << "ㅌㅇㄹㄴ";
    }
    void jamo()
    {
        QFETCH(QString, text);
        QFETCH(QString, jamo);
        QFETCH(QString, initials);
        QCOMPARE(hangul::toJamo(text), jamo);
        QCOMPARE(hangul::initials(text), initials);
    }
};

QTEST_GUILESS_MAIN(TestHangul)
#include "test_hangul.moc"
