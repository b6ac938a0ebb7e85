// SPDX-License-Identifier: GPL-3.0-or-later
// The generator's issue-3 inputs: telemedicine and table layouts, stamp and dotmatrix conditions.
#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/gen/Generator.h"
#include "pharmdesk/gen/PrescriptionSynth.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace pharmdesk;
using namespace pharmdesk::gen;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QRect unionOf(const QList<QRect>& boxes)
{
    QRect u;
    for (const QRect& b : boxes)
        u = u.united(b);
    return u;
}

/// Pixels inside `area` whose colour is clearly not grey (stamp ink), counted on an RGB image.
int colouredPixels(const QImage& image, const QRect& area)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    const QRect a = area.intersected(rgb.rect());
    for (int y = a.top(); y <= a.bottom(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = a.left(); x <= a.right(); ++x) {
            const QRgb c = line[x];
            const int hi = std::max({ qRed(c), qGreen(c), qBlue(c) }), lo = std::min({ qRed(c), qGreen(c), qBlue(c) });
            n += hi - lo > 60;
        }
    }
    return n;
}

/// How much the ink inside `boxes` prefers some positions of a `pitch`-pixel grid anchored at
/// the image origin: the mean ink of the darkest grid phase (x mod pitch, y mod pitch) over that
/// of the lightest. About 1 for ordinary print; well above 1 when the glyphs are dots on that grid.
double gridContrast(const QImage& image, const QList<QRect>& boxes, int pitch)
{
    const QImage g = image.convertToFormat(QImage::Format_Grayscale8);
    QList<double> sum(pitch * pitch, 0.0);
    for (const QRect& box : boxes) {
        const QRect b = box.intersected(g.rect());
        for (int y = b.top(); y <= b.bottom(); ++y) {
            const uchar* row = g.constScanLine(y);
            for (int x = b.left(); x <= b.right(); ++x)
                sum[(y % pitch) * pitch + x % pitch] += 255 - row[x];
        }
    }
    const auto [lo, hi] = std::minmax_element(sum.cbegin(), sum.cend());
    return *lo > 0 ? *hi / *lo : 0;
}

/// The grey level below which `fraction` of the pixels inside `boxes` lie (the darkest ink).
int darkPercentile(const QImage& image, const QList<QRect>& boxes, double fraction)
{
    const QImage g = image.convertToFormat(QImage::Format_Grayscale8);
    QList<qint64> histogram(256, 0);
    qint64 total = 0;
    for (const QRect& box : boxes) {
        const QRect b = box.intersected(g.rect());
        for (int y = b.top(); y <= b.bottom(); ++y) {
            const uchar* row = g.constScanLine(y);
            for (int x = b.left(); x <= b.right(); ++x)
                ++histogram[row[x]];
            total += b.width();
        }
    }
    qint64 seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += histogram[v];
        if (seen >= fraction * total)
            return v;
    }
    return 255;
}

} // namespace

class TestNewInputs : public QObject
{
    Q_OBJECT
private:
    std::optional<DrugPool> m_pool;

