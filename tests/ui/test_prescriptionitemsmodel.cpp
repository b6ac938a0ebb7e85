// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyntheticPrescription.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/ReviewText.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

using pharmdesk::core::ReviewReason;
using pharmdesk::ui::PrescriptionItemsModel;
namespace test = pharmdesk::ui::test;

class TestPrescriptionItemsModel : public QObject
{
    Q_OBJECT

private:
    static void fill(PrescriptionItemsModel& model)
    {
        model.setItems({ test::cleanItem(), test::doubtfulDaysItem(), test::unmatchedItem() });
    }

private Q_SLOTS:
    void confidenceIsShownRoundedDown_data()
    {
        QTest::addColumn<double>("confidence");
        QTest::addColumn<QString>("text");
        QTest::newRow("just under a 90% threshold") << 0.897 << "89%";
        QTest::newRow("exactly the threshold") << 0.90 << "90%";
        QTest::newRow("certain") << 1.0 << "100%";
        QTest::newRow("out of range is clamped") << 1.7 << "100%";
        QTest::newRow("nothing") << 0.0 << "0%";
    }
    void confidenceIsShownRoundedDown()
    {
        QFETCH(double, confidence);
        QFETCH(QString, text);
        QCOMPARE(pharmdesk::ui::percentText(confidence), text);
    }

