// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace pharmdesk::store::crypto {

/// Authenticated ciphers for data at rest (OpenSSL EVP). ARIA is the KISA-approved choice;
/// AES is the default because every OpenSSL build has it in hardware-accelerated form.
enum class Cipher : quint8 {
    Aes256Gcm = 1,
    Aria256Gcm = 2,
};

QString cipherName(Cipher cipher);                           ///< "aes-256-gcm", "aria-256-gcm"
std::optional<Cipher> cipherFromName(const QString& name);   ///< also accepts "aes", "aria"

constexpr int kKeyBytes = 32;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

/// Cryptographically secure random bytes (RAND_bytes). Empty only if the RNG failed.
QByteArray randomBytes(int count);

/// Encrypts `plaintext` under a 32-byte `key` with a fresh random nonce. The envelope is
/// `[version 1][cipher 1][key id 4, big endian][nonce 12][ciphertext][tag 16]`; the header
/// and `aad` (associated data, e.g. the owning row's id) are authenticated, so a swapped,
/// truncated or edited envelope fails to open. Thread-safe.
core::Result<QByteArray> seal(Cipher cipher, const QByteArray& key, quint32 keyId, const QByteArray& plaintext,
                              const QByteArray& aad = {});

/// The cipher and key id an envelope was sealed with; nullopt when it is not an envelope.
struct EnvelopeHeader
{
    Cipher cipher = Cipher::Aes256Gcm;
    quint32 keyId = 0;
};
std::optional<EnvelopeHeader> peek(const QByteArray& envelope);

/// Decrypts and authenticates an envelope made by seal(). Fails (ErrorCategory::Internal,
/// "tampered or wrong key") when any byte, the key or the aad differs. Thread-safe.
core::Result<QByteArray> open(const QByteArray& key, const QByteArray& envelope, const QByteArray& aad = {});

/// HMAC-SHA256 (32 bytes).
QByteArray hmacSha256(const QByteArray& key, const QByteArray& data);

/// Cost of the memory-hard password hash (OpenSSL 3 scrypt via EVP_KDF). The default needs
/// 2^15 × 128 × 8 bytes = 32 MiB and about 0.1 s; tests may pass a cheaper one.
struct ScryptCost
{
    int log2N = 15;
    int r = 8;
    int p = 1;
};

/// "$scrypt$ln=15,r=8,p=1$<salt b64>$<hash b64>" for a password or PIN, with a random salt.
/// Empty when the KDF failed.
QString hashPassword(const QString& secret, ScryptCost cost = {});

/// Recomputes the hash with the stored salt and cost; constant-time comparison.
bool verifyPassword(const QString& secret, const QString& encoded);

/// Constant-time equality of two byte strings of the same length.
bool equalConstantTime(const QByteArray& a, const QByteArray& b);

} // namespace pharmdesk::store::crypto
