// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"

namespace pharmdesk::cli {

// Replaced by the real subcommand in this session's work; kept compiling meanwhile.
int runEval(const QStringList&, CliIo& io)
{
    io.err << "pharmdesk-cli: 'eval' is not built yet\n";
    return ExitFatal;
}

} // namespace pharmdesk::cli
