// SPDX-License-Identifier: GPL-3.0-or-later
// End to end on generated clean prescriptions (statutory and hospital layouts), rendered at run
// time with the project's generator: every drug line right, nothing presented as certain that
// is wrong, and the header fields the truth has.
#include "Scoring.h"
#include "TestCatalog.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/gen/Generator.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;

class TestGolden : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QList<gen::GeneratedImage> m_images;
    std::unique_ptr<ocr::PrescriptionReader> m_reader;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString permits = QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv");
        auto pool = gen::DrugPool::load(permits);
        QVERIFY2(pool.ok(), qPrintable(pool.ok() ? QString() : pool.error().toString()));
        gen::GeneratorOptions options;
        options.outDir = m_dir.path();
        options.count = 4;
        options.seed = 20261122;
        options.layouts = { gen::Layout::Statutory, gen::Layout::Hospital };
        options.conditions = { gen::Condition::Clean };
        options.permitsCsv = permits;
        gen::Generator generator(*pool, options);
        auto images = generator.run();
        QVERIFY2(images.ok(), qPrintable(images.ok() ? QString() : images.error().toString()));
        m_images = *images;
        QCOMPARE(m_images.size(), 4);

        auto catalog = ocr::test::TestCatalog::fromPermitsCsv(permits);
        QVERIFY(catalog && catalog->productCount() > 40000);
        auto reader = ocr::PrescriptionReader::create(ocr::ReaderOptions {}, catalog);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().toString()));
        m_reader = std::move(reader).value();
    }

    void readsGeneratedPrescriptions_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("truth");
        for (const gen::GeneratedImage& g : m_images) {
            QTest::newRow(qPrintable(g.id + QLatin1Char('-') + gen::layoutName(g.layout)))
                << QDir(m_dir.path()).filePath(g.imageFile) << QDir(m_dir.path()).filePath(g.truthFile);
        }
    }

    void readsGeneratedPrescriptions()
    {
        QFETCH(QString, image);
        QFETCH(QString, truth);
        const auto expected = core::json::readImportResult(truth);
        QVERIFY(expected.ok() && expected->prescription);
        const core::ImportResult result = m_reader->read(image);
        QVERIFY2(result.prescription.has_value(), qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.sha256.size(), 64);
        QVERIFY(result.timings.total > 0 && result.timings.ocr > 0);

        const core::Prescription& got = *result.prescription;
        const core::Prescription& want = *expected->prescription;
        QCOMPARE(got.items.size(), want.items.size());
        for (qsizetype i = 0; i < want.items.size(); ++i) {
            const auto& g = got.items[i];
            const auto& w = want.items[i];
            const QString where = QStringLiteral("line %1 (%2): ").arg(i + 1).arg(g.rawText);
            QVERIFY2(g.ediCode.hasValue() && *g.ediCode == *w.ediCode, qPrintable(where + g.ediCode.valueOr(QStringLiteral("none"))));
            QVERIFY2(g.dose.hasValue() && std::abs(*g.dose - *w.dose) < 1e-6, qPrintable(where + QString::number(g.dose.valueOr(-1))));
            QVERIFY2(g.timesPerDay.hasValue() && *g.timesPerDay == *w.timesPerDay, qPrintable(where));
            QVERIFY2(g.days.hasValue() && *g.days == *w.days, qPrintable(where));
            // Boxes are in the source image and inside it.
            QVERIFY(!g.box.isNull());
        }
        const auto score = ocr::test::scoreResult(result, *expected);
        QVERIFY2(score.certainButWrong == 0, qPrintable(score.problems.join(QLatin1Char('\n'))));
        QVERIFY(!score.okButMissingLine);
        // The header: at least the fields a pharmacist checks first.
        QCOMPARE(got.patient.maskedRrn(), want.patient.maskedRrn());
        QCOMPARE(got.institution.code.valueOr(QString()), want.institution.code.valueOr(QString()));
        QCOMPARE(got.issueDate.valueOr(QDate()), want.issueDate.valueOr(QDate()));
    }
};

QTEST_MAIN(TestGolden)
#include "test_golden.moc"
