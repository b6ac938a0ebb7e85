// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProductTable.h"

#include <sqlite3.h>

#include <memory>
#include <utility>

namespace pharmdesk::drugdb::detail {

namespace {

struct CloseDb
{
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct Finalize
{
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

QString textAt(sqlite3_stmt* st, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(st, column)) : QString();
}

core::Error failure(sqlite3* db, const QString& path)
{
    return core::makeError(core::ErrorCategory::Database, QStringLiteral("Drug cache: reading the products failed."),
                           QStringLiteral("%1: %2").arg(path, QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory")));
}

} // namespace

SqliteReader::Rows::Rows(sqlite3_stmt* statement) : m_statement(statement), m_rc(statement ? SQLITE_ROW : SQLITE_ERROR) { }

SqliteReader::Rows::Rows(Rows&& other) noexcept : m_statement(std::exchange(other.m_statement, nullptr)), m_rc(other.m_rc) { }

SqliteReader::Rows::~Rows()
{
    sqlite3_finalize(m_statement);
}

bool SqliteReader::Rows::next()
{
    if (!m_statement || m_rc != SQLITE_ROW)
        return false;
    m_rc = sqlite3_step(m_statement);
    return m_rc == SQLITE_ROW;
}

QString SqliteReader::Rows::text(int column) const
{
    return textAt(m_statement, column);
}

qint64 SqliteReader::Rows::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

SqliteReader::SqliteReader(const QString& path) : m_path(path)
{
    m_open = sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            == SQLITE_OK
        && sqlite3_busy_timeout(m_db, 5000) == SQLITE_OK && sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
}

SqliteReader::~SqliteReader()
{
    if (m_db) {
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close_v2(m_db);
    }
}

SqliteReader::Rows SqliteReader::query(const char* sql)
{
    sqlite3_stmt* st = nullptr;
    if (m_open)
        sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr);
    return Rows(st);
}

core::Error SqliteReader::error(const QString& what) const
{
    return core::makeError(core::ErrorCategory::Database, QStringLiteral("Drug cache: reading %1 failed.").arg(what),
                           QStringLiteral("%1: %2").arg(m_path, QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "out of memory")));
}

core::Result<QList<core::Product>> readProducts(const QString& sqlitePath)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(sqlitePath.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return failure(raw, sqlitePath);
    sqlite3_busy_timeout(raw, 5000);
    auto prepare = [&](const char* sql) {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(raw, sql, -1, &st, nullptr);
        return Statement(st);
    };
    // One snapshot for both tables: a download committing meanwhile is seen whole or not at all.
    if (sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(raw, sqlitePath);
    Statement products = prepare("SELECT id, item_seq, name, company, permit_no, ingredients, form FROM products "
                                 "ORDER BY id");
    Statement codes = prepare("SELECT product_id, code FROM product_codes ORDER BY product_id, rowid");
    if (!products || !codes)
        return failure(raw, sqlitePath);

    QList<core::Product> out;
    out.reserve(sqlite3_int64(50000));
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(products.get())) == SQLITE_ROW) {
        core::Product p;
        p.id = sqlite3_column_int64(products.get(), 0);
        p.itemSeq = textAt(products.get(), 1);
        p.name = textAt(products.get(), 2);
        p.company = textAt(products.get(), 3);
        p.permitNumber = textAt(products.get(), 4);
        p.ingredients = textAt(products.get(), 5);
        p.form = textAt(products.get(), 6);
        out.append(std::move(p));
    }
    if (step != SQLITE_DONE)
        return failure(raw, sqlitePath);
    // Both lists are in id order: walk them together.
    qsizetype index = 0;
    while ((step = sqlite3_step(codes.get())) == SQLITE_ROW) {
        const qint64 productId = sqlite3_column_int64(codes.get(), 0);
        while (index < out.size() && out.at(index).id < productId)
            ++index;
        if (index < out.size() && out.at(index).id == productId)
            out[index].ediCodes.append(textAt(codes.get(), 1));
    }
    if (step != SQLITE_DONE)
        return failure(raw, sqlitePath);
    sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr);
    return out;
}

} // namespace pharmdesk::drugdb::detail
