// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/// The drug cache's SQLite schema, as a list of versioned migrations. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

/// Schema version this program writes and reads. A cache with an older version is rebuilt.
inline constexpr int kSchemaVersion = 1;

/// Statements that take a cache from `version - 1` to `version` (1 ≤ version ≤ kSchemaVersion).
QStringList migrationTo(int version);

} // namespace pharmdesk::drugdb::detail
