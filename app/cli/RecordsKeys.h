// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommon.h"

namespace pharmdesk::cli {

/// Writes `bytes` to a file created (or truncated and chmod'ed) 0600, for exports and key copies.
core::Status writePrivateFile(const QString& path, const QByteArray& bytes);

/// records key-backup FILE: the record keyset from the keychain into a 0600 file (audited).
int runKeyBackup(const QStringList& arguments, CliIo& io);
/// records key-restore FILE [--force]: a backed-up keyset into the keychain (audited).
int runKeyRestore(const QStringList& arguments, CliIo& io);

} // namespace pharmdesk::cli
