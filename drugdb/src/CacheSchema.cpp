// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheSchema.h"

namespace pharmdesk::drugdb::detail {

QStringList migrationTo(int version)
{
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE products ("
                           " id INTEGER PRIMARY KEY,"
                           " item_seq TEXT,"
                           " name TEXT NOT NULL,"
                           " company TEXT,"
                           " permit_no TEXT,"
                           " ingredients TEXT,"
                           " form TEXT,"
                           " source_date TEXT)"),
            QStringLiteral("CREATE INDEX products_item_seq ON products(item_seq)"),
            // Codes are TEXT: 1,182 of them start with 0.
            QStringLiteral("CREATE TABLE product_codes ("
                           " code TEXT NOT NULL,"
                           " product_id INTEGER NOT NULL REFERENCES products(id),"
                           " UNIQUE (code, product_id))"),
            QStringLiteral("CREATE INDEX product_codes_product ON product_codes(product_id)"),
            QStringLiteral("CREATE TABLE guide_texts ("
                           " item_seq TEXT PRIMARY KEY,"
                           " item_name TEXT NOT NULL,"
                           " efficacy TEXT,"
                           " usage TEXT,"
                           " caution TEXT,"
                           " interaction TEXT,"
                           " side_effects TEXT,"
                           " storage TEXT)"),
            // Substring search on names for tools reading the file; the program searches in memory.
            QStringLiteral("CREATE VIRTUAL TABLE products_fts USING fts5("
                           "name, content='products', content_rowid='id', tokenize='trigram')"),
        };
    default:
        return {};
    }
}

} // namespace pharmdesk::drugdb::detail
