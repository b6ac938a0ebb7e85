// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <unordered_map>

/// Writing downloaded or imported MFDS rows into the drug cache. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

class SqlConnection;

/// Upserts rows of any MFDS service into an open cache of the current schema. It issues no
/// transaction of its own: callers wrap a page (or an import) in one.
class CacheWriter
{
public:
    /// `sourceDate` (yyyy-MM-dd) is stored as each record's source_date.
    CacheWriter(SqlConnection& c, QString sourceDate);

    /// Every row of `page`, by the list that is filled.
    core::Status page(const MfdsPage& page);

    core::Status permit(const MfdsPermit& p);
    core::Status guide(const core::GuideText& g);
    core::Status detail(const MfdsPermitDetail& d);
    core::Status pill(const MfdsPill& p);
    core::Status durRule(const MfdsDurRule& r);

    /// Marks a kind of DUR data as loaded (its checks run from now on), with its row count.
    core::Status durLoaded(core::DurAlert::Kind kind, const QString& origin);

    /// meta `source` = `<origin>:<date>` ("mfds:2026-11-22", "import:…"), so DrugCache::open()
    /// keeps the file instead of rebuilding it from embedded data.
    core::Status markSource(const QString& origin);

private:
    bool run(const QString& sql, const QVariantList& values);
    qint64 scalarId(const QString& sql, const QVariantList& values);
    core::Status fail(const QString& what);

    QSqlDatabase m_db;
    /// Statements prepared once per writer (SQLite parses each only once for a whole import).
    std::unordered_map<QString, QSqlQuery> m_statements;
    QSqlQuery* m_last = nullptr;  ///< the statement run last (its rows, insert id and error)
    QSqlError m_prepareError;
    QString m_date;
};

} // namespace pharmdesk::drugdb::detail
