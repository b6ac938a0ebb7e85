// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore maintenance: retention purge, online backup and restore, key rotation.
#include "StoreTestData.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::store;
using storetest::TempStore;

namespace {

const QString kActor = QStringLiteral("pharmacist:test");

QByteArray fakeImage(int n)
{
    return QByteArrayLiteral("fake scan ") + QByteArray::number(n) + QByteArray(2048, static_cast<char>(n));
}

QUuid addConfirmed(RecordStore& store, int n, const QString& rrn)
{
    const auto in = store.intakeBytes(fakeImage(n), QStringLiteral("rx%1.png").arg(n), kActor);
    const auto r = storetest::recognised(QStringLiteral("환자%1").arg(n), rrn);
    store.recordRecognition(in->id, r, kActor);
    store.confirm(in->id, *r.prescription, kActor);
    return in->id;
}

int countImages(const QString& dir)
{
    int n = 0;
    QDirIterator it(dir, { QStringLiteral("*.img") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

} // namespace

/// A key file keychain whose writes fail from the `failFrom`-th on: a power cut or a locked
/// keychain in the middle of a rotation.
class FlakyKeychain final : public Keychain
{
public:
    FlakyKeychain(std::shared_ptr<Keychain> inner, int failFrom) : m_inner(std::move(inner)), m_failFrom(failFrom) { }
    QString backendName() const override { return m_inner->backendName(); }
    QString location() const override { return m_inner->location(); }
    core::Result<std::optional<QByteArray>> read(const QString& name) const override { return m_inner->read(name); }
    core::Status write(const QString& name, const QByteArray& secret) override
    {
        if (++m_writes >= m_failFrom)
            return core::makeError(core::ErrorCategory::Io, QStringLiteral("keychain went away"));
        return m_inner->write(name, secret);
    }
    core::Status remove(const QString& name) override { return m_inner->remove(name); }

private:
    std::shared_ptr<Keychain> m_inner;
    int m_failFrom;
    int m_writes = 0;
};

class TestStoreMaintenance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void purgeAppliesTheTwoAndFiveYearRules_data()
    {
        QTest::addColumn<int>("importedDaysAgo");
        QTest::addColumn<int>("dispensedDaysAgo");
        QTest::addColumn<bool>("prescriptionGone");
        QTest::addColumn<bool>("dispensingGone");
        QTest::newRow("this year") << 10 << 10 << false << false;
        QTest::newRow("just under 2 years") << 725 << 725 << false << false;
        QTest::newRow("over 2 years") << 740 << 740 << true << false;
        QTest::newRow("over 5 years") << 1900 << 1900 << true << true;
    }
    void purgeAppliesTheTwoAndFiveYearRules()
    {
        QFETCH(int, importedDaysAgo);
        QFETCH(int, dispensedDaysAgo);
        QFETCH(bool, prescriptionGone);
        QFETCH(bool, dispensingGone);
        TempStore t;
        QCOMPARE(t.open(), QString());
        const QUuid old = addConfirmed(*t.store, 1, QStringLiteral("900101-1234567"));
        const QUuid fresh = addConfirmed(*t.store, 2, QStringLiteral("020304-4123456"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString id = old.toString(QUuid::WithoutBraces);
        QVERIFY(storetest::rawSql(t.store->databasePath(),
                                  { QStringLiteral("UPDATE prescriptions SET imported_at = '%1' WHERE id = '%2'")
                                        .arg(now.addDays(-importedDaysAgo).toString(Qt::ISODateWithMs), id),
                                    QStringLiteral("UPDATE dispensings SET dispensed_at = '%1' WHERE prescription_id = '%2'")
                                        .arg(now.addDays(-dispensedDaysAgo).toString(Qt::ISODateWithMs), id) }));
        const auto dry = t.store->purge(now, true, kActor);
        QVERIFY(dry.ok());
        QCOMPARE(dry->prescriptions, prescriptionGone ? 1 : 0);
        QCOMPARE(dry->dispensings, dispensingGone ? 1 : 0);
        QVERIFY(t.store->show(old, kActor).ok());  // a dry run changes nothing

        const auto report = t.store->purge(now, false, kActor);
        QVERIFY(report.ok());
        QCOMPARE(report->prescriptions, prescriptionGone ? 1 : 0);
        QCOMPARE(report->images, prescriptionGone ? 1 : 0);
        QCOMPARE(t.store->show(old, kActor).ok(), !prescriptionGone);
        QVERIFY(t.store->show(fresh, kActor).ok());
        QCOMPARE(countImages(t.store->directory()), prescriptionGone ? 1 : 2);
        int dispensings = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
            db.setDatabaseName(t.store->databasePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM dispensings WHERE prescription_id = '%1'").arg(id)));
            QVERIFY(q.next());
            dispensings = q.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("count"));
        QCOMPARE(dispensings, dispensingGone ? 0 : 1);
        QVERIFY(t.store->verifyAudit()->intact);
    }

    void schemaVersionOneIsMigrated()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const QUuid a = addConfirmed(*t.store, 1, QStringLiteral("900101-1234567"));
        t.store.reset();
        // Back to the first schema (one row per image digest, no page), as stores made before
        // multi-page files were written.
        const QString columns = QStringLiteral(
            "id, image_sha256, image_size, source_name, imported_at, status, status_at, patient_name, rrn_masked, patient_key, "
            "rrn_read, rrn_confirmed, issue_date, institution, item_count, recognised_json, confirmed_json, confirmed_at, "
            "confirmed_by");
        QVERIFY(storetest::rawSql(t.dir.filePath(QStringLiteral("records/records.sqlite")),
                                  { QStringLiteral("PRAGMA foreign_keys=OFF"),
                                    QStringLiteral("CREATE TABLE v1(id TEXT PRIMARY KEY, image_sha256 TEXT NOT NULL UNIQUE, "
                                                   "image_size INTEGER NOT NULL, source_name TEXT NOT NULL, imported_at TEXT NOT NULL, "
                                                   "status TEXT NOT NULL, status_at TEXT NOT NULL, patient_name TEXT, rrn_masked TEXT, "
                                                   "patient_key BLOB, rrn_read BLOB, rrn_confirmed BLOB, issue_date TEXT, institution TEXT, "
                                                   "item_count INTEGER NOT NULL DEFAULT 0, recognised_json TEXT, confirmed_json TEXT, "
                                                   "confirmed_at TEXT, confirmed_by TEXT)"),
                                    QStringLiteral("INSERT INTO v1(%1) SELECT %1 FROM prescriptions").arg(columns),
                                    QStringLiteral("DROP TABLE prescriptions"), QStringLiteral("ALTER TABLE v1 RENAME TO prescriptions"),
                                    QStringLiteral("ALTER TABLE accounts DROP COLUMN disabled_at"),  // schema 3
                                    QStringLiteral("PRAGMA user_version = 1") }));
        QCOMPARE(t.open(), QString());
        const auto detail = t.store->show(a, kActor);
        QVERIFY(detail.ok());
        QCOMPARE(detail->summary.page, 0);
        QCOMPARE(detail->history.size(), 3);  // the history rows survived the table rebuild
        QCOMPARE(detail->dispensings.size(), 1);
        QVERIFY(t.store->intakeBytes(fakeImage(1), QStringLiteral("rx1.pdf"), kActor, 1)->created);
        QVERIFY(!t.store->intakeBytes(fakeImage(1), QStringLiteral("rx1.pdf"), kActor, 0)->created);
        // Schema 3: accounts can be disabled.
        QVERIFY(t.store->createAccount(QStringLiteral("kim"), QStringLiteral("김"), QStringLiteral("password1"), {}, kActor,
                                       crypto::ScryptCost { 10, 8, 1 })
                    .ok());
        QVERIFY(t.store->setAccountDisabled(QStringLiteral("kim"), true, kActor).ok());
        QVERIFY(t.store->accounts()->front().disabled);
        QVERIFY(t.store->verifyAudit()->intact);
    }

    void backupAndRestore()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const QUuid a = addConfirmed(*t.store, 1, QStringLiteral("900101-1234567"));
        const QString backupDir = t.dir.filePath(QStringLiteral("backup"));
        QVERIFY(t.store->backup(backupDir, kActor).ok());
        QVERIFY(!t.store->backup(backupDir, kActor).ok());  // never into a used folder
        QVERIFY(QFile::exists(backupDir + QStringLiteral("/records.sqlite")));
        QVERIFY(!QFile::exists(backupDir + QStringLiteral("/keys")));
        QCOMPARE(countImages(backupDir), 1);

        // Work after the backup is lost by a restore; the backed-up record comes back whole.
        const QUuid b = addConfirmed(*t.store, 2, QStringLiteral("020304-4123456"));
        t.store.reset();
        QVERIFY(RecordStore::restore(backupDir, t.options(), kActor).ok());
        QCOMPARE(t.open(), QString());
        QVERIFY(t.store->show(a, kActor).ok());
        QVERIFY(!t.store->show(b, kActor).ok());
        QCOMPARE(t.store->exportRecord(a, kActor, QStringLiteral("check"))->rrnConfirmed, QStringLiteral("900101-1234567"));
        QCOMPARE(*t.store->image(a, kActor), fakeImage(1));
        const auto v = t.store->verifyAudit();
        QVERIFY2(v->intact, qPrintable(v->problem));
    }

    void restoreRefusesADamagedBackupOrForeignKeys_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("database edited") << QStringLiteral("db");
        QTest::newRow("image missing") << QStringLiteral("image");
        QTest::newRow("other keys") << QStringLiteral("keys");
    }
    void restoreRefusesADamagedBackupOrForeignKeys()
    {
        QFETCH(QString, damage);
        TempStore t;
        QCOMPARE(t.open(), QString());
        const QUuid a = addConfirmed(*t.store, 1, QStringLiteral("900101-1234567"));
        const QString backupDir = t.dir.filePath(QStringLiteral("backup"));
        QVERIFY(t.store->backup(backupDir, kActor).ok());
        t.store.reset();
        StoreOptions options = t.options();
        if (damage == QLatin1String("db")) {
            QFile f(backupDir + QStringLiteral("/records.sqlite"));
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2);
            f.write("garbage");
        } else if (damage == QLatin1String("image")) {
            QDirIterator it(backupDir, { QStringLiteral("*.img") }, QDir::Files, QDirIterator::Subdirectories);
            QVERIFY(QFile::remove(it.next()));
        } else {
            QTemporaryDir other;
            options.keychain = std::make_shared<FileKeychain>(other.path());
            QVERIFY(options.keychain->write(KeySet::secretName(), KeySet::generate(crypto::Cipher::Aes256Gcm).toBytes()).ok());
        }
        QVERIFY(!RecordStore::restore(backupDir, options, kActor).ok());
        QCOMPARE(t.open(), QString());  // the live store is untouched
        QVERIFY(t.store->show(a, kActor).ok());
    }

