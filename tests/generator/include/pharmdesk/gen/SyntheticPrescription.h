// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Prescription.h"

#include <QList>
#include <QMarginsF>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace pharmdesk::gen {

/// Printed layouts the generator renders.
enum class Layout {
    Statutory,  ///< 별지 제9호서식 처방전, fully ruled
    Hospital,   ///< hospital EMR "원외처방전": horizontal rules, separate code column
    Telemedicine,  ///< e-prescription image a telemedicine app sends: narrow page, grey section cards, QR block
    Table,      ///< a crop of just the drug table of a statutory or hospital printout; no header in the truth
};

QString layoutName(Layout layout);                     ///< "statutory", "hospital", "telemedicine", "table"
std::optional<Layout> layoutFromName(const QString& name);

/// How one drug line is printed. Text here is exactly what goes on paper; the renderer may only
/// shorten `name` to the column width (and then reports the shortened text).
struct PrintedLine
{
    QString code;   ///< the 9-digit EDI code printed
    QString name;   ///< the permitted product name as printed before any truncation
    QString dose;   ///< e.g. "1", "0.50", "5"
    QString doseUnit;  ///< unit printed after the dose in unit-printing styles ("정", "mL"), else empty
    QString times;
    QString days;
    QString usage;
};

/// Presentation choices that vary between EMR products; drawn once per prescription.
struct PrintStyle
{
    bool codeColumn = false;       ///< statutory: code in its own narrow column instead of before the name
    QString blankMarker;           ///< "이하여백" mark after the last line as printed; empty: none
    bool rowRules = false;         ///< thin rules between drug lines
    bool truncateLongNames = false;  ///< cut names to the column width instead of condensing them
    bool printUnits = false;       ///< hospital: "1정", "5mL" in the dose column
    int checkedInsurance = 0;      ///< index into the insurance checkbox row
    QPointF printOffsetMm;         ///< shift of the whole printout on the sheet, millimetres
    bool seal = false;             ///< the prescriber's red seal (도장) stamped over "(서명 또는 날인)"
    QPointF sealJitterMm;          ///< where the hand put it, relative to the nominal spot
    double sealAngle = 0;          ///< degrees
    quint64 sealSeed = 0;          ///< uneven ink of the stamp

    // Only for the telemedicine and table layouts (drawn from their own stream, so the other
    // layouts' prescriptions do not change).
    Layout tableSource = Layout::Statutory;  ///< table: the printout the crop is cut from
    bool tableHeaderRow = true;    ///< table: the crop keeps the column header row
    QMarginsF tableMarginMm;       ///< table: paper kept around the table (left, top, right, bottom)
    bool phoneScreen = false;      ///< telemedicine: a phone screenshot (1080 px wide) instead of a 1240-px page
    bool maskRrn = false;          ///< telemedicine: prints "YYMMDD-S******" instead of the full number
    int accent = 0;                ///< telemedicine: the app's colour scheme
    quint64 qrSeed = 0;            ///< telemedicine: the QR-like block's modules
};

/// One synthetic prescription: the ground truth plus what the printer needs beyond it.
/// Everything is invented (names, numbers, clinics); nothing is real patient data.
struct SyntheticPrescription
{
    core::Prescription truth;      ///< every field set with Field::certain; items carry `product`
    QList<PrintedLine> lines;      ///< parallel to truth.items
    PrintStyle style;
    QString fax;                   ///< 팩스번호 (may be empty: not every clinic prints one)
    QString department;            ///< 진료과, for the hospital layout
    QString insuranceKind;         ///< the checked kind ("의료보험", ...)
};

} // namespace pharmdesk::gen
