// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/DrugPool.h"

#include <QTemporaryFile>
#include <QTest>

using namespace pharmdesk::gen;

namespace {

/// QStringList from literals (QT_NO_CAST_FROM_ASCII is on).
QStringList strings(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* i : items)
        out.append(QString::fromUtf8(i));
    return out;
}

} // namespace

class TestDrugPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitCsv_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("plain") << "1,a,b,c" << strings({ "1", "a", "b", "c" });
        QTest::newRow("quoted codes with commas")
            << "3,name,138,\"644902282,644902292\"" << strings({ "3", "name", "138", "644902282,644902292" });
        QTest::newRow("doubled quote") << "1,\"say \"\"hi\"\"\",x" << strings({ "1", "say \"hi\"", "x" });
        QTest::newRow("empty last field") << "1,a,b," << strings({ "1", "a", "b", "" });
        QTest::newRow("leading zero kept") << "9,n,1,073000100" << strings({ "9", "n", "1", "073000100" });
    }
    void splitCsv()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, fields);
        QCOMPARE(splitCsvLine(line), fields);
    }

    void classify_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("form");  // -1: skipped
        QTest::newRow("tablet with strength") << QString::fromUtf8("타이레놀정500밀리그람(아세트아미노펜)") << int(DrugForm::Tablet);
        QTest::newRow("tablet at end") << QString::fromUtf8("무코스타정") << int(DrugForm::Tablet);
        QTest::newRow("capsule") << QString::fromUtf8("리팜핀캡슐150밀리그램(리팜피신)") << int(DrugForm::Capsule);
        QTest::newRow("syrup") << QString::fromUtf8("코푸시럽") << int(DrugForm::Liquid);
        QTest::newRow("dry syrup") << QString::fromUtf8("크로세프건조시럽(세파클러수화물)") << int(DrugForm::Liquid);
        QTest::newRow("suspension") << QString::fromUtf8("알마겔현탁액(알마게이트)") << int(DrugForm::Liquid);
        QTest::newRow("granule") << QString::fromUtf8("뮤테란과립200밀리그램(아세틸시스테인)") << int(DrugForm::Granule);
        QTest::newRow("powder") << QString::fromUtf8("코리트산") << int(DrugForm::Granule);
        QTest::newRow("cream") << QString::fromUtf8("라이덱스크림(플루오시노니드)") << int(DrugForm::Topical);
        QTest::newRow("injection") << QString::fromUtf8("라식스주사(푸로세미드)") << int(DrugForm::Injection);
        QTest::newRow("acid in ingredient only") << QString::fromUtf8("대한멸균생리식염수(염산)") << -1;
        QTest::newRow("infusion fluid") << QString::fromUtf8("중외5%포도당생리식염액") << -1;
    }
    void classify()
    {
        QFETCH(QString, name);
        QFETCH(int, form);
        const auto f = DrugPool::classify(name);
        QCOMPARE(f ? int(*f) : -1, form);
    }

    void loadsShippedList()
    {
        const auto pool = DrugPool::load(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY2(pool.ok(), pool.ok() ? "" : qPrintable(pool.error().toString()));
        QVERIFY(pool->products(DrugForm::Tablet).size() > 5000);
        QVERIFY(pool->products(DrugForm::Capsule).size() > 500);
        QVERIFY(!pool->products(DrugForm::Liquid).isEmpty());
        QVERIFY(!pool->products(DrugForm::Topical).isEmpty());
        for (DrugForm form : { DrugForm::Tablet, DrugForm::Capsule, DrugForm::Liquid, DrugForm::Granule,
                               DrugForm::Topical, DrugForm::Injection }) {
            for (const auto& p : pool->products(form)) {
                QVERIFY2(!p.ediCodes.isEmpty(), qPrintable(p.name));
                QVERIFY2(p.name.size() <= 40 && !p.name.contains(QString::fromUtf8("수출")), qPrintable(p.name));
                for (const QString& code : p.ediCodes) {
                    QCOMPARE(code.size(), 9);
                    QVERIFY(pool->allCodes().value(code).contains(p.name));
                }
            }
        }
        // Leading zeros survive: such codes exist in the shipped list.
        bool leadingZero = false;
        for (auto it = pool->allCodes().cbegin(); it != pool->allCodes().cend() && !leadingZero; ++it)
            leadingZero = it.key().startsWith(QLatin1Char('0'));
        QVERIFY(leadingZero);
    }

    void smallLists_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("tablets");
        QTest::newRow("two tablets") << QString::fromUtf8("row_index,item_name,permit_no,edi_codes\n"
                                                          "0,가나정10밀리그램,1,\"012345678,012345679\"\n"
                                                          "1,다라정,2,123456789\n")
                                     << true << 2;
        QTest::newRow("only an injection") << QString::fromUtf8("row_index,item_name,permit_no,edi_codes\n"
                                                                "0,가나주사액,1,012345678\n")
                                           << false << 0;
        QTest::newRow("tablet without code") << QString::fromUtf8("row_index,item_name,permit_no,edi_codes\n"
                                                                  "0,가나정,1,\n")
                                             << false << 0;
        QTest::newRow("short code dropped") << QString::fromUtf8("row_index,item_name,permit_no,edi_codes\n"
                                                                 "0,가나정,1,\"12345,123456789\"\n")
                                            << true << 1;
    }
    void smallLists()
    {
        QFETCH(QString, csv);
        QFETCH(bool, ok);
        QFETCH(int, tablets);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(csv.toUtf8());
        file.close();
        const auto pool = DrugPool::load(file.fileName());
        QCOMPARE(pool.ok(), ok);
        if (!ok)
            return;
        QCOMPARE(pool->products(DrugForm::Tablet).size(), tablets);
        for (const auto& p : pool->products(DrugForm::Tablet)) {
            for (const QString& code : p.ediCodes)
                QCOMPARE(code.size(), 9);
        }
    }

    void missingFileIsAnError()
    {
        const auto pool = DrugPool::load(QStringLiteral("/nonexistent/permits.csv"));
        QVERIFY(!pool.ok());
        QCOMPARE(pool.error().category, pharmdesk::core::ErrorCategory::Input);
    }
};

QTEST_GUILESS_MAIN(TestDrugPool)
#include "test_drugpool.moc"
