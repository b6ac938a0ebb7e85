// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: idempotent intake, the status workflow, masked reading, audited export, keyed
// patient search, the hash-chained audit log, the outbox and accounts.
#include "StoreTestData.h"

#include "pharmdesk/core/Rrn.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QThread>

#include <thread>

using namespace pharmdesk;
using namespace pharmdesk::store;
using storetest::TempStore;

namespace {

const QString kActor = QStringLiteral("pharmacist:test");
const QString kRrnA = QStringLiteral("900101-1234567");
const QString kRrnB = QStringLiteral("020304-4123456");

QByteArray fakeImage(int n)
{
    return QByteArrayLiteral("\x89PNG fake image ") + QByteArray::number(n) + QByteArray(4096, static_cast<char>(n));
}

} // namespace

class TestRecordStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intakeIsIdempotentByImageHash()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const auto first = t.store->intakeBytes(fakeImage(1), QStringLiteral("a.png"), kActor);
        QVERIFY(first.ok());
        QVERIFY(first->created);
        const auto again = t.store->intakeBytes(fakeImage(1), QStringLiteral("copy-of-a.png"), kActor);
        QVERIFY(again.ok());
        QVERIFY(!again->created);
        QCOMPARE(again->id, first->id);
        const auto other = t.store->intakeBytes(fakeImage(2), QStringLiteral("b.png"), kActor);
        QVERIFY(other->created);
        QVERIFY(other->id != first->id);
        QCOMPARE(t.store->unfinished()->size(), 2);
        // The image comes back byte for byte, and is not on disk in clear.
        QCOMPARE(*t.store->image(first->id, kActor), fakeImage(1));
        QDirIterator it(t.store->directory() + QStringLiteral("/images"), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(!f.readAll().contains("fake image"));
            ++files;
        }
        QCOMPARE(files, 2);
    }

    void multiPageFileIsOnePrescriptionPerPage()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const QByteArray pdf = fakeImage(9);
        const auto p0 = t.store->intakeBytes(pdf, QStringLiteral("scan.pdf"), kActor, 0);
        const auto p1 = t.store->intakeBytes(pdf, QStringLiteral("scan.pdf"), kActor, 1);
        QVERIFY(p0->created);
        QVERIFY(p1->created);
        QVERIFY(p0->id != p1->id);
        QVERIFY(!t.store->intakeBytes(pdf, QStringLiteral("scan.pdf"), kActor, 1)->created);
        QVERIFY(!t.store->intakeBytes(pdf, QStringLiteral("scan.pdf"), kActor, -1).ok());
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex());
        QCOMPARE(t.store->findByImageHash(sha, 1)->value(), p1->id);
        QVERIFY(!t.store->findByImageHash(sha, 2)->has_value());
        QCOMPARE(t.store->show(p1->id, kActor)->summary.page, 1);
        // One stored file for both pages.
        int files = 0;
        QDirIterator it(t.store->directory() + QStringLiteral("/images"), { QStringLiteral("*.img") }, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++files;
        }
        QCOMPARE(files, 1);
    }

    void intakeFromManyThreadsRecordsEachImageOnce()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        constexpr int kThreads = 4;
        constexpr int kImages = 12;
        QList<QSet<QUuid>> seen(kThreads);
        std::vector<std::thread> threads;
        std::atomic<int> failures { 0 };
        for (int w = 0; w < kThreads; ++w) {
            threads.emplace_back([&, w] {
                for (int i = 0; i < kImages; ++i) {
                    const auto r = t.store->intakeBytes(fakeImage((i + w) % kImages), QStringLiteral("x.png"), kActor);
                    if (!r)
                        ++failures;
                    else
                        seen[w].insert(r->id);
                }
            });
        }
        for (auto& th : threads)
            th.join();
        QCOMPARE(failures.load(), 0);
        QSet<QUuid> all;
        for (const auto& s : seen)
            all.unite(s);
        QCOMPARE(all.size(), kImages);
        RecordFilter f;
        f.limit = 1000;
        QCOMPARE(t.store->list(f, kActor)->size(), kImages);
    }

    void connectionsOfEndedThreadsAreClosed()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        auto openFiles = [] { return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size(); };
        QVERIFY(t.store->intakeBytes(fakeImage(0), QStringLiteral("warm.png"), kActor).ok());
        const qsizetype before = openFiles();
        // 30 short-lived workers, one after another, as a thread pool that replaces its threads.
        for (int i = 1; i <= 30; ++i) {
            std::thread worker([&, i] { QVERIFY(t.store->intakeBytes(fakeImage(i), QStringLiteral("w.png"), kActor).ok()); });
            worker.join();
        }
        // Each connection holds the database, its WAL and shared memory: 30 leaked would be ~90.
        QVERIFY2(openFiles() - before < 10, qPrintable(QString::number(openFiles() - before)));
        RecordFilter all;
        all.limit = 100;
        QCOMPARE(t.store->list(all, kActor)->size(), 31);
    }

    void workflowKeepsBothVersionsAndHistory()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const auto intake = t.store->intakeBytes(fakeImage(3), QStringLiteral("rx.png"), kActor);
        QVERIFY(t.store->recordRecognition(intake->id, storetest::recognised(QStringLiteral("김하늘"), kRrnA, true), kActor).ok());
        // A second recognition of the same image changes nothing.
        QVERIFY(t.store->recordRecognition(intake->id, storetest::recognised(QStringLiteral("다른이름"), kRrnB), kActor).ok());
        QVERIFY(t.store->unfinished()->isEmpty());

        core::Prescription confirmed = storetest::recognised(QStringLiteral("김하늘"), kRrnA).prescription.value();
        confirmed.patient.rrn = core::Field<QString>::certain(kRrnB);  // the pharmacist corrected the number
        confirmed.items[0].days = core::Field<int>::certain(7);
        QVERIFY(t.store->confirm(intake->id, confirmed, kActor).ok());
        QVERIFY(t.store->recordGuidePrinted(intake->id, kActor, QStringLiteral("ab12")).ok());

        const auto detail = t.store->show(intake->id, kActor);
        QVERIFY(detail.ok());
        QCOMPARE(detail->summary.status, RecordStatus::GuidePrinted);
        QCOMPARE(detail->summary.patientName, QStringLiteral("김하늘"));
        QCOMPARE(detail->summary.maskedRrn, core::rrn::mask(kRrnB));
        QVERIFY(detail->recognised.has_value());
        QCOMPARE(detail->recognised->status, core::ImportResult::Status::NeedsReview);
        QCOMPARE(detail->recognised->prescription->items.at(0).days.valueOr(0), 5);
        QCOMPARE(detail->recognised->prescription->patient.maskedRrn(), core::rrn::mask(kRrnA));
        QVERIFY(detail->confirmed.has_value());
        QCOMPARE(detail->confirmed->items.at(0).days.valueOr(0), 7);
        QList<RecordStatus> statuses;
        for (const StatusChange& c : detail->history)
            statuses.append(c.status);
        QCOMPARE(statuses, (QList<RecordStatus> { RecordStatus::New, RecordStatus::NeedsReview, RecordStatus::Confirmed,
                                                  RecordStatus::GuidePrinted }));
        QCOMPARE(detail->dispensings.size(), 1);
        QCOMPARE(detail->dispensings.at(0).maskedRrn, core::rrn::mask(kRrnB));
        QCOMPARE(detail->guides.size(), 1);

        // Only the explicit export gives the full numbers: as read and as confirmed.
        QVERIFY(!t.store->exportRecord(intake->id, kActor, QString()).ok());
        const auto exported = t.store->exportRecord(intake->id, kActor, QStringLiteral("insurer request"));
        QVERIFY(exported.ok());
        QCOMPARE(exported->rrnAsRead, kRrnA);
        QCOMPARE(exported->rrnConfirmed, kRrnB);
    }

    void searchByPatientUsesTheKeyedHash()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        for (int i = 0; i < 3; ++i) {
            const auto in = t.store->intakeBytes(fakeImage(10 + i), QStringLiteral("p%1.png").arg(i), kActor);
            const QString rrn = i < 2 ? kRrnA : kRrnB;
            QVERIFY(t.store->recordRecognition(in->id, storetest::recognised(QStringLiteral("환자%1").arg(i), rrn), kActor).ok());
        }
        RecordFilter f;
        f.rrn = QStringLiteral("9001011234567");  // digits only also work
        QCOMPARE(t.store->list(f, kActor)->size(), 2);
        f.rrn = kRrnB;
        const auto b = t.store->list(f, kActor);
        QCOMPARE(b->size(), 1);
        QCOMPARE(b->at(0).maskedRrn, QStringLiteral("020304-4******"));
        f.rrn = QStringLiteral("991231-1000000");
        QVERIFY(t.store->list(f, kActor)->isEmpty());
        f.rrn = QStringLiteral("12345");
        QVERIFY(!t.store->list(f, kActor).ok());
        RecordFilter byStatus;
        byStatus.status = RecordStatus::Recognised;
        QCOMPARE(t.store->list(byStatus, kActor)->size(), 3);
        // No clear number in the database file.
        QFile db(t.store->databasePath());
        QVERIFY(db.open(QIODevice::ReadOnly));
        const QByteArray bytes = db.readAll();
        QVERIFY(!bytes.contains(kRrnA.toLatin1()));
        QVERIFY(!bytes.contains(QByteArrayLiteral("9001011234567")));
    }

    void everyAccessIsAudited()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const auto in = t.store->intakeBytes(fakeImage(20), QStringLiteral("rx.png"), kActor);
        QVERIFY(t.store->recordRecognition(in->id, storetest::recognised(QStringLiteral("박바다"), kRrnA), kActor).ok());
        QVERIFY(t.store->show(in->id, QStringLiteral("pharmacist:lee")).ok());
        QVERIFY(t.store->exportRecord(in->id, QStringLiteral("pharmacist:lee"), QStringLiteral("patient asked")).ok());
        RecordFilter f;
        f.rrn = kRrnA;
        QVERIFY(t.store->list(f, QStringLiteral("pharmacist:lee")).ok());
        const auto entries = t.store->auditEntries();
        QVERIFY(entries.ok());
        QStringList actions;
        for (const AuditEntry& e : *entries) {
            if (e.actor == QLatin1String("pharmacist:lee"))
                actions.append(e.action);
            QVERIFY(!e.detail.contains(kRrnA));
        }
        QCOMPARE(actions, (QStringList { QStringLiteral("view"), QStringLiteral("export"), QStringLiteral("search") }));
        const auto v = t.store->verifyAudit();
        QVERIFY(v.ok());
        QVERIFY2(v->intact, qPrintable(v->problem));
        QCOMPARE(v->entries, entries->size());
    }

    void auditTamperingIsFound_data()
    {
        QTest::addColumn<QStringList>("tamper");
        QTest::addColumn<qint64>("firstBadId");
        const QString dropTriggers = QStringLiteral("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
        const QStringList drop = dropTriggers.split(QStringLiteral("; "));
        QTest::newRow("edited detail") << (drop + QStringList { QStringLiteral("UPDATE audit SET detail = 'nothing' WHERE id = 3") }) << qint64(3);
        QTest::newRow("edited actor") << (drop + QStringList { QStringLiteral("UPDATE audit SET actor = 'someone' WHERE id = 4") }) << qint64(4);
        QTest::newRow("deleted middle row") << (drop + QStringList { QStringLiteral("DELETE FROM audit WHERE id = 3") }) << qint64(4);
        QTest::newRow("deleted tail") << (drop + QStringList { QStringLiteral("DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)") }) << qint64(0);
        QTest::newRow("deleted head seal") << QStringList { QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'") } << qint64(0);
    }
    void auditTamperingIsFound()
    {
        QFETCH(QStringList, tamper);
        QFETCH(qint64, firstBadId);
        TempStore t;
        QCOMPARE(t.open(), QString());
        for (int i = 0; i < 3; ++i) {
            const auto in = t.store->intakeBytes(fakeImage(30 + i), QStringLiteral("rx.png"), kActor);
            QVERIFY(t.store->show(in->id, kActor).ok());
        }
        QVERIFY(t.store->verifyAudit()->intact);
        const QString dbPath = t.store->databasePath();
        // The honest path cannot change the log at all.
        QVERIFY(!storetest::rawSql(dbPath, { QStringLiteral("UPDATE audit SET detail = 'x' WHERE id = 2") }));
        QVERIFY(storetest::rawSql(dbPath, tamper));
        const auto v = t.store->verifyAudit();
        QVERIFY(v.ok());
        QVERIFY(!v->intact);
        QVERIFY(!v->problem.isEmpty());
        QCOMPARE(v->firstBadId, firstBadId);
    }

    void outboxEventsHaveUniqueIds()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const auto in = t.store->intakeBytes(fakeImage(40), QStringLiteral("rx.png"), kActor);
        QVERIFY(t.store->recordRecognition(in->id, storetest::recognised(QStringLiteral("최솔"), kRrnA), kActor).ok());
        QVERIFY(t.store->confirm(in->id, storetest::recognised(QStringLiteral("최솔"), kRrnA).prescription.value(), kActor).ok());
        const auto events = t.store->pendingEvents();
        QVERIFY(events.ok());
        QStringList kinds;
        QSet<QUuid> ids;
        for (const OutboxEvent& e : *events) {
            kinds.append(e.kind);
            ids.insert(e.eventId);
            QVERIFY(!e.eventId.isNull());
            QVERIFY(!QJsonDocument(e.payload).toJson().contains(kRrnA.toLatin1()));
        }
        QCOMPARE(kinds, (QStringList { QStringLiteral("prescription.created"), QStringLiteral("prescription.recognised"),
                                       QStringLiteral("prescription.confirmed"), QStringLiteral("dispensing.created") }));
        QCOMPARE(ids.size(), events->size());
        QVERIFY(t.store->markEventsSent({ events->at(0).eventId, events->at(1).eventId }).ok());
        QCOMPARE(t.store->pendingEvents()->size(), 2);
    }

    void accountsLoginAndPinSwitch()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        const crypto::ScryptCost cheap { 10, 8, 1 };
        QVERIFY(t.store->createAccount(QStringLiteral("kim"), QStringLiteral("김약사"), QStringLiteral("long password"),
                                       QStringLiteral("2580"), QStringLiteral("admin"), cheap).ok());
        QVERIFY(!t.store->createAccount(QStringLiteral("kim"), QStringLiteral("x"), QStringLiteral("long password"), {}, {}, cheap).ok());
        QVERIFY(!t.store->createAccount(QStringLiteral("lee"), QStringLiteral("x"), QStringLiteral("short"), {}, {}, cheap).ok());
        QVERIFY(!t.store->createAccount(QStringLiteral("lee"), QStringLiteral("x"), QStringLiteral("long password"),
                                        QStringLiteral("12a4"), {}, cheap).ok());
        QCOMPARE(t.store->login(QStringLiteral("kim"), QStringLiteral("long password"))->displayName, QStringLiteral("김약사"));
        QVERIFY(!t.store->login(QStringLiteral("kim"), QStringLiteral("wrong password")).ok());
        QVERIFY(!t.store->login(QStringLiteral("nobody"), QStringLiteral("long password")).ok());
        QVERIFY(t.store->switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());
        for (int i = 0; i < 5; ++i)
            QVERIFY(!t.store->switchByPin(QStringLiteral("kim"), QStringLiteral("0000")).ok());
        // Locked: even the right PIN is refused until a password login.
        QVERIFY(!t.store->switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());
        QVERIFY(t.store->login(QStringLiteral("kim"), QStringLiteral("long password")).ok());
        QVERIFY(t.store->switchByPin(QStringLiteral("kim"), QStringLiteral("2580")).ok());
        // Only hashes in the database.
        QFile db(t.store->databasePath());
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY(!db.readAll().contains("long password"));
        QVERIFY(t.store->verifyAudit()->intact);
    }

    void importOverheadPerImage()
    {
        // What recording adds to an import: seal and store the image, then the recognised result.
        TempStore t;
        QCOMPARE(t.open(), QString());
        constexpr int kCount = 20;
        QList<QByteArray> images;
        for (int i = 0; i < kCount; ++i)
            images.append(crypto::randomBytes(250 * 1024));  // the size of a generated 200 dpi PNG
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kCount; ++i) {
            const auto in = t.store->intakeBytes(images.at(i), QStringLiteral("rx%1.png").arg(i), kActor);
            QVERIFY(in.ok());
            QVERIFY(t.store->recordRecognition(in->id, storetest::recognised(QStringLiteral("환자"), kRrnA), kActor).ok());
        }
        qInfo("intake + recognition record: %.1f ms per 250 KiB image (fsync included)",
              static_cast<double>(timer.elapsed()) / kCount);
        QVERIFY(t.store->unfinished()->isEmpty());
        RecordFilter all;
        all.limit = 1000;
        QCOMPARE(t.store->list(all, kActor)->size(), kCount);
    }

    void refusesToOpenWithoutItsKeys()
    {
        TempStore t;
        QCOMPARE(t.open(), QString());
        QVERIFY(t.store->intakeBytes(fakeImage(50), QStringLiteral("rx.png"), kActor).ok());
        t.store.reset();
        QVERIFY(t.keychain->remove(KeySet::secretName()).ok());
        const auto reopened = RecordStore::open(t.options());
        QVERIFY(!reopened.ok());
        QVERIFY(reopened.error().message.contains(QStringLiteral("keys")));
        // And a foreign keyset does not open it either.
        QVERIFY(t.keychain->write(KeySet::secretName(), KeySet::generate(crypto::Cipher::Aes256Gcm).toBytes()).ok());
        QVERIFY(!RecordStore::open(t.options()).ok());
    }
};

QTEST_GUILESS_MAIN(TestRecordStore)
#include "test_recordstore.moc"
