// SPDX-License-Identifier: GPL-3.0-or-later
// Sealing and opening resident numbers and images; keyed hashes; password hashing.
#include "pharmdesk/store/Crypto.h"
#include "pharmdesk/store/KeySet.h"

#include <QElapsedTimer>
#include <QTest>

using namespace pharmdesk::store;
using crypto::Cipher;

Q_DECLARE_METATYPE(pharmdesk::store::crypto::Cipher)

class TestCrypto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Cipher>("cipher");
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("aad");
        const QByteArray rrn = QByteArrayLiteral("900101-1234567");
        QTest::newRow("aes rrn") << Cipher::Aes256Gcm << rrn << QByteArrayLiteral("rrn_read:1");
        QTest::newRow("aria rrn") << Cipher::Aria256Gcm << rrn << QByteArrayLiteral("rrn_read:1");
        QTest::newRow("aes empty") << Cipher::Aes256Gcm << QByteArray() << QByteArray();
        QTest::newRow("aria empty, no aad") << Cipher::Aria256Gcm << QByteArray() << QByteArray();
        QTest::newRow("aes 1 MiB image") << Cipher::Aes256Gcm << QByteArray(1 << 20, 'x') << QByteArrayLiteral("image");
        QTest::newRow("aria 1 MiB image") << Cipher::Aria256Gcm << QByteArray(1 << 20, 'y') << QByteArrayLiteral("image");
    }
    void roundTrip()
    {
        QFETCH(Cipher, cipher);
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, aad);
        const QByteArray key = crypto::randomBytes(32);
        const auto sealed = crypto::seal(cipher, key, 7, plain, aad);
        QVERIFY(sealed.ok());
        QCOMPARE(sealed->size(), plain.size() + 1 + 1 + 4 + 12 + 16);
        if (plain.size() >= 8)
            QVERIFY(!sealed->contains(plain.left(8)));
        const auto header = crypto::peek(*sealed);
        QVERIFY(header.has_value());
        QCOMPARE(header->cipher, cipher);
        QCOMPARE(header->keyId, 7u);
        const auto opened = crypto::open(key, *sealed, aad);
        QVERIFY(opened.ok());
        QCOMPARE(*opened, plain);
        // A fresh nonce each time: the same plaintext never seals to the same bytes.
        QVERIFY(*crypto::seal(cipher, key, 7, plain, aad) != *sealed);
    }

    void tamperIsDetected_data()
    {
        QTest::addColumn<Cipher>("cipher");
        QTest::addColumn<int>("flipAt");  // byte to flip; -1: none (other tampering below)
        QTest::addColumn<QString>("how");
        for (Cipher c : { Cipher::Aes256Gcm, Cipher::Aria256Gcm }) {
            const QByteArray n = crypto::cipherName(c).toLatin1();
            QTest::newRow(n + " key id") << c << 3 << QString();
            QTest::newRow(n + " nonce") << c << 8 << QString();
            QTest::newRow(n + " ciphertext") << c << 20 << QString();
            QTest::newRow(n + " tag") << c << 1000 << QString();
            QTest::newRow(n + " wrong aad") << c << -1 << QStringLiteral("aad");
            QTest::newRow(n + " wrong key") << c << -1 << QStringLiteral("key");
            QTest::newRow(n + " truncated") << c << -1 << QStringLiteral("truncate");
        }
    }
    void tamperIsDetected()
    {
        QFETCH(Cipher, cipher);
        QFETCH(int, flipAt);
        QFETCH(QString, how);
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray plain = QByteArrayLiteral("850505-2345678");
        QByteArray sealed = *crypto::seal(cipher, key, 1, plain, QByteArrayLiteral("row-a"));
        QByteArray openKey = key;
        QByteArray aad = QByteArrayLiteral("row-a");
        if (flipAt >= 0) {
            const qsizetype at = qMin<qsizetype>(flipAt, sealed.size() - 1);
            sealed[at] = static_cast<char>(sealed.at(at) ^ 0x01);
        } else if (how == QLatin1String("aad")) {
            aad = QByteArrayLiteral("row-b");  // a number moved to another row
        } else if (how == QLatin1String("key")) {
            openKey = crypto::randomBytes(32);
        } else {
            sealed.chop(1);
        }
        const auto opened = crypto::open(openKey, sealed, aad);
        QVERIFY(!opened.ok());
    }

    void hmacKnownAnswer()
    {
        // RFC 4231 test case 2.
        const QByteArray mac = crypto::hmacSha256(QByteArrayLiteral("Jefe"), QByteArrayLiteral("what do ya want for nothing?"));
        QCOMPARE(mac.toHex(), QByteArrayLiteral("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    void passwordHash_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("attempt");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("right password") << QStringLiteral("약사비밀번호!") << QStringLiteral("약사비밀번호!") << true;
        QTest::newRow("wrong password") << QStringLiteral("약사비밀번호!") << QStringLiteral("약사비밀번호") << false;
        QTest::newRow("right PIN") << QStringLiteral("4821") << QStringLiteral("4821") << true;
        QTest::newRow("wrong PIN") << QStringLiteral("4821") << QStringLiteral("4812") << false;
    }
    void passwordHash()
    {
        QFETCH(QString, secret);
        QFETCH(QString, attempt);
        QFETCH(bool, accepted);
        const crypto::ScryptCost cheap { 10, 8, 1 };
        const QString encoded = crypto::hashPassword(secret, cheap);
        QVERIFY(encoded.startsWith(QStringLiteral("$scrypt$ln=10,r=8,p=1$")));
        QVERIFY(!encoded.contains(secret));
        QCOMPARE(crypto::verifyPassword(attempt, encoded), accepted);
        QVERIFY(crypto::hashPassword(secret, cheap) != encoded);  // random salt
    }

    void passwordHashRejectsGarbage_data()
    {
        QTest::addColumn<QString>("encoded");
        QTest::newRow("empty") << QString();
        QTest::newRow("other scheme") << QStringLiteral("$argon2id$v=19$m=65536$abc$def");
        QTest::newRow("absurd cost") << QStringLiteral("$scrypt$ln=40,r=8,p=1$c2FsdA$aGFzaA");
        QTest::newRow("short hash") << QStringLiteral("$scrypt$ln=10,r=8,p=1$c2FsdHNhbHQ$aGFzaA");
    }
    void passwordHashRejectsGarbage()
    {
        QFETCH(QString, encoded);
        QVERIFY(!crypto::verifyPassword(QStringLiteral("anything"), encoded));
    }

    void defaultCostIsMemoryHard()
    {
        QElapsedTimer t;
        t.start();
        const QString encoded = crypto::hashPassword(QStringLiteral("correct horse"));
        const qint64 ms = t.elapsed();
        QVERIFY(encoded.startsWith(QStringLiteral("$scrypt$ln=15,r=8,p=1$")));
        QVERIFY(crypto::verifyPassword(QStringLiteral("correct horse"), encoded));
        qInfo("scrypt N=2^15 r=8 p=1 (32 MiB): %lld ms per hash", ms);
    }

    void keySetSerialisesAndRotates()
    {
        KeySet set = KeySet::generate(Cipher::Aes256Gcm);
        QCOMPARE(set.current().id, 1u);
        QCOMPARE(set.current().encryptionKey.size(), 32);
        QVERIFY(set.current().encryptionKey != set.current().indexKey);
        const quint32 second = set.addGeneration(Cipher::Aria256Gcm);
        QCOMPARE(second, 2u);
        const auto parsed = KeySet::fromBytes(set.toBytes());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->ids(), (QList<quint32> { 1, 2 }));
        QCOMPARE(parsed->current().cipher, Cipher::Aria256Gcm);
        QCOMPARE(parsed->find(1)->encryptionKey, set.find(1)->encryptionKey);
        KeySet retired = *parsed;
        retired.retireOld();
        QCOMPARE(retired.ids(), QList<quint32> { 2 });
        QVERIFY(!KeySet::fromBytes(QByteArrayLiteral("{\"format\":\"pharmdesk-keyset-1\",\"keys\":[]}")).ok());
        QVERIFY(!KeySet::fromBytes(QByteArrayLiteral("not json")).ok());
    }

    void measureCost()
    {
        // Figures for docs/records.md: sealing one resident number and one 1 MiB image.
        const QByteArray key = crypto::randomBytes(32);
        for (Cipher c : { Cipher::Aes256Gcm, Cipher::Aria256Gcm }) {
            const QByteArray rrn = QByteArrayLiteral("900101-1234567");
            const QByteArray image(1 << 20, 'z');
            QElapsedTimer t;
            t.start();
            constexpr int kRounds = 2000;
            for (int i = 0; i < kRounds; ++i)
                QVERIFY(crypto::open(key, *crypto::seal(c, key, 1, rrn, "a"), "a").ok());
            const double rrnUs = t.nsecsElapsed() / 1000.0 / kRounds;
            t.restart();
            for (int i = 0; i < 20; ++i)
                QVERIFY(crypto::open(key, *crypto::seal(c, key, 1, image, "a"), "a").ok());
            const double imageMs = t.nsecsElapsed() / 1e6 / 20;
            qInfo("%s: seal+open RRN %.1f us, 1 MiB image %.2f ms", qPrintable(crypto::cipherName(c)), rrnUs, imageMs);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "test_crypto.moc"
