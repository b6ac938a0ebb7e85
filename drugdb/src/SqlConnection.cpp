// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlConnection.h"

#include <QSqlQuery>
#include <QUuid>

namespace pharmdesk::drugdb::detail {

SqlConnection::SqlConnection(const QString& path)
    : m_name(QStringLiteral("pharmdesk-drugdb-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_path(path)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(m_path);
}

SqlConnection::~SqlConnection()
{
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();  // drop our handle first, or removeDatabase() warns the connection is in use
    QSqlDatabase::removeDatabase(m_name);
}

core::Status SqlConnection::open()
{
    if (!m_db.isValid())
        return core::makeError(core::ErrorCategory::Database, QStringLiteral("The SQLite driver is not available."),
                               QStringLiteral("QSQLITE plugin missing"));
    if (!m_db.open())
        return sqlError(QStringLiteral("Could not open the drug cache %1.").arg(m_path), m_db.lastError());
    return core::Done {};
}

core::Status SqlConnection::exec(const QString& sql, const QString& what)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return sqlError(QStringLiteral("Drug cache: %1 failed.").arg(what), query.lastError());
    return core::Done {};
}

core::Error sqlError(const QString& message, const QSqlError& error)
{
    return core::makeError(core::ErrorCategory::Database, message, error.text());
}

} // namespace pharmdesk::drugdb::detail
