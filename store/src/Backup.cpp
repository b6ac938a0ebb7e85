// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: online backup and restore through the SQLite backup API.
#include "SqliteCopy.h"
#include "StorePrivate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace pharmdesk::store {

namespace {

constexpr auto kBackupFormat = "pharmdesk-records-backup-1";

QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

core::Status copyDurably(const QString& from, const QString& to)
{
    QFile f(from);
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot read a record file."), from);
    return writeFileDurably(to, f.readAll());
}

CopyPacing pacingOf(const BackupOptions& options)
{
    CopyPacing pacing;
    pacing.pagesPerStep = options.pagesPerStep;
    pacing.progress = options.progress;
    return pacing;
}

const QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

core::Status RecordStore::backup(const QString& destination, const QString& actor, const BackupOptions& options)
{
    const QDir dest(destination);
    if (dest.exists() && !dest.isEmpty())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("The backup folder must be new or empty."), destination);
    if (!QDir().mkpath(dest.absolutePath()))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot create the backup folder."), destination);
    QFile::setPermissions(dest.absolutePath(), kOwnerOnly | QFileDevice::ExeOwner);
    const QString dbCopy = dest.absoluteFilePath(QStringLiteral("records.sqlite"));

    // The backup API copies one snapshot step by step on its own connections; this process's
    // writers and the GUI keep writing meanwhile (WAL: a reader never blocks them).
    if (const core::Status s = copyDatabase(d->dbPath, dbCopy, pacingOf(options)); !s)
        return s;
    QFile::setPermissions(dbCopy, kOwnerOnly);
    if (const core::Status s = checkIntegrity(dbCopy); !s)
        return s;
    if (const core::Status s = checkKeysOpen(dbCopy, d->keys); !s)
        return s;

    // Every image the snapshot names was written before its row committed, so it is in the vault
    // now; files are immutable and named by content, so copying after the snapshot is safe.
    int images = 0;
    for (const QString& digest : d->vault.digests()) {
        const QString from = d->vault.pathOf(digest);
        const QString to = dest.absoluteFilePath(QStringLiteral("images/") + QFileInfo(from).dir().dirName() + u'/'
                                                 + QFileInfo(from).fileName());
        if (const core::Status s = copyDurably(from, to); !s)
            return s;
        ++images;
    }
    // The manifest comes last: a folder without it is an unfinished backup, which restore refuses.
    const QJsonObject manifest { { QStringLiteral("format"), QLatin1String(kBackupFormat) },
                                 { QStringLiteral("created_at"), isoNow() },
                                 { QStringLiteral("database_sha256"), fileSha256(dbCopy) },
                                 { QStringLiteral("images"), images },
                                 { QStringLiteral("key_id"), static_cast<qint64>(d->keys.current().id) } };
    if (const core::Status s = writeFileDurably(dest.absoluteFilePath(QStringLiteral("backup.json")),
                                                QJsonDocument(manifest).toJson());
        !s)
        return s;
    return audit(actor, QStringLiteral("backup"), {}, QStringLiteral("%1 (%2 images)").arg(dest.absolutePath()).arg(images));
}

core::Status RecordStore::restore(const QString& backupDir, const StoreOptions& options, const QString& actor)
{
    const QDir src(backupDir);
    const QString srcDb = src.absoluteFilePath(QStringLiteral("records.sqlite"));
    QFile manifestFile(src.absoluteFilePath(QStringLiteral("backup.json")));
    if (!QFileInfo::exists(srcDb) || !manifestFile.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Not a PharmDesk records backup."), backupDir);
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    if (manifest.value(QStringLiteral("database_sha256")).toString() != fileSha256(srcDb))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The backup is damaged (database checksum)."), srcDb);

    // Check the backup before touching anything: integrity, keys, images.
    if (const core::Status s = checkIntegrity(srcDb); !s)
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The backup database is damaged."), s.error().detail);
    {
        StoreOptions probe = options;
        probe.directory = src.absolutePath();
        auto opened = RecordStore::open(probe);
        if (!opened)
            return core::makeError(opened.error().category,
                                   QStringLiteral("The backup cannot be opened: %1").arg(opened.error().message),
                                   opened.error().detail);
        QSqlDatabase db = (*opened)->d->db();
        auto digests = run(db, QStringLiteral("SELECT image_sha256 FROM prescriptions"), {}, QStringLiteral("restore"));
        if (!digests)
            return digests.error();
        while (digests->next()) {
            if (!(*opened)->d->vault.contains(digests->value(0).toString(), (*opened)->d->keys))
                return core::makeError(core::ErrorCategory::Io, QStringLiteral("The backup lacks an image."),
                                       digests->value(0).toString());
        }
    }
    // Leave the backup folder as it was: no WAL or -shm files next to it.
    checkpointTruncate(srcDb);

    const QDir dir(options.directory);
    if (!QDir().mkpath(dir.absoluteFilePath(QStringLiteral("images"))))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot create the record folder."), dir.absolutePath());
    // Images first: they are named by content, so extra files harm nothing (purge removes orphans).
    const ImageVault from(src.absoluteFilePath(QStringLiteral("images")));
    const ImageVault to(dir.absoluteFilePath(QStringLiteral("images")));
    for (const QString& digest : from.digests()) {
        if (!QFileInfo::exists(to.pathOf(digest))) {
            if (const core::Status s = copyDurably(from.pathOf(digest), to.pathOf(digest)); !s)
                return s;
        }
    }
    const QString target = dir.absoluteFilePath(QStringLiteral("records.sqlite"));
    if (QFileInfo::exists(target) && !checkIntegrity(target)) {
        // A live file SQLite cannot read cannot take the copy: keep it aside, start a new one.
        const QString aside = target + QStringLiteral(".damaged-") + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
        if (!QFile::rename(target, aside))
            return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot move the damaged database aside."), target);
        for (const char* suffix : { "-wal", "-shm" })
            QFile::rename(target + QLatin1String(suffix), aside + QLatin1String(suffix));
    }
    // The whole database in one write transaction of the live file (its WAL included): a crash
    // in the middle leaves the old records as they were.
    if (const core::Status s = copyDatabase(srcDb, target); !s)
        return s;
    checkpointTruncate(target);
    checkpointTruncate(srcDb);
    QFile::setPermissions(target, kOwnerOnly);
    auto store = RecordStore::open(options);
    if (!store)
        return store.error();
    return (*store)->audit(actor, QStringLiteral("restore"), {}, src.absolutePath());
}

} // namespace pharmdesk::store
