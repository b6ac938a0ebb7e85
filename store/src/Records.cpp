// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/store/Records.h"

#include <array>
#include <utility>

namespace pharmdesk::store {

namespace {

const std::array<std::pair<RecordStatus, const char*>, 6> kStatusNames { {
    { RecordStatus::New, "new" },
    { RecordStatus::Recognised, "recognised" },
    { RecordStatus::NeedsReview, "needs_review" },
    { RecordStatus::Failed, "failed" },
    { RecordStatus::Confirmed, "confirmed" },
    { RecordStatus::GuidePrinted, "guide_printed" },
} };

} // namespace

QString statusName(RecordStatus status)
{
    for (const auto& [s, name] : kStatusNames) {
        if (s == status)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("new");
}

std::optional<RecordStatus> statusFromName(const QString& name)
{
    for (const auto& [s, n] : kStatusNames) {
        if (name == QLatin1String(n))
            return s;
    }
    return std::nullopt;
}

} // namespace pharmdesk::store
