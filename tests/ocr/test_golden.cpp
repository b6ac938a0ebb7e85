// SPDX-License-Identifier: GPL-3.0-or-later
// End to end on generated prescriptions (statutory and hospital layouts), rendered at run time
// with the project's generator: clean renders, sheets fed upside down or sideways, 650-pixel
// scans, and the pages of a PDF and of a multi-page TIFF. Every drug line right, nothing
// presented as certain that is wrong, and the header fields the truth has.
#include "Scoring.h"
#include "TestCatalog.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/gen/Generator.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QDir>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace pharmdesk;

class TestGolden : public QObject
{
    Q_OBJECT

private:
    /// One page to read and its truth; `strict` pages must have every line and the key header
    /// fields exactly right, the others (650-pixel scans) only nothing certain-but-wrong.
    struct Case
    {
        QString name;
        QString image;
        int page = 0;
        QString truth;
        bool strict = true;
    };

    QTemporaryDir m_dir;
    QList<Case> m_cases;
    std::unique_ptr<ocr::PrescriptionReader> m_reader;

    QString path(const QString& name) const { return QDir(m_dir.path()).filePath(name); }

    static QList<gen::GeneratedImage> generate(const gen::DrugPool& pool, const QString& dir, std::uint64_t seed,
                                               int count, QList<gen::Condition> conditions)
    {
        gen::GeneratorOptions options;
        options.outDir = dir;
        options.count = count;
        options.seed = seed;
        options.layouts = { gen::Layout::Statutory, gen::Layout::Hospital };
        options.conditions = std::move(conditions);
        options.permitsCsv = QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv");
        gen::Generator generator(pool, options);
        auto images = generator.run();
        return images.ok() ? *images : QList<gen::GeneratedImage> {};
    }

    /// The images as the pages of one PDF, each drawn full page at the image's resolution.
    static bool writePdf(const QString& file, const QStringList& images)
    {
        QPdfWriter writer(file);
        writer.setResolution(200);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        for (qsizetype i = 0; i < images.size(); ++i) {
            const QImage image(images[i]);
            if (image.isNull())
                return false;
            writer.setPageSize(QPageSize(QSizeF(image.width() / 200.0, image.height() / 200.0), QPageSize::Inch));
            if (i == 0) {
                if (!painter.begin(&writer))
                    return false;
            } else {
                writer.newPage();
            }
            painter.drawImage(QRect(0, 0, image.width(), image.height()), image);
        }
        return painter.end();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString permits = QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv");
        auto pool = gen::DrugPool::load(permits);
        QVERIFY2(pool.ok(), qPrintable(pool.ok() ? QString() : pool.error().toString()));

        const auto clean = generate(*pool, m_dir.path(), 20261122, 4, { gen::Condition::Clean });
        QCOMPARE(clean.size(), 4);
        for (const gen::GeneratedImage& g : clean)
            m_cases.append({ g.id + QLatin1Char('-') + gen::layoutName(g.layout), path(g.imageFile), 0, path(g.truthFile), true });

        // Sheets fed the wrong way and scans stored small; their own seed and folder.
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("captures")));
        const QString captures = path(QStringLiteral("captures"));
        const auto turned = generate(*pool, captures, 7001, 2, { gen::Condition::Turned, gen::Condition::LowRes });
        QCOMPARE(turned.size(), 4);
        for (const gen::GeneratedImage& g : turned) {
            m_cases.append({ g.id, QDir(captures).filePath(g.imageFile), 0, QDir(captures).filePath(g.truthFile),
                             g.condition != gen::Condition::LowRes });
        }

        // The first two clean prescriptions as a two-page PDF and as a two-page TIFF.
        const QStringList firstTwo = { m_cases[0].image, m_cases[1].image };
        QVERIFY(writePdf(path(QStringLiteral("two.pdf")), firstTwo));
        std::vector<cv::Mat> pages;
        for (const QString& image : firstTwo)
            pages.push_back(cv::imread(image.toStdString(), cv::IMREAD_GRAYSCALE));
        QVERIFY(cv::imwritemulti(path(QStringLiteral("two.tiff")).toStdString(), pages));
        // The TIFF pages are the same pixels: strict. The PDF pages are resampled from 200 to 300
        // dpi by the renderer, which costs a digit now and then (flagged, measured: "1.00" read
        // as "1.00%"): not strict.
        for (int page = 0; page < 2; ++page) {
            m_cases.append({ QStringLiteral("pdf page %1").arg(page + 1), path(QStringLiteral("two.pdf")), page, m_cases[page].truth, false });
            m_cases.append({ QStringLiteral("tiff page %1").arg(page + 1), path(QStringLiteral("two.tiff")), page, m_cases[page].truth, true });
        }

        auto catalog = ocr::test::TestCatalog::fromPermitsCsv(permits);
        QVERIFY(catalog && catalog->productCount() > 40000);
        auto reader = ocr::PrescriptionReader::create(ocr::ReaderOptions {}, catalog);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().toString()));
        m_reader = std::move(reader).value();
    }

    void readsGeneratedPrescriptions_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("truth");
        QTest::addColumn<bool>("strict");
        for (const Case& c : m_cases)
            QTest::newRow(qPrintable(c.name)) << c.image << c.page << c.truth << c.strict;
    }

    void readsGeneratedPrescriptions()
    {
        QFETCH(QString, image);
        QFETCH(int, page);
        QFETCH(QString, truth);
        QFETCH(bool, strict);
        const auto expected = core::json::readImportResult(truth);
        QVERIFY(expected.ok() && expected->prescription);
        const core::ImportResult result = m_reader->read(image, page);
        const bool multiPage = image.endsWith(QLatin1String(".pdf")) || image.endsWith(QLatin1String(".tiff"));
        QCOMPARE(result.page, multiPage ? page + 1 : 0);
        QVERIFY2(result.prescription.has_value(), qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.sha256.size(), 64);
        QVERIFY(result.timings.total > 0 && result.timings.ocr > 0);

        const core::Prescription& got = *result.prescription;
        const core::Prescription& want = *expected->prescription;
        const auto score = ocr::test::scoreResult(result, *expected);
        QVERIFY2(score.certainButWrong == 0, qPrintable(score.problems.join(QLatin1Char('\n'))));
        QVERIFY(!score.okButMissingLine);
        if (!strict)
            return;
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
        // The header: at least the fields a pharmacist checks first.
        QCOMPARE(got.patient.maskedRrn(), want.patient.maskedRrn());
        QCOMPARE(got.institution.code.valueOr(QString()), want.institution.code.valueOr(QString()));
        QCOMPARE(got.issueDate.valueOr(QDate()), want.issueDate.valueOr(QDate()));
    }
};

QTEST_MAIN(TestGolden)
#include "test_golden.moc"
