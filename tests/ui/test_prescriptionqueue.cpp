// SPDX-License-Identifier: GPL-3.0-or-later
// The counter queue model: QAbstractItemModelTester over every change, statuses from results,
// the order in which waiting prescriptions come up, and what the list shows (never an RRN).
#include "FakeServices.h"
#include "pharmdesk/ui/PrescriptionQueue.h"
#include "pharmdesk/ui/QueueController.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace core = pharmdesk::core;
namespace test = pharmdesk::ui::test;
using pharmdesk::ui::PrescriptionQueue;
using pharmdesk::ui::QueueController;
using pharmdesk::ui::QueueEntry;
using Status = QueueEntry::Status;

Q_DECLARE_METATYPE(Status)

namespace {
core::ImportResult resultWith(const QString& source, std::optional<core::Prescription> prescription)
{
    core::ImportResult r;
    r.source = source;
    r.prescription = std::move(prescription);
    if (!r.prescription)
        r.error = core::makeError(core::ErrorCategory::Input, QStringLiteral("unreadable"));
    r.settleStatus();
    return r;
}
} // namespace

class TestPrescriptionQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester()
    {
        PrescriptionQueue queue;
        QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const quint64 a = queue.add(QStringLiteral("/in/a.png"), QueueEntry::Origin::File);
        const quint64 b = queue.add(QStringLiteral("/in/b.png"), QueueEntry::Origin::Inbox);
        const quint64 c = queue.addRecognised(
            resultWith(QStringLiteral("/in/c.png"), test::cleanPrescription()), 0, QueueEntry::Origin::Batch);
        QCOMPARE(queue.rowCount(), 3);
        QCOMPARE(queue.columnCount(), int(PrescriptionQueue::ColumnCount));
        queue.setStatus(a, Status::Recognising);
        queue.setResult(a, resultWith(QStringLiteral("/in/a.png"), test::syntheticPrescription()), 5);
        queue.setEdited(a, test::cleanPrescription(), 0);
        queue.setSource(b, QStringLiteral("/in/processed/b.png"));
        queue.setGuideWritten(c, QStringLiteral("/guides/c.pdf"));
        QVERIFY(queue.remove(b));
        QVERIFY(!queue.remove(b));
        QCOMPARE(queue.rowCount(), 2);
        QCOMPARE(queue.rowOf(c), 1);
        QCOMPARE(queue.rowOf(b), -1);
        QVERIFY(!queue.entry(b));
        QCOMPARE(queue.idAt(0), a);
        QCOMPARE(queue.idAt(5), quint64(0));
    }

    void statusFromResult_data()
    {
        QTest::addColumn<bool>("read");
        QTest::addColumn<bool>("clean");
        QTest::addColumn<Status>("status");
        QTest::newRow("nothing to check") << true << true << Status::Recognised;
        QTest::newRow("flagged values") << true << false << Status::NeedsReview;
        QTest::newRow("unreadable") << false << false << Status::Failed;
    }

    void statusFromResult()
    {
        QFETCH(bool, read);
        QFETCH(bool, clean);
        QFETCH(Status, status);
        PrescriptionQueue queue;
        QSignalSpy changed(&queue, &PrescriptionQueue::statusChanged);
        const quint64 id = queue.add(QStringLiteral("rx.png"), QueueEntry::Origin::File);
        QCOMPARE(queue.entry(id)->status, Status::New);
        std::optional<core::Prescription> p;
        if (read)
            p = clean ? test::cleanPrescription() : test::syntheticPrescription();
        queue.setResult(id, resultWith(QStringLiteral("rx.png"), p), clean ? 0 : 5);
        QCOMPARE(queue.entry(id)->status, status);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(1).value<Status>(), status);
        QCOMPARE(queue.entry(id)->awaitsReview(), read);
        QCOMPARE(queue.index(0, PrescriptionQueue::StatusColumn).data().toString(),
            PrescriptionQueue::statusText(status));
        QCOMPARE(queue.index(0, PrescriptionQueue::StatusColumn).data(PrescriptionQueue::StatusRole).toInt(),
            int(status));
    }

    void listShowsNameNeverResidentNumber()
    {
        PrescriptionQueue queue;
        const quint64 id = queue.addRecognised(
            resultWith(QStringLiteral("/scans/rx-7.png"), test::syntheticPrescription()), 5, QueueEntry::Origin::Batch);
        QCOMPARE(queue.index(0, PrescriptionQueue::PatientColumn).data().toString(), QStringLiteral("홍길동"));
        QCOMPARE(queue.index(0, PrescriptionQueue::SourceColumn).data().toString(), QStringLiteral("rx-7.png"));
        QCOMPARE(queue.index(0, PrescriptionQueue::FlaggedColumn).data().toInt(), 5);
        for (int column = 0; column < queue.columnCount(); ++column) {
            for (int role : { int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole) }) {
                QVERIFY(!queue.index(0, column).data(role).toString().contains(QStringLiteral("1234567")));
            }
        }
        QCOMPARE(queue.index(0, 0).data(PrescriptionQueue::EntryIdRole).toULongLong(), id);
    }

    void guideTimeIsMeasuredFromArrival()
    {
        PrescriptionQueue queue;
        const quint64 id = queue.add(QStringLiteral("rx.png"), QueueEntry::Origin::Inbox);
        QTest::qWait(30);
        queue.setGuideWritten(id, QStringLiteral("/guides/rx.pdf"));
        QCOMPARE(queue.entry(id)->status, Status::GuidePrinted);
        QVERIFY(queue.entry(id)->guideMs >= 30);
        QCOMPARE(queue.entry(id)->guidePath, QStringLiteral("/guides/rx.pdf"));
    }

    void nextAwaitingReview_data()
    {
        QTest::addColumn<QList<Status>>("statuses");
        QTest::addColumn<int>("afterRow");
        QTest::addColumn<int>("expectedRow"); // -1: none
        QTest::newRow("the next one down") << QList<Status> { Status::GuidePrinted, Status::NeedsReview, Status::Recognised }
                                           << 0 << 1;
        QTest::newRow("skips confirmed and recognising")
            << QList<Status> { Status::NeedsReview, Status::Confirmed, Status::Recognising, Status::Recognised } << 0 << 3;
        QTest::newRow("wraps around") << QList<Status> { Status::Recognised, Status::GuidePrinted, Status::GuidePrinted }
                                      << 2 << 0;
        QTest::newRow("never itself") << QList<Status> { Status::NeedsReview, Status::Failed } << 0 << -1;
        QTest::newRow("nothing waits") << QList<Status> { Status::GuidePrinted, Status::Failed, Status::New } << 0 << -1;
    }

    void nextAwaitingReview()
    {
        QFETCH(QList<Status>, statuses);
        QFETCH(int, afterRow);
        QFETCH(int, expectedRow);
        PrescriptionQueue queue;
        for (Status status : statuses) {
            const quint64 id = queue.add(QStringLiteral("rx.png"), QueueEntry::Origin::File);
            queue.setStatus(id, status);
        }
        QCOMPARE(queue.nextAwaitingReview(queue.idAt(afterRow)), expectedRow < 0 ? quint64(0) : queue.idAt(expectedRow));
    }

    void controllerRecognisesInTheBackground()
    {
        // Three arrivals at once: each is queued at once and recognised without waiting for the
        // pharmacist; results come back through the queue, in any order.
        auto recognition = std::make_shared<test::FakeRecognition>();
        recognition->mode = test::FakeRecognition::Mode::ByName;
        recognition->delayMs = 60;
        QueueController controller(recognition);
        QAbstractItemModelTester tester(controller.queue(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy recognised(&controller, &QueueController::recognised);
        const quint64 clean = controller.enqueueFile(QStringLiteral("/in/clean.png"));
        const quint64 flagged = controller.enqueueFile(QStringLiteral("/in/flagged.png"));
        const quint64 failed = controller.enqueueFile(QStringLiteral("/in/fail.png"));
        QCOMPARE(controller.pendingCount(), 3);
        QCOMPARE(controller.queue()->entry(clean)->status, Status::Recognising);
        QTRY_COMPARE(recognised.count(), 3);
        QCOMPARE(controller.pendingCount(), 0);
        QCOMPARE(controller.queue()->entry(clean)->status, Status::Recognised);
        QCOMPARE(controller.queue()->entry(clean)->flaggedCount, 0);
        QCOMPARE(controller.queue()->entry(flagged)->status, Status::NeedsReview);
        // The synthetic prescription: issue number, days and usage of line 2, name and code of line 3.
        QCOMPARE(controller.queue()->entry(flagged)->flaggedCount, 5);
        QCOMPARE(controller.queue()->entry(failed)->status, Status::Failed);
        QVERIFY(*recognition->maxRunning > 1); // the fake runs them side by side
    }

    void controllerCancelsOneEntry()
    {
        auto recognition = std::make_shared<test::FakeRecognition>();
        recognition->mode = test::FakeRecognition::Mode::WaitForCancel;
        QueueController controller(recognition);
        QSignalSpy recognised(&controller, &QueueController::recognised);
        const quint64 a = controller.enqueueFile(QStringLiteral("a.png"));
        const quint64 b = controller.enqueueFile(QStringLiteral("b.png"));
        controller.cancel(a);
        QVERIFY(recognised.wait(5000));
        QCOMPARE(recognised.first().at(0).toULongLong(), a);
        QCOMPARE(controller.queue()->entry(a)->status, Status::Failed);
        QCOMPARE(controller.queue()->entry(b)->status, Status::Recognising);
        QVERIFY(!recognition->tokens.at(1).isCancelled());
        controller.cancelAll();
        QTRY_COMPARE(recognised.count(), 2);
    }

    void pastedImageIsHeldInMemoryAndQueued()
    {
        auto recognition = std::make_shared<test::FakeRecognition>();
        QueueController controller(recognition);
        QSignalSpy queued(&controller, &QueueController::queued);
        QImage image(640, 480, QImage::Format_RGB32);
        image.fill(Qt::white);
        quint64 reported = 0;
        controller.enqueueImage(image, QStringLiteral("clipboard-1.png"), QueueEntry::Origin::Clipboard,
                                [&](quint64 id) { reported = id; });
        QVERIFY(queued.wait(5000));
        const QueueEntry* e = controller.queue()->entry(queued.first().at(0).toULongLong());
        QCOMPARE(reported, e->id);
        QCOMPARE(e->origin, QueueEntry::Origin::Clipboard);
        // Never a file on disk (it shows the resident number), yet readable by path.
        QVERIFY(e->source.startsWith(QStringLiteral("/proc/self/fd/")));
        QCOMPARE(QImage(e->source).size(), QSize(640, 480));
        QCOMPARE(controller.queue()->index(controller.queue()->rowOf(e->id), PrescriptionQueue::SourceColumn).data().toString(),
                 QStringLiteral("clipboard-1.png"));
        QSignalSpy failed(&controller, &QueueController::captureFailed);
        controller.enqueueImage(QImage(), QStringLiteral("empty.png"), QueueEntry::Origin::Clipboard);
        QCOMPARE(failed.count(), 1);
    }
};

QTEST_MAIN(TestPrescriptionQueue)
#include "test_prescriptionqueue.moc"
