// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-ocr-bench DIR: reads every generated image of DIR (pharmdesk-gen output) with the
// PrescriptionReader and prints, per capture condition, line accuracy, header accuracy, lines
// certain-but-wrong and the median time, optionally next to plain `tesseract --psm 4`.
#include "Scoring.h"
#include "TestCatalog.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/ocr/PrescriptionReader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMap>
#include <QProcess>
#include <QTextStream>

#include <algorithm>

using namespace pharmdesk;

namespace {

struct Totals
{
    int images = 0, lines = 0, right = 0, identity = 0, certainWrong = 0, header = 0, headerRight = 0, okMissing = 0, ok = 0;
    QList<double> times, plainTimes;
};

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("pharmdesk-gen output folder"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("kor or kor_best"), QStringLiteral("name"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("at most N images"), QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption plain(QStringLiteral("plain"), QStringLiteral("also time plain tesseract --psm 4"));
    const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("print every mismatch"));
    const QCommandLineOption debug(QStringLiteral("debug"), QStringLiteral("debug image folder"), QStringLiteral("dir"));
    const QCommandLineOption permits(QStringLiteral("permits"), QStringLiteral("permits.csv"), QStringLiteral("csv"),
                                     QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
    parser.addOptions({ model, limit, plain, verbose, debug, permits });
    parser.process(app);
    QTextStream out(stdout);
    if (parser.positionalArguments().isEmpty())
        parser.showHelp(2);

    auto catalog = ocr::test::TestCatalog::fromPermitsCsv(parser.value(permits));
    if (!catalog) {
        out << "cannot read " << parser.value(permits) << Qt::endl;
        return 3;
    }
    ocr::ReaderOptions options;
    options.koreanModel = parser.value(model);
    options.debugImageDir = parser.value(debug);
    auto reader = ocr::PrescriptionReader::create(options, catalog);
    if (!reader) {
        out << reader.error().toString() << Qt::endl;
        return 3;
    }

    const QDir dir(parser.positionalArguments().first());
    QStringList truths = dir.entryList({ QStringLiteral("*.truth.json") }, QDir::Files, QDir::Name);
    truths = truths.mid(0, parser.value(limit).toInt());
    QMap<QString, Totals> perCondition;
    for (const QString& truthName : truths) {
        const QString stem = truthName.left(truthName.size() - int(qstrlen(".truth.json")));
        QString image;
        for (const char* ext : { ".png", ".jpg", ".tif" }) {
            if (dir.exists(stem + QLatin1String(ext)))
                image = dir.filePath(stem + QLatin1String(ext));
        }
        auto truth = core::json::readImportResult(dir.filePath(truthName));
        if (image.isEmpty() || !truth || !truth->prescription)
            continue;
        const QString condition = stem.section(QLatin1Char('-'), -1);
        QElapsedTimer timer;
        timer.start();
        const core::ImportResult result = (*reader)->read(image);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const auto score = ocr::test::scoreResult(result, *truth);
        for (const QString& key : { condition, QStringLiteral("all") }) {
            Totals& t = perCondition[key];
            ++t.images;
            t.lines += score.truthLines;
            t.right += score.linesRight;
            t.identity += score.identityRight;
            t.certainWrong += score.certainButWrong;
            t.header += score.headerFields;
            t.headerRight += score.headerRight;
            t.okMissing += score.okButMissingLine ? 1 : 0;
            t.ok += result.status == core::ImportResult::Status::Ok ? 1 : 0;
            t.times.append(ms);
        }
        if (parser.isSet(plain)) {
            QElapsedTimer pt;
            pt.start();
            QProcess p;
            p.start(QStringLiteral("tesseract"), { image, QStringLiteral("-"), QStringLiteral("-l"), QStringLiteral("kor+eng"),
                                                   QStringLiteral("--psm"), QStringLiteral("4") });
            p.waitForFinished(120000);
            const double pms = double(pt.nsecsElapsed()) / 1e6;
            perCondition[condition].plainTimes.append(pms);
            perCondition[QStringLiteral("all")].plainTimes.append(pms);
        }
        out << stem << ": " << core::ImportResult::statusName(result.status) << " lines " << score.linesRight << '/'
            << score.truthLines << " header " << score.headerRight << '/' << score.headerFields << " cbw "
            << score.certainButWrong << " " << qRound(ms) << " ms (pre " << qRound(result.timings.preprocess) << " ocr "
            << qRound(result.timings.ocr) << ")" << Qt::endl;
        if (parser.isSet(verbose)) {
            for (const QString& p : score.problems)
                out << "    " << p << Qt::endl;
            if (result.prescription) {
                QStringList reasons;
                for (const auto& r : result.prescription->reviewReasons)
                    reasons.append(r.code());
                for (const auto& item : result.prescription->items) {
                    for (const auto& r : item.reviewReasons)
                        reasons.append(QStringLiteral("line%1:").arg(item.line) + r.code());
                }
                out << "    reasons: " << reasons.join(QLatin1Char(' ')) << Qt::endl;
            }
        }
    }
    out << Qt::endl << "condition images lines_right identity certain_wrong header_right ok ok_missing median_ms plain_ms" << Qt::endl;
    for (auto it = perCondition.cbegin(); it != perCondition.cend(); ++it) {
        const Totals& t = it.value();
        out << it.key() << ' ' << t.images << ' ' << t.right << '/' << t.lines << ' ' << t.identity << '/' << t.lines << ' '
            << t.certainWrong << ' ' << t.headerRight << '/' << t.header << ' ' << t.ok << ' ' << t.okMissing << ' '
            << qRound(median(t.times)) << ' ' << qRound(median(t.plainTimes)) << Qt::endl;
    }
    return 0;
}
