// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommon.h"

#include <QStringList>
#include <QTextStream>

namespace pharmdesk::testing {

/// What a `pharmdesk-cli` subcommand printed and returned when run in-process.
struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

using Subcommand = int (*)(const QStringList&, cli::CliIo&);

/// Runs `pharmdesk-cli <name> <args...>` through `command` on string streams (not a terminal).
inline CliRun runInProcess(Subcommand command, const QString& name, const QStringList& args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    cli::CliIo io { out, err, false };
    run.code = command(QStringList { QStringLiteral("pharmdesk-cli"), name } + args, io);
    out.flush();
    err.flush();
    return run;
}

} // namespace pharmdesk::testing
