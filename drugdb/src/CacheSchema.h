// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QString>
#include <QStringList>

/// The drug cache's SQLite schema, as a list of versioned migrations. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

class SqlConnection;

/// Schema version this program writes and reads. An older cache is migrated in place (its
/// downloaded rows kept); a newer one is refused.
inline constexpr int kSchemaVersion = 3;

/// Statements that take a cache from `version - 1` to `version` (1 ≤ version ≤ kSchemaVersion).
/// Version 1 creates the tables; later versions are additive and idempotent (IF NOT EXISTS), since
/// older programs added some of their tables on the fly.
QStringList migrationTo(int version);

/// Runs migrationTo(version) plus the column additions of that version (skipped where the column
/// exists). No transaction of its own.
core::Status applyMigration(SqlConnection& c, int version);

/// The version recorded in the file; 0 when it has none (empty, foreign or damaged file).
int schemaVersionOf(SqlConnection& c);

/// Takes an open cache of version `from` (1 ≤ from < kSchemaVersion) to kSchemaVersion in one
/// transaction, keeping every row: all of it or nothing.
core::Status migrate(SqlConnection& c, int from);

/// Makes `path` a cache of this program's schema: built from the embedded data when it is missing,
/// empty/foreign, or an embedded build of other data than this program's; migrated when it is of an
/// older schema; refused (ErrorCategory::Database) when it is newer. `*buildMs` gets the time spent
/// building or migrating (0 when the file was current). Any thread; its own connection.
core::Status prepareCacheFile(const QString& path, double* buildMs = nullptr);

} // namespace pharmdesk::drugdb::detail
