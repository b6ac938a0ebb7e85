// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretServiceKeychain.h"

#include <QDBusArgument>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusVariant>
#include <QMap>

namespace {

/// The Secret Service "Secret" struct (oayays).
struct DBusSecret
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};

QDBusArgument& operator<<(QDBusArgument& arg, const DBusSecret& s)
{
    arg.beginStructure();
    arg << s.session << s.parameters << s.value << s.contentType;
    arg.endStructure();
    return arg;
}

const QDBusArgument& operator>>(const QDBusArgument& arg, DBusSecret& s)
{
    arg.beginStructure();
    arg >> s.session >> s.parameters >> s.value >> s.contentType;
    arg.endStructure();
    return arg;
}

} // namespace

using StringMap = QMap<QString, QString>;
Q_DECLARE_METATYPE(DBusSecret)

namespace pharmdesk::store {

namespace {

const QString kService = QStringLiteral("org.freedesktop.secrets");
const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");
const QString kServiceIface = QStringLiteral("org.freedesktop.Secret.Service");
const QString kItemIface = QStringLiteral("org.freedesktop.Secret.Item");
const QString kDefaultCollection = QStringLiteral("/org/freedesktop/secrets/aliases/default");
constexpr int kTimeoutMs = 5000;

core::Error keychainError(const QString& message, const QDBusMessage& reply)
{
    return core::makeError(core::ErrorCategory::Io, message, reply.errorName() + QStringLiteral(": ") + reply.errorMessage());
}

StringMap attributes(const QString& scope, const QString& name)
{
    StringMap map;
    map.insert(QStringLiteral("application"), QStringLiteral("org.pharmdesk"));
    map.insert(QStringLiteral("scope"), scope);
    if (!name.isEmpty())
        map.insert(QStringLiteral("secret"), name);
    return map;
}

bool noPrompt(const QDBusObjectPath& prompt)
{
    return prompt.path().isEmpty() || prompt.path() == QLatin1String("/");
}

} // namespace

std::unique_ptr<SecretServiceKeychain> SecretServiceKeychain::connect(const QString& scope, QString* why)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        *why = QStringLiteral("no D-Bus session bus");
        return nullptr;
    }
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        *why = QStringLiteral("D-Bus session bus not reachable");
        return nullptr;
    }
    const auto registered = bus.interface()->isServiceRegistered(kService);
    const auto activatable = bus.interface()->activatableServiceNames();
    if (!registered.value() && !activatable.value().contains(kService)) {
        *why = QStringLiteral("no Secret Service on the session bus");
        return nullptr;
    }
    qDBusRegisterMetaType<DBusSecret>();
    qDBusRegisterMetaType<StringMap>();
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kServicePath, kServiceIface, QStringLiteral("OpenSession"));
    call << QStringLiteral("plain") << QVariant::fromValue(QDBusVariant(QString()));
    const QDBusMessage reply = bus.call(call, QDBus::Block, kTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2) {
        *why = QStringLiteral("Secret Service did not open a session (%1)").arg(reply.errorName());
        return nullptr;
    }
    const auto session = qvariant_cast<QDBusObjectPath>(reply.arguments().at(1));
    return std::unique_ptr<SecretServiceKeychain>(new SecretServiceKeychain(bus, session, scope));
}

SecretServiceKeychain::SecretServiceKeychain(QDBusConnection bus, QDBusObjectPath session, QString scope)
    : m_bus(std::move(bus))
    , m_session(std::move(session))
    , m_scope(std::move(scope))
{
}

core::Result<QList<QDBusObjectPath>> SecretServiceKeychain::search(const QString& name) const
{
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kServicePath, kServiceIface, QStringLiteral("SearchItems"));
    call << QVariant::fromValue(attributes(m_scope, name));
    const QDBusMessage reply = m_bus.call(call, QDBus::Block, kTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2)
        return keychainError(QStringLiteral("The system keychain did not answer."), reply);
    const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(0));
    const auto locked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(1));
    if (unlocked.isEmpty() && !locked.isEmpty())
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The system keychain is locked."),
                               QStringLiteral("unlock it (log in to the desktop) and retry"));
    return unlocked;
}

core::Result<std::optional<QByteArray>> SecretServiceKeychain::read(const QString& name) const
{
    const auto items = search(name);
    if (!items)
        return items.error();
    if (items->isEmpty())
        return std::optional<QByteArray>();
    QDBusMessage call = QDBusMessage::createMethodCall(kService, items->front().path(), kItemIface, QStringLiteral("GetSecret"));
    call << QVariant::fromValue(m_session);
    const QDBusMessage reply = m_bus.call(call, QDBus::Block, kTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return keychainError(QStringLiteral("The system keychain did not return the secret."), reply);
    const auto secret = qdbus_cast<DBusSecret>(reply.arguments().at(0));
    return std::optional<QByteArray>(secret.value);
}

core::Status SecretServiceKeychain::write(const QString& name, const QByteArray& secret)
{
    QVariantMap properties;
    properties.insert(QStringLiteral("org.freedesktop.Secret.Item.Label"), QStringLiteral("PharmDesk %1").arg(name));
    properties.insert(QStringLiteral("org.freedesktop.Secret.Item.Attributes"), QVariant::fromValue(attributes(m_scope, name)));
    const DBusSecret s { m_session, {}, secret, QStringLiteral("application/octet-stream") };
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kDefaultCollection, QStringLiteral("org.freedesktop.Secret.Collection"),
                                                       QStringLiteral("CreateItem"));
    call << properties << QVariant::fromValue(s) << true;
    const QDBusMessage reply = m_bus.call(call, QDBus::Block, kTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2)
        return keychainError(QStringLiteral("The system keychain did not store the secret."), reply);
    if (!noPrompt(qvariant_cast<QDBusObjectPath>(reply.arguments().at(1))))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The system keychain is locked."),
                               QStringLiteral("storing needs a prompt"));
    return core::Done {};
}

core::Status SecretServiceKeychain::remove(const QString& name)
{
    const auto items = search(name);
    if (!items)
        return items.error();
    for (const QDBusObjectPath& item : *items) {
        const QDBusMessage call = QDBusMessage::createMethodCall(kService, item.path(), kItemIface, QStringLiteral("Delete"));
        const QDBusMessage reply = m_bus.call(call, QDBus::Block, kTimeoutMs);
        if (reply.type() != QDBusMessage::ReplyMessage)
            return keychainError(QStringLiteral("The system keychain did not delete the secret."), reply);
    }
    return core::Done {};
}

} // namespace pharmdesk::store
