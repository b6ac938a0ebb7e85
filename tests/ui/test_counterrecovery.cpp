// SPDX-License-Identifier: GPL-3.0-or-later
// Restart recovery at the counter: prescriptions taken in but never recognised (the power went)
// come back into the queue from their stored images on the next start, are recognised again on
// the same records (nothing duplicated), and a recognition cancelled at closing stays unfinished.
#include "CounterTestData.h"
#include "FakeServices.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace core = pharmdesk::core;
namespace store = pharmdesk::store;
namespace test = pharmdesk::ui::test;
namespace ui = pharmdesk::ui;

class TestCounterRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unfinishedAreRecognisedAgain()
    {
        QTemporaryDir root;
        QTemporaryDir images;
        const QString png = test::writePng(images.filePath(QStringLiteral("interrupted.png")), 200);
        const QString pdf = test::writeTwoPagePdf(images.filePath(QStringLiteral("fax.pdf")));
        const QString done = test::writePng(images.filePath(QStringLiteral("done.png")), 120);
        QVERIFY(!png.isEmpty() && !pdf.isEmpty() && !done.isEmpty());
        {
            // The last session: three pages taken in, one recognised, then the power went.
            auto store = test::openStoreIn(root.path());
            QVERIFY(store.ok());
            QVERIFY((*store)->intakeImage(png, QStringLiteral("gui:old")).ok());
            QVERIFY((*store)->intakeImage(pdf, QStringLiteral("gui:old"), 1).ok());
            const auto finished = (*store)->intakeImage(done, QStringLiteral("gui:old"));
            QVERIFY(finished.ok());
            core::ImportResult result;
            result.source = done;
            result.prescription = test::syntheticPrescription();
            result.settleStatus();
            QVERIFY((*store)->recordRecognition(finished->id, result, QStringLiteral("gui:old")).ok());
        }
        // The originals are gone (an archived inbox, a deleted capture): the store's copies serve.
        QVERIFY(QFile::remove(png));
        QVERIFY(QFile::remove(pdf));

        auto records = test::recordsIn(root.path());
        auto fake = std::make_shared<test::FakeRecognition>();
        ui::MainWindow window({ fake, std::make_shared<test::FakeGuide>(), nullptr }, core::Settings {});
        QSignalSpy recovered(&window, &ui::MainWindow::recoveryQueued);
        QSignalSpy recognised(window.queueController(), &ui::QueueController::recognised);
        window.setRecords(records);
        QVERIFY(recovered.wait(10000));
        QCOMPARE(recovered.first().at(0).toInt(), 2);
        QTRY_COMPARE(recognised.size(), 2);

        ui::PrescriptionQueue* queue = window.queueController()->queue();
        QCOMPARE(queue->count(), 2);
        QStringList shown;
        for (int row = 0; row < queue->count(); ++row) {
            const ui::QueueEntry* e = queue->entry(queue->idAt(row));
            QCOMPARE(e->origin, ui::QueueEntry::Origin::Recovered);
            // Already sealed in the store: the queue does not hold the clear image, recognition
            // read it from memory (never from disk) while it ran.
            QVERIFY(e->source.isEmpty());
            QVERIFY(!e->result->error);
            shown.append(queue->index(row, ui::PrescriptionQueue::SourceColumn).data().toString());
        }
        QCOMPARE(window.queueController()->heldImageCount(), 0);
        for (const QString& read : std::as_const(fake->paths))
            QVERIFY(read.startsWith(QStringLiteral("/proc/self/fd/")));
        shown.sort();
        QCOMPARE(shown, QStringList({ QStringLiteral("fax.pdf — 2/2"), QStringLiteral("interrupted.png") }));
        QCOMPARE(fake->pages.count(1), 1); // the PDF's second page, as it was taken in
        // The view shows a recovered image from the store.
        const int pngRow
            = queue->index(0, ui::PrescriptionQueue::SourceColumn).data().toString() == QStringLiteral("interrupted.png") ? 0 : 1;
        window.showEntry(queue->idAt(1 - pngRow)); // showing the current entry again does nothing
        window.imageView()->clear();
        window.showEntry(queue->idAt(pngRow));
        QTRY_VERIFY_WITH_TIMEOUT(window.imageView()->hasImage(), 10000);
        QCOMPARE(window.imageView()->imageSize(), QSize(900, 700));

        records->waitForIdle();
        const auto listed = test::answer(*records, records->list({}));
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 3); // the same records, none added
        for (const store::RecordSummary& s : *listed)
            QCOMPARE(s.status, store::RecordStatus::NeedsReview);
        // Nothing is left to recover on the next start.
        const auto again = test::answer(*records, records->unfinished());
        QVERIFY(again.ok());
        QVERIFY(again->isEmpty());
    }

    void cancelledAtCloseStaysUnfinished()
    {
        QTemporaryDir root;
        QTemporaryDir images;
        const QString png = test::writePng(images.filePath(QStringLiteral("slow.png")), 90);
        QVERIFY(!png.isEmpty());
        {
            auto records = test::recordsIn(root.path());
            auto fake = std::make_shared<test::FakeRecognition>();
            fake->mode = test::FakeRecognition::Mode::WaitForCancel;
            ui::MainWindow window({ fake, std::make_shared<test::FakeGuide>(), nullptr }, core::Settings {});
            window.setRecords(records);
            QSignalSpy recognised(window.queueController(), &ui::QueueController::recognised);
            window.openImage(png);
            window.close(); // cancels the running recognition
            QTRY_COMPARE(recognised.size(), 1);
            records->waitForIdle();
        }
        auto records = test::recordsIn(root.path());
        const auto left = test::answer(*records, records->unfinished());
        QVERIFY(left.ok());
        QCOMPARE(left->size(), 1);
        QCOMPARE(QFileInfo(left->first().sourceName).fileName(), QStringLiteral("slow.png"));
        // Unsealed into memory only: nothing of it on disk, yet readable by path while held.
        QVERIFY(left->first().imagePath.startsWith(QStringLiteral("/proc/self/fd/")));
        QFile held(left->first().imagePath);
        QVERIFY(held.open(QIODevice::ReadOnly));
        QVERIFY(held.readAll().startsWith("\x89PNG"));
    }
};

QTEST_MAIN(TestCounterRecovery)
#include "test_counterrecovery.moc"
