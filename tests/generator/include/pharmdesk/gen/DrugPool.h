// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Product.h"

#include <QHash>
#include <QList>
#include <QString>

namespace pharmdesk::gen {

/// Dosage-form groups the generator draws from; they decide dose, unit and usage wording.
enum class DrugForm { Tablet, Capsule, Liquid, Granule, Topical, Injection };

/// The products of resources/drugs/permits.csv that a community pharmacy plausibly dispenses:
/// only products with at least one 9-digit EDI code, grouped by dosage form. Names carrying
/// export/army aliases, brackets or more than 40 characters are left out (prescription printers
/// show the plain permitted name). Immutable after load(); safe to share between threads.
class DrugPool
{
public:
    /// Reads permits.csv (`row_index,item_name,permit_no,edi_codes`, RFC 4180 quoting).
    /// Product::id is the CSV row_index + 1; itemSeq stays empty (the file has none).
    /// Fails when the file is unreadable or holds no tablet or capsule with an EDI code.
    static core::Result<DrugPool> load(const QString& permitsCsvPath);

    /// Classifies a permitted name by its dosage-form word; nullopt for forms the generator skips.
    static std::optional<DrugForm> classify(const QString& itemName);

    const QList<core::Product>& products(DrugForm form) const;
    qsizetype size() const;

    /// Every EDI code of every product in the CSV (not just the pool) → permitted names; for tests.
    const QHash<QString, QStringList>& allCodes() const { return m_allCodes; }

private:
    QHash<int, QList<core::Product>> m_byForm;
    QHash<QString, QStringList> m_allCodes;
};

/// Splits one CSV record (RFC 4180: quoted fields, "" for a quote). Exposed for tests.
QStringList splitCsvLine(const QString& line);

} // namespace pharmdesk::gen
