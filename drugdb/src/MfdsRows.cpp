// SPDX-License-Identifier: GPL-3.0-or-later
// The MFDS services: names, paths, and the parsing of one published row of each.
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QJsonValue>
#include <algorithm>

namespace pharmdesk::drugdb {

namespace {

using Kind = core::DurAlert::Kind;

struct ServiceInfo
{
    MfdsService service;
    const char* name;
    const char* path;
};

// Download order: permits first (the other services link to its products by ITEM_SEQ).
constexpr ServiceInfo kServices[] = {
    { MfdsService::Permits, "permits", "DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnInq06" },
    { MfdsService::EasyDrug, "easy", "DrbEasyDrugInfoService/getDrbEasyDrugList" },
    { MfdsService::PermitDetails, "details", "DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnDtlInq05" },
    { MfdsService::Pills, "pills", "MdcinGrnIdntfcInfoService02/getMdcinGrnIdntfcInfoList02" },
    { MfdsService::DurCombination, "dur-combination", "DURPrdlstInfoService03/getUsjntTabooInfoList03" },
    { MfdsService::DurPregnancy, "dur-pregnancy", "DURPrdlstInfoService03/getPwnmTabooInfoList03" },
    { MfdsService::DurElderly, "dur-elderly", "DURPrdlstInfoService03/getOdsnAtentInfoList03" },
    { MfdsService::DurAge, "dur-age", "DURPrdlstInfoService03/getSpcifyAgrdeTabooInfoList03" },
    { MfdsService::DurDose, "dur-dose", "DURPrdlstInfoService03/getCpctyAtentInfoList03" },
    { MfdsService::DurDuration, "dur-duration", "DURPrdlstInfoService03/getMdctnPdAtentInfoList03" },
    { MfdsService::DurTherapeutic, "dur-therapeutic", "DURPrdlstInfoService03/getEfcyDplctInfoList03" },
    { MfdsService::DurSplit, "dur-split", "DURPrdlstInfoService03/getSeobangjeongPartitnAtentInfoList03" },
};

const ServiceInfo& infoOf(MfdsService service)
{
    return *std::find_if(std::begin(kServices), std::end(kServices),
                         [service](const ServiceInfo& i) { return i.service == service; });
}

// A field as text: strings trimmed, numbers without exponent, null/absent empty.
QString text(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    return {};
}

// The first non-empty of several spellings of a field (the services differ: INGR_NAME /
// INGR_KOR_NAME, FORM_NAME / FORM_CODE_NAME, MIX / MIX_TYPE).
QString anyOf(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        QString t = text(o, key);
        if (!t.isEmpty())
            return t;
    }
    return {};
}

bool isDigits(const QString& s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isDigit(); });
}

QStringList codesOf(const QString& joined)
{
    QStringList codes;
    for (const QString& code : joined.split(u',', Qt::SkipEmptyParts)) {
        const QString c = code.trimmed();
        if (!c.isEmpty() && !codes.contains(c))
            codes.append(c);
    }
    return codes;
}

QString joinNonEmpty(const QString& a, const QString& b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return a + u'\n' + b;
}

