// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace pharmdesk::store {

/// Where PharmDesk keeps small secrets: the record keyset, the MFDS service key. Secrets are
/// named ("records-keyset", "mfds-service-key") and opaque bytes.
///
/// Threads: an instance may be used from one thread at a time. Implementations never log a
/// secret's value.
class Keychain
{
public:
    virtual ~Keychain() = default;

    /// "secret-service" or "file"; shown by `records` commands and in the GUI.
    virtual QString backendName() const = 0;
    /// Where it lives, for messages (the key file folder, the collection path); never the secret.
    virtual QString location() const = 0;

    /// nullopt when no secret of that name exists; an error when the backend failed.
    virtual core::Result<std::optional<QByteArray>> read(const QString& name) const = 0;
    /// Creates or replaces the secret, durably (the write survives a power cut once this returns).
    virtual core::Status write(const QString& name, const QByteArray& secret) = 0;
    /// Removing a secret that does not exist succeeds.
    virtual core::Status remove(const QString& name) = 0;

    /// The system keychain (freedesktop Secret Service over D-Bus) when a session bus answers and
    /// `PHARMDESK_KEYCHAIN` is not "file"; otherwise a FileKeychain in `fallbackDir`.
    /// `note`, when given, receives one line saying which backend was chosen and why.
    static std::unique_ptr<Keychain> openDefault(const QString& fallbackDir, QString* note = nullptr);
};

/// The documented fallback where no keychain exists (CI, a bare counter PC): one file per secret
/// in a folder of its own, created 0700, files 0600, written atomically and fsync'ed. Keep the
/// folder out of backups that leave the machine; anyone who can read it can read the records.
class FileKeychain final : public Keychain
{
public:
    explicit FileKeychain(QString directory);

    QString backendName() const override { return QStringLiteral("file"); }
    QString location() const override { return m_directory; }
    core::Result<std::optional<QByteArray>> read(const QString& name) const override;
    core::Status write(const QString& name, const QByteArray& secret) override;
    core::Status remove(const QString& name) override;

private:
    QString filePath(const QString& name) const;
    QString m_directory;
};

} // namespace pharmdesk::store
