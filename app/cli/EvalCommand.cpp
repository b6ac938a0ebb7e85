// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli eval SET_DIR: recognition accuracy against generated ground truth.
#include "cli/BatchRunner.h"
#include "cli/CliCommon.h"
#include "cli/EvalMetrics.h"
#include "cli/ProgressReporter.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/drugdb/DrugCache.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <algorithm>
#include <mutex>

namespace pharmdesk::cli {

namespace {

struct Sample
{
    QString image;
    core::ImportResult truth;
    QString condition;
    QString layout;
};

/// Finds `<id>.truth.json` files and the image beside each (same id, any image extension).
QList<Sample> loadSamples(const QString& dir, int limit, QTextStream& err)
{
    QList<Sample> samples;
    QStringList truths;
    QDirIterator it(dir, { QStringLiteral("*.truth.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        truths.append(it.next());
    std::sort(truths.begin(), truths.end());
    for (const QString& truthPath : std::as_const(truths)) {
        if (limit > 0 && samples.size() >= limit)
            break;
        const QFileInfo info(truthPath);
        const QString id = info.fileName().chopped(int(QStringLiteral(".truth.json").size()));
        QString image;
        for (const char* ext : { ".png", ".jpg", ".jpeg", ".tif", ".tiff" }) {
            const QString candidate = info.dir().filePath(id + QLatin1StringView(ext));
            if (QFile::exists(candidate)) {
                image = candidate;
                break;
            }
        }
        auto truth = core::json::readImportResult(truthPath);
        if (image.isEmpty() || !truth || !truth->prescription) {
            err << "pharmdesk-cli eval: skipping " << truthPath << " (no image or unreadable truth)\n";
            continue;
        }
        QFile f(truthPath);
        QJsonObject generator;
        if (f.open(QIODevice::ReadOnly))
            generator = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("generator")).toObject();
        samples.append({ image, std::move(truth).value(), generator.value(QStringLiteral("condition")).toString(QStringLiteral("unknown")),
                         generator.value(QStringLiteral("layout")).toString(QStringLiteral("unknown")) });
    }
    return samples;
}

/// Wall time of plain `tesseract IMG - -l kor+eng --psm 4`, the reference the goals compare with.
std::optional<double> baselineMs(const QString& image, const QString& tessdata)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OMP_THREAD_LIMIT"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    QStringList args { image, QStringLiteral("-"), QStringLiteral("-l"), QStringLiteral("kor+eng"), QStringLiteral("--psm"),
                       QStringLiteral("4") };
    if (!tessdata.isEmpty())
        args << QStringLiteral("--tessdata-dir") << tessdata;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("tesseract"), args);
    if (!p.waitForFinished(300000) || p.exitCode() != 0)
        return std::nullopt;
    return static_cast<double>(t.elapsed());
}

} // namespace

