// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Product.h"

#include <QList>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

/// The bulk read of the products and their codes at open(), through the SQLite C API: QtSql's
/// per-value QVariant costs more than the read itself on 44k rows. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

/// A read-only SQLite connection in one read transaction (a snapshot), for bulk reads through the C
/// API. One thread at a time.
class SqliteReader
{
public:
    class Rows
    {
    public:
        bool next();                 ///< the next row; false at the end or on an error (see ok())
        bool ok() const { return m_rc == 101 /* SQLITE_DONE */ || m_rc == 100 /* SQLITE_ROW */; }
        QString text(int column) const;
        qint64 integer(int column) const;
        Rows(Rows&&) noexcept;
        ~Rows();

    private:
        friend class SqliteReader;
        explicit Rows(sqlite3_stmt* statement);
        sqlite3_stmt* m_statement;
        int m_rc = 100;
    };

    /// Opens `path` read-only and begins the snapshot; error() says why when it fails.
    explicit SqliteReader(const QString& path);
    ~SqliteReader();
    SqliteReader(const SqliteReader&) = delete;
    SqliteReader& operator=(const SqliteReader&) = delete;

    bool isOpen() const { return m_open; }
    /// The rows of `sql`; an invalid statement gives no rows and !ok().
    Rows query(const char* sql);
    core::Error error(const QString& what) const;

private:
    sqlite3* m_db = nullptr;
    QString m_path;
    bool m_open = false;
};

/// Every product in id order, its insurance codes in stored order. Read-only, one read transaction,
/// a connection of its own; any thread.
core::Result<QList<core::Product>> readProducts(const QString& sqlitePath);

} // namespace pharmdesk::drugdb::detail
