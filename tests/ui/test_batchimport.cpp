// SPDX-License-Identifier: GPL-3.0-or-later
// The batch import dialog over a recognition double: jobs kept in flight up to the limit, a
// status per file, progress, cancel and resume, and flagged prescriptions sent for review once.
#include "FakeServices.h"
#include "pharmdesk/ui/BatchImportDialog.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace core = pharmdesk::core;
namespace test = pharmdesk::ui::test;
using pharmdesk::ui::BatchImportDialog;

class TestBatchImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryFile_data()
    {
        QTest::addColumn<int>("parallel");
        QTest::newRow("one at a time") << 1;
        QTest::newRow("two at a time") << 2;
        QTest::newRow("three at a time") << 3;
    }

    void readsEveryFile()
    {
        QFETCH(int, parallel);
        auto recognition = std::make_shared<test::FakeRecognition>();
        recognition->mode = test::FakeRecognition::Mode::ByName;
        recognition->delayMs = 40;
        BatchImportDialog dialog(recognition, nullptr, parallel);
        dialog.addFiles({ QStringLiteral("/s/a-clean.png"), QStringLiteral("/s/b-flagged.png"),
            QStringLiteral("/s/c-fail.png"), QStringLiteral("/s/d-clean.png"), QStringLiteral("/s/e-flagged.png"),
            QStringLiteral("/s/a-clean.png") }); // a duplicate is listed once
        QCOMPARE(dialog.fileCount(), 5);
        QSignalSpy finished(&dialog, &BatchImportDialog::batchFinished);
        dialog.start();
        QCOMPARE(recognition->paths.size(), parallel); // that many in flight at once, no more
        QVERIFY(finished.wait(10000));
        QCOMPARE(dialog.doneCount(), 5);
        QCOMPARE(recognition->paths.size(), 5);
        QVERIFY(*recognition->maxRunning <= parallel);
        QTableWidget* table = dialog.table();
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("완료"));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("확인 필요"));
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("5"));
        QCOMPARE(table->item(2, 1)->text(), QStringLiteral("실패"));
        QCOMPARE(dialog.findChild<QProgressBar*>(QStringLiteral("batchProgress"))->value(), 5);

        // The flagged ones go to the queue, each once.
        QSignalSpy review(&dialog, &BatchImportDialog::openForReview);
        dialog.findChild<QPushButton*>(QStringLiteral("batchReview"))->click();
        QCOMPARE(review.count(), 1);
        const auto sent = review.first().at(0).value<QList<core::ImportResult>>();
        QCOMPARE(sent.size(), 2);
        QVERIFY(sent.at(0).source.endsWith(QLatin1String("b-flagged.png")));
        QVERIFY(sent.at(1).source.endsWith(QLatin1String("e-flagged.png")));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("batchReview"))->isEnabled()
            || (dialog.findChild<QPushButton*>(QStringLiteral("batchReview"))->click(), review.count() == 1));
    }

    void cancelThenResume()
    {
        auto recognition = std::make_shared<test::FakeRecognition>();
        recognition->mode = test::FakeRecognition::Mode::Clean;
        recognition->delayMs = 80;
        BatchImportDialog dialog(recognition, nullptr, 2);
        QStringList files;
        for (int i = 0; i < 8; ++i)
            files.append(QStringLiteral("/s/rx-%1.png").arg(i));
        dialog.addFiles(files);
        QSignalSpy finished(&dialog, &BatchImportDialog::batchFinished);
        dialog.start();
        QTRY_VERIFY(dialog.doneCount() >= 2);
        dialog.cancel();
        QVERIFY(finished.wait(5000));
        const int firstRun = dialog.doneCount();
        QVERIFY(firstRun < 8);
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("batchEta"))->text().contains(QString::number(8 - firstRun)));
        // Start again: only what is left is read.
        const int jobsBefore = int(recognition->paths.size());
        dialog.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(dialog.doneCount(), 8);
        QVERIFY(int(recognition->paths.size()) - jobsBefore <= 8 - firstRun + 2); // the cancelled in-flight ones again
    }

    void folderIsListedRecursively()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("2026/11")));
        for (const QString& name : { QStringLiteral("a.png"), QStringLiteral("2026/b.JPG"),
                 QStringLiteral("2026/11/c.tif"), QStringLiteral("2026/11/notes.txt") }) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        BatchImportDialog dialog(std::make_shared<test::FakeRecognition>());
        dialog.addFolder(dir.path());
        QTRY_COMPARE(dialog.fileCount(), 3);
    }
};

QTEST_MAIN(TestBatchImport)
#include "test_batchimport.moc"
