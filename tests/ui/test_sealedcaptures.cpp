// SPDX-License-Identifier: GPL-3.0-or-later
// Clear images live only as long as they must: an image held in memory (paste, scanner, camera)
// is freed once the record store has sealed it, when its recognition fails, or when its entry
// goes, and the window then shows it from the store; an inbox file is removed once sealed (or
// moved to processed/ when asked to keep it), and never removed when recognition or intake failed.
// Over a real record store and real files.
#include "CounterTestData.h"
#include "FakeServices.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace core = pharmdesk::core;
namespace test = pharmdesk::ui::test;
namespace ui = pharmdesk::ui;

using Mode = test::FakeRecognition::Mode;
Q_DECLARE_METATYPE(Mode)

class TestSealedCaptures : public QObject
{
    Q_OBJECT

private:
    /// Queues a 640×480 white image as pasted; the entry id (0 when it was not queued).
    static quint64 paste(ui::QueueController* controller)
    {
        QImage image(640, 480, QImage::Format_RGB32);
        image.fill(Qt::white);
        QSignalSpy queued(controller, &ui::QueueController::queued);
        controller->enqueueImage(image, QStringLiteral("clipboard-1.png"), ui::QueueEntry::Origin::Clipboard);
        return queued.wait(5000) ? queued.first().at(0).toULongLong() : 0;
    }

