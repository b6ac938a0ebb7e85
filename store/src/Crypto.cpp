// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/store/Crypto.h"

#include <QStringList>
#include <QtEndian>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

namespace pharmdesk::store::crypto {

namespace {

constexpr quint8 kEnvelopeVersion = 1;
constexpr int kHeaderBytes = 1 + 1 + 4 + kNonceBytes;

struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct CipherFree
{
    void operator()(EVP_CIPHER* c) const { EVP_CIPHER_free(c); }
};
struct KdfFree
{
    void operator()(EVP_KDF* k) const { EVP_KDF_free(k); }
};
struct KdfCtxFree
{
    void operator()(EVP_KDF_CTX* k) const { EVP_KDF_CTX_free(k); }
};

std::unique_ptr<EVP_CIPHER, CipherFree> fetchCipher(Cipher cipher)
{
    const char* name = cipher == Cipher::Aria256Gcm ? "ARIA-256-GCM" : "AES-256-GCM";
    return std::unique_ptr<EVP_CIPHER, CipherFree>(EVP_CIPHER_fetch(nullptr, name, nullptr));
}

core::Error cryptoError(const QString& what)
{
    return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Encryption failed."), what);
}

unsigned char* bytes(QByteArray& b)
{
    return reinterpret_cast<unsigned char*>(b.data());
}
const unsigned char* bytes(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

} // namespace

QString cipherName(Cipher cipher)
{
    return cipher == Cipher::Aria256Gcm ? QStringLiteral("aria-256-gcm") : QStringLiteral("aes-256-gcm");
}

std::optional<Cipher> cipherFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("aes-256-gcm") || n == QLatin1String("aes"))
        return Cipher::Aes256Gcm;
    if (n == QLatin1String("aria-256-gcm") || n == QLatin1String("aria"))
        return Cipher::Aria256Gcm;
    return std::nullopt;
}

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(bytes(out), count) != 1)
        return {};
    return out;
}

core::Result<QByteArray> seal(Cipher cipher, const QByteArray& key, quint32 keyId, const QByteArray& plaintext,
                              const QByteArray& aad)
{
    if (key.size() != kKeyBytes)
        return cryptoError(QStringLiteral("key must be 32 bytes"));
    const auto evpCipher = fetchCipher(cipher);
    const std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    if (!evpCipher || !ctx)
        return cryptoError(QStringLiteral("cipher %1 unavailable").arg(cipherName(cipher)));
    const QByteArray nonce = randomBytes(kNonceBytes);
    if (nonce.isEmpty())
        return cryptoError(QStringLiteral("random generator failed"));

    QByteArray out(kHeaderBytes + plaintext.size() + kTagBytes, Qt::Uninitialized);
    out[0] = static_cast<char>(kEnvelopeVersion);
    out[1] = static_cast<char>(cipher);
    qToBigEndian<quint32>(keyId, out.data() + 2);
    std::copy(nonce.cbegin(), nonce.cend(), out.begin() + 6);
    const QByteArray header = out.left(kHeaderBytes);

    int len = 0;
    if (EVP_EncryptInit_ex2(ctx.get(), evpCipher.get(), bytes(key), bytes(nonce), nullptr) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(header), static_cast<int>(header.size())) != 1
        || (!aad.isEmpty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1))
        return cryptoError(QStringLiteral("init"));
    unsigned char* dst = bytes(out) + kHeaderBytes;
    len = 0;
    if (!plaintext.isEmpty()
        && EVP_EncryptUpdate(ctx.get(), dst, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1)
        return cryptoError(QStringLiteral("update"));
    int tail = 0;
    if (EVP_EncryptFinal_ex(ctx.get(), dst + len, &tail) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kTagBytes, dst + plaintext.size()) != 1)
        return cryptoError(QStringLiteral("final"));
    return out;
}

std::optional<EnvelopeHeader> peek(const QByteArray& envelope)
{
    if (envelope.size() < kHeaderBytes + kTagBytes || static_cast<quint8>(envelope.at(0)) != kEnvelopeVersion)
        return std::nullopt;
    const auto c = static_cast<quint8>(envelope.at(1));
    if (c != static_cast<quint8>(Cipher::Aes256Gcm) && c != static_cast<quint8>(Cipher::Aria256Gcm))
        return std::nullopt;
    return EnvelopeHeader { static_cast<Cipher>(c), qFromBigEndian<quint32>(envelope.constData() + 2) };
}

