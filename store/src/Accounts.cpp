// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: local pharmacist accounts (scrypt password and PIN hashes).
#include "StorePrivate.h"

#include <QRegularExpression>

namespace pharmdesk::store {

namespace {

core::Error loginFailed()
{
    // One message for an unknown user and a wrong password: no user enumeration at the counter.
    return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Wrong user name or password."));
}

Account accountOf(const QSqlQuery& q)
{
    return Account { q.value(0).toString(), q.value(1).toString(), !q.value(2).toString().isEmpty(), q.value(3).toInt(),
                     fromIso(q.value(4).toString()), !q.value(5).isNull() };
}

// Password hash, when selected, is column 6.
const QString kAccountColumns = QStringLiteral("user, display_name, pin_hash, failed_attempts, created_at, disabled_at");

const QRegularExpression& pinPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{4,8}$"));
    return re;
}

core::Error noSuchAccount(const QString& user)
{
    return core::makeError(core::ErrorCategory::Input, QStringLiteral("No such account."), user);
}

core::Error accountDisabled(const QString& user)
{
    return core::makeError(core::ErrorCategory::Usage, QStringLiteral("This account is disabled."), user);
}

} // namespace

core::Status RecordStore::createAccount(const QString& user, const QString& displayName, const QString& password,
                                        const QString& pin, const QString& actor, crypto::ScryptCost cost)
{
    static const QRegularExpression userRe(QStringLiteral("^[a-z0-9._-]{2,32}$"));
    if (!userRe.match(user).hasMatch())
        return core::makeError(core::ErrorCategory::Usage,
                               QStringLiteral("A user name is 2-32 lower-case letters, digits, '.', '_' or '-'."));
    if (password.size() < 8)
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("A password needs at least 8 characters."));
    if (!pin.isEmpty() && !pinPattern().match(pin).hasMatch())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("A PIN is 4 to 8 digits."));
    const QString passwordHash = crypto::hashPassword(password, cost);
    const QString pinHash = pin.isEmpty() ? QString() : crypto::hashPassword(pin, cost);
    if (passwordHash.isEmpty() || (!pin.isEmpty() && pinHash.isEmpty()))
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Password hashing failed."), QStringLiteral("scrypt"));

    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    auto exists = run(tx.db(), QStringLiteral("SELECT 1 FROM accounts WHERE user = ?"), { user }, QStringLiteral("accounts"));
    if (!exists)
        return exists.error();
    if (exists->next())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("That user name is taken."), user);
    exists->finish();
    auto ins = run(tx.db(),
                   QStringLiteral("INSERT INTO accounts(user, display_name, password_hash, pin_hash, created_at) VALUES(?, ?, ?, ?, ?)"),
                   { user, displayName, passwordHash, pinHash.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(pinHash),
                     isoNow() },
                   QStringLiteral("accounts"));
    if (!ins)
        return ins.error();
    if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("account-created"), user, {}); !s)
        return s;
    return tx.commit();
}

