// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GuideStyle.h"
#include "PageFlow.h"
#include "Timetable.h"

#include "pharmdesk/guide/GuideContent.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include <QSizeF>

namespace pharmdesk::guide::detail {

/// The font families a Korean guide is set in, best first, restricted to those installed.
QStringList guideFontFamilies();

/// The whole guide laid out for one paint device: builds the flow from the input, paginates it
/// and paints each page with its running header and footer. Not thread-safe; one per render.
class GuideLayout
{
public:
    /// `device` gives the resolution and must outlive the layout; `contentSize` is the printable
    /// area inside the margins, in device pixels.
    GuideLayout(const GuideInput& input, const GuideOptions& options, const FormatProfile& format,
                const QPaintDevice* device, QSizeF contentSize);

    int pageCount() const { return m_flow.pageCount(); }
    /// The height the content of `page` needs, headers and footers included (for a continuous
    /// page: how long to cut the receipt).
    qreal neededHeight(int page) const;
    /// Paints page `page` (0-based) into `content`, the printable area in painter coordinates.
    void paintPage(QPainter& painter, int page, const QRectF& content) const;

    /// Text styles of the flow (indexes into its style list).
    enum Style : int {
        Title, PharmacyName, Meta, InfoLabel, InfoValue, Intro, DrugName, Ingredient, Dosing, SectionLabel,
        Body, TimeOn, TimeOff, TimeMeal, Badge, NoSource, Draft, AlertTitle, AlertBody, Small, StyleCount
    };

private:
    static QList<TextStyle> makeStyles(const GuideOptions& options, const FormatProfile& format, const Palette& palette);
    qreal mm(qreal millimetres) const { return millimetres * m_pixelsPerMm; }

    // GuideLayout.cpp: the page's parts.
    void addHeader();
    void addPatientBox();
    void addIntro();
    void addAlerts();
    void addClosing();
    void paintRunningHeader(QPainter& painter, const QRectF& content) const;
    void paintLabelHeader(QPainter& painter, const QRectF& content) const;
    void paintFooter(QPainter& painter, int page, const QRectF& content) const;

    // GuideCards.cpp: one card per drug.
    void addDrugCard(const core::PrescriptionItem& item, int number);
    void addSection(FlowGroup& card, const QString& label, const QStringList& paragraphs, bool bullets) const;
    void addQrRow(FlowGroup& card, const core::PrescriptionItem& item) const;
    qreal cardPad() const;

    const GuideInput& m_input;
    const GuideOptions& m_options;
    FormatProfile m_format;
    Palette m_palette;
    const Labels& m_labels;
    qreal m_pixelsPerMm;
    PageFlow m_flow;
    TimetableStyle m_timetable;
    qreal m_labelColumn = 0;   ///< width of the 효능/보관/주의 label column in drug cards (0: labels above)
    qreal m_runningHeight = 0; ///< top of every page but the first (every label's)
    qreal m_footerHeight = 0;  ///< bottom of every page (0 for a continuous page: its footer flows)
    bool m_anySourceText = false;
};

} // namespace pharmdesk::guide::detail
