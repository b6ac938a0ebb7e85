// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageCanvas.h"

#include "pharmdesk/gen/FormRenderer.h"

namespace pharmdesk::gen::detail {

/// A drug name fitted into a column: condensed or, when the style says so, cut.
struct FittedText
{
    QString text;
    double pointSize = 10;
    int stretch = 100;
};

FittedText fitName(const PageCanvas& canvas, const QString& name, double widthMm, double pointSize, bool truncate);

/// Formats "YYYY년 MM월 DD일".
QString koreanDate(const QDate& date);

void renderStatutory(const SyntheticPrescription& rx, PageCanvas& canvas, RenderedPage& page);
void renderHospital(const SyntheticPrescription& rx, PageCanvas& canvas, RenderedPage& page);

} // namespace pharmdesk::gen::detail
