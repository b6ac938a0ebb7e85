// SPDX-License-Identifier: GPL-3.0-or-later
// The review order (header fields, then cells row by row) and the header form of the panel.
#include "SyntheticPrescription.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/ReviewNavigation.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using pharmdesk::ui::HeaderField;
using pharmdesk::ui::PrescriptionItemsModel;
using pharmdesk::ui::PrescriptionPanel;
namespace test = pharmdesk::ui::test;

class TestReviewNavigation : public QObject
{
    Q_OBJECT

private:
    /// Where the panel's focus is, as "header:<key>" or "cell:<row>,<column>".
    static QString focusedStop(const PrescriptionPanel& panel)
    {
        QWidget* focus = QApplication::focusWidget();
        for (HeaderField field : pharmdesk::ui::headerFields()) {
            if (panel.fieldEdit(field) == focus)
                return QStringLiteral("header:") + pharmdesk::ui::headerFieldKey(field);
        }
        if (focus == panel.itemsView()) {
            const QModelIndex i = panel.itemsView()->currentIndex();
            return QStringLiteral("cell:%1,%2").arg(i.row()).arg(i.column());
        }
        return QStringLiteral("elsewhere");
    }

private Q_SLOTS:
    void nextFlaggedStop_data()
    {
        QTest::addColumn<QList<bool>>("flags");
        QTest::addColumn<int>("current");
        QTest::addColumn<int>("expected");
        QTest::newRow("nothing flagged") << QList<bool> { false, false, false } << 1 << -1;
        QTest::newRow("no stops") << QList<bool> {} << -1 << -1;
        QTest::newRow("from nowhere takes the first") << QList<bool> { false, true, true } << -1 << 1;
        QTest::newRow("skips clean stops") << QList<bool> { true, false, false, true } << 0 << 3;
        QTest::newRow("wraps around") << QList<bool> { false, true, false, false } << 2 << 1;
        QTest::newRow("only the current one") << QList<bool> { false, true, false } << 1 << 1;
        QTest::newRow("current out of range") << QList<bool> { true, false } << 7 << 0;
    }

    void nextFlaggedStop()
    {
        QFETCH(QList<bool>, flags);
        QFETCH(int, current);
        QFETCH(int, expected);
        QCOMPARE(pharmdesk::ui::nextFlaggedStop(
                     int(flags.size()), current, [&flags](int stop) { return flags.at(stop); }),
            expected);
    }

