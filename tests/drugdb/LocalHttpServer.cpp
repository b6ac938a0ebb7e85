// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalHttpServer.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <sys/socket.h>

namespace pharmdesk::drugdb::testing {

// A QTcpServer that wraps each connection in TLS when given a certificate.
class TlsCapableServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    QSslCertificate certificate;
    QSslKey key;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (certificate.isNull()) {
            QTcpServer::incomingConnection(descriptor);
            return;
        }
        auto* socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(certificate);
        socket->setPrivateKey(key);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }
};

class ServerWorker : public QObject
{
public:
    explicit ServerWorker(LocalHttpServer& owner)
        : m_owner(owner)
        , m_server(this)
    {
        if (!owner.m_certificatePem.isEmpty()) {
            m_server.certificate = QSslCertificate(owner.m_certificatePem, QSsl::Pem);
            m_server.key = QSslKey(owner.m_keyPem, QSsl::Rsa, QSsl::Pem);
        }
    }

    quint16 listen()
    {
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(&m_server, &QTcpServer::newConnection, this, &ServerWorker::accept);
        return m_server.serverPort();
    }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        }
    }

    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
        m_buffers.remove(socket);
        const QList<QByteArray> parts = requestLine.split(' ');
        const ScriptedReply reply = m_owner.handle(parts.value(1));
        if (reply.mode == ScriptedReply::Mode::Slow) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(reply.delayMs, this, [guarded, reply] {
                if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
                    send(guarded, reply);
            });
            return;
        }
        send(socket, reply);
    }

    static void send(QTcpSocket* socket, const ScriptedReply& reply)
    {
        QByteArray head
            = "HTTP/1.1 " + QByteArray::number(reply.status) + (reply.status == 200 ? " OK" : " Error");
        head += "\r\nContent-Type: " + reply.contentType;
        head += "\r\nContent-Length: " + QByteArray::number(reply.body.size());
        head += "\r\nConnection: close\r\n\r\n";
        switch (reply.mode) {
        case ScriptedReply::Mode::Normal:
        case ScriptedReply::Mode::Slow:
            socket->write(head + reply.body);
            socket->disconnectFromHost();
            break;
        case ScriptedReply::Mode::Truncated:
            socket->write(head + reply.body.left(reply.body.size() / 2));
            socket->disconnectFromHost();
            break;
        case ScriptedReply::Mode::Reset: {
            socket->write(head + reply.body.left(reply.body.size() / 2));
            socket->waitForBytesWritten(1000);
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            const linger hard { 1, 0 };
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            socket->abort();
            break;
        }
        }
    }

    LocalHttpServer& m_owner;
    TlsCapableServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

LocalHttpServer::LocalHttpServer(Handler handler)
    : m_handler(std::move(handler))
{ }

LocalHttpServer::~LocalHttpServer()
{
    stop();
}

void LocalHttpServer::setTls(const QByteArray& certificatePem, const QByteArray& keyPem)
{
    m_certificatePem = certificatePem;
    m_keyPem = keyPem;
}

bool LocalHttpServer::start()
{
    m_thread.start();
    auto* worker = new ServerWorker(*this);
    worker->moveToThread(&m_thread);
    m_worker = worker;
    quint16 port = 0;
    // Test helper only: the main thread waits for the listen on the server thread.
    QMetaObject::invokeMethod(
        worker, [worker, &port] { port = worker->listen(); }, Qt::BlockingQueuedConnection);
    m_port = port;
    return m_port != 0;
}

void LocalHttpServer::stop()
{
    if (!m_thread.isRunning())
        return;
    QObject* worker = m_worker;
    m_worker = nullptr;
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void LocalHttpServer::setHandler(Handler handler)
{
    QMutexLocker lock(&m_mutex);
    m_handler = std::move(handler);
}

QString LocalHttpServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/1471000").arg(m_port);
}

QList<QByteArray> LocalHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

void LocalHttpServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

QByteArray mfdsFixture(const QString& name)
{
    QFile file(QStringLiteral(PHARMDESK_TEST_DATA_DIR "/mfds/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

QByteArray mfdsListPage(const QJsonArray& rows, int pageNo, int numOfRows)
{
    QJsonArray items;
    for (qsizetype i = qsizetype(pageNo - 1) * numOfRows;
         i < rows.size() && i < qsizetype(pageNo) * numOfRows; ++i)
        items.append(rows.at(i));
    QJsonObject doc
        = QJsonDocument::fromJson(mfdsFixture(QStringLiteral("medi-products-list.json"))).object();
    doc[QStringLiteral("body")] = QJsonObject {
        { QStringLiteral("pageNo"), pageNo },
        { QStringLiteral("totalCount"), rows.size() },
        { QStringLiteral("numOfRows"), numOfRows },
        { QStringLiteral("items"), items },
    };
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QJsonObject mfdsPermitRow(const QString& itemSeq, const QString& name, const QString& ediCodes)
{
    const QJsonObject doc
        = QJsonDocument::fromJson(mfdsFixture(QStringLiteral("medi-products-list.json"))).object();
    QJsonObject row = doc.value(QStringLiteral("body"))
                          .toObject()
                          .value(QStringLiteral("items"))
                          .toArray()
                          .at(0)
                          .toObject();
    row[QStringLiteral("ITEM_SEQ")] = itemSeq;
    row[QStringLiteral("PRDLST_STDR_CODE")] = itemSeq;
    row[QStringLiteral("ITEM_NAME")] = name;
    row[QStringLiteral("PRDUCT_PRMISN_NO")] = itemSeq.right(4);
    row[QStringLiteral("EDI_CODE")]
        = ediCodes.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ediCodes);
    return row;
}

ScriptedReply LocalHttpServer::handle(const QByteArray& target)
{
    QMutexLocker lock(&m_mutex);
    m_requests.append(target);
    const QUrl url = QUrl::fromEncoded(target);
    return m_handler(url.path(), QUrlQuery(url));
}

} // namespace pharmdesk::drugdb::testing
