// SPDX-License-Identifier: GPL-3.0-or-later
// DUR alerts in plain words for the patient (GuideContent.h).
#include "pharmdesk/guide/GuideContent.h"

namespace pharmdesk::guide {

namespace {

using Kind = core::DurAlert::Kind;

/// The fixed sentence for a kind of alert: what the rule says about these drugs, and what to do.
/// The wording is the guide's own (like its labels); the facts are only the kind and the drugs.
QString koreanSentence(Kind kind)
{
    switch (kind) {
    case Kind::CombinationContraindicated:
        return QStringLiteral("함께 드시면 안 되는 약(병용금기)으로 분류되어 있습니다. 드시기 전에 약사와 꼭 상의하세요.");
    case Kind::SameIngredient:
        return QStringLiteral("같은 성분이 들어 있는 약입니다. 안내받은 양보다 더 드시지 마세요.");
    case Kind::TherapeuticDuplicate:
        return QStringLiteral("효과가 같은 종류의 약이 겹칩니다(효능군 중복). 약사와 상의하세요.");
    case Kind::AgeContraindicated:
        return QStringLiteral("환자의 나이에는 쓰지 않도록 정해진 약(연령 금기)입니다. 드시기 전에 약사와 꼭 상의하세요.");
    case Kind::ElderlyCaution:
        return QStringLiteral("65세 이상 어르신이 드실 때 주의가 필요한 약(노인 주의)입니다. 몸에 이상이 느껴지면 약사와 상의하세요.");
    case Kind::PregnancyContraindicated:
        return QStringLiteral("임신 중에는 쓰지 않도록 정해진 약(임부 금기)입니다. 드시기 전에 약사와 꼭 상의하세요.");
    case Kind::MaxDailyDose:
        return QStringLiteral("하루 양이 정해진 최대 용량보다 많게 처방되었습니다(용량 주의). 약사와 상의하세요.");
    case Kind::MaxDuration:
        return QStringLiteral("정해진 기간보다 오래 드시도록 처방되었습니다(투여기간 주의). 약사와 상의하세요.");
    case Kind::SplitCaution:
        return QStringLiteral("쪼개지 말아야 하는 약(서방정)이 쪼개어 처방되었습니다. 드시기 전에 약사와 상의하세요.");
    case Kind::RulesUnavailable:
        break;
    }
    return {};
}

QString englishSentence(Kind kind)
{
    switch (kind) {
    case Kind::CombinationContraindicated:
        return QStringLiteral("listed as medicines that must not be taken together. Talk to your pharmacist before taking them.");
    case Kind::SameIngredient:
        return QStringLiteral("contain the same ingredient. Do not take more than you were told.");
    case Kind::TherapeuticDuplicate:
        return QStringLiteral("medicines with the same kind of effect overlap. Talk to your pharmacist.");
    case Kind::AgeContraindicated:
        return QStringLiteral("not to be used at the patient's age. Talk to your pharmacist before taking it.");
    case Kind::ElderlyCaution:
        return QStringLiteral("needs care in people aged 65 and over. Tell your pharmacist if you feel unwell.");
    case Kind::PregnancyContraindicated:
        return QStringLiteral("not to be used during pregnancy. Talk to your pharmacist before taking it.");
    case Kind::MaxDailyDose:
        return QStringLiteral("the daily amount prescribed is above the set maximum. Talk to your pharmacist.");
    case Kind::MaxDuration:
        return QStringLiteral("prescribed for longer than the set limit. Talk to your pharmacist.");
    case Kind::SplitCaution:
        return QStringLiteral("an extended-release tablet that should not be split is prescribed split. Talk to your pharmacist.");
    case Kind::RulesUnavailable:
        break;
    }
    return {};
}

} // namespace

QList<PatientAlert> patientAlerts(const core::Prescription& prescription, const QString& language)
{
    const bool english = language == QStringLiteral("en");
    QList<PatientAlert> out;
    for (const core::DurAlert& alert : prescription.alerts) {
        if (alert.severity == core::DurAlert::Severity::Info || alert.kind == Kind::RulesUnavailable)
            continue;
        const QString sentence = english ? englishSentence(alert.kind) : koreanSentence(alert.kind);
        if (sentence.isEmpty())
            continue;
        QStringList names;
        for (const int line : alert.lines) {
            for (const core::PrescriptionItem& item : prescription.items) {
                if (item.line != line)
                    continue;
                const QString name = displayName(item);
                if (!name.isEmpty() && !names.contains(name))
                    names.append(name);
            }
        }
        PatientAlert pa;
        pa.kind = alert.kind;
        // An alert about the whole prescription names no drug.
        const QString subject = !names.isEmpty() ? names.join(QStringLiteral(", "))
                                : english         ? QStringLiteral("This prescription")
                                                  : QStringLiteral("이 처방");
        pa.sentence = subject + QStringLiteral(": ") + sentence;
        pa.ruleText = alert.text.simplified();
        out.append(pa);
    }
    return out;
}

} // namespace pharmdesk::guide
