// SPDX-License-Identifier: GPL-3.0-or-later
// The key-file fallback and the choice of keychain without a session bus.
#include "pharmdesk/store/Keychain.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk::store;

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileKeychainRoundTrip()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("keys"));
        FileKeychain chain(dir);
        QCOMPARE(chain.backendName(), QStringLiteral("file"));
        const auto missing = chain.read(QStringLiteral("records-keyset"));
        QVERIFY(missing.ok());
        QVERIFY(!missing->has_value());
        QVERIFY(chain.write(QStringLiteral("records-keyset"), QByteArrayLiteral("secret-1")).ok());
        QVERIFY(chain.write(QStringLiteral("records-keyset"), QByteArrayLiteral("secret-2")).ok());
        QCOMPARE(chain.read(QStringLiteral("records-keyset"))->value(), QByteArrayLiteral("secret-2"));
        QVERIFY(chain.write(QStringLiteral("mfds-service-key"), QByteArrayLiteral("abc")).ok());
        QCOMPARE(chain.read(QStringLiteral("mfds-service-key"))->value(), QByteArrayLiteral("abc"));

        // Owner only: the folder 0700, the file 0600, no temporary left behind.
        const QFileInfo folder(dir);
        QCOMPARE(folder.permissions() & 0x0077, QFileDevice::Permissions());
        const QFileInfo file(dir + QStringLiteral("/records-keyset.key"));
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                       | QFileDevice::WriteOther | QFileDevice::ExeOwner),
                 QFileDevice::Permissions());
        QVERIFY(!QFile::exists(dir + QStringLiteral("/records-keyset.key.tmp")));

        QVERIFY(chain.remove(QStringLiteral("mfds-service-key")).ok());
        QVERIFY(!chain.read(QStringLiteral("mfds-service-key"))->has_value());
        QVERIFY(chain.remove(QStringLiteral("mfds-service-key")).ok());
    }

    void refusesAKeyOthersCanRead()
    {
        QTemporaryDir tmp;
        FileKeychain chain(tmp.path());
        QVERIFY(chain.write(QStringLiteral("records-keyset"), QByteArrayLiteral("s")).ok());
        QFile::setPermissions(tmp.filePath(QStringLiteral("records-keyset.key")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const auto read = chain.read(QStringLiteral("records-keyset"));
        QVERIFY(!read.ok());
        QVERIFY(read.error().message.contains(QStringLiteral("other users")));
    }

    void rejectsBadNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("path") << QStringLiteral("../etc/passwd");
        QTest::newRow("empty") << QString();
        QTest::newRow("upper case") << QStringLiteral("Records");
    }
    void rejectsBadNames()
    {
        QFETCH(QString, name);
        QTemporaryDir tmp;
        FileKeychain chain(tmp.path());
        QVERIFY(!chain.write(name, "x").ok());
        QVERIFY(!chain.read(name).ok());
    }

    void fallsBackToFilesWithoutASessionBus_data()
    {
        QTest::addColumn<QByteArray>("busAddress");
        QTest::addColumn<QByteArray>("keychainEnv");
        QTest::newRow("no bus") << QByteArray() << QByteArray();
        QTest::newRow("forced file") << QByteArrayLiteral("unix:path=/nonexistent/bus") << QByteArrayLiteral("file");
        QTest::newRow("bus unreachable") << QByteArrayLiteral("unix:path=/nonexistent/bus") << QByteArray();
    }
    void fallsBackToFilesWithoutASessionBus()
    {
        QFETCH(QByteArray, busAddress);
        QFETCH(QByteArray, keychainEnv);
        const QByteArray savedBus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        const QByteArray savedChain = qgetenv("PHARMDESK_KEYCHAIN");
        qputenv("DBUS_SESSION_BUS_ADDRESS", busAddress);
        qputenv("PHARMDESK_KEYCHAIN", keychainEnv);
        QTemporaryDir tmp;
        QString note;
        const auto chain = Keychain::openDefault(tmp.path(), &note);
        qputenv("DBUS_SESSION_BUS_ADDRESS", savedBus);
        qputenv("PHARMDESK_KEYCHAIN", savedChain);
        QVERIFY(chain);
        QCOMPARE(chain->backendName(), QStringLiteral("file"));
        QVERIFY(note.contains(tmp.path()));
        QVERIFY(chain->write(QStringLiteral("records-keyset"), "k").ok());
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "test_keychain.moc"
