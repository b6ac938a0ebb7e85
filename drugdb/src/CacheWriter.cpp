// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheWriter.h"

#include "SqlConnection.h"
#include "pharmdesk/drugdb/NameNormalizer.h"

#include <QVariant>

namespace pharmdesk::drugdb::detail {

namespace {

QVariant orNull(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

CacheWriter::CacheWriter(SqlConnection& c, QString sourceDate)
    : m_db(c.db())
    , m_date(std::move(sourceDate))
{ }

core::Status CacheWriter::page(const MfdsPage& page)
{
    for (const MfdsPermit& p : page.permits) {
        if (auto st = permit(p); !st)
            return st;
    }
    for (const core::GuideText& g : page.guides) {
        if (auto st = guide(g); !st)
            return st;
    }
    for (const MfdsPermitDetail& d : page.details) {
        if (auto st = detail(d); !st)
            return st;
    }
    for (const MfdsPill& p : page.pills) {
        if (auto st = pill(p); !st)
            return st;
    }
    for (const MfdsDurRule& r : page.durRules) {
        if (auto st = durRule(r); !st)
            return st;
    }
    return core::Done {};
}

core::Status CacheWriter::permit(const MfdsPermit& p)
{
    qint64 id = scalarId(QStringLiteral("SELECT MIN(id) FROM products WHERE item_seq = ?"), { p.itemSeq });
    if (id == 0) // an embedded row (no ITEM_SEQ) of the same product
        id = scalarId(QStringLiteral("SELECT MIN(id) FROM products WHERE item_seq IS NULL AND name = ? AND "
                                     "permit_no = ?"),
                      { p.itemName, p.permitNumber });
    // Or one with the same permit number and an insurance code in common (the name was respelled).
    for (qsizetype i = 0; id == 0 && i < p.ediCodes.size(); ++i)
        id = scalarId(QStringLiteral("SELECT MIN(p.id) FROM products p JOIN product_codes c ON c.product_id = p.id "
                                     "WHERE p.item_seq IS NULL AND p.permit_no = ? AND c.code = ?"),
                      { p.permitNumber, p.ediCodes.at(i) });
    if (id < 0)
        return fail(QStringLiteral("looking up a product"));
    const QVariantList values = { p.itemSeq, p.itemName, orNull(p.company), orNull(p.permitNumber),
                                  orNull(names::ingredientsOf(p.itemName)), orNull(names::formOf(p.itemName)),
                                  m_date };
    if (id > 0) {
        // products_fts is an external-content index: remove the old name before it changes.
        if (!run(QStringLiteral("INSERT INTO products_fts(products_fts, rowid, name) SELECT 'delete', id, name "
                                "FROM products WHERE id = ?"),
                 { id }))
            return fail(QStringLiteral("updating the name index"));
        if (!run(QStringLiteral("UPDATE products SET item_seq = ?, name = ?, company = ?, permit_no = ?, "
                                "ingredients = ?, form = ?, source_date = ? WHERE id = ?"),
                 values + QVariantList { id }))
            return fail(QStringLiteral("updating a product"));
    } else {
        if (!run(QStringLiteral("INSERT INTO products (item_seq, name, company, permit_no, ingredients, form, "
                                "source_date) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                 values))
            return fail(QStringLiteral("inserting a product"));
        id = m_last->lastInsertId().toLongLong();
    }
    if (!run(QStringLiteral("INSERT INTO products_fts(rowid, name) VALUES (?, ?)"), { id, p.itemName }))
        return fail(QStringLiteral("updating the name index"));
    if (!run(QStringLiteral("DELETE FROM product_codes WHERE product_id = ?"), { id }))
        return fail(QStringLiteral("replacing codes"));
    for (const QString& code : p.ediCodes) {
        if (!run(QStringLiteral("INSERT OR IGNORE INTO product_codes (code, product_id) VALUES (?, ?)"), { code, id }))
            return fail(QStringLiteral("inserting codes"));
    }
    return core::Done {};
}

core::Status CacheWriter::guide(const core::GuideText& g)
{
    if (!run(QStringLiteral("INSERT OR REPLACE INTO guide_texts (item_seq, item_name, efficacy, usage, caution, "
                            "interaction, side_effects, storage, source_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             { g.itemSeq, g.itemName, g.efficacy, g.usage, g.caution, g.interaction, g.sideEffects, g.storage,
               m_date }))
        return fail(QStringLiteral("storing a guide text"));
    // Link an embedded product of exactly this name that has no ITEM_SEQ yet.
    if (!run(QStringLiteral("UPDATE products SET item_seq = ? WHERE item_seq IS NULL AND name = ?"),
             { g.itemSeq, g.itemName }))
        return fail(QStringLiteral("linking a guide text"));
    return core::Done {};
}

core::Status CacheWriter::detail(const MfdsPermitDetail& d)
{
    if (!run(QStringLiteral("INSERT OR REPLACE INTO product_details (item_seq, item_name, material, "
                            "main_ingredients, storage, valid_term, atc_code, etc_otc, ee_doc, ud_doc, nb_doc, "
                            "source_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             { d.itemSeq, d.itemName, orNull(d.material), orNull(d.mainIngredients), orNull(d.storage),
               orNull(d.validTerm), orNull(d.atcCode), orNull(d.etcOtc), orNull(d.efficacyDoc),
               orNull(d.usageDoc), orNull(d.cautionDoc), m_date }))
        return fail(QStringLiteral("storing a permit detail"));
    if (!run(QStringLiteral("UPDATE products SET item_seq = ? WHERE item_seq IS NULL AND name = ?"),
             { d.itemSeq, d.itemName }))
        return fail(QStringLiteral("linking a permit detail"));
    return core::Done {};
}

core::Status CacheWriter::pill(const MfdsPill& p)
{
    if (!run(QStringLiteral("INSERT OR REPLACE INTO pills (item_seq, item_name, image_url, shape, color1, color2, "
                            "print_front, print_back, line_front, line_back, mark_front, mark_back, length_mm, "
                            "width_mm, thickness_mm, form_name, edi_code, source_date) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             { p.itemSeq, p.itemName, orNull(p.imageUrl), orNull(p.shape), orNull(p.color1), orNull(p.color2),
               orNull(p.printFront), orNull(p.printBack), orNull(p.lineFront), orNull(p.lineBack),
               orNull(p.markFront), orNull(p.markBack), orNull(p.lengthMm), orNull(p.widthMm),
               orNull(p.thicknessMm), orNull(p.formName), orNull(p.ediCode), m_date }))
        return fail(QStringLiteral("storing a pill"));
    return core::Done {};
}

core::Status CacheWriter::durRule(const MfdsDurRule& r)
{
    if (!run(QStringLiteral("INSERT OR REPLACE INTO dur_rules (kind, row_key, item_seq, item_name, ingr_code, "
                            "ingr_name, partner_item_seq, partner_item_name, partner_ingr_code, partner_ingr_name, "
                            "content, remark, effect_name, series_name, limit_value, form_name, notified, "
                            "source_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             { core::DurAlert::kindName(r.kind), r.rowKey(), orNull(r.itemSeq), orNull(r.itemName),
               orNull(r.ingredientCode), orNull(r.ingredientName), orNull(r.partnerItemSeq),
               orNull(r.partnerItemName), orNull(r.partnerIngredientCode), orNull(r.partnerIngredientName),
               orNull(r.content), orNull(r.remark), orNull(r.effectName), orNull(r.seriesName),
               orNull(r.limitValue), orNull(r.formName), orNull(r.notified), m_date }))
        return fail(QStringLiteral("storing a DUR rule"));
    return core::Done {};
}

core::Status CacheWriter::durLoaded(core::DurAlert::Kind kind, const QString& origin)
{
    const QString name = core::DurAlert::kindName(kind);
    if (!run(QStringLiteral("INSERT OR REPLACE INTO dur_sources (kind, source_date, origin, rows) "
                            "SELECT ?, ?, ?, COUNT(*) FROM dur_rules WHERE kind = ?"),
             { name, m_date, origin, name }))
        return fail(QStringLiteral("recording the DUR data"));
    return core::Done {};
}

core::Status CacheWriter::markSource(const QString& origin)
{
    if (!run(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('source', ?)"),
             { origin + u':' + m_date }))
        return fail(QStringLiteral("writing meta"));
    return core::Done {};
}

bool CacheWriter::run(const QString& sql, const QVariantList& values)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        if (!q.prepare(sql)) {
            m_prepareError = q.lastError();
            m_last = nullptr;
            return false;
        }
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    m_last = &it->second;
    for (qsizetype i = 0; i < values.size(); ++i)
        m_last->bindValue(int(i), values.at(i));
    return m_last->exec();
}

qint64 CacheWriter::scalarId(const QString& sql, const QVariantList& values)
{
    if (!run(sql, values))
        return -1;
    const qint64 id = m_last->next() ? m_last->value(0).toLongLong() : 0;
    m_last->finish();
    return id;
}

core::Status CacheWriter::fail(const QString& what)
{
    return sqlError(QStringLiteral("Drug cache: %1 failed.").arg(what), m_last ? m_last->lastError() : m_prepareError);
}

} // namespace pharmdesk::drugdb::detail