    void interruptedRotationIsFinishedByRerunning_data()
    {
        QTest::addColumn<int>("failFrom");
        QTest::newRow("new key not stored") << 1;
        QTest::newRow("old key not retired") << 2;
    }
    void interruptedRotationIsFinishedByRerunning()
    {
        QFETCH(int, failFrom);
        TempStore t;
        QCOMPARE(t.open(), QString());
        const QUuid a = addConfirmed(*t.store, 1, QStringLiteral("900101-1234567"));
        t.store.reset();
        StoreOptions flaky = t.options();
        flaky.keychain = std::make_shared<FlakyKeychain>(t.keychain, failFrom);
        {
            auto store = RecordStore::open(flaky);
            QVERIFY(store.ok());
            QVERIFY(!(*store)->rotateKey(crypto::Cipher::Aria256Gcm, kActor).ok());
        }
        // Whatever stage it stopped at, the store opens and reads with what the keychain holds...
        QCOMPARE(t.open(), QString());
        QCOMPARE(t.store->exportRecord(a, kActor, QStringLiteral("check"))->rrnConfirmed, QStringLiteral("900101-1234567"));
        QCOMPARE(*t.store->image(a, kActor), fakeImage(1));
        // ...and running the rotation again completes it.
        const auto again = t.store->rotateKey(crypto::Cipher::Aria256Gcm, kActor);
        QVERIFY(again.ok());
        QCOMPARE(KeySet::fromBytes(t.keychain->read(KeySet::secretName())->value())->ids(), QList<quint32> { again->newKeyId });
        t.store.reset();
        QCOMPARE(t.open(), QString());
        QCOMPARE(*t.store->image(a, kActor), fakeImage(1));
        QVERIFY(t.store->verifyAudit()->intact);
    }

