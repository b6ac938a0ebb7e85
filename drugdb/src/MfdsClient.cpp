// SPDX-License-Identifier: GPL-3.0-or-later
// MFDS list pages: request URLs, classification of every answer shape, retries with backoff.
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSettings>
#include <QThread>
#include <QUrl>
#include <QXmlStreamReader>
#include <algorithm>

namespace pharmdesk::drugdb {

namespace {

using core::ErrorCategory;

MfdsFetch failed(MfdsFailure failure, ErrorCategory category, const QString& message, const QString& detail,
    const QString& code = {})
{
    MfdsFetch f;
    f.failure = failure;
    f.error = core::makeError(category, message, detail);
    f.code = code;
    return f;
}

// Gateway (returnReasonCode) and provider (resultCode) codes share the data.go.kr numbering; the
// provider pads them to two digits ("03"). 22 and 30 have their own outcomes; 03 means no rows.
MfdsFetch classifyCode(const QString& rawCode, const QString& text, const QString& origin)
{
    const QString code = rawCode.trimmed();
    const int n = code.toInt();
    const QString detail = QStringLiteral("%1 %2: %3").arg(origin, code, text.simplified());
    if (n == 22)
        return failed(MfdsFailure::DailyLimit, ErrorCategory::Network,
            QStringLiteral("The daily request limit of the MFDS service key is used up; resume tomorrow."),
            detail, code);
    if (n == 30)
        return failed(MfdsFailure::KeyNotRegistered, ErrorCategory::Network,
            QStringLiteral("The MFDS service key is not registered for this service (check "
                           "mfds/service_key in settings.ini or PHARMDESK_MFDS_KEY, and the "
                           "data.go.kr application)."),
            detail, code);
    // 10/11: invalid or missing parameters, a bug on our side that no retry fixes.
    if (origin == QLatin1String("resultCode") && (n == 10 || n == 11))
        return failed(MfdsFailure::Permanent, ErrorCategory::Network,
            QStringLiteral("The MFDS service refused the request (code %1).").arg(code), detail, code);
    return failed(MfdsFailure::Retryable, ErrorCategory::Network,
        QStringLiteral("The MFDS service answered with error code %1.").arg(code), detail, code);
}

// The gateway's <OpenAPI_ServiceResponse><cmmMsgHeader>…, or the provider's XML envelope
// (<response><header><resultCode>…) when it ignores type=json.
MfdsFetch parseXml(const QByteArray& body)
{
    QXmlStreamReader xml(body);
    QString reasonCode, authMsg, errMsg, resultCode, resultMsg;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("returnReasonCode"))
            reasonCode = xml.readElementText();
        else if (name == QLatin1String("returnAuthMsg"))
            authMsg = xml.readElementText();
        else if (name == QLatin1String("errMsg"))
            errMsg = xml.readElementText();
        else if (name == QLatin1String("resultCode"))
            resultCode = xml.readElementText();
        else if (name == QLatin1String("resultMsg"))
            resultMsg = xml.readElementText();
    }
    if (!reasonCode.isEmpty())
        return classifyCode(reasonCode, errMsg + u' ' + authMsg, QStringLiteral("returnReasonCode"));
    if (!resultCode.isEmpty() && resultCode.trimmed() != QLatin1String("00"))
        return classifyCode(resultCode, resultMsg, QStringLiteral("resultCode"));
    return failed(MfdsFailure::Permanent, ErrorCategory::Input,
        QStringLiteral("The MFDS service answered in XML instead of JSON."),
        xml.hasError() ? xml.errorString() : QString::fromUtf8(body.left(200)));
}

// A field as text: strings trimmed, numbers without exponent, null/absent empty.
QString text(const QJsonObject& o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'f', 0);
    return {};
}

bool integerOf(const QJsonValue& v, qint64* out)
{
    if (v.isDouble()) {
        *out = qint64(v.toDouble());
        return double(*out) == v.toDouble() && *out >= 0;
    }
    bool ok = false;
    *out = v.toString().trimmed().toLongLong(&ok);
    return ok && *out >= 0;
}

