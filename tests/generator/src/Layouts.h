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

/// What a doctor's personal seal reads: the name and 인 (2×2 grid), e.g. "김원길인", "홍길지인".
QString sealText(const QString& name);

/// Stamps the prescriber's seal when the style asks for it; `nominalMm` is the spot it aims at.
void stampSeal(const SyntheticPrescription& rx, PageCanvas& canvas, QPointF nominalMm, double sizeMm);

/// Formats "YYYY년 MM월 DD일".
QString koreanDate(const QDate& date);

void renderStatutory(const SyntheticPrescription& rx, PageCanvas& canvas, RenderedPage& page);
void renderHospital(const SyntheticPrescription& rx, PageCanvas& canvas, RenderedPage& page);
void renderTelemedicine(const SyntheticPrescription& rx, PageCanvas& canvas, RenderedPage& page);
/// The page size the telemedicine layout draws on, in millimetres.
QSizeF telemedicinePageMm(const SyntheticPrescription& rx);

} // namespace pharmdesk::gen::detail
