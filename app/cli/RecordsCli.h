// SPDX-License-Identifier: GPL-3.0-or-later
// What every `pharmdesk-cli records` action shares (not a public API of the CLI).
#pragma once

#include "cli/CliCommon.h"

#include "pharmdesk/store/RecordStore.h"

#include <QJsonValue>
#include <QTextStream>
#include <QUuid>

#include <memory>

namespace pharmdesk::cli {

/// One records action: its parser (always --data-dir, --json on request), the parse with its
/// positional-argument check, the store opened from --data-dir, the exit code of an error and
/// the printing of JSON. Lives for one action on the main thread; owns the store it opens.
class RecordsAction
{
public:
    RecordsAction(CliIo& io, const QString& description);

    void addOption(const QCommandLineOption& option) { m_parser.addOption(option); }
    void addJsonOption();
    void addPositional(const QString& name, const QString& description) { m_parser.addPositionalArgument(name, description); }

    /// Parses `arguments` ("pharmdesk-cli", "records <action>", ...). With `positionals` >= 0,
    /// exactly that many positional arguments are required ("expected `expected`" otherwise).
    /// Returns the exit code to stop with, or nullopt to go on.
    std::optional<int> parse(const QStringList& arguments, int positionals = 0, const QString& expected = {});

    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_parser.value(name); }
    QString positional(qsizetype i) const { return m_parser.positionalArguments().value(i); }
    bool json() const { return m_hasJson && m_parser.isSet(QStringLiteral("json")); }
    CliIo& io() { return m_io; }

    /// The data directory of --data-dir; errors are printed.
    std::optional<core::DataDirectory> dataDir();
    /// Opens the record store of --data-dir; nullptr after printing the error.
    store::RecordStore* openStore();

    /// Prints "pharmdesk-cli: <message>" and the help text; returns ExitUsage.
    int usage(const QString& message);
    /// Prints the error; returns its exit code: Usage 2, Input (not found) 1, anything else 3.
    int fail(const core::Error& error);
    /// One line of compact JSON on stdout.
    void printJson(const QJsonValue& value);

private:
    CliIo& m_io;
    QCommandLineParser m_parser;
    bool m_hasJson = false;
    std::unique_ptr<store::RecordStore> m_store;
};

/// A secret read without it ever being on the command line: the first line of `file`, or when
/// `file` is empty or "-" the next line of `in` (stdin; at a terminal `what` is asked on `prompt`
/// and the typing is not echoed). Trailing CR/LF removed.
std::optional<QString> readSecret(const QString& file, QTextStream& in, QTextStream& prompt, const QString& what);

/// "2026-11-22T06:00:00Z"
QString isoUtc(const QDateTime& t);
/// JSON null for an empty string.
QJsonValue textOrNull(const QString& s);

/// records accounts list|add|passwd|set-pin|check|disable|enable (RecordsAccounts.cpp).
int runAccounts(const QStringList& arguments, CliIo& io);
/// records recover [--jobs N] [--json] (RecordsRecover.cpp).
int runRecover(const QStringList& arguments, CliIo& io);

/// `arguments` with the first `depth` words after the program folded into one ("records list"),
/// so that QCommandLineParser sees the action's own options only.
QStringList actionArguments(const QStringList& arguments, int depth = 2);

} // namespace pharmdesk::cli
