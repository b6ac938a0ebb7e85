// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/Prescription.h"

#include "pharmdesk/core/Rrn.h"

#include <algorithm>

namespace pharmdesk::core {

QString Patient::maskedRrn() const
{
    return rrn.hasValue() ? rrn::mask(*rrn) : QString();
}

std::optional<QDate> Patient::birthDate() const
{
    return rrn.hasValue() ? rrn::birthDate(*rrn) : std::nullopt;
}

std::optional<QChar> Patient::sex() const
{
    return rrn.hasValue() ? rrn::sex(*rrn) : std::nullopt;
}

bool Prescription::needsReview() const
{
    return !reviewReasons.isEmpty()
        || std::any_of(items.cbegin(), items.cend(), [](const PrescriptionItem& i) { return i.needsReview(); });
}

} // namespace pharmdesk::core
