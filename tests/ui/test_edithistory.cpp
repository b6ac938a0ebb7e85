// SPDX-License-Identifier: GPL-3.0-or-later
// Undo and redo of the pharmacist's edits in the review panel: every kind of edit is one step,
// undo gives back exactly the prescription before it (values, flags, lines), redo the one after.
#include "SyntheticPrescription.h"
#include "pharmdesk/ui/EditHistory.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"

#include <QLineEdit>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

namespace test = pharmdesk::ui::test;
using pharmdesk::ui::EditHistory;
using pharmdesk::ui::HeaderField;
using pharmdesk::ui::PrescriptionItemsModel;
using pharmdesk::ui::PrescriptionPanel;

namespace {
/// Everything the pharmacist can change, as one comparable text.
QString digest(const PrescriptionPanel& panel)
{
    QStringList parts;
    for (HeaderField field : pharmdesk::ui::headerFields())
        parts.append(panel.fieldEdit(field)->text() + (panel.isFieldFlagged(field) ? QStringLiteral("!") : QString()));
    const PrescriptionItemsModel* model = panel.itemsModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < PrescriptionItemsModel::ColumnCount; ++column) {
            cells.append(model->index(row, column).data().toString()
                + (model->isFlagged(row, column) ? QStringLiteral("!") : QString()));
        }
        parts.append(cells.join(QLatin1Char('|')));
    }
    parts.append(QString::number(panel.flaggedCount()));
    return parts.join(QLatin1Char('\n'));
}
} // namespace

class TestEditHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void undoRedo_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::newRow("cell typed") << QStringLiteral("cell");
        QTest::newRow("flagged cell confirmed with Enter") << QStringLiteral("enter");
        QTest::newRow("header field typed") << QStringLiteral("header");
        QTest::newRow("line added") << QStringLiteral("add");
        QTest::newRow("line removed") << QStringLiteral("remove");
        QTest::newRow("line moved down") << QStringLiteral("move");
    }

    void undoRedo()
    {
        QFETCH(QString, edit);
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        EditHistory history(&panel);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QUndoStack* stack = history.stack();
        QVERIFY(!stack->canUndo());
        const QString before = digest(panel);
        QTableView* table = panel.itemsView();
        PrescriptionItemsModel* model = panel.itemsModel();

        if (edit == QLatin1String("cell")) {
            QVERIFY(model->setData(model->index(1, PrescriptionItemsModel::DaysColumn), QStringLiteral("5")));
        } else if (edit == QLatin1String("enter")) {
            table->setFocus();
            table->setCurrentIndex(model->index(1, PrescriptionItemsModel::UsageColumn));
            QTest::keyClick(table, Qt::Key_Return);
        } else if (edit == QLatin1String("header")) {
            QLineEdit* number = panel.fieldEdit(HeaderField::IssueNumber);
            number->setFocus();
            number->setText(QStringLiteral("00043"));
            QTest::keyClick(number, Qt::Key_Return);
        } else if (edit == QLatin1String("add")) {
            table->setCurrentIndex(model->index(0, PrescriptionItemsModel::NameColumn));
            QVERIFY(panel.addLine());
        } else if (edit == QLatin1String("remove")) {
            table->setCurrentIndex(model->index(2, PrescriptionItemsModel::NameColumn));
            QVERIFY(panel.removeCurrentLine());
        } else {
            table->setCurrentIndex(model->index(0, PrescriptionItemsModel::NameColumn));
            QVERIFY(panel.moveCurrentLine(1));
        }
        const QString after = digest(panel);
        QVERIFY(after != before);
        QCOMPARE(stack->count(), 1); // one edit, one step

        stack->undo();
        QCOMPARE(digest(panel), before);
        QVERIFY(stack->canRedo());
        stack->redo();
        QCOMPARE(digest(panel), after);
        // The prescription the panel hands out follows too (what the guide is made from).
        stack->undo();
        QCOMPARE(panel.prescription().items.size(), test::syntheticPrescription().items.size());
        QCOMPARE(panel.prescription().issueNumber.valueOr({}), QStringLiteral("00042"));
    }

    void severalStepsAndReset()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        EditHistory history(&panel);
        PrescriptionItemsModel* model = panel.itemsModel();
        const QString start = digest(panel);
        QVERIFY(model->setData(model->index(1, PrescriptionItemsModel::DaysColumn), QStringLiteral("5")));
        const QString one = digest(panel);
        QVERIFY(model->setData(model->index(1, PrescriptionItemsModel::DaysColumn), QStringLiteral("6")));
        QVERIFY(model->addLine(3) == 3);
        QCOMPARE(history.stack()->count(), 3);
        history.stack()->undo();
        history.stack()->undo();
        QCOMPARE(digest(panel), one);
        history.stack()->undo();
        QCOMPARE(digest(panel), start);
        QVERIFY(!history.stack()->canUndo());
        // A new edit after undoing drops the redo branch.
        QVERIFY(model->setData(model->index(0, PrescriptionItemsModel::DaysColumn), QStringLiteral("4")));
        QVERIFY(!history.stack()->canRedo());
        // Another prescription: a fresh history.
        panel.setPrescription(test::syntheticPrescription());
        history.reset();
        QVERIFY(!history.stack()->canUndo());
    }

    void undoKeepsTheCursor()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        EditHistory history(&panel);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QTableView* table = panel.itemsView();
        const QModelIndex days = panel.itemsModel()->index(1, PrescriptionItemsModel::DaysColumn);
        table->setFocus();
        table->setCurrentIndex(days);
        QVERIFY(panel.itemsModel()->setData(days, QStringLiteral("5")));
        history.stack()->undo();
        QCOMPARE(table->currentIndex(), panel.itemsModel()->index(1, PrescriptionItemsModel::DaysColumn));
        QCOMPARE(panel.itemsModel()->items().at(1).days.valueOr(0), 7);
        QVERIFY(panel.itemsModel()->isFlagged(1, PrescriptionItemsModel::DaysColumn));
    }
};

QTEST_MAIN(TestEditHistory)
#include "test_edithistory.moc"
