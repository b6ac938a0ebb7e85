// SPDX-License-Identifier: GPL-3.0-or-later
// The window over the real services (drug cache built in a temporary data directory, Tesseract,
// guide renderer) on the bundled samples, as at the counter: the image lands in the watched inbox
// → recognised → every flagged value fixed or confirmed by keyboard against the ground truth →
// F9 → F12 → guide PDF written. Prints keystrokes and wall time from arrival to written guide.
#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/ui/AppServices.h"
#include "pharmdesk/ui/DrugNameDelegate.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/InboxWatcher.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace core = pharmdesk::core;
namespace ui = pharmdesk::ui;
using ui::HeaderField;
using ui::PrescriptionItemsModel;

namespace {

/// Types `text` as key presses (QTest::keyClicks knows ASCII only), the first into `widget`, the
/// rest wherever the focus then is (a table opens its cell editor on the first key); returns
/// the number of keys.
int typeText(QWidget* widget, const QString& text)
{
    QWidget* target = widget;
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QApplication::sendEvent(target, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QApplication::sendEvent(target, &release);
        target = QApplication::focusWidget() ? QApplication::focusWidget() : widget;
    }
    return int(text.size());
}

} // namespace

class TestGuiEndToEnd : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_data.isValid()); }

    void sampleToGuide_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("statutory form, clean") << QStringLiteral("sample-statutory-clean.png");
        QTest::newRow("statutory form, scanned") << QStringLiteral("sample-statutory-scan.jpg");
        QTest::newRow("hospital print, clean") << QStringLiteral("sample-hospital-clean.png");
        QTest::newRow("hospital print, scanned") << QStringLiteral("sample-hospital-scan.jpg");
    }

    void sampleToGuide()
    {
        QFETCH(QString, sample);
        const QString samples = QStringLiteral(PHARMDESK_RESOURCES_DIR "/samples/");
        const QString image = samples + sample;
        QVERIFY2(QFile::exists(image), qPrintable(image));
        const auto truthResult = core::json::readImportResult(
            samples + sample.section(QLatin1Char('.'), 0, 0) + QStringLiteral(".truth.json"));
        QVERIFY2(truthResult.ok(), qPrintable(truthResult.ok() ? QString() : truthResult.error().toString()));
        const core::Prescription truth = *truthResult->prescription;

        auto dataDirectory = core::DataDirectory::open(m_data.path());
        QVERIFY(dataDirectory.ok());
        core::Settings settings;
        settings.pharmacy.name = QStringLiteral("온누리약국");
        const ui::AppServices services = ui::createAppServices(*dataDirectory, settings);
        QTemporaryDir counterRoot;
        ui::CounterSettings counter;
        counter.inboxFolder = counterRoot.filePath(QStringLiteral("inbox"));
        counter.inboxSettleMs = 300;
        counter.guideFolder = counterRoot.filePath(QStringLiteral("guides"));
        ui::MainWindow window(services.forWindow(), settings, counter);
        ui::deliverDrugCache(services, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // The drug cache is open before the clock starts, as at a counter that has been running.
        QTRY_VERIFY_WITH_TIMEOUT(services.drugCache.isFinished(), 300000);

        QElapsedTimer clock;
        clock.start();
        QSignalSpy finished(&window, &ui::MainWindow::recognitionFinished);
        QVERIFY(QFile::copy(image, QDir(counter.inboxFolder).filePath(sample)));
        QVERIFY(finished.wait(300000));
        const qint64 recognisedMs = clock.elapsed();
        const core::ImportResult& result = *window.lastResult();
        QVERIFY2(result.status != core::ImportResult::Status::Failed,
            qPrintable(result.error ? result.error->toString() : QString()));

        // The table shows what recognition produced, and on these samples that is every drug line.
        ui::PrescriptionPanel* panel = window.panel();
        PrescriptionItemsModel* model = panel->itemsModel();
        QCOMPARE(model->rowCount(), result.prescription->items.size());
        QCOMPARE(model->rowCount(), truth.items.size());
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row, PrescriptionItemsModel::CodeColumn).data().toString(),
                result.prescription->items.at(row).ediCode.valueOr({}));
        }
        QTRY_VERIFY(window.imageView()->hasImage());

        // Review by keyboard only: the cursor starts on the first flagged value; type the truth
        // (or keep the value) and press Enter, F8 to the next; the resident number cannot be typed.
        PrescriptionItemsModel truthModel;
        truthModel.setItems(truth.items);
        const int flaggedAtStart = panel->flaggedCount();
        int keystrokes = 0;
        for (int guard = 0; guard < 80 && panel->flaggedCount() > 0; ++guard) {
            QWidget* focus = QApplication::focusWidget();
            QVERIFY(focus);
            bool handled = false;
            for (HeaderField field : ui::headerFields()) {
                if (panel->fieldEdit(field) != focus || !ui::headerFieldEditable(field))
                    continue;
                const QString value = ui::headerFieldText(truth, field);
                if (static_cast<QLineEdit*>(focus)->text() != value) {
                    QTest::keyClick(focus, Qt::Key_A, Qt::ControlModifier);
                    keystrokes += 1 + typeText(focus, value);
                }
                QTest::keyClick(focus, Qt::Key_Return);
                ++keystrokes;
                QVERIFY2(!panel->isFieldFlagged(field), qPrintable(ui::headerFieldKey(field)));
                handled = true;
            }
            if (focus == panel->itemsView()) {
                const QModelIndex cell = panel->itemsView()->currentIndex();
                const QString value
                    = truthModel.index(cell.row(), cell.column()).data(Qt::EditRole).toString();
                if (value.isEmpty() || value == cell.data(Qt::EditRole).toString()) {
                    QTest::keyClick(focus, Qt::Key_Return); // confirms the value as read
                    ++keystrokes;
                } else {
                    keystrokes += typeText(focus, value);
                    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
                    ++keystrokes;
                }
                QTRY_VERIFY2(!model->isFlagged(cell.row(), cell.column()),
                    qPrintable(
                        QStringLiteral("row %1 column %2: typed \"%3\", shows \"%4\" (%5)")
                            .arg(cell.row())
                            .arg(cell.column())
                            .arg(value, cell.data().toString(), cell.data(Qt::ToolTipRole).toString())));
                handled = true;
            }
            if (!handled && focus != panel->fieldEdit(HeaderField::PatientRrn))
                QFAIL("F8 left the focus outside the prescription");
            if (panel->flaggedCount() == (panel->isFieldFlagged(HeaderField::PatientRrn) ? 1 : 0))
                break;
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F8);
            ++keystrokes;
        }
        QCOMPARE(panel->flaggedCount(), panel->isFieldFlagged(HeaderField::PatientRrn) ? 1 : 0);
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto& item = model->items().at(row);
            QCOMPARE(item.days.valueOr(0), truth.items.at(row).days.valueOr(0));
            QCOMPARE(item.timesPerDay.valueOr(0), truth.items.at(row).timesPerDay.valueOr(0));
        }

        // The name editor searches the cache on every key (on the pool). Every query finds
        // something; the time is reported, not asserted (it depends on the machine's load).
        const auto cache = services.drugCache.result().cache;
        QVERIFY(cache);
        const QStringList queries { QStringLiteral("ㅌㅇㄹㄴ"), QStringLiteral("타이레놀"),
            QStringLiteral("6453"), QStringLiteral("아목시"), QStringLiteral("ㅇ") };
        QElapsedTimer searchClock;
        searchClock.start();
        for (const QString& query : queries)
            QVERIFY2(
                !cache->search(query, ui::DrugNameDelegate::kMaxCompletions).isEmpty(), qPrintable(query));
        const double searchMs = double(searchClock.nsecsElapsed()) / 1e6 / double(queries.size());

        // Confirm (F9) and put out the guide of the corrected prescription (F12).
        QSignalSpy delivered(&window, &ui::MainWindow::guideDelivered);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F9);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F12);
        keystrokes += 2;
        QVERIFY(delivered.wait(60000));
        const qint64 guideMs = clock.elapsed();
        QVERIFY(delivered.first().at(1).toBool());
        QFile file(delivered.first().at(2).toString());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        qInfo("%s: recognised %.1f s after arrival, %d flagged values, %d keystrokes, guide written %.1f s "
              "after arrival; drug search %.2f ms",
            qPrintable(sample), recognisedMs / 1000.0, flaggedAtStart, keystrokes, guideMs / 1000.0, searchMs);
    }
};

QTEST_MAIN(TestGuiEndToEnd)
#include "test_guiendtoend.moc"
