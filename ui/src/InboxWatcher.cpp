// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/InboxWatcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

InboxWatcher::InboxWatcher(QObject* parent)
    : QObject(parent)
{
    m_settleTimer.setSingleShot(true);
    connect(&m_settleTimer, &QTimer::timeout, this, &InboxWatcher::requestScan);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &InboxWatcher::requestScan);
}

InboxWatcher::~InboxWatcher() = default;

void InboxWatcher::setSettleDelay(int milliseconds)
{
    m_settleMs = std::max(0, milliseconds);
}

QStringList InboxWatcher::acceptedSuffixes()
{
    return { QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("tif"),
        QStringLiteral("tiff"), QStringLiteral("bmp"), QStringLiteral("pdf") };
}

QString InboxWatcher::archiveFolder() const
{
    return m_folder.isEmpty() ? QString() : QDir(m_folder).filePath(archiveSubfolderName());
}

bool InboxWatcher::start(const QString& folder)
{
    stop();
    if (folder.isEmpty())
        return true;
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    if (!QDir().mkpath(QDir(absolute).filePath(archiveSubfolderName()))) {
        Q_EMIT error(tr("받은 편지함 폴더를 만들 수 없습니다: %1").arg(QDir::toNativeSeparators(absolute)));
        return false;
    }
    if (!m_watcher.addPath(absolute)) {
        Q_EMIT error(tr("받은 편지함 폴더를 감시할 수 없습니다: %1").arg(QDir::toNativeSeparators(absolute)));
        return false;
    }
    m_folder = absolute;
    requestScan();
    return true;
}

void InboxWatcher::stop()
{
    ++m_generation;
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_settleTimer.stop();
    m_folder.clear();
    m_pending.clear();
    m_reported.clear();
    m_rescan = false;
}

QList<InboxWatcher::Stamp> InboxWatcher::listFolder(const QString& folder)
{
    QList<Stamp> files;
    const QStringList suffixes = acceptedSuffixes();
    const QFileInfoList entries = QDir(folder).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& info : entries) {
        if (info.fileName().startsWith(QLatin1Char('.')) || !suffixes.contains(info.suffix().toLower()))
            continue; // hidden, or a partial name such as scan.png.part
        Stamp s;
        s.path = info.absoluteFilePath();
        s.size = info.size();
        s.modified = info.lastModified();
        QFile file(s.path);
        s.readable = file.open(QIODevice::ReadOnly);
        files.append(std::move(s));
    }
    return files;
}

void InboxWatcher::requestScan()
{
    if (m_folder.isEmpty())
        return;
    if (m_scanning) {
        m_rescan = true;
        return;
    }
    m_scanning = true;
    auto* watcher = new QFutureWatcher<QList<Stamp>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation = m_generation] {
        watcher->deleteLater();
        m_scanning = false;
        if (generation == m_generation)
            onScanned(watcher->result());
        if (m_rescan) {
            m_rescan = false;
            requestScan();
        }
    });
    watcher->setFuture(QtConcurrent::run(&InboxWatcher::listFolder, m_folder));
}

void InboxWatcher::onScanned(const QList<Stamp>& files)
{
    QSet<QString> present;
    for (const Stamp& s : files) {
        present.insert(s.path);
        const auto reported = m_reported.constFind(s.path);
        if (reported != m_reported.cend()) {
            if (reported->size == s.size && reported->modified == s.modified)
                continue;
            m_reported.erase(reported); // replaced by a new file of the same name
        }
        auto it = m_pending.find(s.path);
        if (it == m_pending.end() || it->stamp.size != s.size || it->stamp.modified != s.modified
            || !s.readable || s.size == 0) {
            // New or still changing: the settle clock starts (again) now.
            Pending p;
            p.stamp = s;
            p.stableFor.start();
            m_pending.insert(s.path, p);
            continue;
        }
        if (it->stableFor.elapsed() >= m_settleMs) {
            m_pending.erase(it);
            m_reported.insert(s.path, s);
            Q_EMIT fileReady(s.path);
        }
    }
    // Files that went away (archived, deleted) are forgotten: a new file by that name is new.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        it = present.contains(it.key()) ? std::next(it) : m_pending.erase(it);
    }
    for (auto it = m_reported.begin(); it != m_reported.end();) {
        it = present.contains(it.key()) ? std::next(it) : m_reported.erase(it);
    }
    if (!m_pending.isEmpty() && !m_settleTimer.isActive()) {
        qint64 wait = m_settleMs;
        for (const Pending& p : std::as_const(m_pending))
            wait = std::min(wait, std::max<qint64>(0, m_settleMs - p.stableFor.elapsed()));
        m_settleTimer.start(int(std::max<qint64>(wait, 20)));
    }
}

QFuture<QString> InboxWatcher::archive(const QString& path)
{
    const QString target = archiveFolder();
    QFuture<QString> moved = QtConcurrent::run([path, target]() -> QString {
        if (target.isEmpty() || !QDir().mkpath(target))
            return {};
        const QFileInfo info(path);
        QString destination = QDir(target).filePath(info.fileName());
        for (int n = 1; QFileInfo::exists(destination); ++n) {
            destination = QDir(target).filePath(
                QStringLiteral("%1-%2.%3").arg(info.completeBaseName()).arg(n).arg(info.suffix()));
        }
        return QFile::rename(path, destination) ? destination : QString();
    });
    forgetWhenGone(path, moved.then([](const QString& destination) { return !destination.isEmpty(); }));
    return moved;
}

QFuture<bool> InboxWatcher::discard(const QString& path)
{
    QFuture<bool> removed = QtConcurrent::run([path] { return QFile::remove(path); });
    forgetWhenGone(path, removed);
    auto* watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        if (!watcher->result())
            Q_EMIT error(tr("받은 편지함의 파일을 지울 수 없습니다: %1").arg(QDir::toNativeSeparators(path)));
    });
    watcher->setFuture(removed);
    return removed;
}

void InboxWatcher::forgetWhenGone(const QString& path, const QFuture<bool>& left)
{
    auto* watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path, generation = m_generation] {
        watcher->deleteLater();
        if (generation == m_generation && watcher->result())
            m_reported.remove(QFileInfo(path).absoluteFilePath());
    });
    watcher->setFuture(left);
}

} // namespace pharmdesk::ui
