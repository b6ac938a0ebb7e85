// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GuideStyle.h"
#include "PageFlow.h"

#include "pharmdesk/guide/GuideContent.h"

namespace pharmdesk::guide::detail {

/// How a timetable is drawn: styles of the flow, sizes in device pixels.
struct TimetableStyle
{
    int onStyle = 0;     ///< bold text of a slot the drug is taken at (drawn on the filled cell)
    int offStyle = 0;    ///< text of the other slots
    int mealStyle = 0;   ///< text of the meal cell (식전 / 식후 / 식간)
    qreal icon = 0;      ///< pictogram side
    qreal unit = 0;      ///< one millimetre
    qreal maxCell = 0;   ///< cells are never wider than this
};

/// The dosing timetable of one drug (아침 / 점심 / 저녁 / 자기 전, with the meal timing in front when
/// the usage names it): pictogram cells, the slots to take it at filled and ticked, the others
/// outlined (in monochrome without pictogram, dashed). Laid out in one row when it fits `width`,
/// else the meal cell on a row of its own and the slots in one row or two rows of two. Returns the
/// rows as flow items starting at `x`, each but the last kept with the next.
QList<FlowItem> timetableRows(const PageFlow& flow, const TimetableStyle& style, const Labels& labels,
                              const Palette& palette, const DoseTimes& times, MealTiming meal, qreal x, qreal width);

} // namespace pharmdesk::guide::detail
