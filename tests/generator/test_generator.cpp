// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Rrn.h"
#include "pharmdesk/gen/Generator.h"
#include "pharmdesk/gen/PrescriptionSynth.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace pharmdesk;
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

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readJson(const QString& path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

/// Standard deviation of the grey levels: a blank or black page has almost none.
double greySpread(const QImage& image)
{
    const QImage g = image.convertToFormat(QImage::Format_Grayscale8).scaled(image.width() / 4, image.height() / 4);
    double sum = 0, sum2 = 0;
    const double n = double(g.width()) * g.height();
    for (int y = 0; y < g.height(); ++y) {
        const uchar* row = g.constScanLine(y);
        for (int x = 0; x < g.width(); ++x) {
            sum += row[x];
            sum2 += double(row[x]) * row[x];
        }
    }
    return std::sqrt(sum2 / n - (sum / n) * (sum / n));
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT
private:
    std::optional<DrugPool> m_pool;

    GeneratorOptions options(const QString& dir, std::uint64_t seed) const
    {
        GeneratorOptions o;
        o.outDir = dir;
        o.count = 2;
        o.seed = seed;
        o.layouts = { Layout::Statutory, Layout::Hospital };
        o.conditions = { Condition::Clean, Condition::Scan };
        o.fonts = { QStringLiteral("NanumGothic"), QStringLiteral("UnBatang") };
        o.dpi = 150;  // smaller pages keep the test quick; every size scales with dpi
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto pool = DrugPool::load(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY(pool.ok());
        m_pool = std::move(pool).value();
        QVERIFY2(FormRenderer::hasFont(QStringLiteral("NanumGothic")), "fonts-nanum is not installed");
    }

    void sameSeedSameFiles()
    {
        QTemporaryDir a, b, c;
        QVERIFY(Generator(*m_pool, options(a.path(), 11)).run().ok());
        QVERIFY(Generator(*m_pool, options(b.path(), 11)).run().ok());
        QVERIFY(Generator(*m_pool, options(c.path(), 12)).run().ok());
        const QStringList files = QDir(a.path()).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 2 * 2 * 2 + 1);
        QCOMPARE(QDir(b.path()).entryList(QDir::Files, QDir::Name), files);
        for (const QString& f : files) {
            const QByteArray bytes = readAll(QDir(a.path()).filePath(f));
            QVERIFY(!bytes.isEmpty());
            QVERIFY2(bytes == readAll(QDir(b.path()).filePath(f)), qPrintable(f));
        }
        // Another seed, other prescriptions.
        QVERIFY(readAll(QDir(a.path()).filePath(QStringLiteral("rx0001-clean.truth.json")))
                != readAll(QDir(c.path()).filePath(QStringLiteral("rx0001-clean.truth.json"))));
        QVERIFY(readAll(QDir(a.path()).filePath(QStringLiteral("rx0001-clean.png")))
                != readAll(QDir(c.path()).filePath(QStringLiteral("rx0001-clean.png"))));
    }

    void fewerConditionsKeepTheOthers()
    {
        QTemporaryDir all, one;
        GeneratorOptions o = options(all.path(), 3);
        o.count = 1;
        o.conditions = { Condition::Clean, Condition::Scan, Condition::Fax };
        QVERIFY(Generator(*m_pool, o).run().ok());
        o.outDir = one.path();
        o.conditions = { Condition::Fax };
        QVERIFY(Generator(*m_pool, o).run().ok());
        const QString fax = QStringLiteral("rx0001-fax.png");
        QCOMPARE(readAll(QDir(one.path()).filePath(fax)), readAll(QDir(all.path()).filePath(fax)));
    }

    void truthFiles()
    {
        QTemporaryDir dir;
        GeneratorOptions o = options(dir.path(), 21);
        o.count = 4;
        const auto written = Generator(*m_pool, o).run();
        QVERIFY(written.ok());
        QCOMPARE(written->size(), 8);

        const QJsonObject manifest = readJson(dir.filePath(QStringLiteral("manifest.json")));
        QCOMPARE(manifest.value(QStringLiteral("ids")).toArray().size(), 8);
        static const QRegularExpression masked(QStringLiteral("^\\d{6}-[1-4]\\*{6}$"));
        for (const GeneratedImage& g : written.value()) {
            QVERIFY(manifest.value(QStringLiteral("ids")).toArray().contains(g.id));
            const QString truthPath = dir.filePath(g.truthFile);
            const QJsonObject o2 = readJson(truthPath);
            QCOMPARE(o2.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
            QCOMPARE(o2.value(QStringLiteral("source")).toString(), g.imageFile);
            const QByteArray image = readAll(dir.filePath(g.imageFile));
            QCOMPARE(o2.value(QStringLiteral("sha256")).toString(),
                     QString::fromLatin1(QCryptographicHash::hash(image, QCryptographicHash::Sha256).toHex()));

            const QJsonObject gen = o2.value(QStringLiteral("generator")).toObject();
            QCOMPARE(gen.value(QStringLiteral("layout")).toString(), layoutName(g.layout));
            QCOMPARE(gen.value(QStringLiteral("condition")).toString(), conditionName(g.condition));
            QCOMPARE(gen.value(QStringLiteral("font")).toString(), g.font);
            QCOMPARE(gen.value(QStringLiteral("seed")).toInteger(), 21);
            QCOMPARE(gen.value(QStringLiteral("dpi")).toInt(), 150);

            // The RRN is masked; the clear digits after the sex digit appear nowhere in the file.
            const QJsonObject patient = o2.value(QStringLiteral("prescription")).toObject().value(QStringLiteral("patient")).toObject();
            const QString mask = patient.value(QStringLiteral("rrn_masked")).toString();
            QVERIFY2(masked.match(mask).hasMatch(), qPrintable(mask));
            QVERIFY(!patient.value(QStringLiteral("birth_date")).toString().isEmpty());

            // The truth reads back through the project's own reader, with every line complete.
            const auto back = core::json::readImportResult(truthPath);
            QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().toString()));
            const core::Prescription& p = *back->prescription;
            QVERIFY(p.issueDate.hasValue() && p.issueNumber.hasValue() && p.validityDays.hasValue());
            QVERIFY(p.institution.name.hasValue() && p.institution.code.hasValue() && p.institution.phone.hasValue());
            QVERIFY(p.prescriber.name.hasValue() && p.prescriber.licenseNumber.hasValue());
            QVERIFY(p.patient.name.hasValue() && !p.diagnosisCodes->isEmpty());
            QVERIFY(!p.items.isEmpty());
            const QImage img(dir.filePath(g.imageFile));
            for (const core::PrescriptionItem& item : p.items) {
                QCOMPARE(item.ediCode->size(), 9);
                QVERIFY(item.product.has_value());
                QVERIFY(m_pool->allCodes().value(*item.ediCode).contains(item.product->name));
                QVERIFY(item.dose.hasValue() && item.timesPerDay.hasValue() && item.days.hasValue() && item.usage.hasValue());
                QVERIFY(item.rawText.startsWith(*item.ediCode));
            }
            // Line boxes (not read back by the core reader) lie inside the image.
            const QJsonArray items = o2.value(QStringLiteral("prescription")).toObject().value(QStringLiteral("items")).toArray();
            QCOMPARE(items.size(), p.items.size());
            for (const QJsonValue& v : items) {
                const QJsonArray b = v.toObject().value(QStringLiteral("box")).toArray();
                QCOMPARE(b.size(), 4);
                const QRect box(b.at(0).toInt(), b.at(1).toInt(), b.at(2).toInt(), b.at(3).toInt());
                QVERIFY(!box.isEmpty() && img.rect().contains(box));
            }
            QVERIFY2(!QString::fromUtf8(readAll(truthPath)).contains(QRegularExpression(QStringLiteral("\\d{6}-[1-4]\\d{6}"))),
                     "a full RRN in the truth file");
        }
    }

    void conditions_data()
    {
        QTest::addColumn<int>("condition");
        QTest::addColumn<int>("layout");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<double>("minScale");  // image size relative to the page render
        QTest::addColumn<double>("maxScale");
        QTest::newRow("clean statutory") << int(Condition::Clean) << int(Layout::Statutory) << ".png" << 1.0 << 1.0;
        QTest::newRow("clean hospital") << int(Condition::Clean) << int(Layout::Hospital) << ".png" << 1.0 << 1.0;
        QTest::newRow("scan statutory") << int(Condition::Scan) << int(Layout::Statutory) << ".jpg" << 1.0 << 1.0;
        QTest::newRow("photo statutory") << int(Condition::Photo) << int(Layout::Statutory) << ".jpg" << 1.0 << 1.3;
        QTest::newRow("photo hospital") << int(Condition::Photo) << int(Layout::Hospital) << ".jpg" << 1.0 << 1.3;
        QTest::newRow("fax statutory") << int(Condition::Fax) << int(Layout::Statutory) << ".png" << 1.0 << 1.0;
        QTest::newRow("fax hospital") << int(Condition::Fax) << int(Layout::Hospital) << ".png" << 1.0 << 1.0;
    }
    void conditions()
    {
        QFETCH(int, condition);
        QFETCH(int, layout);
        QFETCH(QString, suffix);
        QFETCH(double, minScale);
        QFETCH(double, maxScale);
        QTemporaryDir dir;
        GeneratorOptions o = options(dir.path(), 5);
        o.count = 1;
        o.layouts = { Layout(layout) };
        o.conditions = { Condition(condition) };
        const auto written = Generator(*m_pool, o).run();
        QVERIFY(written.ok());
        QCOMPARE(written->size(), 1);
        const GeneratedImage& g = written->first();
        QVERIFY(g.imageFile.endsWith(suffix));

        QImageReader reader(dir.filePath(g.imageFile));
        const QImage img = reader.read();
        QVERIFY2(!img.isNull(), qPrintable(reader.errorString()));
        const QSize page(qRound(210 / 25.4 * 150), qRound(297 / 25.4 * 150));
        QVERIFY(img.height() >= page.height() * minScale && img.height() <= page.height() * maxScale + 1);
        QVERIFY(img.width() >= page.width() * minScale * 0.99 && img.width() <= page.width() * maxScale + 1);
        QVERIFY2(greySpread(img) > 15.0, "the image is blank");
        // Mostly paper: the median page stays light in every condition but the desk around a photo.
        const QImage grey = img.convertToFormat(QImage::Format_Grayscale8);
        const QRect centre(img.width() / 4, img.height() / 4, img.width() / 2, img.height() / 2);
        qint64 light = 0;
        for (int y = centre.top(); y <= centre.bottom(); y += 4)
            for (int x = centre.left(); x <= centre.right(); x += 4)
                light += grey.constScanLine(y)[x] > 128 ? 1 : 0;
        QVERIFY(light > (centre.width() / 4) * (centre.height() / 4) * 0.6);

        const QJsonObject gen = readJson(dir.filePath(g.truthFile)).value(QStringLiteral("generator")).toObject();
        const QJsonArray corners = gen.value(QStringLiteral("page_corners")).toArray();
        QCOMPARE(corners.size(), 4);
        for (const QJsonValue& v : corners) {
            const QPointF pt(v.toArray().at(0).toDouble(), v.toArray().at(1).toDouble());
            QVERIFY(QRectF(img.rect()).adjusted(-img.width() * 0.05, -img.height() * 0.05, img.width() * 0.05,
                                                img.height() * 0.05).contains(pt));
        }
    }

    void parsesOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("ok");
        QTest::newRow("minimal") << strings({ "--out", "/tmp/x" }) << true;
        QTest::newRow("everything")
            << strings({ "--out", "/tmp/x", "--count", "3", "--seed", "9", "--layouts", "hospital",
                             "--conditions", "clean,fax", "--fonts", "UnDotum", "--dpi", "300", "--format", "jpg" })
            << true;
        QTest::newRow("no out") << strings({ "--count", "3" }) << false;
        QTest::newRow("zero count") << strings({ "--out", "/tmp/x", "--count", "0" }) << false;
        QTest::newRow("bad layout") << strings({ "--out", "/tmp/x", "--layouts", "letter" }) << false;
        QTest::newRow("bad condition") << strings({ "--out", "/tmp/x", "--conditions", "clean,rain" }) << false;
        QTest::newRow("dpi too low") << strings({ "--out", "/tmp/x", "--dpi", "50" }) << false;
        QTest::newRow("bad format") << strings({ "--out", "/tmp/x", "--format", "gif" }) << false;
        QTest::newRow("negative seed") << strings({ "--out", "/tmp/x", "--seed", "-1" }) << false;
    }
    void parsesOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, ok);
        QCommandLineParser parser;
        addGeneratorOptions(parser);
        QVERIFY(parser.parse(QStringList { QStringLiteral("pharmdesk-gen") } + args));
        const auto o = generatorOptionsFrom(parser, QStringLiteral("/permits.csv"));
        QCOMPARE(o.ok(), ok);
        if (ok && args.contains(QStringLiteral("--dpi"))) {
            QCOMPARE(o->dpi, 300);
            QCOMPARE(o->count, 3);
            QCOMPARE(o->seed, 9u);
            QCOMPARE(o->layouts, QList<Layout> { Layout::Hospital });
            QCOMPARE(o->conditions, (QList<Condition> { Condition::Clean, Condition::Fax }));
            QCOMPARE(o->format, ImageFormat::Jpg);
        } else if (ok) {
            QCOMPARE(o->permitsCsv, QStringLiteral("/permits.csv"));
            QCOMPARE(o->conditions, QList<Condition> { Condition::Clean });
        }
    }

    void unknownFontIsRefused()
    {
        QTemporaryDir dir;
        GeneratorOptions o = options(dir.path(), 1);
        o.fonts = { QStringLiteral("No Such Font Family 123") };
        const auto r = Generator(*m_pool, o).run();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().category, core::ErrorCategory::Usage);
    }
};

QTEST_MAIN(TestGenerator)
#include "test_generator.moc"
