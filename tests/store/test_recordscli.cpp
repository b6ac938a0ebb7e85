// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli import + records, as a user runs them: real processes on generated prescriptions.
// A SIGKILL at random moments never loses or duplicates a prescription, `records recover` redoes
// what the kills left half done on the same ids, no resident number is written in clear anywhere
// in the data directory, and the accounts commands work and are audited.
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "pharmdesk/store/RecordStore.h"

using namespace pharmdesk;

namespace {

const QString kCli = QStringLiteral(PHARMDESK_BINARY_DIR "/app/pharmdesk-cli");
const QString kGen = QStringLiteral(PHARMDESK_BINARY_DIR "/tests/generator/pharmdesk-gen");
constexpr int kImages = 6;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runProcess(const QStringList& args, const QByteArray& input = {}, const QString& program = kCli)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PHARMDESK_KEYCHAIN"), QStringLiteral("file"));  // no session bus in CI
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!input.isEmpty()) {
        p.write(input);
        p.closeWriteChannel();
    }
    Run r;
    if (!p.waitForFinished(600000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

QJsonArray listRecords(const QString& dataDir)
{
    const Run r = runProcess({ QStringLiteral("records"), QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--limit"),
                               QStringLiteral("1000"), QStringLiteral("--data-dir"), dataDir });
    return QJsonDocument::fromJson(r.out).array();
}

/// Files under `dir` whose bytes contain any of `needles`.
QStringList filesContaining(const QString& dir, const QList<QByteArray>& needles)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        for (const QByteArray& n : needles) {
            if (bytes.contains(n))
                hits.append(f.fileName() + QStringLiteral(" has ") + QString::fromLatin1(n.left(8)) + QStringLiteral("…"));
        }
    }
    return hits;
}

} // namespace

class TestRecordsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    QString m_set;
    QString m_reference;              // a data dir with the set imported once, undisturbed
    QList<QByteArray> m_clearNumbers;  // what recognition read, hyphenated and digits only

    QStringList importArgs(const QString& dataDir) const
    {
        return { QStringLiteral("import"), m_set, QStringLiteral("--out"), dataDir + QStringLiteral("/out"), QStringLiteral("--jobs"),
                 QStringLiteral("2"), QStringLiteral("--resume"), QStringLiteral("--data-dir"), dataDir };
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_set = m_work.filePath(QStringLiteral("set"));
        const Run gen = runProcess({ QStringLiteral("--out"), m_set, QStringLiteral("--count"), QString::number(kImages),
                                     QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--layouts"),
                                     QStringLiteral("statutory,hospital"), QStringLiteral("--conditions"), QStringLiteral("clean") },
                                   {}, kGen);
        QVERIFY2(gen.exitCode == 0, gen.err.constData());

        // The reference import: its exports tell which numbers must never appear in clear.
        m_reference = m_work.filePath(QStringLiteral("reference"));
        QElapsedTimer t;
        t.start();
        const Run r = runProcess(importArgs(m_reference) << QStringLiteral("--guides") << m_reference + QStringLiteral("/guides"));
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        qInfo("reference import of %d images: %lld ms", kImages, t.elapsed());
        const QJsonArray rows = listRecords(m_reference);
        QCOMPARE(rows.size(), kImages);
        int matchingTruth = 0;
        for (const QJsonValue& row : rows) {
            const QString id = row.toObject().value(QStringLiteral("id")).toString();
            const Run e = runProcess({ QStringLiteral("records"), QStringLiteral("export"), id, QStringLiteral("--reason"),
                                       QStringLiteral("test"), QStringLiteral("--data-dir"), m_reference });
            QCOMPARE(e.exitCode, 0);
            const QString rrn = QJsonDocument::fromJson(e.out).object().value(QStringLiteral("rrn_as_read")).toString();
            if (rrn.size() != 14)
                continue;
            m_clearNumbers.append(rrn.toLatin1());
            m_clearNumbers.append(QString(rrn).remove(u'-').toLatin1());
            const QString source = row.toObject().value(QStringLiteral("source")).toString();
            QFile truth(m_set + u'/' + QString(source).replace(QStringLiteral(".png"), QStringLiteral(".truth.json")));
            QVERIFY(truth.open(QIODevice::ReadOnly));
            const QString masked = QJsonDocument::fromJson(truth.readAll())
                                       .object()[QStringLiteral("prescription")][QStringLiteral("patient")][QStringLiteral("rrn_masked")]
                                       .toString();
            matchingTruth += masked.left(8) == rrn.left(8) ? 1 : 0;
        }
        // The numbers grepped for are the real ones printed on the forms.
        QVERIFY2(matchingTruth >= kImages / 2, qPrintable(QString::number(matchingTruth)));
    }

    void noResidentNumberInClearInTheDataDirectory()
    {
        QVERIFY(!m_clearNumbers.isEmpty());
        const QStringList hits = filesContaining(m_reference, m_clearNumbers);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
        // Nor in what list/show print, nor in the verify output.
        const QJsonArray rows = listRecords(m_reference);
        const Run show = runProcess({ QStringLiteral("records"), QStringLiteral("show"),
                                      rows.at(0).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("--json"),
                                      QStringLiteral("--data-dir"), m_reference });
        QCOMPARE(show.exitCode, 0);
        for (const QByteArray& n : std::as_const(m_clearNumbers)) {
            QVERIFY(!show.out.contains(n));
            QVERIFY(!QJsonDocument(rows).toJson().contains(n));
        }
        const Run verify = runProcess({ QStringLiteral("records"), QStringLiteral("verify-audit"), QStringLiteral("--json"),
                                        QStringLiteral("--data-dir"), m_reference });
        QCOMPARE(verify.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(verify.out).object().value(QStringLiteral("intact")).toBool());
    }

    void importTwiceIsOnePrescriptionEach()
    {
        const Run again = runProcess({ QStringLiteral("import"), m_set, QStringLiteral("--out"), m_work.filePath(QStringLiteral("again")),
                                       QStringLiteral("--data-dir"), m_reference });
        QVERIFY2(again.exitCode == 0 || again.exitCode == 1, again.err.constData());
        QVERIFY(again.err.contains("0 new prescription(s) in the records"));
        QCOMPARE(listRecords(m_reference).size(), kImages);
    }

    void sigkillAtRandomPointsLosesAndDuplicatesNothing()
    {
        const QString data = m_work.filePath(QStringLiteral("crash"));
        QVERIFY(QDir().mkpath(data));
        // Share the built drug cache so that every kill lands in the import itself.
        QVERIFY(QFile::copy(m_reference + QStringLiteral("/drugs.sqlite"), data + QStringLiteral("/drugs.sqlite")));
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("kill schedule seed %u", seed);
        QRandomGenerator random(seed);
        int kills = 0;
        int iterations = 0;
        QStringList leaks;
        for (; iterations < 10; ++iterations) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PHARMDESK_KEYCHAIN"), QStringLiteral("file"));
            p.setProcessEnvironment(env);
            p.start(kCli, importArgs(data));
            QVERIFY(p.waitForStarted());
            const int delayMs = static_cast<int>(random.bounded(150, 4000));
            if (p.waitForFinished(delayMs))
                break;  // finished before its kill: everything is done
            p.kill();  // SIGKILL
            QVERIFY(p.waitForFinished());
            ++kills;
            // Whatever the kill left (WAL, temporary files) holds no number in clear either.
            leaks += filesContaining(data, m_clearNumbers);
        }
        qInfo("%d runs, %d killed with SIGKILL", iterations + 1, kills);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
        QVERIFY(kills >= 1);

        // What the kills left half done (recorded, not recognised) is redone by `records recover`
        // on the same prescriptions: none left unfinished, no id added or lost.
        QSet<QString> unfinished, idsBefore;
        for (const QJsonValue& v : listRecords(data)) {
            const QJsonObject row = v.toObject();
            idsBefore.insert(row.value(QStringLiteral("id")).toString());
            if (row.value(QStringLiteral("status")).toString() == QLatin1String("new"))
                unfinished.insert(row.value(QStringLiteral("id")).toString());
        }
        const Run recover = runProcess({ QStringLiteral("records"), QStringLiteral("recover"), QStringLiteral("--jobs"), QStringLiteral("2"),
                                         QStringLiteral("--json"), QStringLiteral("--data-dir"), data });
        QVERIFY2(recover.exitCode == 0 || recover.exitCode == 1, recover.err.constData());
        QSet<QString> recovered;
        for (const QJsonValue& v : QJsonDocument::fromJson(recover.out).array()) {
            recovered.insert(v.toObject().value(QStringLiteral("id")).toString());
            QVERIFY2(v.toObject().value(QStringLiteral("status")).toString() != QLatin1String("error"), recover.out.constData());
        }
        qInfo("%lld of %lld recorded prescriptions unfinished after the kills; records recover redid %lld",
              qint64(unfinished.size()), qint64(idsBefore.size()), qint64(recovered.size()));
        QCOMPARE(recovered, unfinished);
        QSet<QString> idsAfter, hashesAfter;
        for (const QJsonValue& v : listRecords(data)) {
            const QJsonObject row = v.toObject();
            QVERIFY(row.value(QStringLiteral("status")).toString() != QLatin1String("new"));
            idsAfter.insert(row.value(QStringLiteral("id")).toString());
            hashesAfter.insert(row.value(QStringLiteral("image_sha256")).toString());
        }
        QCOMPARE(idsAfter, idsBefore);
        QCOMPARE(hashesAfter.size(), idsAfter.size());  // every recorded image once
        QVERIFY(filesContaining(data, m_clearNumbers).isEmpty());  // the images were opened in memory only

        // The run after the crashes finishes what was left.
        const Run last = runProcess(importArgs(data));
        QVERIFY2(last.exitCode == 0 || last.exitCode == 1, last.err.constData());

        QSet<QString> expected;
        QDirIterator it(m_set, { QStringLiteral("*.png") }, QDir::Files);
        while (it.hasNext())
            expected.insert(fileSha256(it.next()));
        QCOMPARE(expected.size(), kImages);
        const QJsonArray rows = listRecords(data);
        QSet<QString> recorded;
        QSet<QString> ids;
        for (const QJsonValue& v : rows) {
            const QJsonObject row = v.toObject();
            recorded.insert(row.value(QStringLiteral("image_sha256")).toString());
            ids.insert(row.value(QStringLiteral("id")).toString());
            QVERIFY2(row.value(QStringLiteral("status")).toString() != QLatin1String("new"),
                     qPrintable(row.value(QStringLiteral("source")).toString()));
            // Exactly one "new" and one recognition step in its history: nothing was done twice.
            const Run show = runProcess({ QStringLiteral("records"), QStringLiteral("show"), row.value(QStringLiteral("id")).toString(),
                                          QStringLiteral("--json"), QStringLiteral("--data-dir"), data });
            const QJsonArray history = QJsonDocument::fromJson(show.out).object().value(QStringLiteral("history")).toArray();
            QCOMPARE(history.size(), 2);
        }
        QCOMPARE(rows.size(), kImages);
        QCOMPARE(recorded, expected);
        QCOMPARE(ids.size(), kImages);
        // Every result file is there too, and the audit chain survived the kills.
        for (const QJsonValue& v : rows) {
            const QString stem = QFileInfo(v.toObject().value(QStringLiteral("source")).toString()).completeBaseName();
            QVERIFY(QFile::exists(data + QStringLiteral("/out/") + stem + QStringLiteral(".json")));
        }
        const Run verify = runProcess({ QStringLiteral("records"), QStringLiteral("verify-audit"), QStringLiteral("--data-dir"), data });
        QVERIFY2(verify.exitCode == 0, verify.out.constData());
        QVERIFY(filesContaining(data, m_clearNumbers).isEmpty());
    }

    void accountsCommands()
    {
        const QString data = m_reference;
        auto accounts = [&](const QStringList& args, const QByteArray& input = {}) {
            return runProcess(QStringList { QStringLiteral("records"), QStringLiteral("accounts") } + args
                                  + QStringList { QStringLiteral("--data-dir"), data },
                              input);
        };
        const QString pinFile = m_work.filePath(QStringLiteral("pin.txt"));
        {
            QFile f(pinFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("2580\n");
        }
        QCOMPARE(accounts({ QStringLiteral("add"), QStringLiteral("kim"), QStringLiteral("--name"), QStringLiteral("김하늘"),
                            QStringLiteral("--pin-file"), pinFile },
                          "first password\n")
                     .exitCode,
                 0);
        // Duplicate user, short password, no name, no password: usage errors.
        QCOMPARE(accounts({ QStringLiteral("add"), QStringLiteral("kim"), QStringLiteral("--name"), QStringLiteral("x") }, "other password\n").exitCode, 2);
        QCOMPARE(accounts({ QStringLiteral("add"), QStringLiteral("lee"), QStringLiteral("--name"), QStringLiteral("x") }, "short\n").exitCode, 2);
        QCOMPARE(accounts({ QStringLiteral("add"), QStringLiteral("lee") }, "long password\n").exitCode, 2);
        QCOMPARE(accounts({ QStringLiteral("add"), QStringLiteral("lee"), QStringLiteral("--name"), QStringLiteral("x") }, "\n").exitCode, 2);
        QCOMPARE(accounts({ QStringLiteral("frobnicate") }).exitCode, 2);

        // Wrong password, PIN lockout after 5 wrong PINs, unlocked by the password.
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim") }, "wrong password\n").exitCode, 1);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim"), QStringLiteral("--pin") }, "2580\n").exitCode, 0);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim"), QStringLiteral("--pin") }, "0000\n").exitCode, 1);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim"), QStringLiteral("--pin") }, "2580\n").exitCode, 1);
        const Run locked = accounts({ QStringLiteral("list"), QStringLiteral("--json") });
        QCOMPARE(locked.exitCode, 0);
        const QJsonObject kim = QJsonDocument::fromJson(locked.out).array().at(0).toObject();
        QCOMPARE(kim.value(QStringLiteral("user")).toString(), QStringLiteral("kim"));
        QCOMPARE(kim.value(QStringLiteral("display_name")).toString(), QStringLiteral("김하늘"));
        QVERIFY(kim.value(QStringLiteral("pin_locked")).toBool());
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim") }, "first password\n").exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim"), QStringLiteral("--pin") }, "2580\n").exitCode, 0);

        // passwd needs the current password unless --reset; set-pin; disable.
        QCOMPARE(accounts({ QStringLiteral("passwd"), QStringLiteral("kim") }, "wrong password\nsecond password\n").exitCode, 1);
        QCOMPARE(accounts({ QStringLiteral("passwd"), QStringLiteral("kim") }, "first password\nsecond password\n").exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim") }, "second password\n").exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("passwd"), QStringLiteral("kim"), QStringLiteral("--reset") }, "third password\n").exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("passwd"), QStringLiteral("nobody"), QStringLiteral("--reset") }, "third password\n").exitCode, 1);
        QCOMPARE(accounts({ QStringLiteral("set-pin"), QStringLiteral("kim") }, "12a4\n").exitCode, 2);
        QCOMPARE(accounts({ QStringLiteral("set-pin"), QStringLiteral("kim") }, "135790\n").exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim"), QStringLiteral("--pin") }, "135790\n").exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("disable"), QStringLiteral("kim") }).exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim") }, "third password\n").exitCode, 1);
        QVERIFY(accounts({ QStringLiteral("list") }).out.contains("\tdisabled\t"));
        QCOMPARE(accounts({ QStringLiteral("enable"), QStringLiteral("kim") }).exitCode, 0);
        QCOMPARE(accounts({ QStringLiteral("check"), QStringLiteral("kim") }, "third password\n").exitCode, 0);

        // Every change is in the audit log with the CLI's actor; no secret is.
        store::StoreOptions options;
        options.directory = data + QStringLiteral("/records");
        options.keychain = std::make_shared<store::FileKeychain>(data + QStringLiteral("/keys"));
        auto opened = store::RecordStore::open(options);
        QVERIFY(opened.ok());
        QStringList actions;
        QString actor;
        const auto entries = (*opened)->auditEntries(0, 100000);
        for (const store::AuditEntry& e : entries.value()) {
            if (e.subject != QLatin1String("kim"))
                continue;
            actions.append(e.action);
            if (e.action == QLatin1String("account-created"))
                actor = e.actor;
            for (const char* secret : { "first password", "second password", "third password", "2580", "135790" })
                QVERIFY(!e.detail.contains(QLatin1String(secret)));
        }
        QVERIFY(actor.startsWith(QLatin1String("cli:")));
        for (const char* action : { "account-created", "login-failed", "pin-switch", "pin-failed", "pin-refused", "login",
                                    "account-password", "account-pin", "account-disabled", "account-enabled" })
            QVERIFY2(actions.contains(QLatin1String(action)), action);
        QCOMPARE(actions.count(QStringLiteral("pin-failed")), 5);
        QVERIFY((*opened)->verifyAudit()->intact);
    }

    void recordsCommands()
    {
        const QString data = m_reference;
        // Usage errors.
        QCOMPARE(runProcess({ QStringLiteral("records") }).exitCode, 2);
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("frobnicate") }).exitCode, 2);
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("show"), QStringLiteral("not-an-id"), QStringLiteral("--data-dir"), data }).exitCode, 2);
        const QString id = listRecords(data).at(0).toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("export"), id, QStringLiteral("--data-dir"), data }).exitCode, 2);
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("show"), QUuid::createUuid().toString(QUuid::WithoutBraces),
                              QStringLiteral("--data-dir"), data }).exitCode, 1);

        // Search by patient through stdin: finds the prescription of that number.
        const Run e = runProcess({ QStringLiteral("records"), QStringLiteral("export"), id, QStringLiteral("--reason"), QStringLiteral("t"),
                                   QStringLiteral("--data-dir"), data });
        const QString rrn = QJsonDocument::fromJson(e.out).object().value(QStringLiteral("rrn_as_read")).toString();
        if (!rrn.isEmpty()) {
            const Run found = runProcess({ QStringLiteral("records"), QStringLiteral("list"), QStringLiteral("--patient"), QStringLiteral("-"),
                                           QStringLiteral("--json"), QStringLiteral("--data-dir"), data },
                                         rrn.toLatin1() + '\n');
            QCOMPARE(found.exitCode, 0);
            const QJsonArray rows = QJsonDocument::fromJson(found.out).array();
            QVERIFY(!rows.isEmpty());
            QCOMPARE(rows.at(0).toObject().value(QStringLiteral("id")).toString(), id);
        }

        // Backup, rotate, restore, purge: all through the CLI, the audit chain intact after each.
        const QString backup = m_work.filePath(QStringLiteral("backup"));
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("backup"), backup, QStringLiteral("--data-dir"), data }).exitCode, 0);
        const Run rotate = runProcess({ QStringLiteral("records"), QStringLiteral("rotate-key"), QStringLiteral("--cipher"), QStringLiteral("aria"),
                                        QStringLiteral("--json"), QStringLiteral("--data-dir"), data });
        QCOMPARE(rotate.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(rotate.out).object().value(QStringLiteral("images")).toInt(), kImages);
        // The backup was sealed under the retired key: restoring it with the new keys must fail cleanly.
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("restore"), backup, QStringLiteral("--data-dir"), data }).exitCode, 3);
        const QString backup2 = m_work.filePath(QStringLiteral("backup2"));
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("backup"), backup2, QStringLiteral("--data-dir"), data }).exitCode, 0);
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("restore"), backup2, QStringLiteral("--data-dir"), data }).exitCode, 0);
        QCOMPARE(listRecords(data).size(), kImages);
        const Run purge = runProcess({ QStringLiteral("records"), QStringLiteral("purge"), QStringLiteral("--now"),
                                       QDate::currentDate().addYears(3).toString(Qt::ISODate), QStringLiteral("--dry-run"),
                                       QStringLiteral("--json"), QStringLiteral("--data-dir"), data });
        QCOMPARE(purge.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(purge.out).object().value(QStringLiteral("prescriptions")).toInt(), kImages);
        QCOMPARE(listRecords(data).size(), kImages);
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("verify-audit"), QStringLiteral("--data-dir"), data }).exitCode, 0);
        QVERIFY(filesContaining(data, m_clearNumbers).isEmpty());

        // The keys: backed up to a private file, lost, put back.
        const QString keyCopy = m_work.filePath(QStringLiteral("keys.bak"));
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("key-backup"), keyCopy, QStringLiteral("--data-dir"), data }).exitCode, 0);
        QCOMPARE(QFileInfo(keyCopy).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QVERIFY(QDir(data + QStringLiteral("/keys")).removeRecursively());
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("list"), QStringLiteral("--data-dir"), data }).exitCode, 3);
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("key-restore"), keyCopy, QStringLiteral("--data-dir"), data }).exitCode, 0);
        QCOMPARE(listRecords(data).size(), kImages);
        // An export to a file is private too.
        const QString exportFile = m_work.filePath(QStringLiteral("export.json"));
        QCOMPARE(runProcess({ QStringLiteral("records"), QStringLiteral("export"), id, QStringLiteral("--reason"), QStringLiteral("t"),
                              QStringLiteral("--out"), exportFile, QStringLiteral("--data-dir"), data }).exitCode, 0);
        QCOMPARE(QFileInfo(exportFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QVERIFY(QFileInfo(exportFile).size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestRecordsCli)
#include "test_recordscli.moc"
