// SPDX-License-Identifier: GPL-3.0-or-later
// The system keychain path: a private D-Bus session bus with a real GNOME Keyring (Secret
// Service), unlocked with a test password in a temporary home. Skipped where dbus-daemon or
// gnome-keyring-daemon is not installed (scripts/setup-deps.sh installs both).
#include "pharmdesk/store/KeySet.h"
#include "pharmdesk/store/Keychain.h"
#include "pharmdesk/store/RecordStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace pharmdesk::store;

class TestSecretService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QProcess m_bus;
    QProcess m_keyring;

private Q_SLOTS:
    void initTestCase()
    {
        const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (dbus.isEmpty() || keyring.isEmpty())
            QSKIP("dbus-daemon or gnome-keyring-daemon not installed");
        // A bus without service activation: the session config would let the first call start a
        // second keyring with the real $HOME, racing the one started below.
        const QString config = m_home.filePath(QStringLiteral("bus.conf"));
        {
            QFile f(config);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                    "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>\n"
                    "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                    "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        }
        m_bus.start(dbus, { QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"), QStringLiteral("--print-address=1") });
        QVERIFY(m_bus.waitForStarted());
        QVERIFY(m_bus.waitForReadyRead(10000));
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        // Before any Qt D-Bus use: the session bus connection is made once, from this variable.
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        qunsetenv("PHARMDESK_KEYCHAIN");

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("run"))));
        m_keyring.setProcessEnvironment(env);
        // --daemonize returns once the login keyring exists and is unlocked; the daemon leaves
        // with the bus (cleanupTestCase).
        // The daemon must not inherit our pipes (it would die with them): password through sh.
        m_keyring.setStandardOutputFile(QProcess::nullDevice());
        m_keyring.setStandardErrorFile(m_home.filePath(QStringLiteral("keyring.log")));
        m_keyring.start(QStringLiteral("sh"),
                        { QStringLiteral("-c"),
                          QStringLiteral("printf %s 'keyring test password' | '%1' --daemonize --unlock --components=secrets")
                              .arg(keyring) });
        QVERIFY(m_keyring.waitForFinished(20000));
        QCOMPARE(m_keyring.exitCode(), 0);
        // The login collection appears a moment after the daemon detaches: wait until it stores.
        QTemporaryDir probeDir;
        bool ready = false;
        QString note;
        for (int i = 0; i < 100 && !ready; ++i) {
            const auto probe = Keychain::openDefault(probeDir.path(), &note);
            const auto written = probe->write(QStringLiteral("probe"), QByteArrayLiteral("p"));
            if (!written)
                note = written.error().toString();
            ready = probe->backendName() == QLatin1String("secret-service") && written.ok()
                && probe->remove(QStringLiteral("probe")).ok();
            if (!ready)
                QThread::msleep(100);
        }
        if (!ready) {
            QFile log(m_home.filePath(QStringLiteral("keyring.log")));
            log.open(QIODevice::ReadOnly);
            QVERIFY2(ready, qPrintable(note + QStringLiteral("; keyring: ") + QString::fromUtf8(log.readAll())));
        }
    }

    void cleanupTestCase()
    {
        for (QProcess* p : { &m_bus }) {
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(3000)) {
                    p->kill();
                    p->waitForFinished();
                }
            }
        }
    }

    void secretsRoundTripThroughTheKeyring()
    {
        QTemporaryDir keyDir;
        QString note;
        const auto chain = Keychain::openDefault(keyDir.path(), &note);
        QVERIFY2(chain->backendName() == QLatin1String("secret-service"), qPrintable(note));
        QVERIFY(!chain->read(QStringLiteral("mfds-service-key"))->has_value());
        QVERIFY(chain->write(QStringLiteral("mfds-service-key"), QByteArrayLiteral("key-1")).ok());
        QVERIFY(chain->write(QStringLiteral("mfds-service-key"), QByteArrayLiteral("key-2")).ok());
        QCOMPARE(chain->read(QStringLiteral("mfds-service-key"))->value(), QByteArrayLiteral("key-2"));

        // Another key folder is another scope: it does not see this secret.
        QTemporaryDir otherDir;
        const auto other = Keychain::openDefault(otherDir.path());
        QCOMPARE(other->backendName(), QStringLiteral("secret-service"));
        QVERIFY(!other->read(QStringLiteral("mfds-service-key"))->has_value());

        QVERIFY(chain->remove(QStringLiteral("mfds-service-key")).ok());
        QVERIFY(!chain->read(QStringLiteral("mfds-service-key"))->has_value());
        // Nothing fell back to files.
        QVERIFY(QDir(keyDir.path()).isEmpty());
    }

    void recordStoreKeepsItsKeysInTheKeyring()
    {
        QTemporaryDir dir;
        StoreOptions options;
        options.directory = dir.filePath(QStringLiteral("records"));
        options.keychain = Keychain::openDefault(dir.filePath(QStringLiteral("keys")));
        QCOMPARE(options.keychain->backendName(), QStringLiteral("secret-service"));
        QUuid id;
        {
            auto store = RecordStore::open(options);
            QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().toString()));
            QCOMPARE((*store)->keychainBackend(), QStringLiteral("secret-service"));
            id = (*store)->intakeBytes(QByteArrayLiteral("scan bytes"), QStringLiteral("a.png"), QStringLiteral("t"))->id;
        }
        QVERIFY(!QDir(dir.filePath(QStringLiteral("keys"))).exists());
        QVERIFY(options.keychain->read(KeySet::secretName())->has_value());
        // A fresh connection to the keyring opens the same store.
        options.keychain = Keychain::openDefault(dir.filePath(QStringLiteral("keys")));
        auto reopened = RecordStore::open(options);
        QVERIFY(reopened.ok());
        QCOMPARE(*(*reopened)->image(id, QStringLiteral("t")), QByteArrayLiteral("scan bytes"));
        QVERIFY(options.keychain->remove(KeySet::secretName()).ok());
    }
};

QTEST_GUILESS_MAIN(TestSecretService)
#include "test_secretservice.moc"
