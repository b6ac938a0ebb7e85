// SPDX-License-Identifier: GPL-3.0-or-later
// The review flow through MainWindow, with test doubles at the RecognitionService and GuideService
// seams: open → result shown → flagged cell highlighted → fixed by keyboard → guide exported.
#include "FakeServices.h"
#include "SyntheticPrescription.h"
#include "pharmdesk/ui/GuideService.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/RecognitionService.h"
#include "pharmdesk/ui/ReviewText.h"

#include <QAction>
#include <QBrush>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QMutex>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

using pharmdesk::core::CancelToken;
using pharmdesk::core::ImportResult;
using pharmdesk::ui::MainWindow;
using pharmdesk::ui::PrescriptionItemsModel;
namespace core = pharmdesk::core;
namespace test = pharmdesk::ui::test;

using test::FakeGuide;
using test::FakeRecognition;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_image;

    struct Fixture
    {
        std::shared_ptr<FakeRecognition> recognition = std::make_shared<FakeRecognition>();
        std::shared_ptr<FakeGuide> guide = std::make_shared<FakeGuide>();
        std::unique_ptr<MainWindow> window;

        Fixture()
        {
            window = std::make_unique<MainWindow>(
                pharmdesk::ui::MainWindowServices { recognition, guide, nullptr }, core::Settings {});
        }
        QLabel* status() const { return window->findChild<QLabel*>(QStringLiteral("recognitionStatus")); }
        QAction* action(const char* name) const { return window->findChild<QAction*>(QLatin1String(name)); }
    };

    static bool waitForResult(MainWindow& window)
    {
        QSignalSpy finished(&window, &MainWindow::recognitionFinished);
        return !window.isRecognising() || finished.wait(5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_image = m_dir.filePath(QStringLiteral("rx.png"));
        QImage image(1400, 1000, QImage::Format_RGB32);
        image.fill(Qt::white);
        QVERIFY(image.save(m_image));
    }

    void reviewFlowByKeyboard()
    {
        Fixture f;
        MainWindow& window = *f.window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!f.action("printPreviewAction")->isEnabled());

        window.openImage(m_image);
        QVERIFY(window.isRecognising());
        QVERIFY(f.action("cancelAction")->isEnabled());
        QVERIFY(window.findChild<QProgressBar*>(QStringLiteral("recognitionProgress"))->isVisible());
        QVERIFY(waitForResult(window));
        QCOMPARE(f.recognition->paths, QStringList { m_image });
        QVERIFY(!window.findChild<QProgressBar*>(QStringLiteral("recognitionProgress"))->isVisible());
        QVERIFY(!f.action("cancelAction")->isEnabled());
        QVERIFY(f.action("exportPdfAction")->isEnabled());

        // The result is on screen, the image beside it with the regions outlined.
        auto* panel = window.panel();
        QCOMPARE(panel->itemsModel()->rowCount(), 3);
        QCOMPARE(panel->fieldEdit(pharmdesk::ui::HeaderField::PatientName)->text(), QStringLiteral("홍길동"));
        QTRY_VERIFY(window.imageView()->hasImage());
        QCOMPARE(window.imageView()->imageSize(), QSize(1400, 1000));
        QVERIFY(!window.imageView()->regions().isEmpty());
        QVERIFY2(
            f.status()->text().contains(QStringLiteral("확인 필요 5개")), qPrintable(f.status()->text()));

        // The cursor starts on the first doubtful value (the issue number), its region emphasised
        // on the image whichever of image and result arrived first; F8 moves to the next.
        QCOMPARE(QApplication::focusWidget(), panel->fieldEdit(pharmdesk::ui::HeaderField::IssueNumber));
        QTRY_COMPARE(window.imageView()->highlightedBox(), QRect(450, 200, 200, 36));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F8);
        QTableView* table = panel->itemsView();
        const QModelIndex days = panel->itemsModel()->index(1, PrescriptionItemsModel::DaysColumn);
        QCOMPARE(QApplication::focusWidget(), table);
        QCOMPARE(table->currentIndex(), days);
        QCOMPARE(
            days.data(Qt::BackgroundRole).value<QBrush>().color(), pharmdesk::ui::reviewHighlightColor());
        QVERIFY(days.data(Qt::ToolTipRole).toString().contains(QStringLiteral("인식 신뢰도 낮음")));
        QCOMPARE(window.imageView()->highlightedBox(), QRect(980, 750, 60, 40));

        // Typing replaces the value; Enter commits it and the flag goes.
        QTest::keyClicks(table, QStringLiteral("5"));
        QVERIFY(QApplication::focusWidget() != table); // the cell editor is open
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(days.data().toString(), QStringLiteral("5")); // the delegate commits queued
        QVERIFY(!days.data(Qt::BackgroundRole).isValid());
        QCOMPARE(panel->itemsModel()->items().at(1).days.valueOr(0), 5);
        QVERIFY2(
            f.status()->text().contains(QStringLiteral("확인 필요 4개")), qPrintable(f.status()->text()));
        QVERIFY(window.isWindowModified());

        // Ctrl+. is the second key for the same jump: on to the doubtful usage, which is right as
        // read: Enter confirms it without retyping.
        QTest::keyClick(table, Qt::Key_Period, Qt::ControlModifier);
        const QModelIndex usage = panel->itemsModel()->index(1, PrescriptionItemsModel::UsageColumn);
        QCOMPARE(table->currentIndex(), usage);
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(!panel->itemsModel()->isFlagged(1, PrescriptionItemsModel::UsageColumn));
        QCOMPARE(usage.data().toString(), QStringLiteral("식후 30분"));
        QVERIFY2(
            f.status()->text().contains(QStringLiteral("확인 필요 3개")), qPrintable(f.status()->text()));

        // The guide is made from the prescription as corrected.
        QSignalSpy exported(&window, &MainWindow::guideExported);
        const QString pdf = m_dir.filePath(QStringLiteral("guide.pdf"));
        window.exportGuidePdf(pdf);
        QVERIFY(exported.wait(5000));
        QCOMPARE(exported.first().at(0).toBool(), true);
        QVERIFY(QFile::exists(pdf));
        QCOMPARE(f.guide->exported.size(), 1);
        QCOMPARE(f.guide->exported.first().items.at(1).days.valueOr(0), 5);
    }

    void failureIsShown()
    {
        Fixture f;
        f.recognition->mode = FakeRecognition::Mode::Fail;
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        f.window->openImage(m_image);
        QVERIFY(waitForResult(*f.window));
        QVERIFY2(f.status()->text().contains(QStringLiteral("이미지 파일이 아닙니다.")),
            qPrintable(f.status()->text()));
        auto* box = f.window->findChild<QMessageBox*>(QStringLiteral("errorMessageBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QCOMPARE(box->text(), QStringLiteral("이미지 파일이 아닙니다."));
        QVERIFY(!f.window->panel()->hasPrescription());
        QVERIFY(!f.action("printPreviewAction")->isEnabled());
        box->close();
    }

    void cancelStopsTheJob()
    {
        Fixture f;
        f.recognition->mode = FakeRecognition::Mode::WaitForCancel;
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        f.window->openImage(m_image);
        QVERIFY(f.window->isRecognising());
        f.action("cancelAction")->trigger();
        QVERIFY(f.recognition->tokens.first().isCancelled());
        QVERIFY(waitForResult(*f.window));
        QVERIFY(f.status()->text().contains(QStringLiteral("취소")));
        QVERIFY(!f.window->findChild<QMessageBox*>(QStringLiteral("errorMessageBox")));
    }

    void openingAnotherImageQueuesBoth()
    {
        // A second image while the first is still being read: both are queued, neither is
        // cancelled, and the one opened last is on screen.
        Fixture f;
        f.recognition->delayMs = 150;
        f.window->openImage(m_image);
        const QString second = m_dir.filePath(QStringLiteral("second.png"));
        QVERIFY(QFile::exists(second) || QFile::copy(m_image, second));
        f.window->openImage(second);
        QVERIFY(!f.recognition->tokens.first().isCancelled());
        QCOMPARE(f.window->queueController()->queue()->count(), 2);
        QSignalSpy finished(f.window.get(), &MainWindow::recognitionFinished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1); // only the one on screen reports
        QCOMPARE(f.window->lastResult()->source, second);
        QVERIFY(f.window->panel()->hasPrescription());
        QVERIFY(f.window->windowTitle().contains(QStringLiteral("second.png")));
        // The first one was recognised in the background and waits for review.
        const auto* queue = f.window->queueController()->queue();
        QTRY_COMPARE(queue->entry(queue->idAt(0))->status, pharmdesk::ui::QueueEntry::Status::NeedsReview);
        QCOMPARE(finished.count(), 1);
    }

    void dropOpensImage_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("png") << QStringLiteral("rx.png") << true;
        QTest::newRow("upper-case JPEG") << QStringLiteral("RX.JPG") << true;
        QTest::newRow("tiff") << QStringLiteral("scan.tiff") << true;
        QTest::newRow("text file") << QStringLiteral("notes.txt") << false;
    }

    void dropOpensImage()
    {
        QFETCH(QString, fileName);
        QFETCH(bool, accepted);
        Fixture f;
        const QString path = m_dir.filePath(fileName);
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(f.window.get(), &enter);
        QCOMPARE(enter.isAccepted(), accepted);
        if (!accepted)
            return;
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(f.window.get(), &drop);
        QCOMPARE(f.recognition->paths, QStringList { path });
        QVERIFY(waitForResult(*f.window));
    }

    void imageViewZoomAndRotate()
    {
        Fixture f;
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        f.window->openImage(m_image);
        QVERIFY(waitForResult(*f.window));
        auto* view = f.window->imageView();
        QTRY_VERIFY(view->hasImage());
        QVERIFY(view->isFitted());
        const double fitted = view->zoomFactor();
        QTest::keyClick(f.window.get(), Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(!view->isFitted());
        QCOMPARE(view->zoomFactor(), fitted * 1.25);
        QTest::keyClick(f.window.get(), Qt::Key_0, Qt::ControlModifier);
        QVERIFY(view->isFitted());
        QCOMPARE(view->zoomFactor(), fitted);
        QTest::keyClick(f.window.get(), Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(view->rotation(), 90);
        // Turned on its side and still fitted: the landscape page now stands upright in the view.
        const QRect shown = view->mapFromScene(view->sceneRect()).boundingRect();
        QVERIFY2(shown.height() > shown.width(),
            qPrintable(QStringLiteral("%1x%2").arg(shown.width()).arg(shown.height())));
        QVERIFY(shown.width() <= view->viewport()->width() && shown.height() <= view->viewport()->height());
        QVERIFY(shown.width() >= view->viewport()->width() - 8
            || shown.height() >= view->viewport()->height() - 8);
    }

    void printPreviewPaintsTheGuide()
    {
        Fixture f;
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        f.window->openImage(m_image);
        QVERIFY(waitForResult(*f.window));
        f.action("printPreviewAction")->trigger();
        QTRY_VERIFY(f.guide->painted > 0);
        const auto dialogs = f.window->findChildren<QDialog*>();
        QVERIFY(!dialogs.isEmpty());
        for (QDialog* dialog : dialogs)
            dialog->close();
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
