// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace pharmdesk::drugdb {

/// One blocking HTTP GET. `url` is fully percent-encoded (sent as is). Timeouts in milliseconds.
struct HttpRequest
{
    QByteArray url;
    int connectTimeoutMs = 10000; ///< TCP + TLS handshake
    int totalTimeoutMs = 60000; ///< whole transfer, connect included
};

/// What came back. `transport` says whether an HTTP answer arrived at all; when it is not Ok,
/// `error` (category Network) explains, and `status`/`body` hold whatever arrived before the failure.
struct HttpReply
{
    enum class Transport {
        Ok, ///< a complete HTTP response (any status)
        Timeout, ///< connect or total timeout elapsed
        ConnectFailed, ///< refused, unreachable, name not resolved
        Reset, ///< the peer closed or reset the connection mid-response
        Truncated, ///< fewer body bytes than announced
        TlsFailed, ///< certificate or handshake rejected (not retried)
        Other,
    };
    Transport transport = Transport::Other;
    int status = 0; ///< HTTP status, 0 when none arrived
    QByteArray body;
    core::Error error; ///< set when transport != Ok; never contains a service key

    bool ok() const { return transport == Transport::Ok; }
};

/// HTTP transport behind the MFDS client (a seam for tests and other transports).
///
/// Threading: get() blocks the calling thread for up to the total timeout; never call it on the GUI
/// thread. One instance may be used from several threads at once (implementations keep no per-call
/// state in the object).
class HttpClient
{
public:
    virtual ~HttpClient() = default;
    virtual HttpReply get(const HttpRequest& request) = 0;
};

/// The libcurl implementation: TLS peer and host verification on, http/https only, up to 3
/// redirects, gzip accepted, body capped at 64 MiB. Error texts are passed through redactServiceKey().
std::unique_ptr<HttpClient> makeCurlHttpClient();

/// `text` with every `serviceKey=<value>` query value (any case of the name) replaced by `***`, and
/// every occurrence of `secret` (raw and percent-encoded) too when it is not empty. Use it on any URL
/// or message before it is logged or put in an Error.
QString redactServiceKey(const QString& text, const QString& secret = {});

} // namespace pharmdesk::drugdb