    RenderedPage render(std::uint64_t seed, Layout layout, int dpi = 150) const
    {
        return FormRenderer::render(PrescriptionSynth(*m_pool).generate(seed, layout),
                                    { layout, QStringLiteral("NanumGothic"), dpi });
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto pool = DrugPool::load(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY(pool.ok());
        m_pool = std::move(pool).value();
        QVERIFY2(FormRenderer::hasFont(QStringLiteral("NanumGothic")), "fonts-nanum is not installed");
    }

    void namesParse_data()
    {
        QTest::addColumn<QString>("layouts");
        QTest::addColumn<QString>("conditions");
        QTest::addColumn<QList<Layout>>("wantLayouts");
        QTest::addColumn<QList<Condition>>("wantConditions");
        QTest::newRow("new ones") << "telemedicine,table" << "stamp,dotmatrix"
                                  << QList<Layout> { Layout::Telemedicine, Layout::Table }
                                  << QList<Condition> { Condition::Stamp, Condition::DotMatrix };
        QTest::newRow("mixed") << "statutory,table" << "clean,stamp,fax"
                               << QList<Layout> { Layout::Statutory, Layout::Table }
                               << QList<Condition> { Condition::Clean, Condition::Stamp, Condition::Fax };
    }
    void namesParse()
    {
        QFETCH(QString, layouts);
        QFETCH(QString, conditions);
        QFETCH(QList<Layout>, wantLayouts);
        QFETCH(QList<Condition>, wantConditions);
        QCommandLineParser parser;
        addGeneratorOptions(parser);
        QVERIFY(parser.parse({ QStringLiteral("pharmdesk-gen"), QStringLiteral("--out"), QStringLiteral("/tmp/x"),
                               QStringLiteral("--layouts"), layouts, QStringLiteral("--conditions"), conditions }));
        const auto o = generatorOptionsFrom(parser, QStringLiteral("permits.csv"));
        QVERIFY(o.ok());
        QCOMPARE(o->layouts, wantLayouts);
        QCOMPARE(o->conditions, wantConditions);
        for (Layout l : wantLayouts)
            QCOMPARE(layoutFromName(layoutName(l)), std::optional<Layout>(l));
        for (Condition c : wantConditions)
            QCOMPARE(conditionFromName(conditionName(c)), std::optional<Condition>(c));
    }

    /// Whole runs: files, truth that reads back, boxes inside the image, header present or absent.
    void generatedSets_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<int>("condition");
        QTest::addColumn<QString>("extension");
        QTest::newRow("telemedicine clean") << int(Layout::Telemedicine) << int(Condition::Clean) << ".png";
        QTest::newRow("telemedicine stamp") << int(Layout::Telemedicine) << int(Condition::Stamp) << ".jpg";
        QTest::newRow("telemedicine photo") << int(Layout::Telemedicine) << int(Condition::Photo) << ".jpg";
        QTest::newRow("table clean") << int(Layout::Table) << int(Condition::Clean) << ".png";
        QTest::newRow("table photo") << int(Layout::Table) << int(Condition::Photo) << ".jpg";
        QTest::newRow("table dotmatrix") << int(Layout::Table) << int(Condition::DotMatrix) << ".jpg";
        QTest::newRow("statutory stamp") << int(Layout::Statutory) << int(Condition::Stamp) << ".jpg";
        QTest::newRow("hospital dotmatrix") << int(Layout::Hospital) << int(Condition::DotMatrix) << ".jpg";
    }
    void generatedSets()
    {
        QFETCH(int, layout);
        QFETCH(int, condition);
        QFETCH(QString, extension);
        QTemporaryDir a, b;
        GeneratorOptions o;
        o.count = 3;
        o.seed = 21;
        o.layouts = { Layout(layout) };
        o.conditions = { Condition(condition) };
        o.fonts = { QStringLiteral("NanumGothic") };
        o.dpi = 150;
        o.outDir = a.path();
        QVERIFY(Generator(*m_pool, o).run().ok());
        o.outDir = b.path();
        QVERIFY(Generator(*m_pool, o).run().ok());

        for (int n = 1; n <= o.count; ++n) {
            const QString id = QStringLiteral("rx%1-%2").arg(n, 4, 10, QLatin1Char('0')).arg(conditionName(Condition(condition)));
            const QString image = QDir(a.path()).filePath(id + extension);
            const QString truthPath = QDir(a.path()).filePath(id + QStringLiteral(".truth.json"));
            QVERIFY2(QFile::exists(image), qPrintable(image));
            QCOMPARE(readAll(image), readAll(QDir(b.path()).filePath(id + extension)));
            QCOMPARE(readAll(truthPath), readAll(QDir(b.path()).filePath(id + QStringLiteral(".truth.json"))));

            const auto truth = core::json::readImportResult(truthPath);
            QVERIFY(truth.ok() && truth->prescription);
            const core::Prescription& p = *truth->prescription;
            const QImage img(image);
            QVERIFY(!img.isNull());
            QVERIFY(!p.items.isEmpty());
            for (const core::PrescriptionItem& item : p.items)
                QVERIFY(!item.injection);
            // Line boxes (not read back by the core reader) lie inside the image.
            const QJsonObject json = QJsonDocument::fromJson(readAll(truthPath)).object();
            const QJsonArray items = json.value(QStringLiteral("prescription")).toObject().value(QStringLiteral("items")).toArray();
            QCOMPARE(items.size(), p.items.size());
            for (const QJsonValue& v : items) {
                const QJsonArray xywh = v.toObject().value(QStringLiteral("box")).toArray();
                QCOMPARE(xywh.size(), 4);
                const QRect box(xywh.at(0).toInt(), xywh.at(1).toInt(), xywh.at(2).toInt(), xywh.at(3).toInt());
                QVERIFY2(box.height() > 5 && box.width() > img.width() / 3 && img.rect().contains(box), qPrintable(id));
            }
            const bool header = Layout(layout) != Layout::Table;
            QCOMPARE(p.patient.name.hasValue(), header);
            QCOMPARE(p.patient.rrn.hasValue(), header);
            QCOMPARE(p.institution.code.hasValue(), header);
            QCOMPARE(p.prescriber.licenseNumber.hasValue(), header);
            QCOMPARE(p.issueDate.hasValue(), header);
            QCOMPARE(p.diagnosisCodes.valueOr({}).isEmpty(), !header);

            const QJsonObject gen = json.value(QStringLiteral("generator")).toObject();
            QCOMPARE(gen.value(QStringLiteral("layout")).toString(), layoutName(Layout(layout)));
            QCOMPARE(gen.value(QStringLiteral("marks")).toArray().isEmpty(), Condition(condition) != Condition::Stamp);
            QCOMPARE(gen.value(QStringLiteral("dot_pitch")).toInt() >= 2, Condition(condition) == Condition::DotMatrix);
        }
    }

