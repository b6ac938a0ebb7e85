// SPDX-License-Identifier: GPL-3.0-or-later
// The counter's records over a real record store in a temporary folder (file keychain): every
// step of a prescription is recorded in order off the GUI thread, lists carry the masked resident
// number only, the MFDS key goes to the keychain, and the history dialog reopens and reprints.
#include "CounterTestData.h"
#include "FakeServices.h"
#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/HistoryDialog.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/RendererGuideService.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace core = pharmdesk::core;
namespace store = pharmdesk::store;
namespace test = pharmdesk::ui::test;
namespace ui = pharmdesk::ui;

namespace {
using test::answer;
using test::recordsIn;

QString writeImage(const QString& path, int shade)
{
    QImage image(900, 700, QImage::Format_RGB32);
    image.fill(QColor(shade, shade, shade));
    return image.save(path) ? path : QString();
}
} // namespace

class TestCounterRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workflowIsRecorded()
    {
        QTemporaryDir root;
        auto records = recordsIn(root.path());
        const QString image = writeImage(root.filePath(QStringLiteral("rx.png")), 250);
        QVERIFY(!image.isEmpty());
        core::ImportResult result;
        result.source = image;
        result.prescription = test::syntheticPrescription();
        result.settleStatus();
        records->intake(7, image);
        records->recognised(7, result);
        records->confirmed(7, test::cleanPrescription());
        const QString pdf = root.filePath(QStringLiteral("guide.pdf"));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4\n");
        file.close();
        QSignalSpy failed(records.get(), &ui::CounterRecords::failed);
        records->guidePrinted(7, pdf);
        records->waitForIdle();
        QCoreApplication::processEvents();
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));

        const auto listed = answer(*records, records->list({}));
        QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().toString()));
        const QList<store::RecordSummary> rows = *listed;
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().status, store::RecordStatus::GuidePrinted);
        QCOMPARE(rows.first().patientName, QStringLiteral("홍길동"));
        QCOMPARE(rows.first().maskedRrn, QStringLiteral("900101-1******"));
        const auto shown = answer(*records, records->show(rows.first().id));
        QVERIFY(shown.ok());
        QVERIFY(shown->confirmed.has_value());
        QCOMPARE(shown->confirmed->items.size(), 1);
        QCOMPARE(shown->guides.size(), 1);
        QVERIFY(!shown->guides.first().pdfSha256.isEmpty());
    }

    void serviceKeyGoesToTheKeychain()
    {
        QTemporaryDir root;
        auto records = recordsIn(root.path());
        const auto before = answer(*records, records->serviceKeyState());
        QVERIFY(before.backend.startsWith(QLatin1String("file: ")));
        QVERIFY(!before.stored);
        const auto stored = answer(*records, records->storeServiceKey(QStringLiteral("secret-key-123")));
        QVERIFY(stored.ok());
        const auto after = answer(*records, records->serviceKeyState());
        QVERIFY(after.stored);
        store::FileKeychain keychain(root.filePath(QStringLiteral("keys")));
        const auto read = keychain.read(ui::CounterRecords::serviceKeyName());
        QVERIFY(read.ok() && read->has_value());
        QCOMPARE(**read, QByteArray("secret-key-123"));
    }

    void storeThatCannotOpenIsReportedOnce()
    {
        ui::CounterRecords records(
            []() -> core::Result<std::shared_ptr<store::RecordStore>> {
                return core::makeError(core::ErrorCategory::Io, QStringLiteral("no disk"));
            },
            {}, QStringLiteral("test:counter"));
        QSignalSpy failed(&records, &ui::CounterRecords::failed);
        records.intake(1, QStringLiteral("/nowhere.png"));
        records.intake(2, QStringLiteral("/nowhere.png"));
        const auto listed = answer(records, records.list({}));
        QVERIFY(!listed.ok());
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("no disk")));
        const auto key = answer(records, records.serviceKeyState());
        QVERIFY(key.backend.isEmpty());
        QVERIFY(!key.error.isEmpty());
    }

    void historyReopensAndReprints()
    {
        QTemporaryDir root;
        auto records = recordsIn(root.path());
        auto recognition = std::make_shared<test::FakeRecognition>();
        recognition->mode = test::FakeRecognition::Mode::Clean;
        auto guide = std::make_shared<test::FakeGuide>();
        ui::CounterSettings counter;
        counter.guideFolder = root.filePath(QStringLiteral("guides"));
        ui::MainWindow window({ recognition, guide, nullptr }, core::Settings {}, counter);
        window.setRecords(records);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy finished(&window, &ui::MainWindow::recognitionFinished);
        QSignalSpy delivered(&window, &ui::MainWindow::guideDelivered);
        window.openImage(writeImage(root.filePath(QStringLiteral("today.png")), 240));
        QVERIFY(finished.wait(5000));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F9);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F12);
        QVERIFY(delivered.wait(5000));
        records->waitForIdle();

        QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
        auto* history = window.findChild<ui::HistoryDialog*>();
        QVERIFY(history);
        QSignalSpy searched(history, &ui::HistoryDialog::searchFinished);
        QVERIFY(searched.wait(5000));
        QCOMPARE(history->table()->rowCount(), 1);
        QCOMPARE(history->table()->item(0, 2)->text(), QStringLiteral("900101-1******"));
        history->patientEdit()->setText(QStringLiteral("김철수"));
        history->search();
        QVERIFY(searched.wait(5000));
        QCOMPARE(history->table()->rowCount(), 0);
        history->patientEdit()->setText(QStringLiteral("길동"));
        history->search();
        QVERIFY(searched.wait(5000));
        QCOMPARE(history->table()->rowCount(), 1);
        // By drug, through the store: the code, part of the name; another drug finds nothing.
        const QList<QPair<QString, int>> drugs { { QStringLiteral("645301230"), 1 }, { QStringLiteral("타이레놀"), 1 },
            { QStringLiteral("645301231"), 0 }, { QStringLiteral("아스피린"), 0 } };
        for (const auto& [drug, rows] : drugs) {
            QTest::keyClick(history, Qt::Key_G, Qt::AltModifier); // the drug field by its Alt key
            QCOMPARE(QApplication::focusWidget(), history->drugEdit());
            history->drugEdit()->selectAll();
            history->drugEdit()->insert(drug);
            QTest::keyClick(history->drugEdit(), Qt::Key_Return);
            QVERIFY(searched.wait(5000));
            QVERIFY2(history->table()->rowCount() == rows, qPrintable(drug));
        }
        history->drugEdit()->clear();
        history->search();
        QVERIFY(searched.wait(5000));

        // Reprint: the record comes back into the queue, confirmed as it was, and goes out again.
        history->findChild<QPushButton*>(QStringLiteral("historyReprint"))->click();
        QVERIFY(delivered.wait(5000));
        QCOMPARE(delivered.count(), 2);
        const auto* queue = window.queueController()->queue();
        QCOMPARE(queue->count(), 2);
        const ui::QueueEntry* reopened = queue->entry(queue->idAt(1));
        QCOMPARE(reopened->origin, ui::QueueEntry::Origin::History);
        QCOMPARE(reopened->status, ui::QueueEntry::Status::GuidePrinted);
        QCOMPARE(guide->exported.size(), 2);
        QCOMPARE(guide->exported.last().patient.name.valueOr({}), QStringLiteral("홍길동"));
        history->close();
        records->waitForIdle();
        const auto shown = answer(*records, records->list({}));
        QCOMPARE(shown->size(), 1); // the same record, printed twice
    }
};

QTEST_MAIN(TestCounterRecords)
#include "test_counterrecords.moc"
