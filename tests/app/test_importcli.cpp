// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli import, run as a user runs it: a real process on real files, real OCR.
#include "pharmdesk/core/ResultJson.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace pharmdesk::core;

namespace {

const QString kCli = QStringLiteral(PHARMDESK_BINARY_DIR "/app/pharmdesk-cli");
const QString kGen = QStringLiteral(PHARMDESK_BINARY_DIR "/tests/generator/pharmdesk-gen");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProcess(const QString& program, const QStringList& args, int timeoutMs = 600000)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool validateAgainstSchema(const QStringList& files, QString* errors)
{
    QStringList args { QStringLiteral(PHARMDESK_TEST_DATA_DIR "/../tools/validate_json.py"),
                       QStringLiteral(PHARMDESK_DOCS_DIR "/result.schema.json") };
    args += files;
    const Run r = runProcess(QStringLiteral("python3"), args);
    *errors = r.err + r.out;
    return r.exitCode == 0;
}

} // namespace

class TestImportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;  // one drug cache for the whole class (built on first use)
    QTemporaryDir m_work;

private Q_SLOTS:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no paths") << QStringList { QStringLiteral("import"), QStringLiteral("--out"), QStringLiteral("x") };
        QTest::newRow("no --out") << QStringList { QStringLiteral("import"), QStringLiteral("a.png") };
        QTest::newRow("bad --jobs") << QStringList { QStringLiteral("import"), QStringLiteral("a.png"), QStringLiteral("--out"),
                                                     QStringLiteral("x"), QStringLiteral("--jobs"), QStringLiteral("zero") };
        QTest::newRow("unknown option") << QStringList { QStringLiteral("import"), QStringLiteral("--frobnicate") };
        QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") };
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = runProcess(kCli, args << QStringLiteral("--data-dir") << m_dataDir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void badFilesFailClearlyAndTheBatchGoesOn()
    {
        const QString in = m_work.filePath(QStringLiteral("bad"));
        QVERIFY(QDir().mkpath(in));
        // empty
        QFile(in + QStringLiteral("/empty.png")).open(QIODevice::WriteOnly);
        // not an image
        {
            QFile f(in + QStringLiteral("/notes.png"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is a shopping list, not a prescription\n");
        }
        // 1x1 pixel
        {
            QImage img(1, 1, QImage::Format_Grayscale8);
            img.fill(255);
            QVERIFY(img.save(in + QStringLiteral("/dot.png")));
        }
        // truncated JPEG: the first third of a real one
        {
            QImage img(1200, 1600, QImage::Format_RGB32);
            img.fill(Qt::white);
            QPainter p(&img);
            p.setPen(Qt::black);
            for (int y = 100; y < 1500; y += 60)
                p.drawLine(100, y, 1100, y);
            p.end();
            const QString full = m_work.filePath(QStringLiteral("full.jpg"));
            QVERIFY(img.save(full, "JPEG", 90));
            QFile f(full);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QFile t(in + QStringLiteral("/truncated.jpg"));
            QVERIFY(t.open(QIODevice::WriteOnly));
            t.write(bytes.left(bytes.size() / 3));
        }
        // 60 megapixels (a mono PNG stays small on disk)
        {
            QImage img(10000, 6000, QImage::Format_Mono);
            img.fill(1);
            QVERIFY(img.save(in + QStringLiteral("/huge.png")));
        }
        const QString out = m_work.filePath(QStringLiteral("bad-out"));
        const Run r = runProcess(kCli, { QStringLiteral("import"), in, QStringLiteral("--out"), out, QStringLiteral("--jobs"),
                                         QStringLiteral("2"), QStringLiteral("--data-dir"), m_dataDir.path() });
        QCOMPARE(r.exitCode, 1);  // some files failed, the run finished
        const QStringList names { QStringLiteral("empty"), QStringLiteral("notes"), QStringLiteral("dot"),
                                  QStringLiteral("truncated"), QStringLiteral("huge") };
        QStringList files;
        for (const QString& name : names) {
            const QString path = out + QLatin1Char('/') + name + QStringLiteral(".json");
            const QJsonObject o = readJson(path);
            QVERIFY2(!o.isEmpty(), qPrintable(name));
            files.append(path);
            if (name == QLatin1String("truncated") && o[QStringLiteral("status")].toString() != QLatin1String("failed")) {
                // A truncated JPEG may decode partially; then it must at least not pass as certain.
                QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("needs_review"));
                continue;
            }
            QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("failed"));
            QVERIFY2(!o[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty(), qPrintable(name));
            QVERIFY(o[QStringLiteral("prescription")].isNull());
        }
        const QJsonObject summary = readJson(out + QStringLiteral("/summary.json"));
        QCOMPARE(summary[QStringLiteral("total")].toInt(), 5);
        QVERIFY(summary[QStringLiteral("counts")][QStringLiteral("failed")].toInt() >= 4);
        QString errors;
        QVERIFY2(validateAgainstSchema(files, &errors), qPrintable(errors));
    }

    void multiPageFilesGiveOneResultPerPage()
    {
        // The two clean samples as the pages of a TIFF and of a PDF (drawn at their 200 dpi).
        const QString in = m_work.filePath(QStringLiteral("pages"));
        QVERIFY(QDir().mkpath(in));
        const QStringList samples = { QStringLiteral(PHARMDESK_RESOURCES_DIR "/samples/sample-statutory-clean.png"),
                                      QStringLiteral(PHARMDESK_RESOURCES_DIR "/samples/sample-hospital-clean.png") };
        std::vector<cv::Mat> pages;
        for (const QString& sample : samples)
            pages.push_back(cv::imread(sample.toStdString(), cv::IMREAD_GRAYSCALE));
        QVERIFY(cv::imwritemulti((in + QStringLiteral("/fax.tiff")).toStdString(), pages));
        {
            QPdfWriter writer(in + QStringLiteral("/scan.pdf"));
            writer.setResolution(200);
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter;
            for (qsizetype i = 0; i < samples.size(); ++i) {
                const QImage image(samples[i]);
                writer.setPageSize(QPageSize(QSizeF(image.width() / 200.0, image.height() / 200.0), QPageSize::Inch));
                if (i == 0)
                    QVERIFY(painter.begin(&writer));
                else
                    writer.newPage();
                painter.drawImage(QRect(0, 0, image.width(), image.height()), image);
            }
            QVERIFY(painter.end());
        }
        const QString out = m_work.filePath(QStringLiteral("pages-out"));
        const Run r = runProcess(kCli, { QStringLiteral("import"), in, QStringLiteral("--out"), out, QStringLiteral("--jobs"),
                                         QStringLiteral("2"), QStringLiteral("--data-dir"), m_dataDir.path() });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject summary = readJson(out + QStringLiteral("/summary.json"));
        QCOMPARE(summary.value(QStringLiteral("total")).toInt(), 4);
        QCOMPARE(summary.value(QStringLiteral("counts")).toObject().value(QStringLiteral("failed")).toInt(), 0);
        QStringList files;
        for (const QString& stem : { QStringLiteral("fax"), QStringLiteral("scan") }) {
            for (int page = 1; page <= 2; ++page) {
                const QString file = out + QStringLiteral("/%1-p%2.json").arg(stem).arg(page);
                files.append(file);
                const auto result = pharmdesk::core::json::readImportResult(file);
                QVERIFY2(result.ok(), qPrintable(file));
                QCOMPARE(result->page, page);
                QVERIFY(result->prescription.has_value());
                const auto truth = pharmdesk::core::json::readImportResult(QString(samples[page - 1]).replace(QStringLiteral(".png"), QStringLiteral(".truth.json")));
                QVERIFY(truth.ok());
                QCOMPARE(result->prescription->items.size(), truth->prescription->items.size());
            }
        }
        QString errors;
        QVERIFY2(validateAgainstSchema(files, &errors), qPrintable(errors));
    }

    void generatedPrescriptionsAreReadEndToEnd()
    {
        const QString set = m_work.filePath(QStringLiteral("set"));
        const Run gen = runProcess(kGen, { QStringLiteral("--out"), set, QStringLiteral("--count"), QStringLiteral("4"),
                                           QStringLiteral("--seed"), QStringLiteral("20261122"), QStringLiteral("--layouts"),
                                           QStringLiteral("statutory,hospital"), QStringLiteral("--conditions"),
                                           QStringLiteral("clean") });
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        const QString out = m_work.filePath(QStringLiteral("set-out"));
        const QString guides = m_work.filePath(QStringLiteral("set-guides"));
        const Run r = runProcess(kCli, { QStringLiteral("import"), set, QStringLiteral("--out"), out, QStringLiteral("--guides"),
                                         guides, QStringLiteral("--jobs"), QStringLiteral("2"), QStringLiteral("--data-dir"),
                                         m_dataDir.path() });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("medication guides")));

        const QStringList truths = QDir(set).entryList({ QStringLiteral("*.truth.json") }, QDir::Files, QDir::Name);
        QCOMPARE(truths.size(), 4);
        QStringList resultFiles;
        int lines = 0;
        for (const QString& truthName : truths) {
            const QString id = truthName.chopped(int(QStringLiteral(".truth.json").size()));
            const auto truth = json::readImportResult(QDir(set).filePath(truthName));
            QVERIFY(truth.ok());
            const QString resultPath = QDir(out).filePath(id + QStringLiteral(".json"));
            resultFiles.append(resultPath);
            const auto got = json::readImportResult(resultPath);
            QVERIFY2(got.ok(), qPrintable(id));
            QVERIFY2(got->status != ImportResult::Status::Failed, qPrintable(id));
            QVERIFY(QFile::exists(QDir(guides).filePath(id + QStringLiteral(".pdf"))));
            const auto& t = truth->prescription->items;
            const auto& g = got->prescription->items;
            QCOMPARE(g.size(), t.size());
            for (qsizetype i = 0; i < t.size(); ++i) {
                const QString where = QStringLiteral("%1 line %2").arg(id).arg(i + 1);
                QVERIFY2(g[i].product.has_value(), qPrintable(where));
                QCOMPARE(g[i].product->name, t[i].product->name);
                QCOMPARE(*g[i].dose, *t[i].dose);
                QCOMPARE(*g[i].timesPerDay, *t[i].timesPerDay);
                QCOMPARE(*g[i].days, *t[i].days);
                ++lines;
            }
            QCOMPARE(got->prescription->patient.maskedRrn(), truth->prescription->patient.maskedRrn());
        }
        QVERIFY(lines >= 4);
        QString errors;
        QVERIFY2(validateAgainstSchema(resultFiles, &errors), qPrintable(errors));

        // The full resident numbers printed on the images appear in no output file: nothing
        // shaped like 13 RRN digits, only the masked "YYMMDD-S******".
        const QRegularExpression fullRrn(QStringLiteral("[0-9]{6}-[1-8][0-9]{6}|(?<![0-9a-f])[0-9]{6}[1-8][0-9]{6}(?![0-9a-f])"));
        for (const QString& path : std::as_const(resultFiles)) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(!fullRrn.match(text).hasMatch(), qPrintable(path));
            QVERIFY(text.contains(QStringLiteral("******")));
        }

        // --resume keeps every earlier result and recognises nothing again.
        const Run again = runProcess(kCli, { QStringLiteral("import"), set, QStringLiteral("--out"), out, QStringLiteral("--resume"),
                                             QStringLiteral("--data-dir"), m_dataDir.path() });
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains(QStringLiteral("4 image(s) already done, 0 to go")), qPrintable(again.err));
        QCOMPARE(readJson(QDir(out).filePath(QStringLiteral("summary.json")))[QStringLiteral("skipped_resumed")].toInt(), 4);
    }
};

QTEST_GUILESS_MAIN(TestImportCli)
#include "test_importcli.moc"
