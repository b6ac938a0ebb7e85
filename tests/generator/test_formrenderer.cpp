// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/FormRenderer.h"
#include "pharmdesk/gen/PrescriptionSynth.h"

#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::gen;

namespace {

int darkPixels(const QImage& image, const QRect& box)
{
    const QImage g = image.convertToFormat(QImage::Format_Grayscale8);
    int n = 0;
    for (int y = box.top(); y <= box.bottom(); ++y) {
        for (int x = box.left(); x <= box.right(); ++x)
            n += g.constScanLine(y)[x] < 128 ? 1 : 0;
    }
    return n;
}

int reddishPixels(const QImage& image)
{
    if (image.format() == QImage::Format_Grayscale8)
        return 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < rgb.height(); y += 2) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); x += 2)
            n += qRed(line[x]) > qGreen(line[x]) + 60 ? 1 : 0;
    }
    return n;
}

} // namespace

class TestFormRenderer : public QObject
{
    Q_OBJECT
private:
    std::optional<DrugPool> m_pool;

private Q_SLOTS:
    void initTestCase()
    {
        auto pool = DrugPool::load(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY(pool.ok());
        m_pool = std::move(pool).value();
    }

    void linesAreWhereTheTruthSays_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<QString>("font");
        QTest::addColumn<bool>("codeColumn");
        QTest::addColumn<bool>("truncate");
        QTest::addColumn<bool>("seal");
        QTest::newRow("statutory, code inline, gothic") << int(Layout::Statutory) << "NanumGothic" << false << false << false;
        QTest::newRow("statutory, code column, myeongjo, seal") << int(Layout::Statutory) << "NanumMyeongjo" << true << false << true;
        QTest::newRow("statutory, cut names, baekmuk") << int(Layout::Statutory) << "Baekmuk Gulim" << false << true << false;
        QTest::newRow("statutory, noto serif, seal") << int(Layout::Statutory) << "Noto Serif CJK KR" << false << false << true;
        QTest::newRow("hospital, undotum") << int(Layout::Hospital) << "UnDotum" << false << false << false;
        QTest::newRow("hospital, cut names, seal") << int(Layout::Hospital) << "NanumBarunGothic" << false << true << true;
        QTest::newRow("hospital, unbatang") << int(Layout::Hospital) << "UnBatang" << false << false << false;
    }
    void linesAreWhereTheTruthSays()
    {
        QFETCH(int, layout);
        QFETCH(QString, font);
        QFETCH(bool, codeColumn);
        QFETCH(bool, truncate);
        QFETCH(bool, seal);
        if (!FormRenderer::hasFont(font))
            QSKIP("font family not installed");

        SyntheticPrescription rx = PrescriptionSynth(*m_pool).generate(1234, Layout(layout));
        rx.style.codeColumn = codeColumn;
        rx.style.truncateLongNames = truncate;
        rx.style.seal = seal;
        // A long name on the first line: condensed to fit, or cut when the style cuts.
        const QString longName = QString::fromUtf8("가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나");
        rx.lines[0].name = longName;
        rx.truth.items[0].product->name = longName;

        const int dpi = 150;
        const RenderedPage page = FormRenderer::render(rx, { Layout(layout), font, dpi });
        QCOMPARE(page.image.size(), QSize(qRound(210 / 25.4 * dpi), qRound(297 / 25.4 * dpi)));
        QCOMPARE(page.image.format(), seal ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
        QCOMPARE(reddishPixels(page.image) > 100, seal);

        QCOMPARE(page.itemBoxes.size(), rx.truth.items.size());
        int previousTop = -1;
        for (int i = 0; i < rx.truth.items.size(); ++i) {
            const QRect box = page.itemBoxes.at(i);
            QVERIFY(!box.isEmpty() && page.image.rect().contains(box));
            QVERIFY2(darkPixels(page.image, box) > 200, "no ink where the line should be");
            QVERIFY(page.rawLines.at(i).startsWith(rx.lines.at(i).code));
            if (!rx.truth.items.at(i).injection) {
                QVERIFY(box.top() > previousTop);
                previousTop = box.bottom() - 2;
            }
            const QString printed = page.printedNames.at(i);
            QVERIFY(rx.lines.at(i).name.startsWith(printed));
            if (!truncate)
                QCOMPARE(printed, rx.lines.at(i).name);
        }
        if (truncate)
            QVERIFY(page.printedNames.at(0).size() < longName.size());
    }

    void sameInputSamePixels()
    {
        const SyntheticPrescription rx = PrescriptionSynth(*m_pool).generate(77, Layout::Statutory);
        const RenderedPage a = FormRenderer::render(rx, { Layout::Statutory, QStringLiteral("NanumGothic"), 120 });
        const RenderedPage b = FormRenderer::render(rx, { Layout::Statutory, QStringLiteral("NanumGothic"), 120 });
        QCOMPARE(a.image, b.image);
        QCOMPARE(a.itemBoxes, b.itemBoxes);
    }
};

QTEST_MAIN(TestFormRenderer)
#include "test_formrenderer.moc"
