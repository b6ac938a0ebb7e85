// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/DurAlert.h"
#include "pharmdesk/core/Product.h"
#include "pharmdesk/drugdb/MfdsHttpClient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pharmdesk::drugdb {

/// The MFDS open-API list operations the client downloads (all paged, 100 rows a page).
enum class MfdsService {
    Permits, ///< DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnInq06 (품목허가 목록, with EDI_CODE)
    EasyDrug, ///< DrbEasyDrugInfoService/getDrbEasyDrugList (e약은요)
    PermitDetails, ///< DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnDtlInq05 (품목허가 상세)
    Pills, ///< MdcinGrnIdntfcInfoService02/getMdcinGrnIdntfcInfoList02 (낱알식별)
    DurCombination, ///< DURPrdlstInfoService03/getUsjntTabooInfoList03 (병용금기)
    DurPregnancy, ///< …/getPwnmTabooInfoList03 (임부금기)
    DurElderly, ///< …/getOdsnAtentInfoList03 (노인주의)
    DurAge, ///< …/getSpcifyAgrdeTabooInfoList03 (특정연령대금기)
    DurDose, ///< …/getCpctyAtentInfoList03 (용량주의)
    DurDuration, ///< …/getMdctnPdAtentInfoList03 (투여기간주의)
    DurTherapeutic, ///< …/getEfcyDplctInfoList03 (효능군중복)
    DurSplit, ///< …/getSeobangjeongPartitnAtentInfoList03 (서방정분할주의)
};

/// Every service, in download order (permits first: the others link to its products).
QList<MfdsService> allMfdsServices();
/// The eight DUR services.
QList<MfdsService> durMfdsServices();
/// "permits", "easy", "details", "pills", "dur-combination", …: the name used in checkpoints and on
/// the command line.
QString mfdsServiceName(MfdsService service);
std::optional<MfdsService> mfdsServiceFromName(const QString& name);
/// "DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnInq06", ...
QString mfdsServicePath(MfdsService service);
/// The DurAlert kind a DUR service provides; std::nullopt for the other services.
std::optional<core::DurAlert::Kind> durKindOf(MfdsService service);

/// Where and how to call MFDS. A value: copy it to workers.
struct MfdsConfig
{
    static constexpr int kPageSize = 100; ///< numOfRows: the services' maximum
    static QString defaultBaseUrl() { return QStringLiteral("https://apis.data.go.kr/1471000"); }

    QString serviceKey; ///< data.go.kr key, either the "decoding" (raw) or "encoding" (percent-encoded) form
    QString baseUrl = defaultBaseUrl();
    int connectTimeoutMs = 10000;
    int totalTimeoutMs = 60000;
    int maxRetries = 4; ///< retries after the first attempt, for retryable failures
    int backoffBaseMs = 2000; ///< wait before retry n (1-based): backoffBaseMs × 2^(n-1)

    /// The key from PHARMDESK_MFDS_KEY or else `mfds/service_key` in `settingsIniPath`; the base
    /// URL from PHARMDESK_MFDS_BASE_URL (else the default). The key may come out empty: callers
    /// report that (MfdsFailure::KeyMissing) before any download.
    static MfdsConfig load(const QString& settingsIniPath);
};

/// One row of the permit list, as published (codes are text; leading zeros kept).
struct MfdsPermit
{
    QString itemSeq; ///< ITEM_SEQ
    QString itemName; ///< ITEM_NAME
    QString company; ///< ENTP_NAME
    QString permitNumber; ///< PRDUCT_PRMISN_NO
    QString permitDate; ///< ITEM_PERMIT_DATE, yyyyMMdd
    QString category; ///< SPCLTY_PBLC: 전문의약품 / 일반의약품
    QString ingredientsEn; ///< ITEM_INGR_NAME
    QString cancelDate; ///< CANCEL_DATE, empty while valid
    QString cancelName; ///< CANCEL_NAME (정상, 취소, 유효기간만료, ...)
    QStringList ediCodes; ///< EDI_CODE split at commas, trimmed
};

/// One row of the permit detail (getDrugPrdtPrmsnDtlInq05); documents kept as published (XML).
struct MfdsPermitDetail
{
    QString itemSeq; ///< ITEM_SEQ
    QString itemName; ///< ITEM_NAME
    QString material; ///< MATERIAL_NAME: "총량 : …|성분명 : …|분량 : …|단위 : …;…"
    QString mainIngredients; ///< MAIN_ITEM_INGR: "[M040702]포도당|[M040426]염화나트륨"
    QString storage; ///< STORAGE_METHOD
    QString validTerm; ///< VALID_TERM
    QString atcCode; ///< ATC_CODE
    QString etcOtc; ///< ETC_OTC_CODE (전문의약품 / 일반의약품)
    QString efficacyDoc; ///< EE_DOC_DATA (효능효과)
    QString usageDoc; ///< UD_DOC_DATA (용법용량)
    QString cautionDoc; ///< NB_DOC_DATA (사용상의주의사항)
    QStringList ediCodes; ///< EDI_CODE split at commas
};

