// SPDX-License-Identifier: GPL-3.0-or-later
// Every page of a PDF or multi-page TIFF is a prescription of its own at the counter: its own
// queue entry ("two.pdf — 2/2") recognised with its page, its own row in the batch import, its own
// record in the store (same image digest, page 0 and 1).
#include "CounterTestData.h"
#include "FakeServices.h"
#include "pharmdesk/ui/BatchImportDialog.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

namespace core = pharmdesk::core;
namespace store = pharmdesk::store;
namespace test = pharmdesk::ui::test;
namespace ui = pharmdesk::ui;

class TestMultiPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pdf;
    QString m_tiff;
    QString m_png;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pdf = test::writeTwoPagePdf(m_dir.filePath(QStringLiteral("two.pdf")));
        m_tiff = test::writeTwoPageTiff(m_dir.filePath(QStringLiteral("two.tiff")));
        m_png = test::writePng(m_dir.filePath(QStringLiteral("one.png")), 240);
        QVERIFY(!m_pdf.isEmpty() && !m_tiff.isEmpty() && !m_png.isEmpty());
    }

    void queueEntryPerPage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected"); // the queue's file column, in order

        QTest::newRow("pdf") << QStringLiteral("two.pdf")
                             << QStringList { QStringLiteral("two.pdf — 1/2"), QStringLiteral("two.pdf — 2/2") };
        QTest::newRow("tiff") << QStringLiteral("two.tiff")
                              << QStringList { QStringLiteral("two.tiff — 1/2"), QStringLiteral("two.tiff — 2/2") };
        QTest::newRow("png: one page") << QStringLiteral("one.png") << QStringList { QStringLiteral("one.png") };
    }

    void queueEntryPerPage()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        auto fake = std::make_shared<test::FakeRecognition>();
        ui::QueueController controller(fake);
        QSignalSpy queued(&controller, &ui::QueueController::queued);
        QSignalSpy recognised(&controller, &ui::QueueController::recognised);
        controller.enqueueFile(m_dir.filePath(file));
        // The first page is queued at once; the others once the pages are counted.
        QCOMPARE(queued.size(), 1);
        QTRY_COMPARE(recognised.size(), int(expected.size()));
        ui::PrescriptionQueue* queue = controller.queue();
        QCOMPARE(queue->count(), int(expected.size()));
        QStringList shown;
        QList<int> pages;
        for (int row = 0; row < queue->count(); ++row) {
            shown.append(queue->index(row, ui::PrescriptionQueue::SourceColumn).data().toString());
            pages.append(queue->entry(queue->idAt(row))->page);
        }
        QCOMPARE(shown, expected);
        QList<int> asked = fake->pages;
        std::sort(asked.begin(), asked.end());
        QCOMPARE(asked, pages);
        for (int row = 0; row < queue->count(); ++row) {
            const ui::QueueEntry* e = queue->entry(queue->idAt(row));
            QCOMPARE(e->pageCount, int(expected.size()));
            QVERIFY(e->result.has_value());
        }
    }

    void inboxArchivesOnceEveryPageIsRead()
    {
        QTemporaryDir inbox;
        auto fake = std::make_shared<test::FakeRecognition>();
        fake->delayMs = 200; // the pages are counted long before the first is read
        ui::QueueController controller(fake);
        controller.inbox()->setSettleDelay(100);
        QVERIFY(controller.inbox()->start(inbox.path()));
        QSignalSpy recognised(&controller, &ui::QueueController::recognised);
        QVERIFY(QFile::copy(m_pdf, inbox.filePath(QStringLiteral("fax.pdf"))));
        QTRY_COMPARE_WITH_TIMEOUT(recognised.size(), 2, 10000);
        const QString archived = QDir(controller.inbox()->archiveFolder()).filePath(QStringLiteral("fax.pdf"));
        QTRY_VERIFY(QFile::exists(archived));
        QVERIFY(!QFile::exists(inbox.filePath(QStringLiteral("fax.pdf"))));
        // Both pages were read from the inbox before the file moved, and both now name the archive.
        QCOMPARE(fake->paths, QStringList({ inbox.filePath(QStringLiteral("fax.pdf")), inbox.filePath(QStringLiteral("fax.pdf")) }));
        ui::PrescriptionQueue* queue = controller.queue();
        QCOMPARE(queue->count(), 2);
        QTRY_COMPARE(queue->entry(queue->idAt(0))->source, archived);
        QTRY_COMPARE(queue->entry(queue->idAt(1))->source, archived);
    }

    void batchRowPerPage()
    {
        auto fake = std::make_shared<test::FakeRecognition>();
        ui::BatchImportDialog dialog(fake, nullptr, 2);
        QSignalSpy finished(&dialog, &ui::BatchImportDialog::batchFinished);
        dialog.addFiles({ m_png, m_pdf, m_tiff });
        dialog.start(); // while the pages are still being counted: the run waits for them
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(dialog.fileCount(), 5);
        QCOMPARE(dialog.doneCount(), 5);
        QStringList rows;
        for (int row = 0; row < dialog.table()->rowCount(); ++row)
            rows.append(dialog.table()->item(row, 0)->text());
        QCOMPARE(rows,
            QStringList({ QStringLiteral("one.png"), QStringLiteral("two.pdf — 1/2"), QStringLiteral("two.pdf — 2/2"),
                QStringLiteral("two.tiff — 1/2"), QStringLiteral("two.tiff — 2/2") }));
        QCOMPARE(fake->paths.count(m_pdf), 2);
        QCOMPARE(fake->paths.count(m_tiff), 2);
        QList<int> asked = fake->pages;
        std::sort(asked.begin(), asked.end());
        QCOMPARE(asked, QList<int>({ 0, 0, 0, 1, 1 }));
    }

    void batchRecordsEachPage()
    {
        QTemporaryDir root;
        auto records = test::recordsIn(root.path());
        auto fake = std::make_shared<test::FakeRecognition>();
        fake->mode = test::FakeRecognition::Mode::ByName;
        ui::BatchImportDialog dialog(fake, nullptr, 2);
        dialog.setRecords(records.get());
        QSignalSpy finished(&dialog, &ui::BatchImportDialog::batchFinished);
        dialog.addFiles({ m_png, m_pdf, m_tiff });
        dialog.start();
        QVERIFY(finished.wait(10000));
        records->waitForIdle();
        const auto listed = test::answer(*records, records->list({}));
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 5); // a record per page, nothing sent for review yet
        int secondPages = 0;
        for (const store::RecordSummary& s : *listed) {
            QCOMPARE(s.status, store::RecordStatus::NeedsReview);
            secondPages += s.page == 1 ? 1 : 0;
        }
        QCOMPARE(secondPages, 2);
    }

    void storeRecordsEachPage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("pdf") << QStringLiteral("two.pdf");
        QTest::newRow("tiff") << QStringLiteral("two.tiff");
    }

    void storeRecordsEachPage()
    {
        QFETCH(QString, file);
        QTemporaryDir root;
        auto records = test::recordsIn(root.path());
        auto fake = std::make_shared<test::FakeRecognition>();
        ui::MainWindow window({ fake, std::make_shared<test::FakeGuide>(), nullptr }, core::Settings {});
        window.setRecords(records);
        QSignalSpy recognised(window.queueController(), &ui::QueueController::recognised);
        window.openImage(m_dir.filePath(file));
        QTRY_COMPARE(recognised.size(), 2);
        // Opening the same file again is the same two prescriptions.
        window.openImage(m_dir.filePath(file));
        QTRY_COMPARE(recognised.size(), 4);
        records->waitForIdle();
        const auto listed = test::answer(*records, records->list({}));
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 2);
        QList<int> pages { listed->at(0).page, listed->at(1).page };
        std::sort(pages.begin(), pages.end());
        QCOMPARE(pages, QList<int>({ 0, 1 }));
        QCOMPARE(listed->at(0).imageSha256, listed->at(1).imageSha256);
        for (const store::RecordSummary& s : *listed)
            QCOMPARE(s.status, store::RecordStatus::NeedsReview);
    }
};

QTEST_MAIN(TestMultiPage)
#include "test_multipage.moc"
