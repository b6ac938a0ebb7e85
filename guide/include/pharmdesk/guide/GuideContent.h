// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Prescription.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pharmdesk::guide {

// Pure text rules of the medication guide: what the guide says about an item, independent of
// layout and devices. All functions are reentrant and need no QGuiApplication.

/// The dose as printed: 1 → "1", 0.5 → "1/2", 0.3333 → "1/3", 0.6667 → "2/3", 0.25 → "1/4",
/// anything else with at most two decimals ("1.5", "0.75").
QString formatDose(double dose);

/// The unit of one dose: the item's doseUnit when printed (normalised: "ml" → "mL"), else guessed
/// from the product form or name (정, 캡슐, 포, mL); empty when it cannot be told (ointments,
/// eye drops, injections, unknown forms).
QString doseUnit(const core::PrescriptionItem& item);

/// True for products that are applied rather than swallowed (연고, 크림, 점안액, 패취, 주사, ...):
/// their guide says "사용하세요" instead of "드세요".
bool isExternalUse(const core::PrescriptionItem& item);

/// The dosing sentence, e.g. "1회 1정씩 하루 3번, 5일 동안 드세요 (식후 30분)". Values that were
/// never read are left out, never guessed. The usage text is appended as read, only its spacing
/// normalised ("식 후 30 분" → "식후 30분"). `language` is "ko" or "en" (usage stays Korean).
QString dosingSentence(const core::PrescriptionItem& item, const QString& language = QStringLiteral("ko"));

/// When to take the drug in a day, for the timetable row (아침 / 점심 / 저녁 / 자기 전).
struct DoseTimes
{
    bool morning = false;
    bool noon = false;
    bool evening = false;
    bool bedtime = false;

    bool operator==(const DoseTimes&) const = default;
};

/// Derived from times per day and the usage text: 1 → 아침 (자기 전 when the usage says 취침/자기 전,
/// 저녁 when it says 저녁), 2 → 아침·저녁, 3 → 아침·점심·저녁, 4 → all four. std::nullopt when the
/// number of times was not read or is outside 1..4 (no timetable is printed then).
std::optional<DoseTimes> doseTimes(const core::PrescriptionItem& item);

/// When to take the drug relative to meals, from the usage text's own words (식전, 식후, 식간;
/// "before/after/between meals"); Unknown when it says none of them. Never guessed from anything else.
enum class MealTiming { Unknown, BeforeMeals, AfterMeals, BetweenMeals };
MealTiming mealTiming(const core::PrescriptionItem& item);

/// The public MFDS (의약품안전나라) page of a product: https://nedrug.mfds.go.kr/pbp/CCBBB01/getItemDetail?itemSeq=…
/// Empty unless `itemSeq` is all digits.
QString mfdsItemUrl(const QString& itemSeq);

/// A DUR alert as the patient reads it: a fixed plain-language sentence for its kind naming the
/// drugs involved, and the rule's own published text (may be empty). Nothing else is added.
struct PatientAlert
{
    core::DurAlert::Kind kind = core::DurAlert::Kind::CombinationContraindicated;
    QString sentence;   ///< e.g. "부루펜정, 아스피린정: 함께 드시면 안 되는 약으로 분류되어 있습니다. …"
    QString ruleText;   ///< DurAlert::text, whitespace normalised
};

/// The prescription's DUR alerts that concern the patient, in order: contraindications and
/// warnings about the drugs they take. Left out: alerts for information only (Severity::Info) and
/// RulesUnavailable (a check that could not run is the pharmacist's business, not the patient's).
QList<PatientAlert> patientAlerts(const core::Prescription& prescription, const QString& language = QStringLiteral("ko"));

/// The name printed for an item: the matched product's name without its export name
/// ("(수출명:...)"), else the name as read, else the raw line.
QString displayName(const core::PrescriptionItem& item);

/// Sentences of a published text, in order. Splits after . ! ? and line breaks, also where the
/// source omits the space ("마십시오.이 약을"), but not inside numbers ("0.5 mL").
QStringList splitSentences(const QString& text);

/// Whole sentences from the start of `text` while they fit in `maxChars`. When even the first does
/// not fit, words in its middle are left out ("이 약은 A, B, … Z에 사용합니다."): its beginning and
/// its predicate stay, cuts fall only on spaces outside parentheses (never mid-word).
QString shortenAtSentence(const QString& text, int maxChars);

/// The most important caution sentences (contraindications, when to stop, who must ask first),
/// at most `maxSentences`, in their published order, each shortened to `maxCharsEach` the same way.
QStringList keyCautions(const QString& caution, int maxSentences = 3, int maxCharsEach = 160);

} // namespace pharmdesk::guide
