// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Error.h"

namespace pharmdesk::core {

QString categoryName(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::Usage: return QStringLiteral("usage");
    case ErrorCategory::Input: return QStringLiteral("input");
    case ErrorCategory::Recognition: return QStringLiteral("recognition");
    case ErrorCategory::Database: return QStringLiteral("database");
    case ErrorCategory::Network: return QStringLiteral("network");
    case ErrorCategory::Io: return QStringLiteral("io");
    case ErrorCategory::Cancelled: return QStringLiteral("cancelled");
    case ErrorCategory::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Error::toString() const
{
    return detail.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, detail);
}

} // namespace pharmdesk::core
