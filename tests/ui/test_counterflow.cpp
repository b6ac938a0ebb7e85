// SPDX-License-Identifier: GPL-3.0-or-later
// The counter flow through the real window, keyboard only: an image lands in the inbox →
// recognised in the background (test double) → flagged values fixed by keyboard → F9 → F12 →
// the guide PDF (real renderer) written and the image archived. Prints keystrokes and wall time.
// Also: the queue keeps working while one is reviewed, confirm is refused while values are
// flagged, line editing and undo by keyboard, the DUR panel re-checked off the GUI thread.
#include "FakeServices.h"
#include "pharmdesk/ui/AlertsPanel.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/RendererGuideService.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

namespace core = pharmdesk::core;
namespace test = pharmdesk::ui::test;
namespace ui = pharmdesk::ui;
using ui::MainWindow;
using ui::PrescriptionItemsModel;
using Status = ui::QueueEntry::Status;

namespace {

/// Types `text` as key presses (QTest::keyClicks knows ASCII only) into the focus widget (a table
/// opens its cell editor on the first key); returns the number of keys.
int typeText(const QString& text)
{
    for (const QChar c : text) {
        QWidget* target = QApplication::focusWidget();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QApplication::sendEvent(target, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QApplication::sendEvent(QApplication::focusWidget(), &release);
    }
    return int(text.size());
}

int key(int keyCode, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(QApplication::focusWidget(), Qt::Key(keyCode), modifiers);
    return 1;
}

/// What is on the paper for the synthetic prescription's doubtful cells (row, column → text).
QString paperValue(int row, int column)
{
    if (row == 1 && column == PrescriptionItemsModel::DaysColumn)
        return QStringLiteral("5");
    if (row == 2 && column == PrescriptionItemsModel::CodeColumn)
        return QStringLiteral("671803380");
    if (row == 2 && column == PrescriptionItemsModel::NameColumn)
        return QStringLiteral("아모크라정375밀리그램");
    return {};
}

/// Finds DUR "same product twice" and remembers on which thread it was asked.
class DurCatalog final : public core::DrugCatalog
{
public:
    test::TinyCatalog tiny;
    mutable std::atomic_int calls { 0 };
    mutable std::atomic_bool onGuiThread { false };

    std::optional<core::Product> productByCode(const QString& code) const override { return tiny.productByCode(code); }
    QList<core::ProductMatch> matchName(const QString& q, int limit) const override { return tiny.matchName(q, limit); }
    double nameSimilarity(const QString& q, const core::Product& p) const override { return tiny.nameSimilarity(q, p); }
    std::optional<core::GuideText> guideFor(const core::Product& p) const override { return tiny.guideFor(p); }
    qsizetype productCount() const override { return 2; }
    QList<core::DurAlert> checkDur(const core::Prescription& prescription) const override
    {
        ++calls;
        if (QThread::currentThread() == qApp->thread())
            onGuiThread = true;
        QList<core::DurAlert> alerts;
        for (int a = 0; a < prescription.items.size(); ++a) {
            for (int b = a + 1; b < prescription.items.size(); ++b) {
                const auto& x = prescription.items.at(a).product;
                const auto& y = prescription.items.at(b).product;
                if (x && y && x->id == y->id) {
                    core::DurAlert alert;
                    alert.kind = core::DurAlert::Kind::SameIngredient;
                    alert.severity = core::DurAlert::Severity::Warning;
                    alert.lines = { prescription.items.at(a).line, prescription.items.at(b).line };
                    alert.text = QStringLiteral("동일 성분 중복");
                    alerts.append(alert);
                }
            }
        }
        return alerts;
    }
};

} // namespace

class TestCounterFlow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_image;

    struct Fixture
    {
        std::shared_ptr<test::FakeRecognition> recognition = std::make_shared<test::FakeRecognition>();
        std::shared_ptr<ui::RendererGuideService> guide;
        std::shared_ptr<DurCatalog> catalog = std::make_shared<DurCatalog>();
        std::unique_ptr<MainWindow> window;
        ui::CounterSettings counter;

