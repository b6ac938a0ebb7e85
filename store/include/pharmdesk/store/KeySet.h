// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/store/Crypto.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace pharmdesk::store {

/// One generation of record keys. `encryptionKey` seals resident numbers and images;
/// `indexKey` makes the keyed patient hash (HMAC-SHA256) and seals the audit head.
struct DataKey
{
    quint32 id = 0;
    crypto::Cipher cipher = crypto::Cipher::Aes256Gcm;
    QByteArray encryptionKey;  ///< 32 bytes, secret
    QByteArray indexKey;       ///< 32 bytes, secret
    QDateTime createdAt;
};

/// The record keys: the current generation (used for everything new) and older ones still needed
/// to open data sealed before a rotation. Serialised as one secret in a Keychain.
class KeySet
{
public:
    /// The Keychain secret name.
    static QString secretName() { return QStringLiteral("records-keyset"); }

    /// A new keyset with one random generation (id 1).
    static KeySet generate(crypto::Cipher cipher);

    static core::Result<KeySet> fromBytes(const QByteArray& bytes);
    QByteArray toBytes() const;  ///< JSON with base64 keys: treat as a secret

    const DataKey& current() const { return m_keys.last(); }
    const DataKey* find(quint32 id) const;
    QList<quint32> ids() const;

    /// Adds a new random generation, which becomes current; returns its id.
    quint32 addGeneration(crypto::Cipher cipher);
    /// Forgets every generation but the current one (after all data was re-sealed).
    void retireOld();

private:
    QList<DataKey> m_keys;  // ascending id; never empty once generated
};

} // namespace pharmdesk::store
