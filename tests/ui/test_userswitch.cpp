// SPDX-License-Identifier: GPL-3.0-or-later
// Pharmacist accounts at the counter over a real record store: the switch dialog opens at start
// when the store has accounts, a wrong PIN says so, five wrong PINs ask for the password, the
// status bar names who is at the counter, and the audit log names them for what they do.
#include "CounterTestData.h"
#include "FakeServices.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/UserSwitchDialog.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace core = pharmdesk::core;
namespace store = pharmdesk::store;
namespace test = pharmdesk::ui::test;
namespace ui = pharmdesk::ui;

namespace {
const QString kPassword = QStringLiteral("correct horse 1");

/// Types `secret` into the dialog and submits it; true when a switch happened.
bool trySecret(ui::UserSwitchDialog* dialog, const QString& secret)
{
    QSignalSpy switched(dialog, &ui::UserSwitchDialog::switched);
    QSignalSpy attempted(dialog, &ui::UserSwitchDialog::attempted);
    dialog->secretEdit()->setFocus();
    QTest::keyClicks(dialog->secretEdit(), secret);
    QTest::keyClick(dialog->secretEdit(), Qt::Key_Return); // the default button: submit
    return QTest::qWaitFor([&] { return !switched.isEmpty() || !attempted.isEmpty(); }, 20000) && !switched.isEmpty();
}
} // namespace

class TestUserSwitch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noAccountsNoSwitch()
    {
        QTemporaryDir root;
        auto records = test::recordsIn(root.path());
        ui::MainWindow window({ std::make_shared<test::FakeRecognition>(), std::make_shared<test::FakeGuide>(), nullptr },
            core::Settings {});
        QSignalSpy loaded(&window, &ui::MainWindow::accountsLoaded);
        window.setRecords(records);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().at(0).toInt(), 0);
        QVERIFY(!window.findChild<ui::UserSwitchDialog*>());
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("switchUserAction"))->isEnabled());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("userStatus"))->isHidden());
    }

    void pinSwitchAndAuditedActor()
    {
        QTemporaryDir root;
        {
            auto store = test::openStoreIn(root.path());
            QVERIFY(store.ok());
            const store::crypto::ScryptCost cheap { 10, 8, 1 };
            QVERIFY((*store)->createAccount(QStringLiteral("kim"), QStringLiteral("김약사"), kPassword,
                                  QStringLiteral("1234"), QStringLiteral("test:admin"), cheap)
                        .ok());
            QVERIFY((*store)->createAccount(QStringLiteral("lee"), QStringLiteral("이약사"), kPassword, QString(),
                                  QStringLiteral("test:admin"), cheap)
                        .ok());
        }
        auto records = test::recordsIn(root.path());
        auto fake = std::make_shared<test::FakeRecognition>();
        fake->mode = test::FakeRecognition::Mode::Clean;
        ui::MainWindow window({ fake, std::make_shared<test::FakeGuide>(), nullptr }, core::Settings {});
        window.show();
        QSignalSpy loaded(&window, &ui::MainWindow::accountsLoaded);
        window.setRecords(records);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().at(0).toInt(), 2);
        QAction* action = window.findChild<QAction*>(QStringLiteral("switchUserAction"));
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        auto* label = window.findChild<QLabel*>(QStringLiteral("userStatus"));
        QVERIFY(!label->isHidden());

        // Accounts exist and nobody is in: the dialog is up at start.
        auto* dialog = window.findChild<ui::UserSwitchDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->userList()->count(), 2);
        dialog->userList()->setCurrentRow(1); // lee has no PIN: password at once
        QVERIFY(dialog->passwordMode());
        dialog->userList()->setCurrentRow(0); // kim
        QVERIFY(!dialog->passwordMode());

        for (int wrong = 1; wrong <= ui::CounterRecords::kPinAttempts; ++wrong) {
            QVERIFY(!trySecret(dialog, QStringLiteral("0000")));
            if (wrong < ui::CounterRecords::kPinAttempts) {
                QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("PIN이 틀렸습니다")),
                    qPrintable(dialog->messageLabel()->text()));
                QVERIFY(!dialog->passwordMode());
            }
        }
        QVERIFY(dialog->passwordMode());
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("비밀번호")));
        // The right PIN no longer opens it: the password does.
        QVERIFY(!trySecret(dialog, QStringLiteral("1234")));
        QVERIFY(trySecret(dialog, kPassword));
        QCOMPARE(window.currentUser(), QStringLiteral("kim"));
        QVERIFY2(label->text().contains(QStringLiteral("김약사")), qPrintable(label->text()));
        QCOMPARE(records->actor(), QStringLiteral("pharmacist:kim"));

        // Ctrl+L brings the dialog back; the password reset the PIN counter: the PIN works again.
        QTRY_VERIFY(!window.findChild<ui::UserSwitchDialog*>());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        dialog = window.findChild<ui::UserSwitchDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->userList()->currentRow(), 0);
        QTRY_VERIFY(!dialog->passwordMode());
        QVERIFY(trySecret(dialog, QStringLiteral("1234")));

        // What kim does is kim's in the audit log.
        QTemporaryDir images;
        const QString png = test::writePng(images.filePath(QStringLiteral("rx.png")), 210);
        QSignalSpy recognised(window.queueController(), &ui::QueueController::recognised);
        window.openImage(png);
        QVERIFY(recognised.wait(10000));
        window.confirmCurrent();
        records->waitForIdle();
        auto store = test::openStoreIn(root.path());
        QVERIFY(store.ok());
        const auto entries = (*store)->auditEntries(0, 100000);
        QVERIFY(entries.ok());
        QStringList kims;
        for (const store::AuditEntry& e : *entries) {
            if (e.actor == QLatin1String("pharmacist:kim"))
                kims.append(e.action);
        }
        QVERIFY2(kims.contains(QStringLiteral("import")), qPrintable(kims.join(QLatin1Char(','))));
        QVERIFY(kims.contains(QStringLiteral("recognise")));
        QVERIFY(kims.contains(QStringLiteral("confirm")));
    }
};

QTEST_MAIN(TestUserSwitch)
#include "test_userswitch.moc"
