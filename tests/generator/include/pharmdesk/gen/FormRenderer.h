// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/gen/SyntheticPrescription.h"

#include <QImage>
#include <QList>
#include <QRect>
#include <QStringList>

namespace pharmdesk::gen {

/// A rendered page and where things ended up on it.
struct RenderedPage
{
    QImage image;              ///< white A4 page at the requested dpi: Grayscale8, or RGB888 when a red seal is on it
    QList<QRect> itemBoxes;    ///< per truth item: its printed line, in page pixels
    QStringList printedNames;  ///< per truth item: the name exactly as printed (may be cut short)
    QStringList rawLines;      ///< per truth item: the whole line's text, cells joined by spaces
};

/// Draws a SyntheticPrescription as a printed page with QPainter (Qt Gui only; needs a
/// QGuiApplication, e.g. on the offscreen platform). Call from the thread that owns the
/// application's font database (the GUI thread); rendering is deterministic for a given
/// prescription, layout, font and dpi on one machine.
class FormRenderer
{
public:
    struct Options
    {
        Layout layout = Layout::Statutory;
        QString fontFamily = QStringLiteral("NanumGothic");
        int dpi = 200;
    };

    static RenderedPage render(const SyntheticPrescription& prescription, const Options& options);

    /// The Korean families the generator cycles through by default, those installed here.
    static QStringList defaultFonts();
    /// True when QFontDatabase knows the family.
    static bool hasFont(const QString& family);
};

} // namespace pharmdesk::gen
