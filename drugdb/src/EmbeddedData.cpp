// SPDX-License-Identifier: GPL-3.0-or-later
#include "EmbeddedData.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pharmdesk::drugdb::detail {

namespace {

// Splits CSV text into records of fields; quoted fields may hold commas, quotes ("") and newlines.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            if (fieldStarted || !field.isEmpty()) {
                fields.append(field);
                records.append(fields);
            }
            fields.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.isEmpty()) {
        fields.append(field);
        records.append(fields);
    }
    return records;
}

core::Result<QByteArray> readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Could not read the drug data %1.").arg(path),
                               file.errorString());
    return file.readAll();
}

} // namespace

QString embeddedDataDate()
{
    return QStringLiteral("2025-11-27");
}

QString embeddedBuildIdentity()
{
    // Bump the revision when the derived columns (form, ingredients, links) change.
    constexpr int kBuilderRevision = 1;
    return QStringLiteral("%1:%2:%3:%4")
        .arg(kBuilderRevision)
        .arg(embeddedDataDate())
        .arg(QFileInfo(embeddedPermitsPath()).size())
        .arg(QFileInfo(embeddedGuidesPath()).size());
}

QString embeddedPermitsPath()
{
    return QStringLiteral(":/pharmdesk/drugs/permits.csv");
}

QString embeddedGuidesPath()
{
    return QStringLiteral(":/pharmdesk/drugs/easy_drug.json");
}

core::Result<QList<PermitRow>> readPermits(const QString& path)
{
    auto bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    QString text = QString::fromUtf8(*bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QList<QStringList> records = parseCsv(text);
    const QStringList expected = { QStringLiteral("row_index"), QStringLiteral("item_name"),
                                   QStringLiteral("permit_no"), QStringLiteral("edi_codes") };
    if (records.isEmpty() || records.front() != expected)
        return core::makeError(core::ErrorCategory::Input, QStringLiteral("The product list has an unexpected header."),
                               path);
    QList<PermitRow> rows;
    rows.reserve(records.size() - 1);
    for (qsizetype r = 1; r < records.size(); ++r) {
        const QStringList& fields = records.at(r);
        if (fields.size() != 4)
            return core::makeError(core::ErrorCategory::Input,
                                   QStringLiteral("The product list has a malformed row."),
                                   QStringLiteral("%1 line %2: %3 fields").arg(path).arg(r + 1).arg(fields.size()));
        PermitRow row;
        // A few names carry line breaks from the source's layout ("정\n(수출명 : ...)").
        row.itemName = fields.at(1);
        row.itemName.remove(u'\r');
        row.itemName.remove(u'\n');
        row.itemName = row.itemName.trimmed();
        row.permitNumber = fields.at(2).trimmed();
        for (const QString& code : fields.at(3).split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = code.trimmed();
            if (!trimmed.isEmpty() && !row.ediCodes.contains(trimmed))
                row.ediCodes.append(trimmed);
        }
        rows.append(row);
    }
    return rows;
}

core::Result<QList<core::GuideText>> readGuides(const QString& path)
{
    auto bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (!doc.isObject())
        return core::makeError(core::ErrorCategory::Input, QStringLiteral("The e약은요 data is not valid JSON."),
                               parseError.errorString());
    QList<core::GuideText> guides;
    const QJsonArray items = doc.object().value(QStringLiteral("item1")).toArray();
    guides.reserve(items.size());
    for (const QJsonValue& value : items) {
        const QJsonObject o = value.toObject();
        core::GuideText g;
        const QJsonValue seq = o.value(QStringLiteral("SEQ"));
        g.itemSeq = seq.isDouble() ? QString::number(qint64(seq.toDouble())) : seq.toString().trimmed();
        g.itemName = o.value(QStringLiteral("ITEM_NAME")).toString().trimmed();
        g.efficacy = o.value(QStringLiteral("EFCY")).toString().trimmed();
        g.usage = o.value(QStringLiteral("USAGE")).toString().trimmed();
        g.caution = o.value(QStringLiteral("CAUTION")).toString().trimmed();
        g.storage = o.value(QStringLiteral("STORAGE")).toString().trimmed();
        if (g.itemSeq.isEmpty() || g.itemName.isEmpty())
            continue;
        guides.append(g);
    }
    return guides;
}

} // namespace pharmdesk::drugdb::detail
