// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the SQLite drug cache from the embedded data: a temp file filled in one transaction, then
// renamed over the target so a reader never sees a half-built cache.
#include "CacheSchema.h"
#include "EmbeddedData.h"
#include "MatcherIndex.h"
#include "MatcherStore.h"
#include "SqlConnection.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/drugdb/NameMatcher.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlQuery>
#include <QUuid>

#include <filesystem>
#include <system_error>

namespace pharmdesk::drugdb {

namespace {

using core::ErrorCategory;

// e약은요 texts carry ITEM_SEQ and a name; the product list has no ITEM_SEQ, so texts are linked to
// products by normalised name (with ingredients first, then without).
QStringList linkGuides(const QList<detail::PermitRow>& rows, const QList<core::GuideText>& guides)
{
    QHash<QString, QString> byFull;
    QHash<QString, QString> byBase;
    for (const core::GuideText& g : guides) {
        byFull.insert(names::normalize(g.itemName, names::BracketContent::Keep), g.itemSeq);
        byBase.insert(names::normalize(g.itemName, names::BracketContent::Drop), g.itemSeq);
    }
    QStringList seqs;
    seqs.reserve(rows.size());
    for (const detail::PermitRow& row : rows) {
        QString seq = byFull.value(names::normalize(row.itemName, names::BracketContent::Keep));
        if (seq.isEmpty())
            seq = byBase.value(names::normalize(row.itemName, names::BracketContent::Drop));
        seqs.append(seq);
    }
    return seqs;
}

core::Status fillCache(detail::SqlConnection& c, const QList<detail::PermitRow>& rows,
                       const QList<core::GuideText>& guides, qint64 startedMs)
{
    for (int version = 1; version <= detail::kSchemaVersion; ++version) {
        if (auto st = detail::applyMigration(c, version); !st)
            return st;
    }
    QSqlQuery q(c.db());
    auto failed = [&q](const QString& what) {
        return detail::sqlError(QStringLiteral("Drug cache: %1 failed.").arg(what), q.lastError());
    };

    const QStringList seqs = linkGuides(rows, guides);
    const QString sourceDate = detail::embeddedDataDate();
    if (!q.prepare(QStringLiteral("INSERT INTO products (id, item_seq, name, company, permit_no, ingredients, form, "
                                  "source_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")))
        return failed(QStringLiteral("preparing products"));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const detail::PermitRow& row = rows.at(i);
        q.bindValue(0, qint64(i + 1));
        q.bindValue(1, seqs.at(i).isEmpty() ? QVariant() : QVariant(seqs.at(i)));
        q.bindValue(2, row.itemName);
        q.bindValue(3, QString());  // the shipped list has no company column
        q.bindValue(4, row.permitNumber);
        q.bindValue(5, names::ingredientsOf(row.itemName));
        q.bindValue(6, names::formOf(row.itemName));
        q.bindValue(7, sourceDate);
        if (!q.exec())
            return failed(QStringLiteral("inserting products"));
    }
    if (!q.prepare(QStringLiteral("INSERT OR IGNORE INTO product_codes (code, product_id) VALUES (?, ?)")))
        return failed(QStringLiteral("preparing codes"));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        for (const QString& code : rows.at(i).ediCodes) {
            q.bindValue(0, code);
            q.bindValue(1, qint64(i + 1));
            if (!q.exec())
                return failed(QStringLiteral("inserting codes"));
        }
    }
    if (!q.prepare(QStringLiteral("INSERT OR REPLACE INTO guide_texts (item_seq, item_name, efficacy, usage, caution, "
                                  "interaction, side_effects, storage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")))
        return failed(QStringLiteral("preparing guide texts"));
    for (const core::GuideText& g : guides) {
        q.bindValue(0, g.itemSeq);
        q.bindValue(1, g.itemName);
        q.bindValue(2, g.efficacy);
        q.bindValue(3, g.usage);
        q.bindValue(4, g.caution);
        q.bindValue(5, g.interaction);
        q.bindValue(6, g.sideEffects);
        q.bindValue(7, g.storage);
        if (!q.exec())
            return failed(QStringLiteral("inserting guide texts"));
    }
    if (!q.exec(QStringLiteral("INSERT INTO products_fts(products_fts) VALUES('rebuild')")))
        return failed(QStringLiteral("building the name index"));
    // The name matcher's index, stored with the build so that the first open matches at once.
    QStringList names;
    if (!q.exec(QStringLiteral("SELECT name FROM products ORDER BY id")))
        return failed(QStringLiteral("reading the product names"));
    while (q.next())
        names.append(q.value(0).toString());
    const NameMatcher matcher(names);
    if (!q.prepare(QStringLiteral("INSERT OR REPLACE INTO matcher_index (id, format, fingerprint, data) VALUES (1, ?, ?, ?)")))
        return failed(QStringLiteral("preparing the matcher index"));
    q.bindValue(0, qint64(detail::kMatcherIndexFormat));
    q.bindValue(1, detail::matcherFingerprint(names));
    q.bindValue(2, matcher.toBlob());
    if (!q.exec())
        return failed(QStringLiteral("storing the matcher index"));
    if (!q.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(detail::kSchemaVersion)))
        return failed(QStringLiteral("recording the schema version"));

    if (!q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")))
        return failed(QStringLiteral("preparing meta"));
    const QList<std::pair<QString, QString>> meta = {
        { QStringLiteral("source"), QStringLiteral("embedded:") + sourceDate },
        { QStringLiteral("build_identity"), detail::embeddedBuildIdentity() },
        { QStringLiteral("built_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { QStringLiteral("build_ms"), QString::number(QDateTime::currentMSecsSinceEpoch() - startedMs) },
    };
    for (const auto& [key, value] : meta) {
        q.bindValue(0, key);
        q.bindValue(1, value);
        if (!q.exec())
            return failed(QStringLiteral("writing meta"));
    }
    return core::Done {};
}

} // namespace

core::Status buildEmbeddedCache(const QString& sqlitePath)
{
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    auto rows = detail::readPermits();
    if (!rows)
        return rows.error();
    auto guides = detail::readGuides();
    if (!guides)
        return guides.error();

    const QFileInfo target(sqlitePath);
    if (!QDir().mkpath(target.absolutePath()))
        return core::makeError(ErrorCategory::Io, QStringLiteral("Could not create the folder of the drug cache."),
                               target.absolutePath());
    const QString tempPath = target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".")
        + QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".tmp");

    core::Status status = core::Done {};
    {
        detail::SqlConnection c(tempPath);
        status = c.open();
        // The temp file is discarded on any failure, so durability during the build buys nothing.
        if (status)
            status = c.exec(QStringLiteral("PRAGMA journal_mode=OFF"), QStringLiteral("setting the journal"));
        if (status)
            status = c.exec(QStringLiteral("PRAGMA synchronous=OFF"), QStringLiteral("setting sync"));
        if (status && !c.db().transaction())
            status = detail::sqlError(QStringLiteral("Drug cache: starting the build failed."), c.db().lastError());
        if (status) {
            status = fillCache(c, *rows, *guides, startedMs);
            if (status && !c.db().commit())
                status = detail::sqlError(QStringLiteral("Drug cache: committing the build failed."), c.db().lastError());
            if (!status)
                c.db().rollback();
        }
        // Readers get WAL: concurrent readers never block on a writer (future updates).
        if (status)
            status = c.exec(QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("enabling WAL"));
    }
    if (!status) {
        QFile::remove(tempPath);
        return status;
    }
    // A stale WAL of the old file must not be replayed onto the new one.
    QFile::remove(sqlitePath + QStringLiteral("-wal"));
    QFile::remove(sqlitePath + QStringLiteral("-shm"));
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(tempPath.toStdString()),
                            std::filesystem::path(sqlitePath.toStdString()), ec);
    if (ec) {
        QFile::remove(tempPath);
        return core::makeError(ErrorCategory::Io, QStringLiteral("Could not put the new drug cache in place."),
                               QString::fromStdString(ec.message()));
    }
    return core::Done {};
}

} // namespace pharmdesk::drugdb
