// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/guide/GuideRenderer.h"

#include <QColor>
#include <QDate>
#include <QMarginsF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace pharmdesk::guide::detail {

/// Fixed wording of the guide in one language (drug texts stay as published).
struct Labels
{
    QString title, phone, pharmacist, patient, patientSuffix, date, institution, intro, ingredient,
        efficacy, storage, caution, interaction, sideEffects, noSource, draft, continued, source, unnamed,
        alerts, ruleText, qrCaption, askPharmacist, labelTitle;
    QStringList timeSlots;  ///< 아침, 점심, 저녁, 자기 전
    QStringList meals;      ///< 식전, 식후, 식간 (MealTiming order, without Unknown)
    QString language;       ///< "ko" or "en"

    static const Labels& forLanguage(const QString& language);
    QString formatDate(QDate date) const;
};

/// Colours of one rendering. Sheets use a dark blue accent on light tints; high contrast (and
/// every thermal format) is black on white: tints would print as dither or vanish.
struct Palette
{
    QColor ink, inkSoft, accent, band, infoBox, frame, offCell, offBorder, offIcon, draft;
    bool monochrome = false;

    static Palette forOptions(const GuideOptions& options);
};

/// What a format is: paper, margins and how much the guide says.
struct FormatProfile
{
    QString name;
    QSizeF paperMm;           ///< width x height; a receipt's height is the provisional roll length
    QMarginsF marginsMm;
    bool continuous = false;  ///< receipt: the page is as long as the content
    bool compact = false;     ///< label: header, dosing and timetable only, header repeated on every label
    bool monochrome = false;  ///< thermal: black only
    bool narrow = false;      ///< section labels above their text instead of beside it

    static std::optional<FormatProfile> forOptions(const GuideOptions& options);
};

/// A receipt is cut at most this long; longer content continues on a further page.
constexpr double kMaxReceiptMm = 5000.0;

} // namespace pharmdesk::guide::detail
