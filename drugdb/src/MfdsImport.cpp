// SPDX-License-Identifier: GPL-3.0-or-later
// `drugs import FILE`: a downloaded JSON or CSV dump of an MFDS service into the cache.
#include "pharmdesk/drugdb/MfdsImport.h"

#include "CacheSchema.h"
#include "CacheWriter.h"
#include "SqlConnection.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace pharmdesk::drugdb {

namespace {

using core::ErrorCategory;

core::Error inputError(const QString& path, const QString& detail)
{
    return core::makeError(ErrorCategory::Input, QStringLiteral("The file is not a dump of an MFDS service."),
                           QStringLiteral("%1: %2").arg(path, detail));
}

// Rows of an API answer ({header, body: {items}}, maybe inside "response"), of {"items": …}, or of a
// top-level array. `items` may be an array of rows, of {"item": row}, or {"item": row | [rows]}.
std::optional<QJsonArray> jsonRows(const QJsonDocument& doc)
{
    QJsonArray rows;
    auto addRow = [&rows](const QJsonValue& v) {
        const QJsonObject o = v.toObject();
        if (o.size() == 1 && o.value(QLatin1String("item")).isObject())
            rows.append(o.value(QLatin1String("item")));
        else
            rows.append(v);
    };
    auto addItems = [&](const QJsonValue& items) {
        if (items.isArray()) {
            for (const QJsonValue& v : items.toArray())
                addRow(v);
            return true;
        }
        const QJsonValue inner = items.toObject().value(QLatin1String("item"));
        if (inner.isArray()) {
            for (const QJsonValue& v : inner.toArray())
                addRow(v);
            return true;
        }
        if (inner.isObject()) {
            rows.append(inner);
            return true;
        }
        return false;
    };
    if (doc.isArray())
        return addItems(doc.array()) ? std::optional(rows) : std::nullopt;
    QJsonObject root = doc.object();
    if (root.value(QLatin1String("response")).isObject())
        root = root.value(QLatin1String("response")).toObject();
    const QJsonValue items = root.value(QLatin1String("body")).isObject()
        ? root.value(QLatin1String("body")).toObject().value(QLatin1String("items"))
        : root.value(QLatin1String("items"));
    if (!addItems(items))
        return std::nullopt;
    return rows;
}

// RFC 4180 records; a quoted field may hold commas, quotes ("") and line breaks.
QList<QStringList> csvRecords(const QString& text)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field.append(c);
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == u'"') {
            quoted = true;
            any = true;
        } else if (c == u',') {
            fields.append(std::exchange(field, QString()));
            any = true;
        } else if (c == u'\n') {
            fields.append(std::exchange(field, QString()));
            if (any || fields.size() > 1 || !fields.first().isEmpty())
                records.append(fields);
            fields.clear();
            any = false;
        } else if (c != u'\r') {
            field.append(c);
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        fields.append(field);
        records.append(fields);
    }
    return records;
}

std::optional<QJsonArray> csvRows(const QString& text, QString* error)
{
    const QList<QStringList> records = csvRecords(text);
    if (records.isEmpty()) {
        *error = QStringLiteral("empty CSV");
        return std::nullopt;
    }
    const QStringList header = records.first();
    QJsonArray rows;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const QStringList& f = records.at(r);
        if (f.size() != header.size()) {
            *error = QStringLiteral("CSV record %1 has %2 fields, the header %3").arg(r + 1).arg(f.size()).arg(header.size());
            return std::nullopt;
        }
        QJsonObject row;
        for (qsizetype i = 0; i < header.size(); ++i)
            row.insert(header.at(i).trimmed(), f.at(i));
        rows.append(row);
    }
    return rows;
}