    void telemedicinePages_data()
    {
        QTest::addColumn<bool>("phone");
        QTest::newRow("1240-px page") << false;
        QTest::newRow("phone screenshot") << true;
    }
    void telemedicinePages()
    {
        QFETCH(bool, phone);
        const PrescriptionSynth synth(*m_pool);
        std::uint64_t seed = 1;
        while (synth.generate(seed, Layout::Telemedicine).style.phoneScreen != phone)
            ++seed;
        const SyntheticPrescription rx = synth.generate(seed, Layout::Telemedicine);
        const RenderedPage page = FormRenderer::render(rx, { Layout::Telemedicine, QStringLiteral("NanumGothic"), 200 });
        QCOMPARE(page.image.width(), phone ? 1080 : 1240);
        QVERIFY(page.image.height() >= (phone ? 2340 : 1754));
        QCOMPARE(page.image.format(), QImage::Format_RGB888);  // the app's accent colour
        // Grey cards instead of rulings: a good part of the page is the card fill.
        int card = 0;
        const QImage rgb = page.image.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < rgb.height(); y += 3) {
            const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
            for (int x = 0; x < rgb.width(); x += 3)
                card += line[x] == qRgb(243, 245, 248);
        }
        QVERIFY2(card > rgb.width() * rgb.height() / 9 / 5, qPrintable(QString::number(card)));
        QVERIFY(page.tableBox.isValid() && rgb.rect().contains(page.tableBox));
        for (int i = 0; i < rx.lines.size(); ++i) {
            QVERIFY(page.tableBox.contains(page.itemBoxes.at(i)));
            QCOMPARE(page.printedNames.at(i).isEmpty(), false);
        }
    }

    void tableCrops_data()
    {
        QTest::addColumn<int>("seed");
        for (int s : { 3, 4, 5, 6, 7, 8 })
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(s))) << s;
    }
    void tableCrops()
    {
        QFETCH(int, seed);
        const SyntheticPrescription rx = PrescriptionSynth(*m_pool).generate(std::uint64_t(seed), Layout::Table);
        const RenderedPage full = FormRenderer::render(rx, { rx.style.tableSource, QStringLiteral("NanumGothic"), 150 });
        const RenderedPage crop = render(std::uint64_t(seed), Layout::Table);
        QVERIFY(crop.image.height() < full.image.height() / 2);
        QVERIFY(crop.image.width() <= full.image.width());
        // The crop is the full page's pixels around the table: same lines, moved by the crop origin.
        const QPoint shift = full.itemBoxes.constFirst().topLeft() - crop.itemBoxes.constFirst().topLeft();
        for (int i = 0; i < rx.lines.size(); ++i) {
            QVERIFY(crop.image.rect().contains(crop.itemBoxes.at(i)));
            QCOMPARE(crop.itemBoxes.at(i).translated(shift), full.itemBoxes.at(i));
        }
        QCOMPARE(full.image.copy(crop.image.rect().translated(shift)), crop.image);
        // The header row is in the crop exactly when the style keeps it.
        QCOMPARE(crop.tableBodyTop > 0, rx.style.tableHeaderRow);
    }

    void stampMarks_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<int>("seed");
        QTest::newRow("statutory 1") << int(Layout::Statutory) << 1;
        QTest::newRow("statutory 2") << int(Layout::Statutory) << 2;
        QTest::newRow("hospital 3") << int(Layout::Hospital) << 3;
        QTest::newRow("telemedicine 4") << int(Layout::Telemedicine) << 4;
        QTest::newRow("table 5") << int(Layout::Table) << 5;
    }
    void stampMarks()
    {
        QFETCH(int, layout);
        QFETCH(int, seed);
        const RenderedPage page = render(std::uint64_t(seed), Layout(layout));
        const QRect table = unionOf(page.itemBoxes);
        const MarkedPage marked = CaptureSimulator::markPage(page.image, page.itemBoxes, std::uint64_t(seed) * 7);
        QCOMPARE(marked.image.size(), page.image.size());
        int stamps = 0, pens = 0;
        QRect markArea;
        for (const PageMark& m : marked.marks) {
            QVERIFY(m.box.isValid());
            stamps += m.kind.startsWith(QStringLiteral("stamp"));
            pens += !m.kind.startsWith(QStringLiteral("stamp"));
            if (m.kind.startsWith(QStringLiteral("stamp")))
                QVERIFY2(m.box.intersects(table), qPrintable(m.kind));
        }
        QVERIFY(stamps >= 1);
        QVERIFY(pens >= 2);
        // Stamp ink over the table, none there before.
        QCOMPARE(colouredPixels(page.image, table), 0);
        QVERIFY(colouredPixels(marked.image, table) > 200);
        // Marks go on top of the print; away from them the page is the page.
        const QImage before = page.image.convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < before.height(); y += 2) {
            for (int x = 0; x < before.width(); x += 2) {
                bool inMark = false;
                for (const PageMark& m : marked.marks)
                    inMark = inMark || m.box.adjusted(-2, -2, 2, 2).contains(x, y);
                if (!inMark && before.pixel(x, y) != marked.image.pixel(x, y))
                    QFAIL(qPrintable(QStringLiteral("pixel %1,%2 changed outside every mark").arg(x).arg(y)));
            }
        }
        // Through the whole condition: the scan keeps the stamp colour over the mapped lines.
        const Capture cap = CaptureSimulator::apply(page.image, Condition::Stamp, std::uint64_t(seed), page.itemBoxes);
        QVERIFY(!cap.marks.isEmpty());
        QRect mapped;
        for (const QRect& b : page.itemBoxes)
            mapped = mapped.united(CaptureSimulator::mapBox(cap, b));
        QVERIFY(colouredPixels(cap.image, mapped) > 100);
        const Capture scan = CaptureSimulator::apply(page.image, Condition::Scan, std::uint64_t(seed));
        QVERIFY(colouredPixels(scan.image, mapped) < 20);
    }

    void dotMatrixGrid_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("dpi");
        QTest::newRow("statutory 200 dpi") << int(Layout::Statutory) << 1 << 200;
        QTest::newRow("hospital 200 dpi") << int(Layout::Hospital) << 2 << 200;
        QTest::newRow("table 300 dpi") << int(Layout::Table) << 3 << 300;
        QTest::newRow("telemedicine 200 dpi") << int(Layout::Telemedicine) << 4 << 200;
    }
    void dotMatrixGrid()
    {
        QFETCH(int, layout);
        QFETCH(int, seed);
        QFETCH(int, dpi);
        const RenderedPage page = render(std::uint64_t(seed), Layout(layout), dpi);
        int pitch = 0;
        const QImage dots = CaptureSimulator::dotMatrixPrint(page.image, std::uint64_t(seed), &pitch);
        QVERIFY(pitch >= 2 && pitch <= 5);
        QCOMPARE(dots.size(), page.image.size());
        QCOMPARE(dots.format(), page.image.format());
        // The glyphs sit on the grid; the smooth print does not prefer any grid position. Only
        // the inside of each line's left half (code and name) is measured: the statutory form's
        // rules (column rules further right, row rules and the frame on the box edges) stand at
        // fixed places of their own.
        QList<QRect> names;
        for (const QRect& box : page.itemBoxes)
            names.append(QRect(box.left(), box.top(), box.width() / 2, box.height()).adjusted(5, 4, 0, -4));
        const double dotted = gridContrast(dots, names, pitch);
        const double smooth = gridContrast(page.image, names, pitch);
        qInfo("pitch %d: grid contrast %.3f dotted, %.3f original", pitch, dotted, smooth);
        QVERIFY2(dotted > 1.4, qPrintable(QString::number(dotted)));
        QVERIFY2(smooth < 1.1, qPrintable(QString::number(smooth)));
        // A faint ribbon: the laser-printed glyphs had (nearly) black cores, no dot is that black.
        QVERIFY(darkPercentile(page.image, names, 0.01) <= 30);
        QVERIFY(darkPercentile(dots, names, 0.001) >= 18);

        // The whole condition records the pitch and keeps the lines where the truth says.
        const Capture cap = CaptureSimulator::apply(page.image, Condition::DotMatrix, std::uint64_t(seed));
        QVERIFY(cap.dotPitch >= 2 && cap.dotPitch <= 5);
        QCOMPARE(cap.image.size(), page.image.size());
        for (const QRect& box : page.itemBoxes)
            QVERIFY(CaptureSimulator::mapBox(cap, box).height() >= box.height() - 2);
    }
};

QTEST_MAIN(TestNewInputs)
#include "test_newinputs.moc"
