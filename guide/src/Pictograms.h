// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/guide/GuideContent.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace pharmdesk::guide::detail {

/// The timing pictograms drawn for PharmDesk (resources/guide/*.svg, compiled in at
/// :/pharmdesk/guide/), painted as vectors with QtSvg.
enum class Pictogram { Morning, Noon, Evening, Bedtime, BeforeMeals, AfterMeals, BetweenMeals, Alert };

/// The pictogram of a timetable slot (0 = 아침 … 3 = 자기 전).
Pictogram slotPictogram(int slot);
/// The pictogram of a meal timing; Alert for MealTiming::Unknown (never drawn for it).
Pictogram mealPictogram(MealTiming timing);

/// Paints `pictogram` in one `colour` into the largest square centred in `rect`. Reentrant: each
/// call parses the (cached, small) SVG source with its own renderer. Returns false when the
/// resource is missing or invalid (nothing is painted then).
bool paintPictogram(QPainter& painter, Pictogram pictogram, const QRectF& rect, const QColor& colour);

} // namespace pharmdesk::guide::detail