// The service of one row, from its columns.
std::optional<MfdsService> serviceOfRow(const QJsonObject& row)
{
    const QString type = row.value(QLatin1String("TYPE_NAME")).toString().trimmed();
    if (!type.isEmpty()) {
        static const QList<std::pair<QString, MfdsService>> kTypes = {
            { QStringLiteral("병용금기"), MfdsService::DurCombination },
            { QStringLiteral("임부금기"), MfdsService::DurPregnancy },
            { QStringLiteral("노인주의"), MfdsService::DurElderly },
            { QStringLiteral("특정연령대금기"), MfdsService::DurAge },
            { QStringLiteral("연령금기"), MfdsService::DurAge },
            { QStringLiteral("용량주의"), MfdsService::DurDose },
            { QStringLiteral("투여기간주의"), MfdsService::DurDuration },
            { QStringLiteral("효능군중복"), MfdsService::DurTherapeutic },
            { QStringLiteral("분할주의"), MfdsService::DurSplit },
        };
        for (const auto& [name, service] : kTypes) {
            if (type.contains(name))
                return service;
        }
        return std::nullopt;
    }
    if (row.contains(QLatin1String("MIXTURE_INGR_CODE")))
        return MfdsService::DurCombination;
    if (row.contains(QLatin1String("efcyQesitm")))
        return MfdsService::EasyDrug;
    if (row.contains(QLatin1String("ITEM_IMAGE")) || row.contains(QLatin1String("DRUG_SHAPE")))
        return MfdsService::Pills;
    if (row.contains(QLatin1String("MATERIAL_NAME")) || row.contains(QLatin1String("EE_DOC_DATA")))
        return MfdsService::PermitDetails;
    if (row.contains(QLatin1String("PRDUCT_PRMISN_NO")) || row.contains(QLatin1String("SPCLTY_PBLC")))
        return MfdsService::Permits;
    return std::nullopt;
}

QString currentSource(detail::SqlConnection& c)
{
    QSqlQuery q(c.db());
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'source'")) && q.next())
        return q.value(0).toString();
    return {};
}

} // namespace

core::Result<MfdsImportReport> importMfdsFile(const QString& cachePath, const QString& filePath,
                                              std::optional<MfdsService> service)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return core::makeError(ErrorCategory::Io, QStringLiteral("Cannot read the file to import."),
                               QStringLiteral("%1: %2").arg(filePath, file.errorString()));
    QByteArray bytes = file.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const QByteArray trimmed = bytes.trimmed();
    std::optional<QJsonArray> rows;
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &pe);
        if (pe.error != QJsonParseError::NoError)
            return inputError(filePath, QStringLiteral("JSON: %1 at byte %2").arg(pe.errorString()).arg(pe.offset));
        rows = jsonRows(doc);
        if (!rows)
            return inputError(filePath, QStringLiteral("no rows (expected body.items, items or an array)"));
    } else {
        QString error;
        rows = csvRows(QString::fromUtf8(bytes), &error);
        if (!rows)
            return inputError(filePath, error);
    }

    // Parse every row first: nothing is written unless the whole file is good.
    QList<std::pair<MfdsService, MfdsPage>> pages;
    for (qsizetype i = 0; i < rows->size(); ++i) {
        if (!rows->at(i).isObject())
            return inputError(filePath, QStringLiteral("row %1 is not an object").arg(i + 1));
        const QJsonObject row = rows->at(i).toObject();
        const std::optional<MfdsService> s = service ? service : serviceOfRow(row);
        if (!s)
            return inputError(filePath, QStringLiteral("row %1: the service is not recognisable from its columns "
                                                       "(name it with --service)")
                                            .arg(i + 1));
        auto it = std::find_if(pages.begin(), pages.end(), [&](const auto& p) { return p.first == *s; });
        if (it == pages.end()) {
            pages.append({ *s, MfdsPage {} });
            it = pages.end() - 1;
        }
        const QString error = parseMfdsRow(*s, row, &it->second);
        if (!error.isEmpty())
            return inputError(filePath, QStringLiteral("row %1: %2").arg(i + 1).arg(error));
    }

    if (auto st = detail::prepareCacheFile(cachePath); !st)
        return st.error();
    detail::SqlConnection c(cachePath);
    if (auto st = c.open(); !st)
        return st.error();
    if (!c.db().transaction())
        return detail::sqlError(QStringLiteral("Drug cache: starting the import failed."), c.db().lastError());
    MfdsImportReport report;
    core::Status st = core::Done {};
    {
        detail::CacheWriter w(c, QDate::currentDate().toString(Qt::ISODate));
        for (qsizetype i = 0; st && i < pages.size(); ++i) {
            const auto& [s, page] = pages.at(i);
            st = w.page(page);
            if (st && durKindOf(s))
                st = w.durLoaded(*durKindOf(s), QStringLiteral("import"));
            report.services.append(s);
            report.rows += page.rowCount();
        }
        // An embedded build would be replaced by the next release's data: mark the file as holding more.
        if (st && report.rows > 0 && currentSource(c).startsWith(QLatin1String("embedded:")))
            st = w.markSource(QStringLiteral("import"));
    }
    if (st && !c.db().commit())
        st = detail::sqlError(QStringLiteral("Drug cache: committing the import failed."), c.db().lastError());
    if (!st) {
        c.db().rollback();
        return st.error();
    }
    return report;
}

} // namespace pharmdesk::drugdb
