// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QList>
#include <QString>

#include <optional>

namespace pharmdesk::drugdb {

/// What an import stored.
struct MfdsImportReport
{
    QList<MfdsService> services;  ///< the services the rows belonged to (several for a mixed DUR dump)
    qint64 rows = 0;              ///< rows stored
};

/// Imports a downloaded dump of an MFDS service into the drug cache at `cachePath` (created or
/// migrated first, as DrugCache::open() would).
///
/// Accepted files (UTF-8, a BOM allowed): JSON as the API answers it (`{header, body: {items}}`,
/// also wrapped in `response`, with `items` an array or `{item: …}`), a JSON array of rows, or
/// `{"items": [rows]}`; CSV whose first line names the API's columns (ITEM_SEQ, TYPE_NAME, …),
/// fields quoted as RFC 4180. `service` names the service; without it each row's service is
/// recognised from its columns (TYPE_NAME for DUR rows, efcyQesitm, ITEM_IMAGE, MATERIAL_NAME,
/// PRDUCT_PRMISN_NO).
///
/// All rows are stored in one transaction, or none (a malformed row fails the import and names its
/// number). An imported DUR kind counts as loaded (its checks run from then on, source "import").
/// Blocking (file and SQLite); any thread; its own connection.
core::Result<MfdsImportReport> importMfdsFile(const QString& cachePath, const QString& filePath,
                                              std::optional<MfdsService> service = std::nullopt);

} // namespace pharmdesk::drugdb
