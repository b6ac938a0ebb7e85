// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Product.h"

#include <QList>
#include <QString>

/// The bulk read of the products and their codes at open(), through the SQLite C API: QtSql's
/// per-value QVariant costs more than the read itself on 44k rows. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

/// Every product in id order, its insurance codes in stored order. Read-only, one read transaction,
/// a connection of its own; any thread.
core::Result<QList<core::Product>> readProducts(const QString& sqlitePath);

} // namespace pharmdesk::drugdb::detail