// items is an array of rows, or of {"item": row} (DrbBundleInfoService02 style), or {"item": [rows]}.
QJsonArray rowsOf(const QJsonValue& items)
{
    QJsonArray rows;
    auto addRow = [&rows](const QJsonValue& v) {
        const QJsonObject o = v.toObject();
        if (o.size() == 1 && o.value(QLatin1String("item")).isObject())
            rows.append(o.value(QLatin1String("item")));
        else
            rows.append(v);
    };
    if (items.isArray()) {
        for (const QJsonValue& v : items.toArray())
            addRow(v);
    } else if (items.isObject()) {
        const QJsonValue inner = items.toObject().value(QLatin1String("item"));
        if (inner.isArray()) {
            for (const QJsonValue& v : inner.toArray())
                addRow(v);
        } else if (inner.isObject()) {
            rows.append(inner);
        }
    }
    return rows;
}

MfdsFetch malformed(const QString& detail)
{
    return failed(MfdsFailure::Permanent, ErrorCategory::Input,
        QStringLiteral("The MFDS service sent an incomplete or malformed page."), detail);
}

} // namespace

MfdsConfig MfdsConfig::load(const QString& settingsIniPath)
{
    MfdsConfig config;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    config.serviceKey = env.value(QStringLiteral("PHARMDESK_MFDS_KEY")).trimmed();
    if (config.serviceKey.isEmpty() && !settingsIniPath.isEmpty()) {
        const QSettings ini(settingsIniPath, QSettings::IniFormat);
        config.serviceKey = ini.value(QStringLiteral("mfds/service_key")).toString().trimmed();
    }
    const QString base = env.value(QStringLiteral("PHARMDESK_MFDS_BASE_URL")).trimmed();
    if (!base.isEmpty())
        config.baseUrl = base;
    while (config.baseUrl.endsWith(u'/'))
        config.baseUrl.chop(1);
    return config;
}

MfdsFetch parseMfdsReply(MfdsService service, int httpStatus, const QByteArray& body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('<')) {
        MfdsFetch xml = parseXml(trimmed);
        if (xml.failure == MfdsFailure::Permanent && httpStatus >= 500)
            xml.failure = MfdsFailure::Retryable;
        return xml;
    }
    if (httpStatus >= 500 || httpStatus == 429)
        return failed(MfdsFailure::Retryable, ErrorCategory::Network,
            QStringLiteral("The MFDS server is unavailable (HTTP %1).").arg(httpStatus),
            QString::fromUtf8(trimmed.left(200)));
    if (httpStatus != 200)
        return failed(MfdsFailure::Permanent, ErrorCategory::Network,
            QStringLiteral("The MFDS server refused the request (HTTP %1).").arg(httpStatus),
            QString::fromUtf8(trimmed.left(200)));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return malformed(QStringLiteral("JSON: %1 at byte %2 of %3")
                             .arg(parseError.errorString())
                             .arg(parseError.offset)
                             .arg(body.size()));
    QJsonObject root = doc.object();
    if (root.value(QLatin1String("response")).isObject()) // some services wrap everything once more
        root = root.value(QLatin1String("response")).toObject();
    const QJsonObject header = root.value(QLatin1String("header")).toObject();
    const QString resultCode = text(header, QLatin1String("resultCode"));
    if (resultCode.isEmpty())
        return malformed(QStringLiteral("no header.resultCode"));
    if (resultCode != QLatin1String("00") && resultCode != QLatin1String("03"))
        return classifyCode(
            resultCode, text(header, QLatin1String("resultMsg")), QStringLiteral("resultCode"));

    MfdsFetch fetch;
    fetch.failure = MfdsFailure::None;
    fetch.code = resultCode;
    if (resultCode == QLatin1String("03")) // NODATA_ERROR: an empty list
        return fetch;
    const QJsonObject b = root.value(QLatin1String("body")).toObject();
    qint64 total = 0, pageNo = 0, numOfRows = 0;
    if (!integerOf(b.value(QLatin1String("totalCount")), &total)
        || !integerOf(b.value(QLatin1String("pageNo")), &pageNo)
        || !integerOf(b.value(QLatin1String("numOfRows")), &numOfRows))
        return malformed(QStringLiteral("body.totalCount, pageNo or numOfRows missing"));
    fetch.page.totalCount = total;
    fetch.page.pageNo = int(pageNo);
    fetch.page.numOfRows = int(numOfRows);
    const QJsonArray rows = rowsOf(b.value(QLatin1String("items")));
    const qint64 before = (pageNo - 1) * numOfRows;
    const qint64 expected = std::clamp<qint64>(total - before, 0, numOfRows);
    // A page in the middle of the list must be full: fewer rows mean a cut or damaged answer.
    if (rows.size() != expected)
        return malformed(QStringLiteral("page %1 has %2 rows, expected %3 (totalCount %4, numOfRows %5)")
                             .arg(pageNo)
                             .arg(rows.size())
                             .arg(expected)
                             .arg(total)
                             .arg(numOfRows));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!rows.at(i).isObject())
            return malformed(QStringLiteral("row %1 is not an object").arg(i));
        const QString rowError = parseMfdsRow(service, rows.at(i).toObject(), &fetch.page);
        if (!rowError.isEmpty())
            return malformed(QStringLiteral("row %1: %2").arg(i).arg(rowError));
    }
    return fetch;
}