    void passesModelTester()
    {
        PrescriptionItemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(PrescriptionItemsModel::ColumnCount));
        QVERIFY(model.setData(model.index(1, PrescriptionItemsModel::DaysColumn), QStringLiteral("5")));
        QVERIFY(
            !model.setData(model.index(1, PrescriptionItemsModel::ConfidenceColumn), QStringLiteral("1")));
        model.setReviewThreshold(0.5);
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void display_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("display");
        QTest::newRow("line number") << 1 << int(PrescriptionItemsModel::StatusColumn) << QStringLiteral("2");
        QTest::newRow("code as read")
            << 0 << int(PrescriptionItemsModel::CodeColumn) << QStringLiteral("645301230");
        QTest::newRow("matched product name") << 0 << int(PrescriptionItemsModel::NameColumn)
                                              << QStringLiteral("타이레놀정500밀리그람(아세트아미노펜)");
        QTest::newRow("unmatched name as read")
            << 2 << int(PrescriptionItemsModel::NameColumn) << QStringLiteral("아목크라정37?밀리그램");
        QTest::newRow("code never read is empty")
            << 2 << int(PrescriptionItemsModel::CodeColumn) << QString();
        QTest::newRow("dose with unit")
            << 0 << int(PrescriptionItemsModel::DoseColumn) << QStringLiteral("1정");
        QTest::newRow("times per day")
            << 2 << int(PrescriptionItemsModel::TimesPerDayColumn) << QStringLiteral("2");
        QTest::newRow("days") << 1 << int(PrescriptionItemsModel::DaysColumn) << QStringLiteral("7");
        QTest::newRow("usage") << 0 << int(PrescriptionItemsModel::UsageColumn)
                               << QStringLiteral("식후 30분");
        QTest::newRow("line confidence")
            << 1 << int(PrescriptionItemsModel::ConfidenceColumn) << QStringLiteral("52%");
    }

    void display()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, display);
        PrescriptionItemsModel model;
        fill(model);
        QCOMPARE(model.index(row, column).data(Qt::DisplayRole).toString(), display);
        QCOMPARE(model.index(row, column).data(Qt::EditRole).toString(), display);
    }

    void flags_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("flagged");
        QTest::addColumn<QString>("tooltipPart");
        QTest::newRow("clean code") << 0 << int(PrescriptionItemsModel::CodeColumn) << false << QString();
        QTest::newRow("clean days") << 0 << int(PrescriptionItemsModel::DaysColumn) << false << QString();
        QTest::newRow("days with low_confidence reason") << 1 << int(PrescriptionItemsModel::DaysColumn)
                                                         << true << QStringLiteral("인식 신뢰도 낮음 (55%)");
        QTest::newRow("usage below threshold without reason")
            << 1 << int(PrescriptionItemsModel::UsageColumn) << true
            << QStringLiteral("인식 신뢰도 60% (기준 90%)");
        QTest::newRow("whole-line no_match lands on the name")
            << 2 << int(PrescriptionItemsModel::NameColumn) << true << QStringLiteral("일치하는 약품 없음");
        QTest::newRow("missing code")
            << 2 << int(PrescriptionItemsModel::CodeColumn) << true << QStringLiteral("값을 읽지 못함");
        QTest::newRow("times of an unmatched line")
            << 2 << int(PrescriptionItemsModel::TimesPerDayColumn) << false << QString();
        QTest::newRow("confidence column never")
            << 2 << int(PrescriptionItemsModel::ConfidenceColumn) << false << QString();
    }

    void flags()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(bool, flagged);
        QFETCH(QString, tooltipPart);
        PrescriptionItemsModel model;
        fill(model);
        const QModelIndex index = model.index(row, column);
        QCOMPARE(model.isFlagged(row, column), flagged);
        QCOMPARE(index.data(PrescriptionItemsModel::FlaggedRole).toBool(), flagged);
        const QVariant background = index.data(Qt::BackgroundRole);
        if (flagged) {
            QCOMPARE(background.value<QBrush>().color(), pharmdesk::ui::reviewHighlightColor());
            QVERIFY2(index.data(Qt::ToolTipRole).toString().contains(tooltipPart),
                qPrintable(index.data(Qt::ToolTipRole).toString()));
        } else {
            QVERIFY(!background.isValid());
        }
    }

    void lineStatus()
    {
        PrescriptionItemsModel model;
        fill(model);
        QVERIFY(!model.lineNeedsReview(0));
        QVERIFY(model.lineNeedsReview(1));
        QVERIFY(model.lineNeedsReview(2));
        QCOMPARE(model.flaggedCellCount(), 4);
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isNull());
        // The status cell's tooltip lists every reason of the line.
        const QString tip
            = model.index(2, PrescriptionItemsModel::StatusColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("일치하는 약품 없음")));
        QVERIFY(tip.contains(QStringLiteral("값을 읽지 못함")));
        QCOMPARE(model.index(2, PrescriptionItemsModel::StatusColumn)
                     .data(PrescriptionItemsModel::ReviewReasonsRole)
                     .toStringList(),
            QStringList({ QStringLiteral("no_match"), QStringLiteral("missing:edi_code") }));
    }

    void wholeLineReasonFlagsStatusColumn()
    {
        PrescriptionItemsModel model;
        auto item = test::cleanItem();
        item.reviewReasons = { { ReviewReason::Kind::TotalMismatch, QString(), QString() } };
        model.setItems({ item });
        QVERIFY(model.isFlagged(0, PrescriptionItemsModel::StatusColumn));
        QVERIFY(!model.isFlagged(0, PrescriptionItemsModel::DoseColumn));
        // Correcting the dose settles the total disagreement.
        QVERIFY(model.setData(model.index(0, PrescriptionItemsModel::DoseColumn), QStringLiteral("2")));
        QVERIFY(!model.lineNeedsReview(0));
    }

    void boxes()
    {
        PrescriptionItemsModel model;
        fill(model);
        QCOMPARE(
            model.index(1, PrescriptionItemsModel::DaysColumn).data(PrescriptionItemsModel::BoxRole).toRect(),
            QRect(980, 750, 60, 40));
        // A field without its own box falls back to the line's box.
        QCOMPARE(
            model.index(2, PrescriptionItemsModel::DoseColumn).data(PrescriptionItemsModel::BoxRole).toRect(),
            QRect(100, 800, 1200, 40));
    }

    void editClearsFlag_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("display");
        QTest::newRow("days") << 1 << int(PrescriptionItemsModel::DaysColumn) << QStringLiteral("5")
                              << QStringLiteral("5");
        QTest::newRow("usage") << 1 << int(PrescriptionItemsModel::UsageColumn) << QStringLiteral("식전 30분")
                               << QStringLiteral("식전 30분");
        QTest::newRow("code with spaces") << 2 << int(PrescriptionItemsModel::CodeColumn)
                                          << QStringLiteral("671 803 380") << QStringLiteral("671803380");
        QTest::newRow("dose as a fraction") << 1 << int(PrescriptionItemsModel::DoseColumn)
                                            << QStringLiteral("1/2") << QStringLiteral("0.5정");
        QTest::newRow("dose with new unit") << 1 << int(PrescriptionItemsModel::DoseColumn)
                                            << QStringLiteral("2.5 mL") << QStringLiteral("2.5mL");
    }

    void editClearsFlag()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, text);
        QFETCH(QString, display);
        PrescriptionItemsModel model;
        fill(model);
        const auto before = model.items().at(row).reviewReasons;
        QSignalSpy changed(&model, &PrescriptionItemsModel::reviewStateChanged);
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(model.index(row, column), text));
        QCOMPARE(model.index(row, column).data().toString(), display);
        QVERIFY(!model.isFlagged(row, column));
        QVERIFY(!model.index(row, column).data(Qt::BackgroundRole).isValid());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(dataChanged.count(), 1);
        // Only the edited field's reasons go; the line's other reasons stay.
        const QString key = PrescriptionItemsModel::fieldKey(column);
        for (const ReviewReason& reason : before) {
            const bool kept = model.items().at(row).reviewReasons.contains(reason);
            QCOMPARE(kept, PrescriptionItemsModel::columnForReason(reason) != column);
        }
    }

    void editStoresHandEnteredValue()
    {
        PrescriptionItemsModel model;
        fill(model);
        QVERIFY(model.setData(model.index(1, PrescriptionItemsModel::DaysColumn), QStringLiteral("14")));
        const auto& item = model.items().at(1);
        QCOMPARE(item.days.valueOr(0), 14);
        QCOMPARE(item.days.confidence, 1.0);
        QCOMPARE(item.days.box, QRect(980, 750, 60, 40));
        QVERIFY(item.reviewReasons.isEmpty());
    }

    void rejectsInvalidEdit_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::newRow("8-digit code")
            << int(PrescriptionItemsModel::CodeColumn) << QStringLiteral("12345678");
        QTest::newRow("letters in code")
            << int(PrescriptionItemsModel::CodeColumn) << QStringLiteral("64530123O");
        QTest::newRow("empty name") << int(PrescriptionItemsModel::NameColumn) << QString();
        QTest::newRow("dose not a number")
            << int(PrescriptionItemsModel::DoseColumn) << QStringLiteral("한알");
        QTest::newRow("dose zero") << int(PrescriptionItemsModel::DoseColumn) << QStringLiteral("0");
        QTest::newRow("times zero") << int(PrescriptionItemsModel::TimesPerDayColumn) << QStringLiteral("0");
        QTest::newRow("times 30") << int(PrescriptionItemsModel::TimesPerDayColumn) << QStringLiteral("30");
        QTest::newRow("days text") << int(PrescriptionItemsModel::DaysColumn) << QStringLiteral("x");
        QTest::newRow("confidence column")
            << int(PrescriptionItemsModel::ConfidenceColumn) << QStringLiteral("99");
        QTest::newRow("status column") << int(PrescriptionItemsModel::StatusColumn) << QStringLiteral("1");
    }

    void rejectsInvalidEdit()
    {
        QFETCH(int, column);
        QFETCH(QString, text);
        PrescriptionItemsModel model;
        fill(model);
        const QString before = model.index(1, column).data().toString();
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(!model.setData(model.index(1, column), text));
        QCOMPARE(model.index(1, column).data().toString(), before);
        QCOMPARE(dataChanged.count(), 0);
        QCOMPARE(model.items().at(1).reviewReasons.size(), 1);
    }

    void thresholdDecidesLowConfidence()
    {
        PrescriptionItemsModel model;
        fill(model);
        QVERIFY(model.isFlagged(1, PrescriptionItemsModel::UsageColumn));
        model.setReviewThreshold(0.5);
        QVERIFY(!model.isFlagged(1, PrescriptionItemsModel::UsageColumn));
        QVERIFY(model.isFlagged(1, PrescriptionItemsModel::DaysColumn)); // it has a reason
        model.setReviewThreshold(0.99);
        QVERIFY(model.isFlagged(0, PrescriptionItemsModel::UsageColumn)); // 0.95 < 0.99
    }

    void editedCodeLooksUpProduct()
    {
        PrescriptionItemsModel model;
        model.setCatalog(std::make_shared<test::TinyCatalog>());
        fill(model);
        QVERIFY(
            model.setData(model.index(2, PrescriptionItemsModel::CodeColumn), QStringLiteral("671803380")));
        const auto& item = model.items().at(2);
        QVERIFY(item.product.has_value());
        QCOMPARE(item.product->name, test::amoxicillin().name);
        QCOMPARE(
            model.index(2, PrescriptionItemsModel::NameColumn).data().toString(), test::amoxicillin().name);
        QVERIFY(!model.lineNeedsReview(2));
    }

    void unknownCodeStaysFlagged()
    {
        PrescriptionItemsModel model;
        model.setCatalog(std::make_shared<test::TinyCatalog>());
        fill(model);
        QVERIFY(
            model.setData(model.index(2, PrescriptionItemsModel::CodeColumn), QStringLiteral("999999999")));
        QVERIFY(model.isFlagged(2, PrescriptionItemsModel::CodeColumn));
        QCOMPARE(model.index(2, PrescriptionItemsModel::CodeColumn)
                     .data(PrescriptionItemsModel::ReviewReasonsRole)
                     .toStringList(),
            QStringList { QStringLiteral("code_not_found:edi_code") });
    }

    void editedNameLooksUpProduct()
    {
        PrescriptionItemsModel model;
        model.setCatalog(std::make_shared<test::TinyCatalog>());
        fill(model);
        QVERIFY(model.setData(model.index(2, PrescriptionItemsModel::NameColumn), test::amoxicillin().name));
        QVERIFY(model.items().at(2).product.has_value());
        QVERIFY(!model.isFlagged(2, PrescriptionItemsModel::NameColumn));
        QVERIFY(model.isFlagged(2, PrescriptionItemsModel::CodeColumn)); // still not read
        QVERIFY(model.setData(model.index(2, PrescriptionItemsModel::NameColumn), QStringLiteral("없는약")));
        QVERIFY(!model.items().at(2).product.has_value());
        QVERIFY(model.isFlagged(2, PrescriptionItemsModel::NameColumn));
    }

    void lineOperations_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("row");
        QTest::addColumn<QList<int>>("expectedOldRows"); // old row of each row after, -1 for the new line
        QTest::newRow("add at the end") << "add" << 3 << QList<int> { 0, 1, 2, -1 };
        QTest::newRow("add in the middle") << "add" << 1 << QList<int> { 0, -1, 1, 2 };
        QTest::newRow("remove the first") << "remove" << 0 << QList<int> { 1, 2 };
        QTest::newRow("remove the last") << "remove" << 2 << QList<int> { 0, 1 };
        QTest::newRow("move down") << "down" << 0 << QList<int> { 1, 0, 2 };
        QTest::newRow("move up") << "up" << 2 << QList<int> { 0, 2, 1 };
        QTest::newRow("first cannot move up") << "up" << 0 << QList<int> { 0, 1, 2 };
        QTest::newRow("last cannot move down") << "down" << 2 << QList<int> { 0, 1, 2 };
    }

    void lineOperations()
    {
        QFETCH(QString, operation);
        QFETCH(int, row);
        QFETCH(QList<int>, expectedOldRows);
        PrescriptionItemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model);
        const QList<pharmdesk::core::PrescriptionItem> before = model.items();
        QSignalSpy edited(&model, &PrescriptionItemsModel::linesEdited);
        bool done = false;
        if (operation == QLatin1String("add"))
            done = model.addLine(row) == row;
        else if (operation == QLatin1String("remove"))
            done = model.removeLine(row);
        else
            done = model.moveLine(row, operation == QLatin1String("up") ? -1 : 1);
        const bool changes = expectedOldRows != QList<int> { 0, 1, 2 };
        QCOMPARE(done, changes);
        QCOMPARE(edited.count(), changes ? 1 : 0);
        QCOMPARE(model.rowCount(), expectedOldRows.size());
        for (int r = 0; r < model.rowCount(); ++r) {
            const auto& item = model.items().at(r);
            QCOMPARE(item.line, r + 1); // renumbered 1..n
            const int old = expectedOldRows.at(r);
            if (old < 0) {
                // A line typed from the paper: everything to enter is flagged until entered.
                QVERIFY(!item.nameAsRead.hasValue());
                for (int column : { PrescriptionItemsModel::NameColumn, PrescriptionItemsModel::DoseColumn,
                         PrescriptionItemsModel::TimesPerDayColumn, PrescriptionItemsModel::DaysColumn })
                    QVERIFY(model.isFlagged(r, column));
                QVERIFY(!model.isFlagged(r, PrescriptionItemsModel::CodeColumn));
            } else {
                QCOMPARE(item.rawText, before.at(old).rawText);
                QCOMPARE(item.days.valueOr(0), before.at(old).days.valueOr(0));
            }
        }
    }

    void newLineIsFilledByTyping()
    {
        PrescriptionItemsModel model;
        fill(model);
        model.setCatalog(std::make_shared<test::TinyCatalog>());
        const int row = model.addLine(3);
        const int flaggedBefore = model.flaggedCellCount();
        QVERIFY(model.setData(model.index(row, PrescriptionItemsModel::CodeColumn), QStringLiteral("671803380")));
        QVERIFY(model.items().at(row).product.has_value());
        QVERIFY(model.setData(model.index(row, PrescriptionItemsModel::DoseColumn), QStringLiteral("1")));
        QVERIFY(model.setData(model.index(row, PrescriptionItemsModel::TimesPerDayColumn), QStringLiteral("2")));
        QVERIFY(model.setData(model.index(row, PrescriptionItemsModel::DaysColumn), QStringLiteral("5")));
        QVERIFY(model.flaggedCellCount() < flaggedBefore);
        QVERIFY(!model.isFlagged(row, PrescriptionItemsModel::DoseColumn));
        QVERIFY(!model.isFlagged(row, PrescriptionItemsModel::DaysColumn));
    }

    void columnForReason_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("column");
        using K = ReviewReason::Kind;
        QTest::newRow("dose") << int(K::Implausible) << QStringLiteral("dose")
                              << int(PrescriptionItemsModel::DoseColumn);
        QTest::newRow("dotted path") << int(K::LowConfidence) << QStringLiteral("items.2.days")
                                     << int(PrescriptionItemsModel::DaysColumn);
        QTest::newRow("code not found, no field")
            << int(K::CodeNotFound) << QString() << int(PrescriptionItemsModel::CodeColumn);
        QTest::newRow("ambiguous name, no field")
            << int(K::NameAmbiguous) << QString() << int(PrescriptionItemsModel::NameColumn);
        QTest::newRow("product field") << int(K::CodeNameMismatch) << QStringLiteral("product")
                                       << int(PrescriptionItemsModel::NameColumn);
        QTest::newRow("total mismatch")
            << int(K::TotalMismatch) << QString() << int(PrescriptionItemsModel::StatusColumn);
        QTest::newRow("unknown field")
            << int(K::Invalid) << QStringLiteral("injection") << int(PrescriptionItemsModel::StatusColumn);
    }

    void columnForReason()
    {
        QFETCH(int, kind);
        QFETCH(QString, field);
        QFETCH(int, column);
        QCOMPARE(PrescriptionItemsModel::columnForReason({ ReviewReason::Kind(kind), field, {} }), column);
    }
};

QTEST_MAIN(TestPrescriptionItemsModel)
#include "test_prescriptionitemsmodel.moc"