core::Result<Account> RecordStore::login(const QString& user, const QString& password)
{
    QSqlDatabase db = d->db();
    auto q = run(db, QStringLiteral("SELECT %1, password_hash FROM accounts WHERE user = ?").arg(kAccountColumns), { user },
                 QStringLiteral("login"));
    if (!q)
        return q.error();
    const bool known = q->next();
    const Account account = known ? accountOf(*q) : Account {};
    const QString hash = known ? q->value(6).toString() : QString();
    q->finish();
    // The KDF runs outside the write lock (it takes ~0.1 s); only the outcome is written.
    const bool passwordOk = known && crypto::verifyPassword(password, hash);
    // A disabled account is told so only to whoever knows its password.
    const bool ok = passwordOk && !account.disabled;
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    if (ok) {
        auto upd = run(tx.db(), QStringLiteral("UPDATE accounts SET failed_attempts = 0 WHERE user = ?"), { user },
                       QStringLiteral("login"));
        if (!upd)
            return upd.error();
    }
    if (const core::Status s = d->appendAudit(tx.db(), ok ? user : QStringLiteral("anonymous"),
                                              ok ? QStringLiteral("login") : QStringLiteral("login-failed"), user,
                                              passwordOk && !ok ? QStringLiteral("disabled") : QString());
        !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    if (passwordOk && !ok)
        return accountDisabled(user);
    if (!ok)
        return loginFailed();
    Account out = account;
    out.failedAttempts = 0;
    return out;
}

core::Result<Account> RecordStore::switchByPin(const QString& user, const QString& pin)
{
    QSqlDatabase db = d->db();
    auto q = run(db, QStringLiteral("SELECT %1 FROM accounts WHERE user = ?").arg(kAccountColumns), { user },
                 QStringLiteral("PIN switch"));
    if (!q)
        return q.error();
    if (!q->next())
        return loginFailed();
    Account account = accountOf(*q);
    const QString pinHash = q->value(2).toString();
    q->finish();
    std::optional<core::Error> refused;
    if (account.disabled)
        refused = accountDisabled(user);
    else if (pinHash.isEmpty())
        refused = core::makeError(core::ErrorCategory::Usage, QStringLiteral("This account has no PIN; log in with the password."));
    else if (account.pinLocked())
        refused = core::makeError(core::ErrorCategory::Usage, QStringLiteral("Too many wrong PINs; log in with the password."), user);
    if (refused) {
        // Tries against a locked or disabled account are audited too: they are what an attack looks like.
        if (const core::Status s = audit(QStringLiteral("anonymous"), QStringLiteral("pin-refused"), user, refused->message); !s)
            return s.error();
        return *refused;
    }
    const bool ok = crypto::verifyPassword(pin, pinHash);
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    auto upd = run(tx.db(),
                   ok ? QStringLiteral("UPDATE accounts SET failed_attempts = 0 WHERE user = ?")
                      : QStringLiteral("UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE user = ?"),
                   { user }, QStringLiteral("PIN switch"));
    if (!upd)
        return upd.error();
    if (const core::Status s = d->appendAudit(tx.db(), ok ? user : QStringLiteral("anonymous"),
                                              ok ? QStringLiteral("pin-switch") : QStringLiteral("pin-failed"), user, {});
        !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    if (!ok)
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Wrong PIN."), user);
    account.failedAttempts = 0;
    return account;
}

core::Result<QList<Account>> RecordStore::accounts() const
{
    QSqlDatabase db = d->db();
    auto q = run(db, QStringLiteral("SELECT %1 FROM accounts ORDER BY user").arg(kAccountColumns), {}, QStringLiteral("accounts"));
    if (!q)
        return q.error();
    QList<Account> out;
    while (q->next())
        out.append(accountOf(*q));
    return out;
}

namespace {

/// One UPDATE of an existing account and its audit row, in one transaction.
core::Status updateAccount(const RecordStore::Private& d, const QString& user, const QString& setClause,
                           const QVariantList& values, const QString& actor, const QString& action)
{
    WriteTransaction tx(d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    QVariantList binds = values;
    binds.append(user);
    auto upd = run(tx.db(), QStringLiteral("UPDATE accounts SET %1 WHERE user = ?").arg(setClause), binds, QStringLiteral("accounts"));
    if (!upd)
        return upd.error();
    if (upd->numRowsAffected() != 1)
        return noSuchAccount(user);
    if (const core::Status s = d.appendAudit(tx.db(), actor, action, user, {}); !s)
        return s;
    return tx.commit();
}

} // namespace

core::Status RecordStore::setPassword(const QString& user, const QString& password, const QString& actor, crypto::ScryptCost cost)
{
    if (password.size() < 8)
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("A password needs at least 8 characters."));
    const QString hash = crypto::hashPassword(password, cost);
    if (hash.isEmpty())
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Password hashing failed."), QStringLiteral("scrypt"));
    return updateAccount(*d, user, QStringLiteral("password_hash = ?, failed_attempts = 0"), { hash }, actor,
                         QStringLiteral("account-password"));
}

core::Status RecordStore::setPin(const QString& user, const QString& pin, const QString& actor, crypto::ScryptCost cost)
{
    if (!pin.isEmpty() && !pinPattern().match(pin).hasMatch())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("A PIN is 4 to 8 digits."));
    const QString hash = pin.isEmpty() ? QString() : crypto::hashPassword(pin, cost);
    if (!pin.isEmpty() && hash.isEmpty())
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Password hashing failed."), QStringLiteral("scrypt"));
    return updateAccount(*d, user, QStringLiteral("pin_hash = ?, failed_attempts = 0"),
                         { hash.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(hash) }, actor,
                         QStringLiteral("account-pin"));
}

core::Status RecordStore::setAccountDisabled(const QString& user, bool disabled, const QString& actor)
{
    return updateAccount(*d, user, QStringLiteral("disabled_at = ?"),
                         { disabled ? QVariant(isoNow()) : QVariant(QMetaType(QMetaType::QString)) }, actor,
                         disabled ? QStringLiteral("account-disabled") : QStringLiteral("account-enabled"));
}

} // namespace pharmdesk::store
