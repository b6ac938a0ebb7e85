// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ReviewReason.h"

#include <array>
#include <utility>

namespace pharmdesk::core {

namespace {
using Kind = ReviewReason::Kind;
constexpr std::array<std::pair<Kind, const char*>, 9> kKindNames { {
    { Kind::LowConfidence, "low_confidence" },
    { Kind::Missing, "missing" },
    { Kind::Invalid, "invalid" },
    { Kind::Implausible, "implausible" },
    { Kind::CodeNotFound, "code_not_found" },
    { Kind::CodeNameMismatch, "code_name_mismatch" },
    { Kind::NameAmbiguous, "name_ambiguous" },
    { Kind::NoMatch, "no_match" },
    { Kind::TotalMismatch, "total_mismatch" },
} };
} // namespace

QString ReviewReason::kindName(Kind kind)
{
    for (const auto& [k, name] : kKindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<ReviewReason::Kind> ReviewReason::kindFromName(const QString& name)
{
    for (const auto& [k, n] : kKindNames) {
        if (name == QLatin1StringView(n))
            return k;
    }
    return std::nullopt;
}

QString ReviewReason::code() const
{
    return field.isEmpty() ? kindName(kind) : kindName(kind) + QLatin1Char(':') + field;
}

} // namespace pharmdesk::core
