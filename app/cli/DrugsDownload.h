// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommon.h"

namespace pharmdesk::cli {

/// `drugs update`: MFDS downloads into the drug cache. `arguments` as shaped for the action's own
/// parser (program, "drugs update", options…). Exit 0 done, 1 daily limit, 2 usage, 3 failure.
int runDrugsUpdate(const QStringList& arguments, CliIo& io);

/// `drugs import FILE`: a downloaded JSON/CSV dump into the drug cache. Exit 0, 2 usage, 3 failure.
int runDrugsImport(const QStringList& arguments, CliIo& io);

} // namespace pharmdesk::cli
