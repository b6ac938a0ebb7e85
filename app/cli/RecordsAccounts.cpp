// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli records accounts list|add|passwd|set-pin|check|disable|enable: local pharmacist
// accounts. Passwords and PINs are read from stdin (one a line) or from files, never from the
// command line (it shows in `ps` and the shell history). Every change is audited as cli:$USER.
#include "cli/RecordsCli.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace pharmdesk::cli {

namespace {

using store::RecordStore;

const QCommandLineOption kPasswordFile { QStringLiteral("password-file"),
                                         QStringLiteral("Read the (new) password from the first line of FILE ('-': stdin, the default)."),
                                         QStringLiteral("FILE") };
const QCommandLineOption kPinFile { QStringLiteral("pin-file"),
                                    QStringLiteral("Read the PIN (4-8 digits) from the first line of FILE ('-': stdin)."),
                                    QStringLiteral("FILE") };
const QString kOneUser = QStringLiteral("one user name");

/// Reads a secret or prints why not; `what` names it in the message.
std::optional<QString> secret(RecordsAction& action, const QString& file, QTextStream& in, const char* what)
{
    auto value = readSecret(file, in, action.io().err, QString::fromLatin1(what));
    if (!value || value->isEmpty()) {
        action.io().err << "pharmdesk-cli: no " << what << " given (stdin or " << (file.isEmpty() ? QStringLiteral("-") : file)
                        << ")\n";
        action.io().err.flush();
        return std::nullopt;
    }
    return value;
}

/// Prints "pharmdesk-cli: <message> USER" on success, else the error and its exit code.
int done(RecordsAction& action, const core::Status& status, const QString& message)
{
    if (!status)
        return action.fail(status.error());
    action.io().err << "pharmdesk-cli: " << message << " " << action.positional(0) << "\n";
    action.io().err.flush();
    return ExitOk;
}

int runList(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Pharmacist accounts: user, name, PIN (none, set, locked after 5 wrong PINs), "
                                            "active or disabled."));
    action.addJsonOption();
    if (auto code = action.parse(arguments))
        return *code;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto accounts = records->accounts();
    if (!accounts)
        return action.fail(accounts.error());
    if (const core::Status s = records->audit(recordsActor(), QStringLiteral("accounts-list"), {}, {}); !s)
        return action.fail(s.error());
    if (action.json()) {
        QJsonArray array;
        for (const store::Account& a : *accounts) {
            array.append(QJsonObject { { QStringLiteral("user"), a.user },
                                       { QStringLiteral("display_name"), a.displayName },
                                       { QStringLiteral("has_pin"), a.hasPin },
                                       { QStringLiteral("pin_locked"), a.hasPin && a.pinLocked() },
                                       { QStringLiteral("failed_pin_attempts"), a.failedAttempts },
                                       { QStringLiteral("disabled"), a.disabled },
                                       { QStringLiteral("created_at"), isoUtc(a.createdAt) } });
        }
        action.printJson(array);
        return ExitOk;
    }
    for (const store::Account& a : *accounts) {
        const QString pin = !a.hasPin ? QStringLiteral("no-pin") : a.pinLocked() ? QStringLiteral("pin-locked") : QStringLiteral("pin");
        io.out << a.user << '\t' << a.displayName << '\t' << pin << '\t'
               << (a.disabled ? QStringLiteral("disabled") : QStringLiteral("active")) << '\t' << isoUtc(a.createdAt) << "\n";
    }
    io.out.flush();
    return ExitOk;
}

int runAdd(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Creates a pharmacist account. The password (8+ characters) is read from "
                                            "stdin or --password-file, then the PIN, if --pin-file is given."));
    action.addPositional(QStringLiteral("USER"), QStringLiteral("User name: 2-32 of a-z 0-9 . _ -"));
    action.addOption({ QStringLiteral("name"), QStringLiteral("Display name (e.g. 약사 김하늘)."), QStringLiteral("NAME") });
    action.addOption(kPasswordFile);
    action.addOption(kPinFile);
    if (auto code = action.parse(arguments, 1, kOneUser))
        return *code;
    if (action.value(QStringLiteral("name")).trimmed().isEmpty())
        return action.usage(QStringLiteral("records accounts add needs --name"));
    QTextStream in(stdin);
    const auto password = secret(action, action.value(QStringLiteral("password-file")), in, "password");
    const auto pin = !password || !action.isSet(QStringLiteral("pin-file"))
        ? std::optional<QString>(QString())
        : secret(action, action.value(QStringLiteral("pin-file")), in, "PIN");
    if (!password || !pin)
        return ExitUsage;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    return done(action,
                records->createAccount(action.positional(0), action.value(QStringLiteral("name")).trimmed(), *password, *pin,
                                       recordsActor()),
                QStringLiteral("account created:"));
}

