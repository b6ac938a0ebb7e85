// SPDX-License-Identifier: GPL-3.0-or-later
// The inbox watcher on real files in a temporary folder: a file is reported once, only after it
// has stopped changing for the settle delay; partial, hidden and foreign files are ignored; files
// already there are picked up; archive() moves into processed/ without overwriting; discard()
// removes a file.
#include "pharmdesk/ui/InboxWatcher.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using pharmdesk::ui::InboxWatcher;

namespace {
constexpr int kSettleMs = 300;

QByteArray pngBytes()
{
    QImage image(400, 300, QImage::Format_Grayscale8);
    image.fill(255);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile file(path);
    return file.open(mode) && file.write(bytes) == bytes.size();
}
} // namespace

class TestInboxWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsSettledImagesOnly_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("reported");
        QTest::newRow("png") << QStringLiteral("scan-001.png") << true;
        QTest::newRow("upper-case TIFF") << QStringLiteral("FAX0001.TIF") << true;
        QTest::newRow("jpeg") << QStringLiteral("photo.jpeg") << true;
        QTest::newRow("partial download") << QStringLiteral("scan-002.png.part") << false;
        QTest::newRow("temporary") << QStringLiteral("scan-003.tmp") << false;
        QTest::newRow("hidden") << QStringLiteral(".scan-004.png") << false;
        QTest::newRow("text") << QStringLiteral("readme.txt") << false;
    }

    void reportsSettledImagesOnly()
    {
        QFETCH(QString, fileName);
        QFETCH(bool, reported);
        QTemporaryDir dir;
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        QVERIFY(QFileInfo(watcher.archiveFolder()).isDir());
        const QString path = dir.filePath(fileName);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(writeFile(path, pngBytes()));
        if (!reported) {
            QTest::qWait(3 * kSettleMs);
            QCOMPARE(ready.count(), 0);
            return;
        }
        QVERIFY(ready.wait(5000));
        QVERIFY2(clock.elapsed() >= kSettleMs, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(ready.first().at(0).toString(), QFileInfo(path).absoluteFilePath());
        // Reported once, however often the folder changes afterwards.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("other.txt")), "x"));
        QTest::qWait(3 * kSettleMs);
        QCOMPARE(ready.count(), 1);
    }

    void waitsForAFileStillBeingWritten()
    {
        QTemporaryDir dir;
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        const QByteArray bytes = pngBytes();
        const QString path = dir.filePath(QStringLiteral("slow-scanner.png"));
        // The scanner writes in pieces, each well within the settle delay of the last.
        const int pieces = 6;
        const qsizetype step = bytes.size() / pieces + 1;
        QElapsedTimer clock;
        clock.start();
        for (qsizetype offset = 0; offset < bytes.size(); offset += step) {
            QVERIFY(writeFile(path, bytes.mid(offset, step), QIODevice::Append));
            QTest::qWait(kSettleMs / 3);
            QCOMPARE(ready.count(), 0);
        }
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.count(), 1);
        QCOMPARE(QFileInfo(path).size(), bytes.size()); // whole when reported
        QVERIFY(QImage(ready.first().at(0).toString()).width() == 400);
    }

    void renamedIntoPlaceIsReported()
    {
        // Fax software often writes "x.png.part" and renames it when done.
        QTemporaryDir dir;
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        const QString partial = dir.filePath(QStringLiteral("fax.png.part"));
        QVERIFY(writeFile(partial, pngBytes()));
        QTest::qWait(2 * kSettleMs);
        QCOMPARE(ready.count(), 0);
        QVERIFY(QFile::rename(partial, dir.filePath(QStringLiteral("fax.png"))));
        QVERIFY(ready.wait(5000));
        QCOMPARE(QFileInfo(ready.first().at(0).toString()).fileName(), QStringLiteral("fax.png"));
    }

    void filesAlreadyThereArePickedUp()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a.png")), pngBytes()));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b.jpg")), pngBytes()));
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 5000);
        QStringList names { QFileInfo(ready.at(0).at(0).toString()).fileName(),
            QFileInfo(ready.at(1).at(0).toString()).fileName() };
        names.sort();
        QCOMPARE(names, (QStringList { QStringLiteral("a.png"), QStringLiteral("b.jpg") }));
    }

    void archiveMovesWithoutOverwriting()
    {
        QTemporaryDir dir;
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        const QString first = dir.filePath(QStringLiteral("rx.png"));
        QVERIFY(writeFile(first, pngBytes()));
        QVERIFY(ready.wait(5000));
        auto moved = watcher.archive(first);
        moved.waitForFinished();
        const QString archived = moved.result();
        QCOMPARE(archived, QDir(watcher.archiveFolder()).filePath(QStringLiteral("rx.png")));
        QVERIFY(QFile::exists(archived));
        QVERIFY(!QFile::exists(first));
        // Same name again (the scanner's counter restarted): a new file, archived beside the first.
        QVERIFY(writeFile(first, pngBytes()));
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.count(), 2);
        auto second = watcher.archive(first);
        second.waitForFinished();
        QCOMPARE(second.result(), QDir(watcher.archiveFolder()).filePath(QStringLiteral("rx-1.png")));
        QVERIFY(QFile::exists(archived));
        // The archive subfolder itself is not watched: nothing more is reported.
        QTest::qWait(3 * kSettleMs);
        QCOMPARE(ready.count(), 2);
    }

    void discardRemovesAndForgets()
    {
        QTemporaryDir dir;
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        const QString file = dir.filePath(QStringLiteral("rx.png"));
        QVERIFY(writeFile(file, pngBytes()));
        QVERIFY(ready.wait(5000));
        auto removed = watcher.discard(file);
        removed.waitForFinished();
        QVERIFY(removed.result());
        QVERIFY(!QFile::exists(file));
        // Removed, not archived: processed/ stays empty.
        QVERIFY(QDir(watcher.archiveFolder()).entryList(QDir::Files).isEmpty());
        // Same name again: a new file.
        QVERIFY(writeFile(file, pngBytes()));
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.count(), 2);
        // A file already gone cannot be removed: said so.
        auto gone = watcher.discard(dir.filePath(QStringLiteral("none.png")));
        gone.waitForFinished();
        QVERIFY(!gone.result());
    }

    void stopAndBadFolder()
    {
        QTemporaryDir dir;
        InboxWatcher watcher;
        watcher.setSettleDelay(kSettleMs);
        QSignalSpy ready(&watcher, &InboxWatcher::fileReady);
        QVERIFY(watcher.start(dir.path()));
        watcher.stop();
        QVERIFY(!watcher.isWatching());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("late.png")), pngBytes()));
        QTest::qWait(3 * kSettleMs);
        QCOMPARE(ready.count(), 0);
        // A folder that cannot be created (a file is in the way) is an error, not a crash.
        const QString blocked = dir.filePath(QStringLiteral("late.png/inbox"));
        QSignalSpy error(&watcher, &InboxWatcher::error);
        QVERIFY(!watcher.start(blocked));
        QCOMPARE(error.count(), 1);
        QVERIFY(!watcher.isWatching());
    }
};

QTEST_MAIN(TestInboxWatcher)
#include "test_inboxwatcher.moc"