QString parseDur(Kind kind, const QJsonObject& r, MfdsPage* page)
{
    MfdsDurRule rule;
    rule.kind = kind;
    rule.itemSeq = text(r, "ITEM_SEQ");
    rule.itemName = text(r, "ITEM_NAME");
    rule.ingredientCode = text(r, "INGR_CODE");
    rule.ingredientName = anyOf(r, { "INGR_NAME", "INGR_KOR_NAME" });
    rule.content = text(r, "PROHBT_CONTENT");
    rule.remark = text(r, "REMARK");
    rule.formName = anyOf(r, { "FORM_NAME", "FORM_CODE_NAME" });
    rule.notified = text(r, "NOTIFICATION_DATE");
    if (kind == Kind::CombinationContraindicated) {
        rule.partnerItemSeq = text(r, "MIXTURE_ITEM_SEQ");
        rule.partnerItemName = text(r, "MIXTURE_ITEM_NAME");
        rule.partnerIngredientCode = text(r, "MIXTURE_INGR_CODE");
        rule.partnerIngredientName = anyOf(r, { "MIXTURE_INGR_KOR_NAME", "MIXTURE_INGR_NAME" });
        if (rule.partnerIngredientCode.isEmpty() && rule.partnerItemSeq.isEmpty())
            return QStringLiteral("a 병용금기 row without MIXTURE_INGR_CODE or MIXTURE_ITEM_SEQ");
    }
    if (kind == Kind::TherapeuticDuplicate) {
        rule.effectName = text(r, "EFFECT_NAME");
        rule.seriesName = text(r, "SERS_NAME");
        if (rule.effectName.isEmpty())
            return QStringLiteral("a 효능군중복 row without EFFECT_NAME");
    }
    rule.limitValue = anyOf(r, { "AGE_BASE", "MAX_QTY", "MAX_DOSAGE_TERM", "MAX_DOSAGE_QTY" });
    // A rule names an ingredient or a product; the split caution is product-level only.
    if (kind == Kind::SplitCaution ? !isDigits(rule.itemSeq) && rule.itemName.isEmpty()
                                   : rule.ingredientCode.isEmpty() && !isDigits(rule.itemSeq))
        return QStringLiteral("a DUR row without INGR_CODE or ITEM_SEQ");
    if (!rule.itemSeq.isEmpty() && !isDigits(rule.itemSeq))
        return QStringLiteral("a DUR row with a malformed ITEM_SEQ");
    page->durRules.append(std::move(rule));
    return {};
}

} // namespace

QList<MfdsService> allMfdsServices()
{
    QList<MfdsService> all;
    for (const ServiceInfo& i : kServices)
        all.append(i.service);
    return all;
}

QList<MfdsService> durMfdsServices()
{
    QList<MfdsService> dur;
    for (const ServiceInfo& i : kServices) {
        if (durKindOf(i.service))
            dur.append(i.service);
    }
    return dur;
}

QString mfdsServiceName(MfdsService service)
{
    return QLatin1String(infoOf(service).name);
}

std::optional<MfdsService> mfdsServiceFromName(const QString& name)
{
    for (const ServiceInfo& i : kServices) {
        if (name == QLatin1String(i.name))
            return i.service;
    }
    return std::nullopt;
}

QString mfdsServicePath(MfdsService service)
{
    return QLatin1String(infoOf(service).path);
}

std::optional<core::DurAlert::Kind> durKindOf(MfdsService service)
{
    switch (service) {
    case MfdsService::DurCombination:
        return Kind::CombinationContraindicated;
    case MfdsService::DurPregnancy:
        return Kind::PregnancyContraindicated;
    case MfdsService::DurElderly:
        return Kind::ElderlyCaution;
    case MfdsService::DurAge:
        return Kind::AgeContraindicated;
    case MfdsService::DurDose:
        return Kind::MaxDailyDose;
    case MfdsService::DurDuration:
        return Kind::MaxDuration;
    case MfdsService::DurTherapeutic:
        return Kind::TherapeuticDuplicate;
    case MfdsService::DurSplit:
        return Kind::SplitCaution;
    default:
        return std::nullopt;
    }
}

QString MfdsDurRule::rowKey() const
{
    return QStringList { itemSeq, ingredientCode, partnerItemSeq, partnerIngredientCode, effectName, formName }
        .join(u'|');
}