/// One row of the pill identification list (낱알식별).
struct MfdsPill
{
    QString itemSeq;
    QString itemName;
    QString imageUrl; ///< ITEM_IMAGE
    QString shape; ///< DRUG_SHAPE (원형, 장방형, …)
    QString color1; ///< COLOR_CLASS1
    QString color2; ///< COLOR_CLASS2
    QString printFront; ///< PRINT_FRONT
    QString printBack; ///< PRINT_BACK
    QString lineFront; ///< LINE_FRONT (분할선)
    QString lineBack;
    QString markFront; ///< MARK_CODE_FRONT_ANAL
    QString markBack; ///< MARK_CODE_BACK_ANAL
    QString lengthMm; ///< LENG_LONG, as published ("7.50")
    QString widthMm; ///< LENG_SHORT
    QString thicknessMm; ///< THICK
    QString formName; ///< FORM_CODE_NAME
    QString ediCode; ///< EDI_CODE
};

/// One row of a DUR list, reduced to what the checks use. Texts are the rule's own words.
struct MfdsDurRule
{
    core::DurAlert::Kind kind = core::DurAlert::Kind::CombinationContraindicated;
    QString itemSeq; ///< ITEM_SEQ of the product the row names (empty for ingredient-only rows)
    QString itemName;
    QString ingredientCode; ///< INGR_CODE ("D000893"); the checks work on ingredients
    QString ingredientName; ///< INGR_NAME / INGR_KOR_NAME
    QString partnerItemSeq; ///< 병용금기: MIXTURE_ITEM_SEQ
    QString partnerItemName;
    QString partnerIngredientCode; ///< 병용금기: MIXTURE_INGR_CODE
    QString partnerIngredientName;
    QString content; ///< PROHBT_CONTENT (the rule's text; may be empty)
    QString remark; ///< REMARK
    QString effectName; ///< 효능군중복: EFFECT_NAME (the class)
    QString seriesName; ///< 효능군중복: SERS_NAME
    QString limitValue; ///< a limit field when the service has one (AGE_BASE, MAX_QTY, MAX_DOSAGE_TERM)
    QString formName; ///< FORM_NAME / FORM_CODE_NAME
    QString notified; ///< NOTIFICATION_DATE (yyyyMMdd)
    /// Identifies the row within its kind, so a re-download replaces instead of duplicating.
    QString rowKey() const;
};

/// One parsed page of a list operation. Only the list of the page's service is filled.
struct MfdsPage
{
    int pageNo = 0;
    int numOfRows = 0;
    qint64 totalCount = 0;
    QList<MfdsPermit> permits; ///< for MfdsService::Permits
    QList<core::GuideText> guides; ///< for MfdsService::EasyDrug
    QList<MfdsPermitDetail> details; ///< for MfdsService::PermitDetails
    QList<MfdsPill> pills; ///< for MfdsService::Pills
    QList<MfdsDurRule> durRules; ///< for the Dur* services
    qsizetype rowCount() const
    {
        return permits.size() + guides.size() + details.size() + pills.size() + durRules.size();
    }
};

/// Parses one published row of `service` into `page`; an error text (for a malformed row) or empty.
/// Used for API pages and for imported dumps (whose CSV cells arrive as strings).
QString parseMfdsRow(MfdsService service, const QJsonObject& row, MfdsPage* page);

/// How a request ended, as far as the caller must act on it.
enum class MfdsFailure {
    None, ///< a page was parsed
    DailyLimit, ///< gateway code 22: stop; the quota resets tomorrow
    KeyNotRegistered, ///< gateway code 30 (or no key at all): the user must fix the key
    Retryable, ///< transport failure, HTTP 5xx, gateway or provider transient code
    Permanent, ///< malformed or truncated body, refused request: retrying will not help
};

/// A page or why there is none. `error` is set unless failure == None (category Network, or Input
/// for a malformed body); it never contains the service key.
struct MfdsFetch
{
    MfdsFailure failure = MfdsFailure::Permanent;
    core::Error error;
    MfdsPage page;
    QString code; ///< the provider's resultCode or the gateway's returnReasonCode, when one came
    int attempts = 0; ///< requests made (fetchPage only)
    bool ok() const { return failure == MfdsFailure::None; }
};

/// Classifies one HTTP answer of `service` and parses it. Pure: no I/O. Every shape is handled: the
/// JSON envelope (header.resultCode "00" or an error code with resultMsg), the data.go.kr gateway's
/// XML error (OpenAPI_ServiceResponse/cmmMsgHeader/returnReasonCode), HTTP errors, and bodies that are
/// not what they claim (a page is all-or-nothing: one bad row fails the page).
MfdsFetch parseMfdsReply(MfdsService service, int httpStatus, const QByteArray& body);

/// Requests pages of the MFDS list operations, with retries and exponential backoff.
///
/// Threading: fetchPage() blocks (network and backoff sleeps); call it from a worker thread. The
/// object is not shared between threads; the HttpClient passed in must outlive it.
class MfdsClient
{
public:
    MfdsClient(MfdsConfig config, HttpClient& http);

    /// `base/<service path>?serviceKey=…&pageNo=…&numOfRows=100&type=json`, key percent-encoded.
    QByteArray pageUrl(MfdsService service, int pageNo) const;

    /// Page `pageNo` (1-based). Retryable failures are retried up to maxRetries times with backoff;
    /// DailyLimit, KeyNotRegistered and Permanent return at once. `cancel` is checked between attempts.
    MfdsFetch fetchPage(MfdsService service, int pageNo, const core::CancelToken& cancel = {});

    const MfdsConfig& config() const { return m_config; }

private:
    MfdsConfig m_config;
    HttpClient& m_http;
};

} // namespace pharmdesk::drugdb
