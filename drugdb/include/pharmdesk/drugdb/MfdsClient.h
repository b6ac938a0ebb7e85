// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Product.h"
#include "pharmdesk/drugdb/MfdsHttpClient.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace pharmdesk::drugdb {

/// The MFDS open-API list operations the client downloads.
enum class MfdsService {
    Permits, ///< DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnInq06 (품목허가 목록, with EDI_CODE)
    EasyDrug, ///< DrbEasyDrugInfoService/getDrbEasyDrugList (e약은요)
};

/// "permits" / "easy": the name used in checkpoints and on the command line.
QString mfdsServiceName(MfdsService service);
/// "DrugPrdtPrmsnInfoService06/getDrugPrdtPrmsnInq06", ...
QString mfdsServicePath(MfdsService service);

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

/// One parsed page of a list operation.
struct MfdsPage
{
    int pageNo = 0;
    int numOfRows = 0;
    qint64 totalCount = 0;
    QList<MfdsPermit> permits; ///< for MfdsService::Permits
    QList<core::GuideText> guides; ///< for MfdsService::EasyDrug
    qsizetype rowCount() const { return permits.size() + guides.size(); }
};

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
