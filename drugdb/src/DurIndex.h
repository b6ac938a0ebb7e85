// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DurAlert.h"
#include "pharmdesk/core/Error.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

/// DUR rules held in memory for microsecond checks. Internal to drugdb.
namespace pharmdesk::drugdb::detail {

/// One prescription line as the checks see it: its product (resolved against the cache) and doses.
struct DurLine
{
    int line = 0;                  ///< PrescriptionItem::line
    QString itemSeq;               ///< product ITEM_SEQ, may be empty
    QString name;                  ///< product name as permitted
    QString ingredients;           ///< product ingredients as listed ("아세트아미노펜"), may be empty
    std::optional<double> dose;    ///< 1회 투약량 (units of doseUnit)
    QString doseUnit;
    std::optional<int> timesPerDay;
    std::optional<int> days;
};

/// The patient facts the checks need.
struct DurPatient
{
    std::optional<int> ageYears;   ///< completed years at the issue date
    std::optional<int> ageMonths;  ///< completed months at the issue date
    bool pregnant = false;
};

/// The Korean name of a DUR kind ("병용금기", "임부금기", …).
QString durTypeName(core::DurAlert::Kind kind);

/// Completed years and months between `birth` and `at` (both valid, birth ≤ at).
DurPatient patientAt(const QDate& birth, const QDate& at, bool pregnant);

/// The DUR tables of one cache, indexed by ingredient code. Immutable after load(); check() may run
/// concurrently from any thread.
class DurIndex
{
public:
    /// Reads dur_sources, dur_rules and the strengths in product_details of the cache file, in one
    /// snapshot. Kinds without a dur_sources row stay unavailable even when some of their rows exist
    /// (an unfinished download).
    core::Status load(const QString& sqlitePath);

    bool available(core::DurAlert::Kind kind) const;
    qsizetype ruleCount() const { return qsizetype(m_rules.size()); }

    /// Every finding for these lines and this patient, in a stable order (kind, then lines).
    QList<core::DurAlert> check(const QList<DurLine>& lines, const DurPatient& patient) const;

private:
    struct Rule
    {
        core::DurAlert::Kind kind;
        QString text;        ///< the rule's own words
        QString source;      ///< "DUR 병용금기 (2026-11-22)"
        QString ingredient;  ///< ingredient name, for texts of rules without content
        QString field;       ///< the structured limit (AGE_BASE, MAX_QTY, MAX_DOSAGE_TERM), when the row has one
        QString limit;       ///< the rule's text (PROHBT_CONTENT), parsed when the field is absent or unreadable
        QString effect;      ///< 효능군중복 class
    };
    struct Resolved
    {
        const DurLine* line;
        QStringList codes;   ///< DUR ingredient codes
        QStringList names;   ///< normalised ingredient names (for same-ingredient without codes)
    };
    static constexpr int kKinds = 10;

    Resolved resolve(const DurLine& line) const;
    QString codeForIngredient(const QString& normalizedName) const;
    std::optional<double> unitAmountMg(const DurLine& line, const Rule& rule) const;
    const QList<int>& rulesOf(core::DurAlert::Kind kind, const QString& code) const;

    std::vector<Rule> m_rules;
    std::array<bool, kKinds> m_available {};
    std::array<QString, kKinds> m_sourceDate;
    QHash<QString, QStringList> m_codesByItemSeq;   ///< from the rule rows' own ITEM_SEQ / INGR_CODE
    QHash<QString, QStringList> m_codesByItemName;
    QHash<QString, QString> m_codeByIngredient;      ///< normalised ingredient name → code
    QHash<QString, QString> m_nameByCode;
    QHash<QString, int> m_combinations;              ///< "A|B" (A < B) → rule
    std::array<QHash<QString, QList<int>>, kKinds> m_byIngredient;
    QHash<QString, int> m_splitByItem;               ///< ITEM_SEQ or "n:" + name → rule
    QHash<QString, QList<std::pair<QString, double>>> m_strengthByItemSeq;  ///< (ingredient, mg per unit)
};

} // namespace pharmdesk::drugdb::detail
