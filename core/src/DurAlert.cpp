// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/DurAlert.h"

#include <array>
#include <utility>

namespace pharmdesk::core {

namespace {

using Kind = DurAlert::Kind;
using Severity = DurAlert::Severity;

constexpr std::array<std::pair<Kind, const char*>, 10> kKindNames{{
    {Kind::CombinationContraindicated, "combination_contraindicated"},
    {Kind::SameIngredient, "same_ingredient"},
    {Kind::TherapeuticDuplicate, "therapeutic_duplicate"},
    {Kind::AgeContraindicated, "age_contraindicated"},
    {Kind::ElderlyCaution, "elderly_caution"},
    {Kind::PregnancyContraindicated, "pregnancy_contraindicated"},
    {Kind::MaxDailyDose, "max_daily_dose"},
    {Kind::MaxDuration, "max_duration"},
    {Kind::SplitCaution, "split_caution"},
    {Kind::RulesUnavailable, "rules_unavailable"},
}};

constexpr std::array<std::pair<Severity, const char*>, 3> kSeverityNames{{
    {Severity::Contraindicated, "contraindicated"},
    {Severity::Warning, "warning"},
    {Severity::Info, "info"},
}};

} // namespace

QString DurAlert::kindName(Kind kind)
{
    for (const auto& [k, name] : kKindNames) {
        if (k == kind)
            return QLatin1String(name);
    }
    return {};
}

std::optional<DurAlert::Kind> DurAlert::kindFromName(const QString& name)
{
    for (const auto& [k, n] : kKindNames) {
        if (name == QLatin1String(n))
            return k;
    }
    return std::nullopt;
}

QString DurAlert::severityName(Severity severity)
{
    for (const auto& [s, name] : kSeverityNames) {
        if (s == severity)
            return QLatin1String(name);
    }
    return {};
}

std::optional<DurAlert::Severity> DurAlert::severityFromName(const QString& name)
{
    for (const auto& [s, n] : kSeverityNames) {
        if (name == QLatin1String(n))
            return s;
    }
    return std::nullopt;
}

} // namespace pharmdesk::core