int runPasswd(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Changes a password. Reads the current password, then the new one (stdin, "
                                            "one a line, or the files); --reset sets a new one without the current "
                                            "(an administrator's reset, audited)."));
    action.addPositional(QStringLiteral("USER"), QStringLiteral("User name."));
    action.addOption({ QStringLiteral("current-password-file"),
                       QStringLiteral("Read the current password from FILE ('-': stdin, the default)."), QStringLiteral("FILE") });
    action.addOption(kPasswordFile);
    action.addOption({ QStringLiteral("reset"), QStringLiteral("Do not ask for the current password.") });
    if (auto code = action.parse(arguments, 1, kOneUser))
        return *code;
    QTextStream in(stdin);
    const QString user = action.positional(0);
    RecordStore* records = nullptr;
    if (!action.isSet(QStringLiteral("reset"))) {
        const auto current = secret(action, action.value(QStringLiteral("current-password-file")), in, "current password");
        if (!current)
            return ExitUsage;
        records = action.openStore();
        if (!records)
            return ExitFatal;
        if (const auto login = records->login(user, *current); !login) {
            printError(io, login.error());
            return ExitItemsFailed;
        }
    }
    const auto password = secret(action, action.value(QStringLiteral("password-file")), in, "new password");
    if (!password)
        return ExitUsage;
    if (!records && !(records = action.openStore()))
        return ExitFatal;
    return done(action, records->setPassword(user, *password, recordsActor()), QStringLiteral("password changed:"));
}

int runSetPin(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Sets the quick-switch PIN (4-8 digits, from stdin or --pin-file) and "
                                            "unlocks it after 5 wrong tries; --remove takes it away."));
    action.addPositional(QStringLiteral("USER"), QStringLiteral("User name."));
    action.addOption(kPinFile);
    action.addOption({ QStringLiteral("remove"), QStringLiteral("Remove the PIN (password login only).") });
    if (auto code = action.parse(arguments, 1, kOneUser))
        return *code;
    QTextStream in(stdin);
    const auto pin = action.isSet(QStringLiteral("remove")) ? std::optional<QString>(QString())
                                                            : secret(action, action.value(QStringLiteral("pin-file")), in, "PIN");
    if (!pin)
        return ExitUsage;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    return done(action, records->setPin(action.positional(0), *pin, recordsActor()),
                pin->isEmpty() ? QStringLiteral("PIN removed:") : QStringLiteral("PIN set:"));
}

int runCheck(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Checks a password (a login) or with --pin a PIN (the counter switch), read "
                                            "from stdin or --password-file; audited like the GUI's. Exit 1 when refused."));
    action.addPositional(QStringLiteral("USER"), QStringLiteral("User name."));
    action.addOption({ QStringLiteral("pin"), QStringLiteral("Check the PIN instead of the password.") });
    action.addOption(kPasswordFile);
    if (auto code = action.parse(arguments, 1, kOneUser))
        return *code;
    QTextStream in(stdin);
    const bool pin = action.isSet(QStringLiteral("pin"));
    const auto given = secret(action, action.value(QStringLiteral("password-file")), in, pin ? "PIN" : "password");
    if (!given)
        return ExitUsage;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const QString user = action.positional(0);
    const auto account = pin ? records->switchByPin(user, *given) : records->login(user, *given);
    if (!account) {
        printError(io, account.error());
        return ExitItemsFailed;
    }
    io.out << "ok " << account->user << " (" << account->displayName << ")\n";
    io.out.flush();
    return ExitOk;
}

int runDisable(const QStringList& arguments, CliIo& io, bool disable)
{
    RecordsAction action(io, disable ? QStringLiteral("Disables an account: no login, no PIN switch; it stays in the "
                                                      "records and the audit log.")
                                     : QStringLiteral("Enables a disabled account again."));
    action.addPositional(QStringLiteral("USER"), QStringLiteral("User name."));
    if (auto code = action.parse(arguments, 1, kOneUser))
        return *code;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    return done(action, records->setAccountDisabled(action.positional(0), disable, recordsActor()),
                disable ? QStringLiteral("account disabled:") : QStringLiteral("account enabled:"));
}

int runDisableAccount(const QStringList& arguments, CliIo& io)
{
    return runDisable(arguments, io, true);
}

int runEnableAccount(const QStringList& arguments, CliIo& io)
{
    return runDisable(arguments, io, false);
}

struct Action
{
    QLatin1StringView name;
    int (*run)(const QStringList& arguments, CliIo& io);
};

const Action kActions[] = {
    { QLatin1StringView("list"), runList },         { QLatin1StringView("add"), runAdd },
    { QLatin1StringView("passwd"), runPasswd },     { QLatin1StringView("set-pin"), runSetPin },
    { QLatin1StringView("check"), runCheck },       { QLatin1StringView("disable"), runDisableAccount },
    { QLatin1StringView("enable"), runEnableAccount },
};

} // namespace

int runAccounts(const QStringList& arguments, CliIo& io)
{
    const QString action = arguments.value(3);
    for (const Action& a : kActions) {
        if (action == a.name)
            return a.run(actionArguments(arguments, 3), io);
    }
    io.err << "pharmdesk-cli: records accounts needs an action: list, add, passwd, set-pin, check, disable or enable"
           << (action.isEmpty() ? QString() : QStringLiteral(" (not '%1')").arg(action)) << "\n"
           << "(see pharmdesk-cli records --help)\n";
    io.err.flush();
    return action == QLatin1String("--help") || action == QLatin1String("-h") ? ExitOk : ExitUsage;
}

} // namespace pharmdesk::cli
