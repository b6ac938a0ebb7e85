// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore::backup / restore through the SQLite backup API: a backup taken while another
// connection keeps writing is one consistent snapshot and restores whole; a damaged backup is
// refused before the live store is touched.
#include "StoreTestData.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>

using namespace pharmdesk;
using namespace pharmdesk::store;
using storetest::TempStore;

namespace {

const QString kActor = QStringLiteral("pharmacist:test");

QByteArray scan(int n)
{
    return QByteArrayLiteral("backup scan ") + QByteArray::number(n) + QByteArray(1024, static_cast<char>(n % 251));
}

/// Intake + recognition of scan `n`: two committed transactions, like an import.
bool addRecognised(RecordStore& store, int n)
{
    const auto in = store.intakeBytes(scan(n), QStringLiteral("rx%1.png").arg(n), kActor);
    return in && store.recordRecognition(in->id, storetest::recognised(QStringLiteral("환자%1").arg(n), QStringLiteral("900101-1234567")),
                                         kActor);
}

QString sha256Of(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

int prescriptionCount(RecordStore& store)
{
    RecordFilter all;
    all.limit = 100000;
    const auto rows = store.list(all, kActor);
    return rows ? static_cast<int>(rows->size()) : -1;
}

} // namespace

class TestStoreBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backupWhileAnotherConnectionWritesIsConsistent_data()
    {
        QTest::addColumn<int>("pagesPerStep");
        QTest::newRow("8 pages a step") << 8;
        QTest::newRow("default 256") << 256;
    }
    void backupWhileAnotherConnectionWritesIsConsistent()
    {
        QFETCH(int, pagesPerStep);
        TempStore t;
        QCOMPARE(t.open(), QString());
        constexpr int kInitial = 120;
        for (int n = 0; n < kInitial; ++n)
            QVERIFY(addRecognised(*t.store, n));

        // A second store object on the same folder: its own connections, as the GUI in another
        // process would have. It writes on its own thread for as long as the backup runs.
        auto opened = RecordStore::open(t.options());
        QVERIFY(opened.ok());
        std::unique_ptr<RecordStore> writerStore = std::move(opened).value();
        std::atomic<bool> stop { false };
        std::atomic<int> written { 0 };
        std::atomic<qint64> slowestMs { 0 };
        std::atomic<bool> writeFailed { false };
        std::thread writer([&] {
            for (int n = kInitial; !stop; ++n) {
                QElapsedTimer clock;
                clock.start();
                if (!addRecognised(*writerStore, n)) {
                    writeFailed = true;
                    return;
                }
                slowestMs = std::max<qint64>(slowestMs, clock.elapsed());
                ++written;
            }
        });

        // Between the first steps, wait until the writer has committed again: the writes land
        // in the middle of the copy, not before or after it.
        BackupOptions options;
        options.pagesPerStep = pagesPerStep;
        int steps = 0, lastCopied = -1, total = 0, writesDuringCopy = 0;
        bool monotonic = true;
        options.progress = [&](int copied, int pages) {
            monotonic = monotonic && copied >= lastCopied;  // a restarted copy would start again at 0
            lastCopied = copied;
            total = pages;
            if (++steps <= 3 && copied < pages) {
                const int before = written;
                QElapsedTimer wait;
                wait.start();
                while (written == before && wait.elapsed() < 10000)
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                writesDuringCopy += written - before;
            }
        };
        const int countBefore = prescriptionCount(*t.store);
        const QString backupDir = t.dir.filePath(QStringLiteral("backup"));
        QElapsedTimer clock;
        clock.start();
        const core::Status made = t.store->backup(backupDir, kActor, options);
        const qint64 backupMs = clock.elapsed();
        stop = true;
        writer.join();
        QVERIFY2(made.ok(), made ? "" : qPrintable(made.error().toString()));
        QVERIFY(!writeFailed);
        QVERIFY(monotonic);
        QCOMPARE(lastCopied, total);
        if (pagesPerStep == 8) {
            QVERIFY2(total > 3 * 8, qPrintable(QString::number(total)));  // several steps, so writes fell between them
            QVERIFY(writesDuringCopy >= 1);
        }
        const int countAfter = prescriptionCount(*t.store);
        qInfo("backup of %d prescriptions (%d pages, %d a step, %d steps): %lld ms; %d writes meanwhile, slowest %lld ms",
              countBefore, total, pagesPerStep, steps, backupMs, int(written), qint64(slowestMs));
        writerStore.reset();
        t.store.reset();

        // Restored elsewhere with the same keys: one whole snapshot between before and after.
        TempStore r;
        r.keychain = t.keychain;
        QVERIFY(RecordStore::restore(backupDir, r.options(), kActor).ok());
        QCOMPARE(r.open(), QString());
        const int restored = prescriptionCount(*r.store);
        QVERIFY2(restored >= countBefore && restored <= countAfter,
                 qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(restored).arg(countBefore).arg(countAfter)));
        const auto v = r.store->verifyAudit();
        QVERIFY2(v->intact, qPrintable(v->problem));
        RecordFilter all;
        all.limit = 100000;
        const auto rows = r.store->list(all, kActor);
        QVERIFY(rows.ok());
        for (const RecordSummary& s : *rows) {
            // Every prescription in the snapshot has its image and its recognition, or neither step.
            const auto image = r.store->image(s.id, kActor);
            QVERIFY2(image.ok(), image ? "" : qPrintable(image.error().toString()));
            QVERIFY(s.status == RecordStatus::New || s.status == RecordStatus::Recognised);
        }
        QVERIFY(!QFile::exists(backupDir + QStringLiteral("/records.sqlite-wal")));
        QCOMPARE(QFileInfo(backupDir + QStringLiteral("/records.sqlite")).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    void damagedBackupIsRefusedAndTheLiveStoreUntouched_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("page overwritten, manifest checksum updated") << QStringLiteral("page");
        QTest::newRow("truncated, manifest checksum updated") << QStringLiteral("truncate");
        QTest::newRow("manifest missing (unfinished backup)") << QStringLiteral("manifest");
    }
    void damagedBackupIsRefusedAndTheLiveStoreUntouched()
    {
        QFETCH(QString, damage);
        TempStore t;
        QCOMPARE(t.open(), QString());
        for (int n = 0; n < 40; ++n)
            QVERIFY(addRecognised(*t.store, n));
        const QString backupDir = t.dir.filePath(QStringLiteral("backup"));
        QVERIFY(t.store->backup(backupDir, kActor).ok());
        QVERIFY(addRecognised(*t.store, 1000));  // only in the live store
        t.store.reset();
        const QString live = t.dir.filePath(QStringLiteral("records/records.sqlite"));
        const QString liveBefore = sha256Of(live);

        const QString db = backupDir + QStringLiteral("/records.sqlite");
        const QString manifestPath = backupDir + QStringLiteral("/backup.json");
        if (damage == QLatin1String("manifest")) {
            QVERIFY(QFile::remove(manifestPath));
        } else {
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadWrite));
            if (damage == QLatin1String("page")) {
                QVERIFY(f.seek(4096));  // page 2: a b-tree page
                f.write(QByteArray(4096, '\xff'));
            } else {
                QVERIFY(f.resize(f.size() / 2));
            }
            f.close();
            // Someone "fixed" the checksum: integrity_check must still catch it.
            QFile m(manifestPath);
            QVERIFY(m.open(QIODevice::ReadOnly));
            QJsonObject manifest = QJsonDocument::fromJson(m.readAll()).object();
            m.close();
            manifest.insert(QStringLiteral("database_sha256"), sha256Of(db));
            QVERIFY(m.open(QIODevice::WriteOnly | QIODevice::Truncate));
            m.write(QJsonDocument(manifest).toJson());
        }
        const core::Status restored = RecordStore::restore(backupDir, t.options(), kActor);
        QVERIFY(!restored.ok());
        QCOMPARE(sha256Of(live), liveBefore);
        QVERIFY(!QFile::exists(live + QStringLiteral("-wal")) || QFileInfo(live + QStringLiteral("-wal")).size() == 0);
        QCOMPARE(t.open(), QString());
        QCOMPARE(prescriptionCount(*t.store), 41);
        QVERIFY(t.store->findByImageHash(QString::fromLatin1(QCryptographicHash::hash(scan(1000), QCryptographicHash::Sha256).toHex()))
                    ->has_value());
    }

    void restoreReplacesADamagedLiveDatabase()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        QVERIFY(addRecognised(*t.store, 1));
        const QString backupDir = t.dir.filePath(QStringLiteral("backup"));
        QVERIFY(t.store->backup(backupDir, kActor).ok());
        t.store.reset();
        const QString live = t.dir.filePath(QStringLiteral("records/records.sqlite"));
        {
            QFile f(live);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray(8192, 'x'));  // the disk ate it
        }
        QVERIFY(RecordStore::restore(backupDir, t.options(), kActor).ok());
        QCOMPARE(t.open(), QString());
        QCOMPARE(prescriptionCount(*t.store), 1);
        QVERIFY(t.store->verifyAudit()->intact);
        // The damaged file is kept aside, not deleted.
        QCOMPARE(QDir(t.dir.filePath(QStringLiteral("records"))).entryList({ QStringLiteral("records.sqlite.damaged-*") }).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreBackup)
#include "test_storebackup.moc"
