// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore accounts beyond login: password change, PIN set/remove (which also lifts a PIN
// lockout), disabling, and the audit rows each of them writes with its actor.
#include "StoreTestData.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::store;
using storetest::TempStore;

namespace {

const crypto::ScryptCost kCheap { 10, 8, 1 };
const QString kAdmin = QStringLiteral("cli:admin");

/// The actions of the audit rows about `user`, oldest first, as "actor action".
QStringList auditAbout(RecordStore& store, const QString& user)
{
    QStringList out;
    const auto entries = store.auditEntries(0, 100000);
    for (const AuditEntry& e : entries.value()) {
        if (e.subject == user)
            out.append(e.actor + u' ' + e.action);
    }
    return out;
}

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempStore> m_t;  // a fresh store per test function

    RecordStore& store() { return *m_t->store; }

private Q_SLOTS:
    void init()
    {
        m_t = std::make_unique<TempStore>();
        QCOMPARE(m_t->open(), QString());
        QVERIFY(store().createAccount(QStringLiteral("kim"), QStringLiteral("김약사"), QStringLiteral("first password"),
                                      QStringLiteral("2580"), kAdmin, kCheap)
                    .ok());
    }

    void passwordChange()
    {
        QVERIFY(!store().setPassword(QStringLiteral("kim"), QStringLiteral("short"), kAdmin, kCheap).ok());
        const core::Status unknown = store().setPassword(QStringLiteral("nobody"), QStringLiteral("long enough"), kAdmin, kCheap);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().category, core::ErrorCategory::Input);
        QVERIFY(store().setPassword(QStringLiteral("kim"), QStringLiteral("second password"), kAdmin, kCheap).ok());
        QVERIFY(!store().login(QStringLiteral("kim"), QStringLiteral("first password")).ok());
        QVERIFY(store().login(QStringLiteral("kim"), QStringLiteral("second password")).ok());
        QCOMPARE(auditAbout(store(), QStringLiteral("kim")),
                 QStringList({ QStringLiteral("cli:admin account-created"), QStringLiteral("cli:admin account-password"),
                               QStringLiteral("anonymous login-failed"), QStringLiteral("kim login") }));
    }

    void pinLockoutLiftedByPasswordOrNewPin_data()
    {
        QTest::addColumn<bool>("byNewPin");
        QTest::newRow("password login") << false;
        QTest::newRow("new PIN set") << true;
    }
    void pinLockoutLiftedByPasswordOrNewPin()
    {
        QFETCH(bool, byNewPin);
        for (int i = 0; i < Account::kMaxPinFailures; ++i)
            QVERIFY(!store().switchByPin(QStringLiteral("kim"), QStringLiteral("0000")).ok());
        QVERIFY(store().accounts()->front().pinLocked());
        QVERIFY(!store().switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());  // right PIN, still locked
        QString pin = QStringLiteral("2580");
        if (byNewPin) {
            pin = QStringLiteral("135790");
            QVERIFY(store().setPin(QStringLiteral("kim"), pin, kAdmin, kCheap).ok());
        } else {
            QVERIFY(store().login(QStringLiteral("kim"), QStringLiteral("first password")).ok());
        }
        QVERIFY(!store().accounts()->front().pinLocked());
        QCOMPARE(store().switchByPin(QStringLiteral("kim"), pin)->user, QStringLiteral("kim"));
        const QStringList audit = auditAbout(store(), QStringLiteral("kim"));
        QCOMPARE(audit.count(QStringLiteral("anonymous pin-failed")), Account::kMaxPinFailures);
        QCOMPARE(audit.count(QStringLiteral("anonymous pin-refused")), 1);  // the right PIN while locked
        QCOMPARE(audit.last(), QStringLiteral("kim pin-switch"));
        QCOMPARE(audit.contains(QStringLiteral("cli:admin account-pin")), byNewPin);
    }

    void pinRules()
    {
        QVERIFY(!store().setPin(QStringLiteral("kim"), QStringLiteral("12a4"), kAdmin, kCheap).ok());
        QVERIFY(!store().setPin(QStringLiteral("kim"), QStringLiteral("123"), kAdmin, kCheap).ok());
        QVERIFY(store().setPin(QStringLiteral("kim"), {}, kAdmin, kCheap).ok());  // removed
        QVERIFY(!store().accounts()->front().hasPin);
        QVERIFY(!store().switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());
        QVERIFY(store().login(QStringLiteral("kim"), QStringLiteral("first password")).ok());
    }

    void disabledAccountCannotLogInOrSwitch()
    {
        QVERIFY(store().setAccountDisabled(QStringLiteral("kim"), true, kAdmin).ok());
        QVERIFY(store().accounts()->front().disabled);
        const auto login = store().login(QStringLiteral("kim"), QStringLiteral("first password"));
        QVERIFY(!login.ok());
        QCOMPARE(login.error().message, QStringLiteral("This account is disabled."));
        // A wrong password learns nothing about the account.
        QCOMPARE(store().login(QStringLiteral("kim"), QStringLiteral("wrong password")).error().message,
                 store().login(QStringLiteral("nobody"), QStringLiteral("wrong password")).error().message);
        QVERIFY(!store().switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());
        QVERIFY(!store().setAccountDisabled(QStringLiteral("nobody"), true, kAdmin).ok());
        QVERIFY(store().setAccountDisabled(QStringLiteral("kim"), false, kAdmin).ok());
        QVERIFY(store().login(QStringLiteral("kim"), QStringLiteral("first password")).ok());
        QVERIFY(store().switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());
        const QStringList audit = auditAbout(store(), QStringLiteral("kim"));
        QVERIFY(audit.contains(QStringLiteral("cli:admin account-disabled")));
        QVERIFY(audit.contains(QStringLiteral("cli:admin account-enabled")));
        QVERIFY(store().verifyAudit()->intact);
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "test_accounts.moc"