    void rotationReSealsEverything_data()
    {
        QTest::addColumn<crypto::Cipher>("from");
        QTest::addColumn<crypto::Cipher>("to");
        QTest::newRow("aes to aria") << crypto::Cipher::Aes256Gcm << crypto::Cipher::Aria256Gcm;
        QTest::newRow("aria to aes") << crypto::Cipher::Aria256Gcm << crypto::Cipher::Aes256Gcm;
        QTest::newRow("aes to aes") << crypto::Cipher::Aes256Gcm << crypto::Cipher::Aes256Gcm;
    }
    void rotationReSealsEverything()
    {
        QFETCH(crypto::Cipher, from);
        QFETCH(crypto::Cipher, to);
        TempStore t;
        QCOMPARE(t.open(from), QString());
        QCOMPARE(t.store->currentCipher(), from);
        const QUuid a = addConfirmed(*t.store, 1, QStringLiteral("900101-1234567"));
        const QUuid b = addConfirmed(*t.store, 2, QStringLiteral("020304-4123456"));
        const QByteArray oldKeys = t.keychain->read(KeySet::secretName())->value();
        const auto report = t.store->rotateKey(to, kActor);
        QVERIFY(report.ok());
        QCOMPARE(report->oldKeyId, 1u);
        QCOMPARE(report->newKeyId, 2u);
        QCOMPARE(report->rows, 4);  // two prescriptions, two dispensing records
        QCOMPARE(report->images, 2);
        QCOMPARE(t.store->currentCipher(), to);

        // Reopened with only the new key: everything reads, search finds by the new keyed hash.
        t.store.reset();
        const auto keys = KeySet::fromBytes(t.keychain->read(KeySet::secretName())->value());
        QCOMPARE(keys->ids(), QList<quint32> { 2 });
        QCOMPARE(t.open(), QString());
        QCOMPARE(t.store->exportRecord(b, kActor, QStringLiteral("check"))->rrnConfirmed, QStringLiteral("020304-4123456"));
        QCOMPARE(*t.store->image(a, kActor), fakeImage(1));
        RecordFilter f;
        f.rrn = QStringLiteral("900101-1234567");
        QCOMPARE(t.store->list(f, kActor)->size(), 1);
        QVERIFY(t.store->verifyAudit()->intact);

        // The old key alone no longer opens the store.
        t.store.reset();
        QVERIFY(t.keychain->write(KeySet::secretName(), oldKeys).ok());
        QVERIFY(!RecordStore::open(t.options()).ok());
    }
};

QTEST_GUILESS_MAIN(TestStoreMaintenance)
#include "test_storemaintenance.moc"
