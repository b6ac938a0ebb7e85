// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace pharmdesk::core {

/// One DUR (Drug Utilization Review) finding on a prescription: a rule from the MFDS DUR data (or a
/// same-ingredient check) that concerns one or more of its lines. Alerts never change what was read;
/// they are shown to the pharmacist (GUI side panel), written to the result JSON
/// (`prescription.alerts`) and, in plain words, to the patient's guide.
struct DurAlert
{
    enum class Kind {
        CombinationContraindicated,  ///< 병용금기: two lines must not be taken together
        SameIngredient,              ///< two lines carry the same active ingredient
        TherapeuticDuplicate,        ///< 효능군중복: same therapeutic class twice
        AgeContraindicated,          ///< 특정연령대금기, from the birth date at the issue date
        ElderlyCaution,              ///< 노인주의 (65 and over)
        PregnancyContraindicated,    ///< 임부금기, when the patient is marked pregnant
        MaxDailyDose,                ///< 용량주의: dose x times per day over the rule's maximum
        MaxDuration,                 ///< 투여기간주의: days over the rule's maximum
        SplitCaution,                ///< 서방정분할주의: a fractional dose of an extended-release form
        RulesUnavailable,            ///< that kind of DUR data was never downloaded: not checked
    };
    enum class Severity {
        Contraindicated,  ///< must not be dispensed as is without the prescriber
        Warning,          ///< needs the pharmacist's judgement
        Info,             ///< for information (e.g. a check could not run)
    };

    Kind kind = Kind::CombinationContraindicated;
    Severity severity = Severity::Warning;
    QList<int> lines;     ///< 1-based PrescriptionItem::line values involved (empty: whole prescription)
    QString text;         ///< the rule's own text (MFDS wording), never made up
    QString source;       ///< where the rule comes from, e.g. "DUR 병용금기 (2024-05-01)"

    /// Stable snake_case names used in JSON ("combination_contraindicated", "warning", ...).
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    static QString severityName(Severity severity);
    static std::optional<Severity> severityFromName(const QString& name);

    bool operator==(const DurAlert&) const = default;
};

} // namespace pharmdesk::core
