// SPDX-License-Identifier: GPL-3.0-or-later
// End to end on faxes as a fax server stores them: a standard (204 × 98 dpi, pixels twice as tall
// as wide) and a fine (204 × 196 dpi) page of the generator's faxfile condition, joined into one
// two-page G4 TIFF. Each page is its own prescription, read on square pixels: every drug line
// found, nothing certain that is wrong, and the lines where the truth puts them once stretched.
#include "Scoring.h"
#include "TestCatalog.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/gen/Generator.h"
#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <leptonica/allheaders.h>

#include <cmath>

using namespace pharmdesk;

namespace {

/// The truth's line boxes ([x, y, w, h] in the stored TIFF's pixels) and its declared density.
struct FaxTruth
{
    QList<QRect> boxes;
    int linesPerInch = 0;
};

FaxTruth faxTruth(const QString& truthPath)
{
    FaxTruth t;
    QFile f(truthPath);
    if (!f.open(QIODevice::ReadOnly))
        return t;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    for (const QJsonValue& item : o.value(QStringLiteral("prescription")).toObject().value(QStringLiteral("items")).toArray()) {
        const QJsonArray b = item.toObject().value(QStringLiteral("box")).toArray();
        t.boxes.append(b.size() == 4 ? QRect(b[0].toInt(), b[1].toInt(), b[2].toInt(), b[3].toInt()) : QRect());
    }
    const QJsonArray dpi = o.value(QStringLiteral("generator")).toObject().value(QStringLiteral("fax_dpi")).toArray();
    t.linesPerInch = dpi.size() == 2 ? dpi[1].toInt() : 0;
    return t;
}

} // namespace

class TestGoldenFax : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_tiff;
    QStringList m_truths;  ///< truth of page 1 (standard) and page 2 (fine)
    std::unique_ptr<ocr::PrescriptionReader> m_reader;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString permits = QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv");
        auto pool = gen::DrugPool::load(permits);
        QVERIFY(pool.ok());
        gen::GeneratorOptions options;
        options.outDir = m_dir.path();
        options.count = 5;
        options.seed = 606;
        options.conditions = { gen::Condition::FaxFile };
        options.permitsCsv = permits;
        gen::Generator generator(*pool, options);
        const auto images = generator.run();
        QVERIFY(images.ok() && images->size() == 5);
        // Seed 606: the first prescription is a standard fax, the fifth a fine one (both the
        // statutory form). Read as stored (squashed), the standard one lost a product and every
        // header field; with square pixels every product is right.
        const QList<gen::GeneratedImage> chosen = { images->at(0), images->at(4) };
        m_tiff = QDir(m_dir.path()).filePath(QStringLiteral("two-faxes.tif"));
        for (qsizetype i = 0; i < chosen.size(); ++i) {
            m_truths.append(QDir(m_dir.path()).filePath(chosen[i].truthFile));
            PIX* page = pixRead(QDir(m_dir.path()).filePath(chosen[i].imageFile).toLocal8Bit().constData());
            QVERIFY(page);
            const bool written = pixWriteTiff(m_tiff.toLocal8Bit().constData(), page, IFF_TIFF_G4, i == 0 ? "w" : "a") == 0;
            pixDestroy(&page);
            QVERIFY(written);
        }
        QCOMPARE(faxTruth(m_truths[0]).linesPerInch, 98);
        QCOMPARE(faxTruth(m_truths[1]).linesPerInch, 196);
        QCOMPARE(ocr::pageCount(m_tiff).value(), 2);

        auto catalog = ocr::test::TestCatalog::fromPermitsCsv(permits);
        QVERIFY(catalog && catalog->productCount() > 40000);
        auto reader = ocr::PrescriptionReader::create(ocr::ReaderOptions {}, catalog);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().toString()));
        m_reader = std::move(reader).value();
    }

    void readsEachPage_data()
    {
        QTest::addColumn<int>("page");
        QTest::newRow("standard 204x98") << 0;
        QTest::newRow("fine 204x196") << 1;
    }

    void readsEachPage()
    {
        QFETCH(int, page);
        const auto expected = core::json::readImportResult(m_truths[page]);
        QVERIFY(expected.ok() && expected->prescription);
        const core::ImportResult result = m_reader->read(m_tiff, page);
        QCOMPARE(result.page, page + 1);
        QVERIFY2(result.prescription.has_value(), qPrintable(result.error ? result.error->toString() : QString()));
        const auto score = ocr::test::scoreResult(result, *expected);
        QVERIFY2(score.certainButWrong == 0, qPrintable(score.problems.join(QLatin1Char('\n'))));
        QVERIFY(!score.okButMissingLine);
        // Every drug line found and its product right.
        QCOMPARE(result.prescription->items.size(), expected->prescription->items.size());
        QVERIFY2(score.identityRight == score.truthLines, qPrintable(score.problems.join(QLatin1Char('\n'))));

        // Boxes are in the square-pixel page: the truth's, stretched down by the density ratio.
        const FaxTruth truth = faxTruth(m_truths[page]);
        const double stretch = 204.0 / truth.linesPerInch;
        for (qsizetype i = 0; i < truth.boxes.size(); ++i) {
            const QRect got = result.prescription->items[i].box;
            const double truthCentre = (truth.boxes[i].top() + truth.boxes[i].height() / 2.0) * stretch;
            const double lineHeight = truth.boxes[i].height() * stretch;
            QVERIFY2(std::abs(got.center().y() - truthCentre) < lineHeight / 2,
                     qPrintable(QStringLiteral("line %1: centre %2, truth %3").arg(i + 1).arg(got.center().y()).arg(truthCentre)));
        }
    }
};

QTEST_MAIN(TestGoldenFax)
#include "test_goldenfax.moc"
