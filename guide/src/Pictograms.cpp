// SPDX-License-Identifier: GPL-3.0-or-later
#include "Pictograms.h"

#include <QFile>
#include <QPainter>
#include <QSvgRenderer>

#include <algorithm>
#include <array>

namespace pharmdesk::guide::detail {

namespace {

constexpr int kPictogramCount = 8;

/// The SVG sources, read once (thread-safe static initialisation). Every drawn part uses the
/// colour #000000, replaced by the requested colour when painting.
const std::array<QByteArray, kPictogramCount>& sources()
{
    static const std::array<QByteArray, kPictogramCount> svgs = [] {
        const std::array<const char*, kPictogramCount> names = { "morning", "noon", "evening", "bedtime",
                                                                 "meal-before", "meal-after", "meal-between", "alert" };
        std::array<QByteArray, kPictogramCount> out;
        for (int i = 0; i < kPictogramCount; ++i) {
            QFile file(QStringLiteral(":/pharmdesk/guide/%1.svg").arg(QLatin1String(names.at(i))));
            if (file.open(QIODevice::ReadOnly))
                out[i] = file.readAll();
        }
        return out;
    }();
    return svgs;
}

} // namespace

Pictogram slotPictogram(int slot)
{
    static constexpr std::array<Pictogram, 4> slotIcons = { Pictogram::Morning, Pictogram::Noon, Pictogram::Evening,
                                                        Pictogram::Bedtime };
    return slotIcons.at(static_cast<std::size_t>(std::clamp(slot, 0, 3)));
}

Pictogram mealPictogram(MealTiming timing)
{
    switch (timing) {
    case MealTiming::BeforeMeals:
        return Pictogram::BeforeMeals;
    case MealTiming::AfterMeals:
        return Pictogram::AfterMeals;
    case MealTiming::BetweenMeals:
        return Pictogram::BetweenMeals;
    case MealTiming::Unknown:
        break;
    }
    return Pictogram::Alert;
}

bool paintPictogram(QPainter& painter, Pictogram pictogram, const QRectF& rect, const QColor& colour)
{
    QByteArray svg = sources().at(static_cast<std::size_t>(pictogram));
    if (svg.isEmpty())
        return false;
    svg.replace("#000000", colour.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    if (!renderer.isValid())
        return false;
    const qreal side = std::min(rect.width(), rect.height());
    const QRectF square(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
    painter.save();
    renderer.render(&painter, square);
    painter.restore();
    return true;
}

} // namespace pharmdesk::guide::detail