int runEval(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Recognise a generated set (pharmdesk-gen output: <id>.png + <id>.truth.json) and report accuracy per capture condition and per layout."));
    parser.addPositionalArgument(QStringLiteral("SET_DIR"), QStringLiteral("Folder of generated prescriptions."));
    parser.addOption({ QStringLiteral("jobs"), QStringLiteral("Images recognised in parallel (default 1, for timing)."),
                       QStringLiteral("N"), QStringLiteral("1") });
    parser.addOption({ QStringLiteral("limit"), QStringLiteral("Use at most N samples."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("baseline"),
                       QStringLiteral("Time plain 'tesseract IMG - -l kor+eng --psm 4' on at most N images per condition (default 5, 0 = off)."),
                       QStringLiteral("N"), QStringLiteral("5") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Also write the figures and per-sample details as JSON here."),
                       QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("results"), QStringLiteral("Write each recognition result here as <id>.json."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("tessdata"), QStringLiteral("Folder with the Tesseract models."), QStringLiteral("DIR") });
    addDataDirOption(parser);
    if (const auto code = parseOrExit(parser, arguments, io))
        return *code;
    if (parser.positionalArguments().size() != 1) {
        io.err << "pharmdesk-cli eval: give exactly one SET_DIR\n" << parser.helpText();
        return ExitUsage;
    }
    const int jobs = std::max(1, parser.value(QStringLiteral("jobs")).toInt());
    const int baselinePerCondition = std::max(0, parser.value(QStringLiteral("baseline")).toInt());

    const QList<Sample> samples = loadSamples(parser.positionalArguments().constFirst(),
                                              parser.value(QStringLiteral("limit")).toInt(), io.err);
    if (samples.isEmpty()) {
        io.err << "pharmdesk-cli eval: no samples (<id>.truth.json with an image) found\n";
        return ExitUsage;
    }
    const auto dataDir = openDataDir(parser, io);
    if (!dataDir)
        return ExitFatal;
    const core::Settings settings = core::Settings::load(dataDir->path());
    auto cache = drugdb::DrugCache::open(dataDir->drugCachePath());
    if (!cache) {
        printError(io, cache.error());
        return ExitFatal;
    }
    ocr::ReaderOptions options;
    options.tessdataDir = parser.isSet(QStringLiteral("tessdata")) ? parser.value(QStringLiteral("tessdata")) : settings.tessdataDir;
    options.reviewThreshold = settings.reviewThreshold;
    const QString resultsDir = parser.value(QStringLiteral("results"));
    if (!resultsDir.isEmpty())
        QDir().mkpath(resultsDir);

    QStringList images;
    for (const Sample& s : samples)
        images.append(s.image);
    QList<SampleScore> scores(samples.size());
    std::mutex mutex;
    ProgressReporter progress(io.err, io.errIsTerminal, samples.size());
    QElapsedTimer clock;
    clock.start();
    BatchRunner runner(options, *cache, jobs);
    QHash<QString, int> baselinesTaken;
    double baselineTotalMs = 0;
    const core::Status ran = runner.run(images, [&](qsizetype i, const core::ImportResult& result) {
        SampleScore score = scoreSample(samples.at(i).truth, result);
        // Time plain tesseract on the same image right after our own run, so both see the same
        // machine load (with --jobs 1 nothing else runs meanwhile).
        bool timeBaseline = false;
        {
            const std::lock_guard lock(mutex);
            int& taken = baselinesTaken[samples.at(i).condition];
            timeBaseline = taken < baselinePerCondition;
            taken += timeBaseline;
        }
        if (timeBaseline) {
            if (const auto ms = baselineMs(samples.at(i).image, options.tessdataDir)) {
                score.baselineMs = *ms;
                const std::lock_guard lock(mutex);
                baselineTotalMs += *ms;
            }
        }
        score.condition = samples.at(i).condition;
        score.layout = samples.at(i).layout;
        if (!resultsDir.isEmpty())
            core::json::writeJsonFile(QDir(resultsDir).filePath(QFileInfo(samples.at(i).image).completeBaseName() + QStringLiteral(".json")),
                                      core::json::toJson(result));
        {
            const std::lock_guard lock(mutex);
            scores[i] = std::move(score);
        }
        progress.itemDone(QFileInfo(samples.at(i).image).fileName(), core::ImportResult::statusName(result.status),
                          result.timings.total);
    });
    progress.finish();
    if (!ran) {
        printError(io, ran.error());
        return ExitFatal;
    }
    // Throughput counts our own work only: the baseline runs are taken out (exact with --jobs 1;
    // measure --jobs N throughput with --baseline 0).
    const double wallMs = static_cast<double>(clock.elapsed()) - baselineTotalMs / jobs;

    const EvalReport report = summarise(scores, wallMs, jobs);
    io.out << formatReport(report);
    io.out.flush();
    if (parser.isSet(QStringLiteral("json"))) {
        if (const core::Status s = core::json::writeJsonFile(parser.value(QStringLiteral("json")), toJson(report, scores)); !s) {
            printError(io, s.error());
            return ExitFatal;
        }
    }
    return ExitOk;
}

} // namespace pharmdesk::cli
