// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ImportResult.h"

namespace pharmdesk::core {

QString ImportResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::NeedsReview: return QStringLiteral("needs_review");
    case Status::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

std::optional<ImportResult::Status> ImportResult::statusFromName(const QString& name)
{
    for (Status s : { Status::Ok, Status::NeedsReview, Status::Failed }) {
        if (statusName(s) == name)
            return s;
    }
    return std::nullopt;
}

void ImportResult::settleStatus()
{
    if (error || !prescription) {
        status = Status::Failed;
        return;
    }
    // An empty prescription is never "ok": there is nothing a pharmacist could have confirmed.
    const bool empty = prescription->items.isEmpty();
    status = (empty || prescription->needsReview()) ? Status::NeedsReview : Status::Ok;
}

} // namespace pharmdesk::core
