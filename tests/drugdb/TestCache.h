// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/drugdb/DrugCache.h"

#include <QFile>
#include <QList>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

/// Helpers shared by the drugdb tests: a cache built from the embedded data in a temp data dir, and
/// the shipped CSV read independently of drugdb's own parser (so the tests check it).
namespace pharmdesk::drugdb::testing {

inline std::shared_ptr<const DrugCache> openFreshCache(const QTemporaryDir& dir)
{
    auto cache = DrugCache::open(dir.filePath(QStringLiteral("drugs.sqlite")));
    if (!cache) {
        qWarning("%s", qPrintable(cache.error().toString()));
        return nullptr;
    }
    return *cache;
}

struct CsvRow
{
    QString name;
    QString permit;
    QStringList codes;
};

/// The rows of resources/drugs/permits.csv. Quoted fields hold commas and line breaks; a line break
/// inside a name is a layout artefact of the source, so it is removed (as the cache does).
inline QList<CsvRow> shippedRows()
{
    QList<CsvRow> rows;
    QFile file(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    const QString text = QString::fromUtf8(file.readAll());
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'"') {
            if (quoted && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field.append(c);
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (c == u',' && !quoted) {
            fields.append(std::exchange(field, QString()));
        } else if (c == u'\n' && !quoted) {
            fields.append(std::exchange(field, QString()));
            records.append(std::exchange(fields, QStringList()));
        } else if (c != u'\r' && !(quoted && c == u'\n')) {
            field.append(c);
        }
    }
    for (qsizetype r = 1; r < records.size(); ++r) {
        const QStringList& f = records.at(r);
        if (f.size() == 4)
            rows.append({ f.at(1).trimmed(), f.at(2).trimmed(), f.at(3).split(u',', Qt::SkipEmptyParts) });
    }
    return rows;
}

} // namespace pharmdesk::drugdb::testing
