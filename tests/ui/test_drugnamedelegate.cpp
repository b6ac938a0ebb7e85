// SPDX-License-Identifier: GPL-3.0-or-later
// The drug name editor of the items table completes from the drug search (initial consonants too).
#include "SyntheticPrescription.h"
#include "pharmdesk/core/Hangul.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/PrescriptionPanel.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using pharmdesk::ui::PrescriptionItemsModel;
using pharmdesk::ui::PrescriptionPanel;
namespace core = pharmdesk::core;
namespace test = pharmdesk::ui::test;

namespace {

/// Name contains the text, or its initial consonants do: what drugdb::DrugCache::search promises.
QList<core::Product> searchTiny(const QString& text, int limit)
{
    QList<core::Product> found;
    for (const core::Product& p : { test::tylenol(), test::amoxicillin() }) {
        if (found.size() < limit && (p.name.contains(text) || core::hangul::initials(p.name).contains(text)))
            found.append(p);
    }
    return found;
}

void typeInto(QWidget* widget, const QString& text)
{
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QApplication::sendEvent(widget, &press);
    }
}

} // namespace

class TestDrugNameDelegate : public QObject
{
    Q_OBJECT

private:
    struct Opened
    {
        QLineEdit* editor = nullptr;
        QCompleter* completer = nullptr;
    };

    static Opened openNameEditor(PrescriptionPanel& panel, int row)
    {
        QTableView* table = panel.itemsView();
        table->setFocus();
        table->setCurrentIndex(panel.itemsModel()->index(row, PrescriptionItemsModel::NameColumn));
        QTest::keyClick(table, Qt::Key_F2);
        Opened opened;
        opened.editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        if (opened.editor)
            opened.completer = opened.editor->completer();
        return opened;
    }

private Q_SLOTS:
    void completesByInitialConsonants_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("offered");
        QTest::newRow("initials") << QStringLiteral("ㅇㅁㅋ") << QStringList { test::amoxicillin().name };
        QTest::newRow("part of the name")
            << QStringLiteral("타이레놀") << QStringList { test::tylenol().name };
        QTest::newRow("nothing like it") << QStringLiteral("ㅎㅎㅎ") << QStringList {};
    }

    void completesByInitialConsonants()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, offered);
        PrescriptionPanel panel;
        panel.setDrugSearch(&searchTiny);
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        const Opened opened = openNameEditor(panel, 2);
        QVERIFY(opened.editor);
        QVERIFY(opened.completer);
        opened.editor->selectAll();
        typeInto(opened.editor, typed);
        QCOMPARE(opened.editor->text(), typed);
        const auto shown = [&opened] {
            QStringList names;
            for (int row = 0; row < opened.completer->completionModel()->rowCount(); ++row)
                names.append(opened.completer->completionModel()->index(row, 0).data().toString());
            return names;
        };
        QTRY_COMPARE(shown(), offered); // the search answers from the pool
        QTRY_COMPARE(opened.completer->popup()->isVisible(), !offered.isEmpty());
        QCOMPARE(opened.editor->text(), typed); // completion proposes, it does not overwrite
    }

    void choosingACompletionDecidesTheProduct()
    {
        PrescriptionPanel panel;
        panel.setCatalog(std::make_shared<test::TinyCatalog>());
        panel.setDrugSearch(&searchTiny);
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QVERIFY(panel.itemsModel()->isFlagged(2, PrescriptionItemsModel::NameColumn));
        const Opened opened = openNameEditor(panel, 2);
        QVERIFY(opened.editor);
        opened.editor->selectAll();
        typeInto(opened.editor, QStringLiteral("ㅇㅁㅋ"));
        QAbstractItemView* popup = opened.completer->popup();
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(opened.editor->text(), test::amoxicillin().name);
        QTest::keyClick(opened.editor, Qt::Key_Return);
        QTRY_VERIFY(panel.itemsModel()->items().at(2).product.has_value());
        QCOMPARE(panel.itemsModel()->items().at(2).product->name, test::amoxicillin().name);
        QVERIFY(!panel.itemsModel()->isFlagged(2, PrescriptionItemsModel::NameColumn));
    }

    void withoutSearchPlainEditor()
    {
        PrescriptionPanel panel;
        panel.setPrescription(test::syntheticPrescription());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        const Opened opened = openNameEditor(panel, 2);
        QVERIFY(opened.editor);
        QVERIFY(!opened.completer);
    }
};

QTEST_MAIN(TestDrugNameDelegate)
#include "test_drugnamedelegate.moc"
