// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace pharmdesk::ui {

/// Watches an inbox folder (a scanner's or fax program's output) and reports each new image once
/// it has settled: its size and modification time unchanged for the settle delay and the file
/// readable, so a file still being written is never picked up half-way. Hidden files and the
/// usual partial-download names (*.part, *.tmp, *.crdownload) are ignored, as are subfolders.
/// Files already present when watching starts are reported too (they arrived while PharmDesk was
/// closed). After processing, archive() moves a file into the `processed` subfolder, or
/// discard() removes it (its sealed copy in the record store is the archive).
///
/// Threading: GUI thread only; folder listings, moves and removals run on the global thread pool.
class InboxWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InboxWatcher(QObject* parent = nullptr);
    ~InboxWatcher() override;

    static constexpr int kDefaultSettleMs = 1500;

    /// How long a file must stay unchanged before it is reported (milliseconds).
    void setSettleDelay(int milliseconds);
    int settleDelay() const { return m_settleMs; }

    /// Starts watching `folder` (created, with its archive subfolder, if missing). Returns false
    /// when it cannot be created or watched; error() says why. An empty folder stops watching.
    bool start(const QString& folder);
    void stop();
    bool isWatching() const { return !m_folder.isEmpty(); }
    QString folder() const { return m_folder; }
    QString archiveFolder() const;

    /// Image and PDF suffixes picked up (lower case, no dot); every page of a PDF or TIFF is read.
    static QStringList acceptedSuffixes();
    static QString archiveSubfolderName() { return QStringLiteral("processed"); }

    /// Moves `path` into the archive subfolder on a worker thread (a numbered name when the name is
    /// taken); the future carries the new path, or an empty string when the move failed.
    /// Once moved, a new file of the same name counts as new.
    QFuture<QString> archive(const QString& path);
    /// Removes `path` from the inbox on a worker thread; the future carries whether it is gone
    /// (error() says so when it is not).
    /// Only for a file whose every page the record store has sealed. Once removed, a new file of
    /// the same name counts as new.
    QFuture<bool> discard(const QString& path);

Q_SIGNALS:
    /// A new file has settled in the inbox (absolute path).
    void fileReady(const QString& path);
    void error(const QString& message);

private:
    struct Stamp
    {
        QString path;
        qint64 size = -1;
        QDateTime modified;
        bool readable = false;
    };
    struct Pending
    {
        Stamp stamp;
        QElapsedTimer stableFor;
    };

    void requestScan();
    void onScanned(const QList<Stamp>& files);
    static QList<Stamp> listFolder(const QString& folder);
    /// GUI thread: once `path` has left the inbox (`left`), a new file by its name is new.
    void forgetWhenGone(const QString& path, const QFuture<bool>& left);

    QString m_folder;
    QFileSystemWatcher m_watcher;
    QTimer m_settleTimer;
    int m_settleMs = kDefaultSettleMs;
    QHash<QString, Pending> m_pending;
    /// Reported and still in the inbox: not reported again unless its size or time changes (a new
    /// file by the same name).
    QHash<QString, Stamp> m_reported;
    bool m_scanning = false;
    bool m_rescan = false;
    quint64 m_generation = 0; ///< bumped by start()/stop(): late listings of an old folder are dropped
};

} // namespace pharmdesk::ui
