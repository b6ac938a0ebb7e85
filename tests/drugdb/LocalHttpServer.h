// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <QUrlQuery>
#include <functional>

/// A scripted HTTP/1.1 server on 127.0.0.1 (port chosen by the OS) for the MFDS client tests.
///
/// Threading: the server lives on a thread of its own with its own event loop, so a test can call
/// the blocking curl client from its main thread. The handler runs on the server thread, under the
/// server's mutex; requests() may be read from any thread.
namespace pharmdesk::drugdb::testing {

/// What the server does with one request.
struct ScriptedReply
{
    enum class Mode {
        Normal, ///< status + body, Content-Length exact
        Slow, ///< like Normal, but only after delayMs
        Truncated, ///< announces the whole body, sends half, then closes cleanly
        Reset, ///< sends the header and half the body, then resets the connection (RST)
    };
    Mode mode = Mode::Normal;
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json;charset=UTF-8");
    int delayMs = 0;
};

class LocalHttpServer
{
public:
    /// Called for each request with the path and the decoded query.
    using Handler = std::function<ScriptedReply(const QString& path, const QUrlQuery& query)>;

    explicit LocalHttpServer(Handler handler);
    ~LocalHttpServer(); ///< stops the server
    LocalHttpServer(const LocalHttpServer&) = delete;
    LocalHttpServer& operator=(const LocalHttpServer&) = delete;

    /// Serve HTTPS with this PEM certificate and key (call before start()).
    void setTls(const QByteArray& certificatePem, const QByteArray& keyPem);
    bool start();
    void stop();
    void setHandler(Handler handler);
    quint16 port() const { return m_port; }
    /// "http://127.0.0.1:<port>/1471000", the MFDS base URL to give the client.
    QString baseUrl() const;
    /// Request targets (path?query, as received) in arrival order.
    QList<QByteArray> requests() const;
    void clearRequests();

private:
    friend class ServerWorker;
    ScriptedReply handle(const QByteArray& target);

    Handler m_handler;
    mutable QMutex m_mutex;
    QList<QByteArray> m_requests;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread, deleted there
    quint16 m_port = 0;
    QByteArray m_certificatePem;
    QByteArray m_keyPem;
};

/// Bytes of tests/data/mfds/<name>.
QByteArray mfdsFixture(const QString& name);

/// A list page in the services' JSON envelope (header.resultCode "00"), holding rows
/// [(pageNo-1)*numOfRows, pageNo*numOfRows) of `rows`, with totalCount = rows.size().
QByteArray mfdsListPage(const QJsonArray& rows, int pageNo, int numOfRows);

/// A permit-list row shaped like the recorded ones (medi-products-list.json), with this ITEM_SEQ,
/// name and comma-separated EDI_CODE.
QJsonObject mfdsPermitRow(const QString& itemSeq, const QString& name, const QString& ediCodes);

} // namespace pharmdesk::drugdb::testing
