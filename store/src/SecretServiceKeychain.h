// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/store/Keychain.h"

#include <QDBusConnection>
#include <QDBusObjectPath>

namespace pharmdesk::store {

/// The freedesktop Secret Service (GNOME Keyring, KWallet 5.97+, KeePassXC) over Qt D-Bus, with a
/// "plain" session: secrets cross only the user's own session bus. Items carry the attributes
/// application=org.pharmdesk, scope=<key folder> (so two data directories never share keys) and
/// secret=<name>. A locked collection is not unlocked here (that needs a prompt): read fails.
class SecretServiceKeychain final : public Keychain
{
public:
    /// nullptr (and `why`) when there is no session bus or no Secret Service on it.
    static std::unique_ptr<SecretServiceKeychain> connect(const QString& scope, QString* why);

    QString backendName() const override { return QStringLiteral("secret-service"); }
    QString location() const override { return QStringLiteral("Secret Service default collection"); }
    core::Result<std::optional<QByteArray>> read(const QString& name) const override;
    core::Status write(const QString& name, const QByteArray& secret) override;
    core::Status remove(const QString& name) override;

private:
    SecretServiceKeychain(QDBusConnection bus, QDBusObjectPath session, QString scope);
    core::Result<QList<QDBusObjectPath>> search(const QString& name) const;

    QDBusConnection m_bus;
    QDBusObjectPath m_session;
    QString m_scope;
};

} // namespace pharmdesk::store