    void visitsFlaggedValuesInOrder()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QCOMPARE(panel.flaggedCount(), 5);
        // The form's first field has the focus when the panel opens.
        QCOMPARE(focusedStop(panel), QStringLiteral("header:issue_date"));
        const QStringList expected {
            QStringLiteral("header:issue_number"),
            QStringLiteral("cell:1,%1").arg(PrescriptionItemsModel::DaysColumn),
            QStringLiteral("cell:1,%1").arg(PrescriptionItemsModel::UsageColumn),
            QStringLiteral("cell:2,%1").arg(PrescriptionItemsModel::CodeColumn),
            QStringLiteral("cell:2,%1").arg(PrescriptionItemsModel::NameColumn),
            QStringLiteral("header:issue_number"), // wraps
        };
        QStringList visited;
        QStringList reasons;
        auto* reasonLabel = panel.findChild<QLabel*>(QStringLiteral("reviewReasons"));
        QVERIFY(reasonLabel);
        for (int i = 0; i < expected.size(); ++i) {
            QVERIFY(panel.focusNextUncertain());
            visited.append(focusedStop(panel));
            reasons.append(reasonLabel->text().section(QLatin1Char('\n'), 0, 1));
        }
        QCOMPARE(visited, expected);
        // The reasons of each stop are spelled out under the table, no mouse needed.
        QCOMPARE(reasons.at(0), QStringLiteral("교부번호\n• 인식 신뢰도 낮음"));
        QCOMPARE(reasons.at(1), QStringLiteral("2번 줄 총 일수\n• 인식 신뢰도 낮음 (55%)"));
        QCOMPARE(reasons.at(2), QStringLiteral("2번 줄 용법\n• 인식 신뢰도 60% (기준 90%)"));
        QCOMPARE(reasons.at(4), QStringLiteral("3번 줄 약품명\n• 일치하는 약품 없음"));
    }

    void startsAfterTheFocusedValue()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        panel.itemsView()->setFocus();
        panel.itemsView()->setCurrentIndex(panel.itemsModel()->index(2, 0));
        QVERIFY(panel.focusNextUncertain());
        QCOMPARE(focusedStop(panel), QStringLiteral("cell:2,%1").arg(PrescriptionItemsModel::CodeColumn));
    }

    void nothingToReview()
    {
        PrescriptionPanel panel;
        auto p = test::syntheticPrescription();
        p.reviewReasons.clear();
        p.issueNumber.confidence = 0.99;
        p.items = { test::cleanItem() };
        panel.setPrescription(p);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QCOMPARE(panel.flaggedCount(), 0);
        QVERIFY(!panel.focusNextUncertain());
    }

    void jumpNamesTheRegionEvenWhenInactive()
    {
        // Not shown, so never activated: no focusChanged; the region must still be announced.
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        QSignalSpy selected(&panel, &PrescriptionPanel::regionSelected);
        QVERIFY(panel.focusNextUncertain());
        QVERIFY(!selected.isEmpty());
        QCOMPARE(selected.last().at(0).toRect(), QRect(450, 200, 200, 36));
        QVERIFY(panel.focusNextUncertain());
        QCOMPARE(selected.last().at(0).toRect(), QRect(980, 750, 60, 40)); // line 2's days
    }

    void headerShowsValuesAndFlags()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        QCOMPARE(panel.fieldEdit(HeaderField::IssueDate)->text(), QStringLiteral("2026-11-20"));
        QCOMPARE(panel.fieldEdit(HeaderField::InstitutionName)->text(), QStringLiteral("서울내과의원"));
        QCOMPARE(panel.fieldEdit(HeaderField::DiagnosisCodes)->text(), QStringLiteral("J00"));
        QVERIFY(panel.fieldEdit(HeaderField::IssueNumber)->property("reviewFlagged").toBool());
        QVERIFY(panel.fieldEdit(HeaderField::IssueNumber)
                    ->toolTip()
                    .contains(QStringLiteral("인식 신뢰도 낮음")));
        QVERIFY(!panel.fieldEdit(HeaderField::PatientName)->property("reviewFlagged").toBool());
        QCOMPARE(panel.fieldEdit(HeaderField::PatientName)->accessibleName(), QStringLiteral("환자 성명"));
    }

    void residentNumberOnlyMasked()
    {
        PrescriptionPanel panel;
        auto p = test::syntheticPrescription();
        p.patient.rrn.confidence = 0.4; // flagged: the tooltip must not leak the number either
        panel.setPrescription(p);
        QLineEdit* rrn = panel.fieldEdit(HeaderField::PatientRrn);
        QCOMPARE(rrn->text(), QStringLiteral("900101-1******"));
        QVERIFY(rrn->isReadOnly());
        QVERIFY(rrn->property("reviewFlagged").toBool());
        for (const QLineEdit* edit : panel.findChildren<QLineEdit*>()) {
            QVERIFY(!edit->text().contains(QStringLiteral("234567")));
            QVERIFY(!edit->toolTip().contains(QStringLiteral("234567")));
        }
        // What leaves the panel still carries the number read (it is needed in memory only).
        QCOMPARE(panel.prescription().patient.rrn.valueOr({}), QStringLiteral("900101-1234567"));
    }

    void headerEditByKeyboard_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("issue number")
            << int(HeaderField::IssueNumber) << QStringLiteral("00043") << QStringLiteral("00043") << true;
        QTest::newRow("date with dots") << int(HeaderField::IssueDate) << QStringLiteral("2026.11.21")
                                        << QStringLiteral("2026-11-21") << true;
        QTest::newRow("impossible date") << int(HeaderField::IssueDate) << QStringLiteral("2026-02-30")
                                         << QStringLiteral("2026-11-20") << false;
        QTest::newRow("diagnosis codes list")
            << int(HeaderField::DiagnosisCodes) << QStringLiteral("j00 k21.9") << QStringLiteral("J00, K21.9")
            << true;
        QTest::newRow("validity not a number")
            << int(HeaderField::ValidityDays) << QStringLiteral("three") << QString() << false;
    }

    void headerEditByKeyboard()
    {
        QFETCH(int, field);
        QFETCH(QString, typed);
        QFETCH(QString, shown);
        QFETCH(bool, accepted);
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QSignalSpy rejected(&panel, &PrescriptionPanel::editRejected);
        QSignalSpy edited(&panel, &PrescriptionPanel::edited);
        QLineEdit* edit = panel.fieldEdit(HeaderField(field));
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, typed);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(edit->text(), shown);
        QCOMPARE(rejected.count(), accepted ? 0 : 1);
        QCOMPARE(edited.count(), accepted ? 1 : 0);
        if (accepted) {
            QVERIFY(!panel.isFieldFlagged(HeaderField(field)));
            QVERIFY(!edit->property("reviewFlagged").toBool());
        }
    }

    void enterConfirmsUnchangedValue()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QVERIFY(panel.focusNextUncertain());
        QLineEdit* edit = panel.fieldEdit(HeaderField::IssueNumber);
        QCOMPARE(QApplication::focusWidget(), edit);
        // Leaving it untouched does not confirm it...
        QTest::keyClick(edit, Qt::Key_Tab);
        QVERIFY(panel.isFieldFlagged(HeaderField::IssueNumber));
        // ...Enter on it does, keeping the value.
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(!panel.isFieldFlagged(HeaderField::IssueNumber));
        QCOMPARE(panel.prescription().issueNumber.valueOr({}), QStringLiteral("00042"));
        QCOMPARE(panel.flaggedCount(), 4);
    }

    void regionsOutlineFieldsAndLines()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        const auto regions = panel.regions();
        // 5 header boxes + 3 line boxes + the flagged field boxes of line 2 (days, usage) and 3 (name;
        // its code has no box of its own, so the line's box stands for it).
        QCOMPARE(regions.size(), 5 + 3 + 3);
        const auto flagged
            = std::count_if(regions.cbegin(), regions.cend(), [](const auto& r) { return r.flagged; });
        QCOMPARE(flagged, 1 + 2 + 3);
    }
};

QTEST_MAIN(TestReviewNavigation)
#include "test_reviewnavigation.moc"
