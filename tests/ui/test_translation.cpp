// SPDX-License-Identifier: GPL-3.0-or-later
// The English screen: the translation embedded in the ui library loads, the window's actions and
// statuses come out in English, and every string of the .ts is translated (none left unfinished).
#include "FakeServices.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionQueue.h"

#include <QAction>
#include <QFile>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace test = pharmdesk::ui::test;

class TestTranslation : public QObject
{
    Q_OBJECT

private:
    QTranslator m_translator;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_translator.load(QStringLiteral(":/i18n/pharmdesk_en.qm")));
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
    }

    void windowInEnglish_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("text");
        QTest::newRow("open") << QStringLiteral("openAction") << QStringLiteral("&Open…");
        QTest::newRow("confirm") << QStringLiteral("confirmAction") << QStringLiteral("&Confirm prescription");
        QTest::newRow("guide") << QStringLiteral("guideAction") << QStringLiteral("Put out &guide");
        QTest::newRow("next uncertain") << QStringLiteral("nextUncertainAction") << QStringLiteral("&Next value to review");
    }

    void windowInEnglish()
    {
        QFETCH(QString, action);
        QFETCH(QString, text);
        pharmdesk::ui::MainWindow window(
            { std::make_shared<test::FakeRecognition>(), std::make_shared<test::FakeGuide>(), nullptr }, {});
        auto* found = window.findChild<QAction*>(action);
        QVERIFY(found);
        QCOMPARE(found->text(), text);
    }

    void statusesInEnglish()
    {
        using S = pharmdesk::ui::QueueEntry::Status;
        QCOMPARE(pharmdesk::ui::PrescriptionQueue::statusText(S::NeedsReview), QStringLiteral("Needs review"));
        QCOMPARE(pharmdesk::ui::PrescriptionQueue::statusText(S::GuidePrinted), QStringLiteral("Guide printed"));
    }

    void everyStringTranslated()
    {
        QFile ts(QStringLiteral(PHARMDESK_RESOURCES_DIR "/translations/pharmdesk_en.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList unfinished;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const bool open = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                if (open || xml.readElementText().isEmpty())
                    unfinished.append(source);
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 200);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslation)
#include "test_translation.moc"
