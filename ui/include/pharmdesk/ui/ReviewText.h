// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/ReviewReason.h"

#include <QColor>
#include <QList>
#include <QString>
#include <optional>

namespace pharmdesk::ui {

/// One Korean line describing why a value needs review, e.g. "인식 신뢰도 낮음 (62%)".
QString reviewReasonText(const core::ReviewReason& reason);

/// Tooltip text for a flagged value: one line per reason, then a confidence line when
/// `confidence` is set and below `threshold`. Empty when there is nothing to say.
QString reviewTooltip(
    const QList<core::ReviewReason>& reasons, std::optional<double> confidence, double threshold);

/// Background of a value that needs review (amber, readable with black text in light themes).
QColor reviewHighlightColor();

/// "87%"-style percentage of a 0..1 confidence.
QString percentText(double confidence);

} // namespace pharmdesk::ui
