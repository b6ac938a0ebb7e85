// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PageFlow.h"

#include "pharmdesk/guide/GuideContent.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include <QSizeF>

#include <optional>

namespace pharmdesk::guide::detail {

/// Fixed wording of the guide in one language (drug texts stay as published).
struct Labels
{
    QString title, phone, pharmacist, patient, patientSuffix, date, institution, intro, ingredient,
        efficacy, storage, caution, interaction, sideEffects, noSource, draft, continued, source, unnamed;
    QStringList timeSlots;  ///< 아침, 점심, 저녁, 자기 전
    QString language;   ///< "ko" or "en"

    static const Labels& forLanguage(const QString& language);
    QString formatDate(QDate date) const;
};

/// The font families a Korean guide is set in, best first, restricted to those installed.
QStringList guideFontFamilies();

/// The whole guide laid out for one paint device: builds the flow from the input, paginates it
/// and paints each page with its running header and footer. Not thread-safe; one per render.
class GuideLayout
{
public:
    /// `device` gives the font metrics (resolution) and must outlive the layout; `contentSize` is the
    /// printable area inside the margins, in device pixels.
    GuideLayout(const GuideInput& input, const GuideOptions& options, const QPaintDevice* device, QSizeF contentSize);

    int pageCount() const { return m_flow.pageCount(); }
    /// Paints page `page` (0-based) into `content`, the printable area in painter coordinates.
    void paintPage(QPainter& painter, int page, const QRectF& content) const;

private:
    enum Style : int;

    static QList<TextStyle> makeStyles(const GuideOptions& options);
    qreal mm(qreal millimetres) const { return millimetres * m_pixelsPerMm; }

    void addHeader();
    void addPatientBox();
    void addIntro();
    void addDrugCard(const core::PrescriptionItem& item, int number);
    void addSection(FlowGroup& card, const QString& label, const QStringList& paragraphs, bool bullets) const;
    FlowItem timetableItem(const DoseTimes& times) const;

    const GuideInput& m_input;
    const Labels& m_labels;
    qreal m_pixelsPerMm;
    PageFlow m_flow;
    qreal m_labelColumn = 0;   ///< width of the 효능/보관/주의 label column in drug cards
    qreal m_runningHeight = 0;
    qreal m_footerHeight = 0;
    bool m_anySourceText = false;
};

} // namespace pharmdesk::guide::detail
