// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled samples in resources/samples are what their README says: made by the command it
// quotes, with truth that matches the images.
#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/gen/Generator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::gen;

namespace {

const QString kSamples = QStringLiteral(PHARMDESK_RESOURCES_DIR "/samples");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The pharmdesk-gen command quoted in the README, as arguments (continuation lines joined).
QStringList readmeCommand()
{
    const QStringList lines = QString::fromUtf8(readAll(kSamples + QStringLiteral("/README.md"))).split(QLatin1Char('\n'));
    QString command;
    for (const QString& line : lines) {
        if (command.isEmpty() && !line.contains(QStringLiteral("pharmdesk-gen --out")))
            continue;
        command += line.trimmed();
        if (!command.endsWith(QLatin1Char('\\')))
            break;
        command.chop(1);
        command += QLatin1Char(' ');
    }
    return QProcess::splitCommand(command);
}

} // namespace

class TestSamples : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samplesMatchTheirTruth()
    {
        const QJsonObject manifest = QJsonDocument::fromJson(readAll(kSamples + QStringLiteral("/manifest.json"))).object();
        const QJsonArray items = manifest.value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() >= 3);
        QStringList layouts, conditions;
        for (const QJsonValue& v : items) {
            const QJsonObject item = v.toObject();
            const QString image = kSamples + QLatin1Char('/') + item.value(QStringLiteral("image")).toString();
            const QByteArray bytes = readAll(image);
            QVERIFY2(!bytes.isEmpty(), qPrintable(image));
            QVERIFY2(bytes.size() < 600 * 1024, qPrintable(image));
            const auto truth = core::json::readImportResult(kSamples + QLatin1Char('/') + item.value(QStringLiteral("truth")).toString());
            QVERIFY(truth.ok());
            QCOMPARE(truth->sha256, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
            QCOMPARE(truth->source, item.value(QStringLiteral("image")).toString());
            QVERIFY(truth->prescription && !truth->prescription->items.isEmpty());
            layouts.append(item.value(QStringLiteral("layout")).toString());
            conditions.append(item.value(QStringLiteral("condition")).toString());
        }
        QVERIFY(layouts.contains(QStringLiteral("statutory")) && layouts.contains(QStringLiteral("hospital")));
        QVERIFY(conditions.contains(QStringLiteral("clean")));
    }

    void readmeCommandReproducesTheTruth()
    {
        QStringList args = readmeCommand();
        QVERIFY2(args.size() > 3, "no pharmdesk-gen command in resources/samples/README.md");
        QTemporaryDir dir;
        const qsizetype out = args.indexOf(QStringLiteral("--out"));
        QVERIFY(out > 0 && out + 1 < args.size());
        args[out + 1] = dir.path();

        QCommandLineParser parser;
        addGeneratorOptions(parser);
        QVERIFY2(parser.parse(args), qPrintable(parser.errorText()));
        const auto options = generatorOptionsFrom(parser, QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY(options.ok());
        const auto pool = DrugPool::load(options->permitsCsv);
        QVERIFY(pool.ok());
        const auto written = Generator(pool.value(), options.value()).run();
        QVERIFY(written.ok());
        for (const GeneratedImage& g : written.value()) {
            const QJsonObject fresh = QJsonDocument::fromJson(readAll(dir.filePath(g.truthFile))).object();
            const QJsonObject bundled = QJsonDocument::fromJson(readAll(kSamples + QLatin1Char('/') + g.truthFile)).object();
            QVERIFY2(!bundled.isEmpty(), qPrintable(g.truthFile));
            // Pixels may differ between machines (font versions); the prescription may not.
            QCOMPARE(fresh.value(QStringLiteral("prescription")), bundled.value(QStringLiteral("prescription")));
            QCOMPARE(fresh.value(QStringLiteral("generator")).toObject().value(QStringLiteral("layout")),
                     bundled.value(QStringLiteral("generator")).toObject().value(QStringLiteral("layout")));
        }
    }
};

QTEST_MAIN(TestSamples)
#include "test_samples.moc"