core::Result<QByteArray> open(const QByteArray& key, const QByteArray& envelope, const QByteArray& aad)
{
    const auto header = peek(envelope);
    if (!header)
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Encrypted data is damaged."),
                               QStringLiteral("not an envelope"));
    if (key.size() != kKeyBytes)
        return cryptoError(QStringLiteral("key must be 32 bytes"));
    const auto evpCipher = fetchCipher(header->cipher);
    const std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    if (!evpCipher || !ctx)
        return cryptoError(QStringLiteral("cipher %1 unavailable").arg(cipherName(header->cipher)));
    const QByteArray head = envelope.left(kHeaderBytes);
    const QByteArray nonce = envelope.mid(6, kNonceBytes);
    const qsizetype bodySize = envelope.size() - kHeaderBytes - kTagBytes;
    QByteArray tag = envelope.right(kTagBytes);
    QByteArray out(bodySize, Qt::Uninitialized);
    int len = 0;
    if (EVP_DecryptInit_ex2(ctx.get(), evpCipher.get(), bytes(key), bytes(nonce), nullptr) != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(head), static_cast<int>(head.size())) != 1
        || (!aad.isEmpty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1))
        return cryptoError(QStringLiteral("init"));
    len = 0;
    if (bodySize > 0
        && EVP_DecryptUpdate(ctx.get(), bytes(out), &len, bytes(envelope) + kHeaderBytes, static_cast<int>(bodySize)) != 1)
        return cryptoError(QStringLiteral("update"));
    int tail = 0;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kTagBytes, tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), bytes(out) + len, &tail) != 1) {
        OPENSSL_cleanse(out.data(), static_cast<size_t>(out.size()));
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Encrypted data did not verify."),
                               QStringLiteral("tampered or wrong key"));
    }
    return out;
}

QByteArray hmacSha256(const QByteArray& key, const QByteArray& data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()), bytes(data), static_cast<size_t>(data.size()),
              bytes(out), &len)
        || len != 32)
        return {};
    return out;
}

bool equalConstantTime(const QByteArray& a, const QByteArray& b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

namespace {

QByteArray scrypt(const QByteArray& secret, const QByteArray& salt, ScryptCost cost, int length)
{
    const std::unique_ptr<EVP_KDF, KdfFree> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
    if (!kdf)
        return {};
    const std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(kdf.get()));
    if (!ctx)
        return {};
    uint64_t n = uint64_t { 1 } << cost.log2N;
    uint32_t r = static_cast<uint32_t>(cost.r);
    uint32_t p = static_cast<uint32_t>(cost.p);
    // 128·N·r for V, plus headroom; OpenSSL refuses above its 32 MiB default otherwise.
    uint64_t maxmem = 128 * n * r * 2 + 1024 * 1024;
    QByteArray pass = secret;
    QByteArray s = salt;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, pass.data(), static_cast<size_t>(pass.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, s.data(), static_cast<size_t>(s.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(length, Qt::Uninitialized);
    const int rc = EVP_KDF_derive(ctx.get(), bytes(out), static_cast<size_t>(length), params);
    OPENSSL_cleanse(pass.data(), static_cast<size_t>(pass.size()));
    return rc == 1 ? out : QByteArray();
}

} // namespace

QString hashPassword(const QString& secret, ScryptCost cost)
{
    if (cost.log2N < 1 || cost.log2N > 22 || cost.r < 1 || cost.p < 1)
        return {};
    const QByteArray salt = randomBytes(16);
    const QByteArray hash = scrypt(secret.toUtf8(), salt, cost, 32);
    if (salt.isEmpty() || hash.isEmpty())
        return {};
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(cost.log2N)
        .arg(cost.r)
        .arg(cost.p)
        .arg(QString::fromLatin1(salt.toBase64(QByteArray::OmitTrailingEquals)),
             QString::fromLatin1(hash.toBase64(QByteArray::OmitTrailingEquals)));
}

bool verifyPassword(const QString& secret, const QString& encoded)
{
    const QStringList parts = encoded.split(u'$');
    // "", "scrypt", "ln=..,r=..,p=..", salt, hash
    if (parts.size() != 5 || parts.at(1) != QLatin1String("scrypt"))
        return false;
    ScryptCost cost;
    for (const QString& kv : parts.at(2).split(u',')) {
        const QString k = kv.section(u'=', 0, 0);
        const int v = kv.section(u'=', 1).toInt();
        if (k == QLatin1String("ln"))
            cost.log2N = v;
        else if (k == QLatin1String("r"))
            cost.r = v;
        else if (k == QLatin1String("p"))
            cost.p = v;
    }
    if (cost.log2N < 1 || cost.log2N > 22 || cost.r < 1 || cost.p < 1)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts.at(3).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(4).toLatin1());
    if (salt.isEmpty() || expected.size() != 32)
        return false;
    const QByteArray actual = scrypt(secret.toUtf8(), salt, cost, 32);
    return !actual.isEmpty() && equalConstantTime(actual, expected);
}

} // namespace pharmdesk::store::crypto
