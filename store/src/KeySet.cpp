// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/store/KeySet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pharmdesk::store {

namespace {

DataKey makeKey(quint32 id, crypto::Cipher cipher)
{
    return DataKey { id, cipher, crypto::randomBytes(crypto::kKeyBytes), crypto::randomBytes(crypto::kKeyBytes),
                     QDateTime::currentDateTimeUtc() };
}

core::Error badKeyset(const QString& detail)
{
    return core::makeError(core::ErrorCategory::Io, QStringLiteral("The record keyset is damaged."), detail);
}

} // namespace

KeySet KeySet::generate(crypto::Cipher cipher)
{
    KeySet set;
    set.m_keys.append(makeKey(1, cipher));
    return set;
}

core::Result<KeySet> KeySet::fromBytes(const QByteArray& bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (!doc.isObject() || doc.object().value(QStringLiteral("format")).toString() != QLatin1String("pharmdesk-keyset-1"))
        return badKeyset(QStringLiteral("not a PharmDesk keyset"));
    KeySet set;
    for (const QJsonValue& v : doc.object().value(QStringLiteral("keys")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto cipher = crypto::cipherFromName(o.value(QStringLiteral("cipher")).toString());
        DataKey key { static_cast<quint32>(o.value(QStringLiteral("id")).toInteger()),
                      cipher.value_or(crypto::Cipher::Aes256Gcm),
                      QByteArray::fromBase64(o.value(QStringLiteral("encryption")).toString().toLatin1()),
                      QByteArray::fromBase64(o.value(QStringLiteral("index")).toString().toLatin1()),
                      QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODate) };
        if (!cipher || key.id == 0 || key.encryptionKey.size() != crypto::kKeyBytes || key.indexKey.size() != crypto::kKeyBytes)
            return badKeyset(QStringLiteral("key %1").arg(key.id));
        if (!set.m_keys.isEmpty() && set.m_keys.last().id >= key.id)
            return badKeyset(QStringLiteral("key ids out of order"));
        set.m_keys.append(key);
    }
    if (set.m_keys.isEmpty())
        return badKeyset(QStringLiteral("no keys"));
    return set;
}

QByteArray KeySet::toBytes() const
{
    QJsonArray keys;
    for (const DataKey& k : m_keys) {
        keys.append(QJsonObject { { QStringLiteral("id"), static_cast<qint64>(k.id) },
                                  { QStringLiteral("cipher"), crypto::cipherName(k.cipher) },
                                  { QStringLiteral("encryption"), QString::fromLatin1(k.encryptionKey.toBase64()) },
                                  { QStringLiteral("index"), QString::fromLatin1(k.indexKey.toBase64()) },
                                  { QStringLiteral("created"), k.createdAt.toString(Qt::ISODate) } });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("format"), QStringLiteral("pharmdesk-keyset-1") },
                                       { QStringLiteral("keys"), keys } })
        .toJson(QJsonDocument::Compact);
}

const DataKey* KeySet::find(quint32 id) const
{
    for (const DataKey& k : m_keys) {
        if (k.id == id)
            return &k;
    }
    return nullptr;
}

QList<quint32> KeySet::ids() const
{
    QList<quint32> out;
    for (const DataKey& k : m_keys)
        out.append(k.id);
    return out;
}

quint32 KeySet::addGeneration(crypto::Cipher cipher)
{
    const quint32 id = m_keys.isEmpty() ? 1 : m_keys.last().id + 1;
    m_keys.append(makeKey(id, cipher));
    return id;
}

void KeySet::retireOld()
{
    if (m_keys.size() > 1)
        m_keys = { m_keys.last() };
}

} // namespace pharmdesk::store