QString parseMfdsRow(MfdsService service, const QJsonObject& r, MfdsPage* page)
{
    if (const auto kind = durKindOf(service))
        return parseDur(*kind, r, page);
    switch (service) {
    case MfdsService::Permits: {
        MfdsPermit p;
        p.itemSeq = text(r, "ITEM_SEQ");
        p.itemName = text(r, "ITEM_NAME");
        if (!isDigits(p.itemSeq) || p.itemName.isEmpty())
            return QStringLiteral("a row lacks ITEM_SEQ or ITEM_NAME");
        p.company = text(r, "ENTP_NAME");
        p.permitNumber = text(r, "PRDUCT_PRMISN_NO");
        p.permitDate = text(r, "ITEM_PERMIT_DATE");
        p.category = text(r, "SPCLTY_PBLC");
        p.ingredientsEn = text(r, "ITEM_INGR_NAME");
        p.cancelDate = text(r, "CANCEL_DATE");
        p.cancelName = text(r, "CANCEL_NAME");
        p.ediCodes = codesOf(text(r, "EDI_CODE"));
        page->permits.append(std::move(p));
        return {};
    }
    case MfdsService::EasyDrug: {
        core::GuideText g;
        g.itemSeq = text(r, "itemSeq");
        g.itemName = text(r, "itemName");
        if (!isDigits(g.itemSeq) || g.itemName.isEmpty())
            return QStringLiteral("a row lacks itemSeq or itemName");
        g.efficacy = text(r, "efcyQesitm");
        g.usage = text(r, "useMethodQesitm");
        g.caution = joinNonEmpty(text(r, "atpnWarnQesitm"), text(r, "atpnQesitm"));
        g.interaction = text(r, "intrcQesitm");
        g.sideEffects = text(r, "seQesitm");
        g.storage = text(r, "depositMethodQesitm");
        page->guides.append(std::move(g));
        return {};
    }
    case MfdsService::PermitDetails: {
        MfdsPermitDetail d;
        d.itemSeq = text(r, "ITEM_SEQ");
        d.itemName = text(r, "ITEM_NAME");
        if (!isDigits(d.itemSeq) || d.itemName.isEmpty())
            return QStringLiteral("a row lacks ITEM_SEQ or ITEM_NAME");
        d.material = text(r, "MATERIAL_NAME");
        d.mainIngredients = text(r, "MAIN_ITEM_INGR");
        d.storage = text(r, "STORAGE_METHOD");
        d.validTerm = text(r, "VALID_TERM");
        d.atcCode = text(r, "ATC_CODE");
        d.etcOtc = text(r, "ETC_OTC_CODE");
        d.efficacyDoc = text(r, "EE_DOC_DATA");
        d.usageDoc = text(r, "UD_DOC_DATA");
        d.cautionDoc = text(r, "NB_DOC_DATA");
        d.ediCodes = codesOf(text(r, "EDI_CODE"));
        page->details.append(std::move(d));
        return {};
    }
    case MfdsService::Pills: {
        MfdsPill p;
        p.itemSeq = text(r, "ITEM_SEQ");
        p.itemName = text(r, "ITEM_NAME");
        if (!isDigits(p.itemSeq) || p.itemName.isEmpty())
            return QStringLiteral("a row lacks ITEM_SEQ or ITEM_NAME");
        p.imageUrl = text(r, "ITEM_IMAGE");
        p.shape = text(r, "DRUG_SHAPE");
        p.color1 = text(r, "COLOR_CLASS1");
        p.color2 = text(r, "COLOR_CLASS2");
        p.printFront = text(r, "PRINT_FRONT");
        p.printBack = text(r, "PRINT_BACK");
        p.lineFront = text(r, "LINE_FRONT");
        p.lineBack = text(r, "LINE_BACK");
        p.markFront = text(r, "MARK_CODE_FRONT_ANAL");
        p.markBack = text(r, "MARK_CODE_BACK_ANAL");
        p.lengthMm = text(r, "LENG_LONG");
        p.widthMm = text(r, "LENG_SHORT");
        p.thicknessMm = text(r, "THICK");
        p.formName = text(r, "FORM_CODE_NAME");
        p.ediCode = text(r, "EDI_CODE");
        page->pills.append(std::move(p));
        return {};
    }
    default:
        return QStringLiteral("unknown service");
    }
}

} // namespace pharmdesk::drugdb
