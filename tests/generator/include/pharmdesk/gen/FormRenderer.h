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
    /// White page at the requested dpi: Grayscale8, or RGB888 when colour is on it (a red seal, an
    /// app's accent colour). A4 for statutory and hospital; telemedicine: 1240 px wide or a 1080-px
    /// phone screenshot (at 200 dpi); table: the crop around the drug table.
    QImage image;
    QList<QRect> itemBoxes;    ///< per truth item: its printed line, in page pixels
    QStringList printedNames;  ///< per truth item: the name exactly as printed (may be cut short)
    QStringList rawLines;      ///< per truth item: the whole line's text, cells joined by spaces
    QRect tableBox;            ///< the drug table with its column header row, in page pixels
    int tableBodyTop = 0;      ///< page pixel row where the header row ends and the drug lines begin
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