        explicit Fixture(const QString& root)
        {
            recognition->mode = test::FakeRecognition::Mode::ByName;
            core::PharmacyInfo pharmacy;
            pharmacy.name = QStringLiteral("온누리약국");
            guide = std::make_shared<ui::RendererGuideService>(pharmacy);
            counter.inboxFolder = QDir(root).filePath(QStringLiteral("inbox"));
            counter.inboxSettleMs = 200;
            counter.guideFolder = QDir(root).filePath(QStringLiteral("guides"));
            window = std::make_unique<MainWindow>(
                ui::MainWindowServices { recognition, guide, nullptr }, core::Settings {}, counter);
            window->setCatalog(catalog);
            guide->setCatalog(catalog);
        }
        ui::PrescriptionPanel* panel() const { return window->panel(); }
        const ui::PrescriptionQueue* queue() const { return window->queueController()->queue(); }
        const ui::QueueEntry* current() const { return queue()->entry(window->currentEntry()); }
    };

    bool dropIntoInbox(const Fixture& f, const QString& name) const
    {
        return QFile::copy(m_image, QDir(f.counter.inboxFolder).filePath(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_image = m_dir.filePath(QStringLiteral("page.png"));
        QImage image(1400, 1000, QImage::Format_RGB32);
        image.fill(Qt::white);
        QVERIFY(image.save(m_image));
    }

    void inboxToGuideByKeyboard_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("maxKeys");
        QTest::newRow("clean prescription") << QStringLiteral("rx-clean.png") << 2;
        // Enter on the issue number, 5 + Enter, Enter on the usage, the code, the name, F8 between.
        QTest::newRow("flagged prescription") << QStringLiteral("rx-flagged.png") << 40;
    }

    void inboxToGuideByKeyboard()
    {
        QFETCH(QString, fileName);
        QFETCH(int, maxKeys);
        QTemporaryDir root;
        Fixture f(root.path());
        f.window->show();
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QSignalSpy finished(f.window.get(), &MainWindow::recognitionFinished);
        QSignalSpy delivered(f.window.get(), &MainWindow::guideDelivered);

        QElapsedTimer clock;
        clock.start();
        QVERIFY(dropIntoInbox(f, fileName));
        QVERIFY(finished.wait(10000));
        const qint64 recognisedMs = clock.elapsed();
        QVERIFY(f.current());
        QCOMPARE(f.current()->origin, ui::QueueEntry::Origin::Inbox);

        // Keyboard only. The cursor starts on the first flagged value; each is typed from the
        // paper or confirmed with Enter, F8 to the next; then F9, F12.
        ui::PrescriptionPanel* panel = f.panel();
        int keys = 0;
        for (int guard = 0; guard < 20 && panel->flaggedCount() > 0; ++guard) {
            QWidget* focus = QApplication::focusWidget();
            if (focus == panel->itemsView()) {
                const QModelIndex cell = panel->itemsView()->currentIndex();
                const QString value = paperValue(cell.row(), cell.column());
                if (!value.isEmpty())
                    keys += typeText(value);
                keys += key(Qt::Key_Return);
                QTRY_VERIFY(!panel->itemsModel()->isFlagged(cell.row(), cell.column()));
            } else {
                QVERIFY(qobject_cast<QLineEdit*>(focus));
                keys += key(Qt::Key_Return); // the issue number is right as read
            }
            if (panel->flaggedCount() > 0)
                keys += key(Qt::Key_F8);
        }
        QCOMPARE(panel->flaggedCount(), 0);
        keys += key(Qt::Key_F9);
        QCOMPARE(f.current()->status, Status::Confirmed);
        keys += key(Qt::Key_F12);
        QVERIFY(delivered.wait(30000));
        const qint64 guideMs = clock.elapsed();
        QVERIFY(delivered.first().at(1).toBool());
        const QString pdf = delivered.first().at(2).toString();
        QVERIFY(pdf.startsWith(f.counter.guideFolder));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        const ui::QueueEntry* entry = f.queue()->entry(delivered.first().at(0).toULongLong());
        QCOMPARE(entry->status, Status::GuidePrinted);
        QVERIFY(entry->guideMs > 0);
        // The confirmed prescription went out: nothing left for review, line 2 as corrected.
        QVERIFY(!entry->edited->needsReview());
        if (entry->edited->items.size() > 1)
            QCOMPARE(entry->edited->items.at(1).days.valueOr(0), 5);
        // Read, so archived out of the inbox.
        QTRY_VERIFY(entry->source.contains(ui::InboxWatcher::archiveSubfolderName()));
        QVERIFY(!QFile::exists(QDir(f.counter.inboxFolder).filePath(fileName)));
        QVERIFY(keys <= maxKeys);
        qInfo("%s: %d keystrokes; recognised after %lld ms, guide written %lld ms after the file arrived",
            qPrintable(fileName), keys, recognisedMs, guideMs);
    }

    void queueKeepsWorkingWhileReviewing()
    {
        QTemporaryDir root;
        Fixture f(root.path());
        f.window->show();
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QSignalSpy finished(f.window.get(), &MainWindow::recognitionFinished);
        f.window->openImage(m_image.section(QLatin1Char('/'), 0, -2) + QStringLiteral("/page.png"));
        QVERIFY(finished.wait(5000));
        const quint64 first = f.window->currentEntry();
        // Two more arrive while the first (flagged) is under review: both recognised in the
        // background, the pharmacist is not interrupted.
        QVERIFY(dropIntoInbox(f, QStringLiteral("second-clean.png")));
        QVERIFY(dropIntoInbox(f, QStringLiteral("third-clean.png")));
        QTRY_COMPARE_WITH_TIMEOUT(f.queue()->countWith(Status::Recognised), 2, 10000);
        QCOMPARE(f.window->currentEntry(), first);
        QCOMPARE(f.queue()->count(), 3);

        // F9 is refused while values are flagged, and the cursor goes to one of them.
        QVERIFY(f.panel()->flaggedCount() > 0);
        key(Qt::Key_F9);
        QCOMPARE(f.current()->status, Status::NeedsReview);
        key(Qt::Key_F12);
        QSignalSpy delivered(f.window.get(), &MainWindow::guideDelivered);
        QTest::qWait(100);
        QCOMPARE(delivered.count(), 0);

        // F6 goes to the next one waiting; F9 F12 there moves on to the third by itself.
        key(Qt::Key_F6);
        const quint64 second = f.window->currentEntry();
        QVERIFY(second != first);
        QCOMPARE(f.panel()->flaggedCount(), 0);
        key(Qt::Key_F9);
        key(Qt::Key_F12);
        QVERIFY(delivered.wait(30000));
        QCOMPARE(f.queue()->entry(second)->status, Status::GuidePrinted);
        QVERIFY(f.window->currentEntry() != second);
        QVERIFY(f.window->currentEntry() != 0);
        // The first one kept what it was: still waiting, nothing lost.
        QCOMPARE(f.queue()->entry(first)->status, Status::NeedsReview);
    }

    void editAfterConfirmNeedsConfirmAgain()
    {
        QTemporaryDir root;
        Fixture f(root.path());
        f.window->show();
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QSignalSpy finished(f.window.get(), &MainWindow::recognitionFinished);
        const QString clean = m_dir.filePath(QStringLiteral("clean-1.png"));
        QVERIFY(QFile::exists(clean) || QFile::copy(m_image, clean));
        f.window->openImage(clean);
        QVERIFY(finished.wait(5000));
        key(Qt::Key_F9);
        QCOMPARE(f.current()->status, Status::Confirmed);
        QTableView* table = f.panel()->itemsView();
        table->setFocus();
        table->setCurrentIndex(f.panel()->itemsModel()->index(0, PrescriptionItemsModel::DaysColumn));
        typeText(QStringLiteral("4"));
        key(Qt::Key_Return);
        QTRY_COMPARE(f.current()->status, Status::Recognised);
        QCOMPARE(f.current()->edited->items.at(0).days.valueOr(0), 4);
    }

    void linesAndUndoByKeyboard()
    {
        QTemporaryDir root;
        Fixture f(root.path());
        f.window->show();
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QSignalSpy finished(f.window.get(), &MainWindow::recognitionFinished);
        f.window->openImage(m_image);
        QVERIFY(finished.wait(5000));
        PrescriptionItemsModel* model = f.panel()->itemsModel();
        QTableView* table = f.panel()->itemsView();
        table->setFocus();
        table->setCurrentIndex(model->index(0, PrescriptionItemsModel::NameColumn));
        const QString firstLine = model->items().at(0).rawText;

        key(Qt::Key_Insert, Qt::ControlModifier); // a line after the first, cursor on its name
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(table->currentIndex().row(), 1);
        QVERIFY(model->isFlagged(1, PrescriptionItemsModel::NameColumn));
        key(Qt::Key_Up, Qt::AltModifier); // moved to the top
        QCOMPARE(table->currentIndex().row(), 0);
        QCOMPARE(model->items().at(1).rawText, firstLine);
        QCOMPARE(model->items().at(0).line, 1);
        key(Qt::Key_Delete, Qt::ControlModifier);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->items().at(0).rawText, firstLine);
        QCOMPARE(f.window->undoStack()->count(), 3);

        key(Qt::Key_Z, Qt::ControlModifier); // the deletion undone
        QCOMPARE(model->rowCount(), 4);
        key(Qt::Key_Z, Qt::ControlModifier); // the move
        key(Qt::Key_Z, Qt::ControlModifier); // the insertion
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->items().at(0).rawText, firstLine);
        QVERIFY(!f.window->undoStack()->canUndo());
        key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(model->rowCount(), 4);
    }

    void durPanelIsCheckedAgainAfterEdits()
    {
        QTemporaryDir root;
        Fixture f(root.path());
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        QSignalSpy finished(f.window.get(), &MainWindow::recognitionFinished);
        f.window->openImage(m_image);
        QVERIFY(finished.wait(5000));
        QListWidget* alerts = f.window->alertsPanel()->list();
        // Lines 1 and 2 are both Tylenol: one finding, naming them.
        QTRY_COMPARE(alerts->count(), 1);
        QVERIFY(alerts->item(0)->text().contains(QStringLiteral("1, 2")));
        // Line 3 typed as Tylenol too: checked again, three pairs now.
        PrescriptionItemsModel* model = f.panel()->itemsModel();
        QVERIFY(model->setData(model->index(2, PrescriptionItemsModel::CodeColumn), QStringLiteral("645301230")));
        QTRY_COMPARE(alerts->count(), 3);
        QVERIFY(alerts->item(2)->text().contains(QStringLiteral("2, 3")));
        QCOMPARE(f.panel()->prescription().alerts.size(), 3); // kept with it for the guide
        // Activating a finding puts the cursor on its first line.
        alerts->setCurrentRow(2);
        Q_EMIT alerts->itemActivated(alerts->item(2));
        QCOMPARE(f.panel()->itemsView()->currentIndex().row(), 1);
        // Line removed: checked again.
        f.panel()->removeCurrentLine();
        QTRY_COMPARE(alerts->count(), 1);
        // Undone: back to three.
        f.window->undoStack()->undo();
        QTRY_COMPARE(alerts->count(), 3);
        QVERIFY(!f.catalog->onGuiThread);
    }
};

QTEST_MAIN(TestCounterFlow)
#include "test_counterflow.moc"
