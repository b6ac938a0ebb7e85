// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/drugdb/CacheRecords.h"

#include "CacheSchema.h"
#include "SqlConnection.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace pharmdesk::drugdb {

namespace {

// Opens a connection to a cache of the current schema (built or migrated first).
core::Status openCache(detail::SqlConnection& c, const QString& path)
{
    if (auto st = detail::prepareCacheFile(path); !st)
        return st;
    return c.open();
}

core::Error readError(const QSqlQuery& q, const QString& what)
{
    return detail::sqlError(QStringLiteral("Drug cache: reading %1 failed.").arg(what), q.lastError());
}

// "image/jpeg" etc. from the first bytes; empty when the bytes are no complete image of those kinds.
QString imageType(const QByteArray& b)
{
    if (b.startsWith("\xFF\xD8\xFF") && b.endsWith("\xFF\xD9"))
        return QStringLiteral("image/jpeg");
    if (b.startsWith("\x89PNG\r\n\x1A\n") && b.right(8).startsWith("IEND"))
        return QStringLiteral("image/png");
    if ((b.startsWith("GIF87a") || b.startsWith("GIF89a")) && b.endsWith(';'))
        return QStringLiteral("image/gif");
    return {};
}

} // namespace

core::Result<std::optional<MfdsPermitDetail>> readPermitDetail(const QString& cachePath, const QString& itemSeq)
{
    detail::SqlConnection c(cachePath);
    if (auto st = openCache(c, cachePath); !st)
        return st.error();
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT item_seq, item_name, material, main_ingredients, storage, valid_term, atc_code, "
                             "etc_otc, ee_doc, ud_doc, nb_doc FROM product_details WHERE item_seq = ?"));
    q.bindValue(0, itemSeq);
    if (!q.exec())
        return readError(q, QStringLiteral("a permit detail"));
    if (!q.next())
        return std::optional<MfdsPermitDetail>();
    MfdsPermitDetail d;
    d.itemSeq = q.value(0).toString();
    d.itemName = q.value(1).toString();
    d.material = q.value(2).toString();
    d.mainIngredients = q.value(3).toString();
    d.storage = q.value(4).toString();
    d.validTerm = q.value(5).toString();
    d.atcCode = q.value(6).toString();
    d.etcOtc = q.value(7).toString();
    d.efficacyDoc = q.value(8).toString();
    d.usageDoc = q.value(9).toString();
    d.cautionDoc = q.value(10).toString();
    return std::optional(d);
}

core::Result<std::optional<MfdsPill>> readPill(const QString& cachePath, const QString& itemSeq)
{
    detail::SqlConnection c(cachePath);
    if (auto st = openCache(c, cachePath); !st)
        return st.error();
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT item_seq, item_name, image_url, shape, color1, color2, print_front, print_back, "
                             "line_front, line_back, mark_front, mark_back, length_mm, width_mm, thickness_mm, "
                             "form_name, edi_code FROM pills WHERE item_seq = ?"));
    q.bindValue(0, itemSeq);
    if (!q.exec())
        return readError(q, QStringLiteral("a pill"));
    if (!q.next())
        return std::optional<MfdsPill>();
    MfdsPill p;
    QString* fields[] = { &p.itemSeq,   &p.itemName,  &p.imageUrl,   &p.shape,     &p.color1,      &p.color2,
                          &p.printFront, &p.printBack, &p.lineFront,  &p.lineBack,  &p.markFront,   &p.markBack,
                          &p.lengthMm,  &p.widthMm,   &p.thicknessMm, &p.formName, &p.ediCode };
    for (int i = 0; i < int(std::size(fields)); ++i)
        *fields[i] = q.value(i).toString();
    return std::optional(p);
}

core::Result<std::optional<PillImage>> readPillImage(const QString& cachePath, const QString& itemSeq)
{
    detail::SqlConnection c(cachePath);
    if (auto st = openCache(c, cachePath); !st)
        return st.error();
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT image, content_type, url FROM pill_images WHERE item_seq = ?"));
    q.bindValue(0, itemSeq);
    if (!q.exec())
        return readError(q, QStringLiteral("a pill image"));
    if (!q.next())
        return std::optional<PillImage>();
    return std::optional(PillImage { q.value(0).toByteArray(), q.value(1).toString(), q.value(2).toString() });
}

core::Result<PillImageReport> fetchPillImages(const QString& cachePath, HttpClient& http,
                                              const PillImageOptions& options)
{
    detail::SqlConnection c(cachePath);
    if (auto st = openCache(c, cachePath); !st)
        return st.error();
    QList<std::pair<QString, QString>> todo;  // (item_seq, url)
    {
        QSqlQuery q(c.db());
        if (!q.exec(QStringLiteral("SELECT p.item_seq, p.image_url FROM pills p LEFT JOIN pill_images i ON "
                                   "i.item_seq = p.item_seq WHERE i.item_seq IS NULL AND p.image_url LIKE 'http%' "
                                   "ORDER BY p.item_seq")))
            return readError(q, QStringLiteral("the pills"));
        while (q.next()) {
            const QString seq = q.value(0).toString();
            if (options.itemSeqs.isEmpty() || options.itemSeqs.contains(seq))
                todo.append({ seq, q.value(1).toString() });
            if (options.limit > 0 && todo.size() >= options.limit)
                break;
        }
    }
    PillImageReport report;
    report.wanted = int(todo.size());
    QSqlQuery insert(c.db());
    for (int i = 0; i < todo.size(); ++i) {
        if (options.cancel.isCancelled())
            return core::makeError(core::ErrorCategory::Cancelled, QStringLiteral("The download was cancelled."));
        const auto& [seq, url] = todo.at(i);
        const HttpReply reply = http.get({ url.toUtf8(), options.connectTimeoutMs, options.totalTimeoutMs });
        const QString type = reply.ok() && reply.status == 200 ? imageType(reply.body) : QString();
        if (type.isEmpty()) {
            ++report.failed;
            report.lastError = reply.ok() ? core::makeError(core::ErrorCategory::Network,
                                                            QStringLiteral("A pill image could not be downloaded."),
                                                            QStringLiteral("%1: HTTP %2, %3 bytes, not an image")
                                                                .arg(seq)
                                                                .arg(reply.status)
                                                                .arg(reply.body.size()))
                                          : reply.error;
        } else {
            insert.prepare(QStringLiteral("INSERT OR REPLACE INTO pill_images (item_seq, url, content_type, image, "
                                          "fetched_at) VALUES (?, ?, ?, ?, ?)"));
            insert.bindValue(0, seq);
            insert.bindValue(1, url);
            insert.bindValue(2, type);
            insert.bindValue(3, reply.body);
            insert.bindValue(4, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            if (!insert.exec())
                return detail::sqlError(QStringLiteral("Drug cache: storing a pill image failed."), insert.lastError());
            ++report.fetched;
        }
        if (options.progress)
            options.progress(i + 1, report.wanted);
    }
    return report;
}

} // namespace pharmdesk::drugdb
