// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace pharmdesk::drugdb::detail {

/// An SQLite connection under a unique name, owned by the current thread and removed from Qt's
/// connection registry on destruction. QSqlDatabase connections must not cross threads, so every
/// open/build makes its own.
class SqlConnection
{
public:
    explicit SqlConnection(const QString& path);
    ~SqlConnection();
    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    /// Opens the file; a Database error when SQLite refuses it.
    core::Status open();
    QSqlDatabase& db() { return m_db; }

    /// Runs one statement; a Database error naming `what` on failure.
    core::Status exec(const QString& sql, const QString& what);

private:
    QString m_name;
    QString m_path;
    QSqlDatabase m_db;
};

core::Error sqlError(const QString& message, const QSqlError& error);

} // namespace pharmdesk::drugdb::detail