MfdsClient::MfdsClient(MfdsConfig config, HttpClient& http)
    : m_config(std::move(config))
    , m_http(http)
{ }

QByteArray MfdsClient::pageUrl(MfdsService service, int pageNo) const
{
    // An "encoding" key is already percent-encoded: decode it first so it is encoded exactly once.
    const QString rawKey = QUrl::fromPercentEncoding(m_config.serviceKey.toUtf8());
    QByteArray url = m_config.baseUrl.toUtf8();
    url += '/';
    url += mfdsServicePath(service).toUtf8();
    url.append("?serviceKey=").append(QUrl::toPercentEncoding(rawKey));
    url.append("&pageNo=").append(QByteArray::number(pageNo));
    url.append("&numOfRows=").append(QByteArray::number(MfdsConfig::kPageSize));
    url.append("&type=json");
    return url;
}

MfdsFetch MfdsClient::fetchPage(MfdsService service, int pageNo, const core::CancelToken& cancel)
{
    auto redacted = [this](MfdsFetch f, int attempts) {
        f.attempts = attempts;
        f.error.message = redactServiceKey(f.error.message, m_config.serviceKey);
        f.error.detail = redactServiceKey(f.error.detail, m_config.serviceKey);
        return f;
    };
    if (m_config.serviceKey.isEmpty())
        return redacted(failed(MfdsFailure::KeyNotRegistered, ErrorCategory::Usage,
                            QStringLiteral("No MFDS service key: set mfds/service_key in settings.ini or "
                                           "PHARMDESK_MFDS_KEY."),
                            {}),
            0);
    const HttpRequest request { pageUrl(service, pageNo), m_config.connectTimeoutMs,
        m_config.totalTimeoutMs };
    for (int attempt = 1;; ++attempt) {
        MfdsFetch f;
        const HttpReply reply = m_http.get(request);
        if (reply.ok()) {
            f = parseMfdsReply(service, reply.status, reply.body);
        } else {
            f.failure = reply.transport == HttpReply::Transport::TlsFailed ? MfdsFailure::Permanent
                                                                           : MfdsFailure::Retryable;
            f.error = reply.error;
        }
        if (f.failure != MfdsFailure::Retryable)
            return redacted(std::move(f), attempt);
        if (attempt > m_config.maxRetries) {
            f.error.message += QStringLiteral(" Gave up after %1 attempts.").arg(attempt);
            return redacted(std::move(f), attempt);
        }
        // Exponential backoff, slept in slices so a cancel is noticed within 50 ms.
        const qint64 waitMs = qint64(m_config.backoffBaseMs) << std::min(attempt - 1, 16);
        for (qint64 slept = 0; slept < waitMs; slept += 50) {
            if (cancel.isCancelled())
                return redacted(failed(MfdsFailure::Permanent, ErrorCategory::Cancelled,
                                    QStringLiteral("The download was cancelled."), f.error.message),
                    attempt);
            QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, waitMs - slept)));
        }
    }
}

} // namespace pharmdesk::drugdb
