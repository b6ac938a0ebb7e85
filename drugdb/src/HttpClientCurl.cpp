// SPDX-License-Identifier: GPL-3.0-or-later
// libcurl behind HttpClient: one easy handle per call, so calls on several threads never share state.
#include "pharmdesk/drugdb/MfdsHttpClient.h"

#include <QRegularExpression>
#include <QUrl>
#include <curl/curl.h>
#include <mutex>

namespace pharmdesk::drugdb {

namespace {

constexpr qsizetype kMaxBody = 64 * 1024 * 1024;

struct Sink
{
    QByteArray body;
    bool overflow = false;
};

size_t writeBody(char* data, size_t size, size_t count, void* user)
{
    auto* sink = static_cast<Sink*>(user);
    const size_t bytes = size * count;
    if (sink->body.size() + qsizetype(bytes) > kMaxBody) {
        sink->overflow = true;
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    }
    sink->body.append(data, qsizetype(bytes));
    return bytes;
}

void initCurlOnce()
{
    // curl_global_init is not thread-safe on older libcurl; run it once, before any handle exists.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpReply::Transport transportOf(CURLcode code)
{
    switch (code) {
    case CURLE_OK:
        return HttpReply::Transport::Ok;
    case CURLE_OPERATION_TIMEDOUT:
        return HttpReply::Transport::Timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return HttpReply::Transport::ConnectFailed;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        return HttpReply::Transport::Reset;
    case CURLE_PARTIAL_FILE:
        return HttpReply::Transport::Truncated;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
        return HttpReply::Transport::TlsFailed;
    default:
        return HttpReply::Transport::Other;
    }
}

QString transportMessage(HttpReply::Transport t)
{
    switch (t) {
    case HttpReply::Transport::Timeout:
        return QStringLiteral("The MFDS server did not answer in time.");
    case HttpReply::Transport::ConnectFailed:
        return QStringLiteral("Could not connect to the MFDS server.");
    case HttpReply::Transport::Reset:
        return QStringLiteral("The connection to the MFDS server was reset.");
    case HttpReply::Transport::Truncated:
        return QStringLiteral("The MFDS server's answer was cut off.");
    case HttpReply::Transport::TlsFailed:
        return QStringLiteral("The MFDS server's certificate could not be verified.");
    case HttpReply::Transport::Ok:
    case HttpReply::Transport::Other:
        break;
    }
    return QStringLiteral("Downloading from the MFDS server failed.");
}

class CurlHttpClient final : public HttpClient
{
public:
    HttpReply get(const HttpRequest& request) override
    {
        initCurlOnce();
        HttpReply reply;
        const QString shownUrl = redactServiceKey(QString::fromUtf8(request.url));
        CURL* curl = curl_easy_init();
        if (!curl) {
            reply.error = core::makeError(
                core::ErrorCategory::Network, QStringLiteral("libcurl could not start."), shownUrl);
            return reply;
        }
        Sink sink;
        char errorBuffer[CURL_ERROR_SIZE] = {};
        const QByteArray url = request.url; // curl copies strings, but keep it alive for clarity
        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // no SIGALRM on worker threads
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(request.totalTimeoutMs));
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "PharmDesk");
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &writeBody);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);

        const CURLcode code = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_cleanup(curl);

        reply.status = int(status);
        reply.body = std::move(sink.body);
        reply.transport = transportOf(code);
        if (reply.ok())
            return reply;
        QString detail = QString::fromUtf8(errorBuffer);
        if (detail.isEmpty())
            detail = QString::fromUtf8(curl_easy_strerror(code));
        if (sink.overflow)
            detail = QStringLiteral("answer larger than %1 bytes").arg(kMaxBody);
        detail = QStringLiteral("curl %1: %2; %3").arg(int(code)).arg(redactServiceKey(detail), shownUrl);
        reply.error
            = core::makeError(core::ErrorCategory::Network, transportMessage(reply.transport), detail);
        return reply;
    }
};

} // namespace

std::unique_ptr<HttpClient> makeCurlHttpClient()
{
    return std::make_unique<CurlHttpClient>();
}

QString redactServiceKey(const QString& text, const QString& secret)
{
    static const QRegularExpression param(
        QStringLiteral("(servicekey=)[^&#\\s\"'<>]*"), QRegularExpression::CaseInsensitiveOption);
    QString out = text;
    out.replace(param, QStringLiteral("\\1***"));
    if (!secret.isEmpty()) {
        const QString decoded = QUrl::fromPercentEncoding(secret.toUtf8());
        for (const QString& form :
            { secret, decoded, QString::fromLatin1(QUrl::toPercentEncoding(decoded)) }) {
            if (!form.isEmpty())
                out.replace(form, QStringLiteral("***"), Qt::CaseInsensitive);
        }
    }
    return out;
}

} // namespace pharmdesk::drugdb