    /// Shows entry `id` afresh (the window ignores showing the current entry again): another
    /// entry first, one with no image.
    static void showAfresh(ui::MainWindow& window, quint64 id)
    {
        core::ImportResult none;
        none.source = QStringLiteral("none.png");
        window.showEntry(window.queueController()->enqueueResult(none, ui::QueueEntry::Origin::History));
        window.imageView()->clear();
        window.showEntry(id);
    }

private Q_SLOTS:
    void heldImageFreedOnceSealed()
    {
        QTemporaryDir root;
        auto records = test::recordsIn(root.path());
        auto fake = std::make_shared<test::FakeRecognition>();
        fake->delayMs = 300; // sealed long before it is read: recognition keeps its own reference
        ui::MainWindow window({ fake, std::make_shared<test::FakeGuide>(), nullptr }, core::Settings {});
        window.setRecords(records);
        ui::QueueController* controller = window.queueController();
        QSignalSpy sealed(records.get(), &ui::CounterRecords::sealed);
        QSignalSpy recognised(controller, &ui::QueueController::recognised);
        const quint64 id = paste(controller);
        QVERIFY(id != 0);
        QVERIFY(sealed.wait(10000));
        QCOMPARE(sealed.first().at(0).toULongLong(), id);
        QCOMPARE(controller->heldImageCount(), 0);
        const ui::QueueEntry* e = controller->queue()->entry(id);
        QVERIFY(e->source.isEmpty());
        QCOMPARE(e->displayName, QStringLiteral("clipboard-1.png"));
        // Recognition still read the image it was given.
        QTRY_COMPARE_WITH_TIMEOUT(recognised.size(), 1, 10000);
        QVERIFY(!controller->queue()->entry(id)->result->error);

        // The image view reads it back from the store.
        showAfresh(window, id);
        QTRY_VERIFY_WITH_TIMEOUT(window.imageView()->hasImage(), 10000);
        QCOMPARE(window.imageView()->imageSize(), QSize(640, 480));
        records->waitForIdle();
        const auto listed = test::answer(*records, records->list({}));
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 1);
        QCOMPARE(QFileInfo(listed->first().sourceName).fileName(), QStringLiteral("clipboard-1.png"));
    }

    void heldImageFreedWithoutStore_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<bool>("remove");
        QTest::addColumn<int>("held");
        // Without a store nothing seals it: a recognised image stays held for display.
        QTest::newRow("recognised-kept") << Mode::Synthetic << false << 1;
        QTest::newRow("failed-freed") << Mode::Fail << false << 0;
        QTest::newRow("removed-freed") << Mode::WaitForCancel << true << 0;
    }

    void heldImageFreedWithoutStore()
    {
        QFETCH(Mode, mode);
        QFETCH(bool, remove);
        QFETCH(int, held);
        auto fake = std::make_shared<test::FakeRecognition>();
        fake->mode = mode;
        ui::QueueController controller(fake);
        QSignalSpy recognised(&controller, &ui::QueueController::recognised);
        const quint64 id = paste(&controller);
        QVERIFY(id != 0);
        QCOMPARE(controller.heldImageCount(), 1);
        if (remove) {
            QVERIFY(controller.queue()->remove(id));
            QCOMPARE(controller.heldImageCount(), held);
            fake->tokens.first().cancel(); // ends the fake's wait; the result finds no entry
            QTRY_COMPARE(fake->running->load(), 0);
            return;
        }
        QVERIFY(recognised.wait(10000));
        QCOMPARE(controller.heldImageCount(), held);
        QCOMPARE(controller.queue()->entry(id)->source.isEmpty(), held == 0);
        // The queue names the image, never the memory file's path.
        QCOMPARE(controller.queue()->entry(id)->result->source, QStringLiteral("clipboard-1.png"));
    }

    void inboxFileAfterSealing_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<bool>("keep");
        QTest::addColumn<bool>("storeOpens");
        QTest::addColumn<bool>("removed"); // false: moved to processed/
        QTest::newRow("sealed-removed") << Mode::Synthetic << false << true << true;
        QTest::newRow("keep-processed") << Mode::Synthetic << true << true << false;
        QTest::newRow("recognition-failed-kept") << Mode::Fail << false << true << false;
        QTest::newRow("intake-failed-kept") << Mode::Synthetic << false << false << false;
    }

    void inboxFileAfterSealing()
    {
        QFETCH(Mode, mode);
        QFETCH(bool, keep);
        QFETCH(bool, storeOpens);
        QFETCH(bool, removed);
        QTemporaryDir root;
        const QString inbox = QDir(root.path()).filePath(QStringLiteral("inbox"));
        ui::CounterSettings counter;
        counter.inboxFolder = inbox;
        counter.inboxSettleMs = 100;
        counter.keepProcessedFiles = keep;
        auto fake = std::make_shared<test::FakeRecognition>();
        fake->mode = mode;
        fake->delayMs = 0; // read before the store has sealed it, mostly: the seal comes last
        ui::MainWindow window({ fake, std::make_shared<test::FakeGuide>(), nullptr }, core::Settings {}, counter);
        const QString rootPath = root.path();
        auto records = storeOpens ? test::recordsIn(rootPath)
                                  : std::make_shared<ui::CounterRecords>(
                                        [] {
                                            return core::Result<std::shared_ptr<pharmdesk::store::RecordStore>>(
                                                core::makeError(core::ErrorCategory::Io, QStringLiteral("no disk")));
                                        },
                                        [] { return std::unique_ptr<pharmdesk::store::Keychain>(); },
                                        QStringLiteral("test:counter"));
        window.setRecords(records);
        ui::QueueController* controller = window.queueController();
        QCOMPARE(controller->keepProcessedFiles(), keep);
        QSignalSpy recognised(controller, &ui::QueueController::recognised);
        QSignalSpy sealed(records.get(), &ui::CounterRecords::sealed);
        QSignalSpy intakeFailed(records.get(), &ui::CounterRecords::intakeFailed);
        const QString file = test::writePng(QDir(inbox).filePath(QStringLiteral("rx.png")), 150);
        QVERIFY(!file.isEmpty());
        QVERIFY(recognised.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(sealed.size() + intakeFailed.size(), 1, 10000);
        QCOMPARE(sealed.size(), storeOpens ? 1 : 0);

        const QString archived = QDir(controller->inbox()->archiveFolder()).filePath(QStringLiteral("rx.png"));
        const quint64 id = controller->queue()->idAt(0);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(file), 10000);
        QCOMPARE(QFile::exists(archived), !removed);
        if (removed) {
            QVERIFY(controller->queue()->entry(id)->source.isEmpty());
            QCOMPARE(controller->queue()->entry(id)->displayName, QStringLiteral("rx.png"));
            // The sealed copy is the archive: the view shows it from the store.
            showAfresh(window, id);
            QTRY_VERIFY_WITH_TIMEOUT(window.imageView()->hasImage(), 10000);
            QCOMPARE(window.imageView()->imageSize(), QSize(900, 700));
        } else {
            QTRY_COMPARE(controller->queue()->entry(id)->source, archived);
            QFile kept(archived);
            QVERIFY(kept.open(QIODevice::ReadOnly));
            QVERIFY(kept.readAll().startsWith("\x89PNG"));
        }
        records->waitForIdle();
    }
};

QTEST_MAIN(TestSealedCaptures)
#include "test_sealedcaptures.moc"
