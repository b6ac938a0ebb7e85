// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DataDirectory.h"
#include "pharmdesk/core/Error.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace pharmdesk::cli {

/// Exit codes of pharmdesk-cli, documented in docs/cli.md.
enum ExitCode : int {
    ExitOk = 0,            ///< everything done
    ExitItemsFailed = 1,   ///< the run finished but some items failed (see their results)
    ExitUsage = 2,         ///< bad command line
    ExitFatal = 3,         ///< could not run at all (data directory, drug cache, OCR models)
};

/// Where a subcommand writes. `out` carries results (JSON lines, tables); `err` carries progress
/// and messages, so `out` stays machine-readable.
struct CliIo
{
    QTextStream& out;
    QTextStream& err;
    bool errIsTerminal = false;  ///< draw a progress bar instead of plain lines
};

/// Adds --data-dir to a subcommand's parser.
void addDataDirOption(QCommandLineParser& parser);

/// Parses `arguments` (arguments[0] is the program, arguments[1] the subcommand). On failure or
/// --help prints to io and returns the exit code to use; std::nullopt means go on.
std::optional<int> parseOrExit(QCommandLineParser& parser, const QStringList& arguments, CliIo& io);

/// Opens the data directory named by --data-dir (or the default), reporting errors to io.err.
std::optional<core::DataDirectory> openDataDir(const QCommandLineParser& parser, CliIo& io);

/// Prints "pharmdesk-cli: <message>" (and the detail) to io.err.
void printError(CliIo& io, const core::Error& error);

// Subcommands. Each takes the full argument list ("pharmdesk-cli", "<sub>", ...) and returns an
// ExitCode. They never call exit() and never read stdin unless the user asked for it ("-").
int runImport(const QStringList& arguments, CliIo& io);
int runGuide(const QStringList& arguments, CliIo& io);
int runDrugs(const QStringList& arguments, CliIo& io);
int runEval(const QStringList& arguments, CliIo& io);
int runRecords(const QStringList& arguments, CliIo& io);

/// Who the CLI acts as in the records' audit log: "cli:<login name>".
QString recordsActor();

} // namespace pharmdesk::cli
