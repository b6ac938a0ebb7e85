// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli import PATH... --out DIR [--jobs N] [--data-dir DIR] [--guides DIR] [--resume]
#include "cli/BatchRunner.h"
#include "cli/CliCommon.h"
#include "cli/ProgressReporter.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/guide/GuideRenderer.h"
#include "pharmdesk/store/RecordStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <mutex>

namespace pharmdesk::cli {

namespace {

/// `<stem>.json` per input; a stem seen before gets its extension appended, then a counter, so
/// "a.png" and "a.jpg" in one run give "a.json" and "a.jpg.json". Deterministic for a given input order.
QStringList outputStems(const QStringList& files)
{
    QStringList stems;
    QSet<QString> used;
    for (const QString& f : files) {
        const QFileInfo info(f);
        QString stem = info.completeBaseName();
        if (stem.isEmpty())
            stem = info.fileName();
        if (used.contains(stem))
            stem = info.fileName();
        const QString base = stem;
        for (int n = 2; used.contains(stem); ++n)
            stem = QStringLiteral("%1-%2").arg(base).arg(n);
        used.insert(stem);
        stems.append(stem);
    }
    return stems;
}

QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

/// The status of an earlier result for the same bytes, when --resume may keep it.
std::optional<core::ImportResult::Status> reusableResult(const QString& resultPath, const QString& imagePath)
{
    if (!QFile::exists(resultPath))
        return std::nullopt;
    const auto previous = core::json::readImportResult(resultPath);
    if (!previous || previous->status == core::ImportResult::Status::Failed)
        return std::nullopt;
    if (previous->sha256.isEmpty() || previous->sha256 != fileSha256(imagePath))
        return std::nullopt;
    return previous->status;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

int runImport(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Recognise prescription images and write one JSON result per image."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Image or PDF files, or folders (searched recursively); each page of a PDF or multi-page TIFF is one prescription."),
                                 QStringLiteral("PATH..."));
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Folder for <stem>.json results and summary.json."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("jobs"), QStringLiteral("Images recognised in parallel (default: cores, at most 4)."),
                       QStringLiteral("N") });
    parser.addOption({ QStringLiteral("guides"), QStringLiteral("Also write each prescription's medication guide as PDF here."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("guide-format"),
                       QStringLiteral("Format of the --guides PDFs: a4, a5, receipt or label (default: settings, a4)."),
                       QStringLiteral("FORMAT") });
    parser.addOption({ QStringLiteral("resume"),
                       QStringLiteral("Skip images whose result in --out is already there for the same file contents.") });
    parser.addOption({ QStringLiteral("tessdata"), QStringLiteral("Folder with the Tesseract models (kor, eng)."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("review-threshold"),
                       QStringLiteral("Confidence (0..1) under which a field is flagged for review (default: settings, 0.90)."),
                       QStringLiteral("X") });
    parser.addOption({ QStringLiteral("debug-images"), QStringLiteral("Save each preprocessing stage's image here."),
                       QStringLiteral("DIR") });
    addDataDirOption(parser);
    if (const auto code = parseOrExit(parser, arguments, io))
        return *code;

    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty() || !parser.isSet(QStringLiteral("out"))) {
        io.err << "pharmdesk-cli import: give at least one PATH and --out DIR\n" << parser.helpText();
        return ExitUsage;
    }
    int jobs = std::clamp(QThread::idealThreadCount(), 1, 4);
    if (parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        jobs = parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || jobs < 1 || jobs > 64) {
            io.err << "pharmdesk-cli import: --jobs must be a number from 1 to 64\n";
            return ExitUsage;
        }
    }

    const auto dataDir = openDataDir(parser, io);
    if (!dataDir)
        return ExitFatal;
    const core::Settings settings = core::Settings::load(dataDir->path());

    ocr::ReaderOptions options;
    options.tessdataDir = parser.isSet(QStringLiteral("tessdata")) ? parser.value(QStringLiteral("tessdata")) : settings.tessdataDir;
    options.reviewThreshold = settings.reviewThreshold;
    options.debugImageDir = parser.value(QStringLiteral("debug-images"));
    if (parser.isSet(QStringLiteral("review-threshold"))) {
        bool ok = false;
        const double t = parser.value(QStringLiteral("review-threshold")).toDouble(&ok);
        if (!ok || t <= 0.0 || t > 1.0) {
            io.err << "pharmdesk-cli import: --review-threshold must be in (0, 1]\n";
            return ExitUsage;
        }
        options.reviewThreshold = t;
    }

    const QString outDir = parser.value(QStringLiteral("out"));
    const QString guidesDir = parser.value(QStringLiteral("guides"));
    for (const QString& dir : { outDir, guidesDir }) {
        if (!dir.isEmpty() && !QDir().mkpath(dir)) {
            printError(io, core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot create the output folder."), dir));
            return ExitFatal;
        }
    }

    const CollectedInputs inputs = collectImageFiles(paths);
    for (const QString& missing : inputs.missing)
        io.err << "pharmdesk-cli import: no such file or folder: " << missing << "\n";
    if (inputs.files.isEmpty()) {
        io.err << "pharmdesk-cli import: no images found\n";
        return inputs.missing.isEmpty() ? ExitOk : ExitUsage;
    }

    QElapsedTimer clock;
    clock.start();
    const QDateTime startedAt = QDateTime::currentDateTimeUtc();

    auto cache = drugdb::DrugCache::open(dataDir->drugCachePath());
    if (!cache) {
        printError(io, cache.error());
        return ExitFatal;
    }
    std::shared_ptr<const core::DrugCatalog> catalog = *cache;

    // Every image is recorded (sealed, by content hash) before it is recognised: a crash leaves it
    // New, and the next import redoes it; the same bytes are always one prescription.
    auto records = store::RecordStore::open(store::RecordStore::defaultOptions(*dataDir));
    if (!records) {
        printError(io, records.error());
        return ExitFatal;
    }
    const QString actor = recordsActor();
    // One item per prescription: a PDF or multi-page TIFF gives one per page.
    const QList<BatchItem> items = expandPages(inputs.files);
    QList<std::optional<store::RecordStore::Intake>> intakes;
    int newRecords = 0;
    for (const BatchItem& item : items) {
        auto intake = (*records)->intakeImage(item.file, actor, item.page);
        if (!intake)
            printError(io, intake.error());
        newRecords += intake && intake->created ? 1 : 0;
        intakes.append(intake ? std::optional(*intake) : std::nullopt);
    }

    // `<stem>.json` per file; `<stem>-p<N>.json` per page of a file with several.
    const QStringList fileStems = outputStems(inputs.files);
    QStringList stems;
    for (const BatchItem& item : items) {
        const QString stem = fileStems.at(inputs.files.indexOf(item.file));
        stems.append(item.pageCount > 1 ? QStringLiteral("%1-p%2").arg(stem).arg(item.page + 1) : stem);
    }
    auto resultPath = [&](qsizetype i) { return QDir(outDir).filePath(stems.at(i) + QStringLiteral(".json")); };

    // --resume: keep earlier results for unchanged files; recognise the rest.
    QList<BatchItem> pending;
    QList<qsizetype> pendingIndex;
    QHash<core::ImportResult::Status, int> counts;
    int skipped = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (parser.isSet(QStringLiteral("resume"))) {
            const auto status = reusableResult(resultPath(i), items.at(i).file);
            if (status && intakes.at(i) && intakes.at(i)->status != store::RecordStatus::New) {
                ++counts[*status];
                ++skipped;
                continue;
            }
        }
        pending.append(items.at(i));
        pendingIndex.append(i);
    }
    if (skipped > 0)
        io.err << "pharmdesk-cli import: " << skipped << " image(s) already done, " << pending.size() << " to go\n";

    ProgressReporter progress(io.err, io.errIsTerminal, pending.size());
    guide::GuideOptions guideOptions;
    guideOptions.format = parser.isSet(QStringLiteral("guide-format")) ? parser.value(QStringLiteral("guide-format"))
                                                                         : settings.guideFormat;
    if (!guide::GuideOptions::supportedFormats().contains(guideOptions.format)) {
        io.err << "pharmdesk-cli import: --guide-format must be one of "
               << guide::GuideOptions::supportedFormats().join(QStringLiteral(", ")) << "\n";
        return ExitUsage;
    }
    if (guide::GuideOptions::supportedLanguages().contains(settings.language))
        guideOptions.language = settings.language;
    const guide::GuideRenderer renderer(guideOptions);
    std::mutex mutex;  // guards counts, failures, times and io.err messages
    QJsonArray failures;
    QList<double> times;
    int writeErrors = 0;
    const QDate today = QDate::currentDate();

    auto handler = [&](qsizetype t, const core::ImportResult& result) {
        const qsizetype i = pendingIndex.at(t);
        // Recorded before the JSON is written: a result file always means a recorded prescription.
        const core::Status recorded = intakes.at(i) ? (*records)->recordRecognition(intakes.at(i)->id, result, actor)
                                                    : core::Status(core::makeError(core::ErrorCategory::Database,
                                                                                   QStringLiteral("Not recorded."), result.source));
        const core::Status written = core::json::writeJsonFile(resultPath(i), core::json::toJson(result));
        std::optional<core::Error> guideError;
        if (!guidesDir.isEmpty() && result.prescription) {
            const guide::GuideInput input = guide::makeGuideInput(*result.prescription, catalog.get(), settings.pharmacy, today);
            const QString pdf = QDir(guidesDir).filePath(stems.at(i) + QStringLiteral(".pdf"));
            core::Status g = renderer.writePdf(input, pdf);
            if (g && intakes.at(i))
                g = (*records)->recordGuidePrinted(intakes.at(i)->id, actor, fileSha256(pdf));
            if (!g)
                guideError = g.error();
        }
        {
            const std::lock_guard lock(mutex);
            ++counts[result.status];
            times.append(result.timings.total);
            if (result.status == core::ImportResult::Status::Failed && result.error) {
                failures.append(QJsonObject { { QStringLiteral("source"), result.source },
                                              { QStringLiteral("error"), result.error->message } });
            }
            for (const core::Status* s : { &recorded, &written }) {
                if (!*s) {
                    ++writeErrors;
                    printError(io, s->error());
                }
            }
            if (guideError)
                printError(io, *guideError);
        }
        QString label = QFileInfo(result.source).fileName();
        if (result.error)
            label += QStringLiteral(" — ") + result.error->message;
        progress.itemDone(label, core::ImportResult::statusName(result.status), result.timings.total);
    };

    BatchRunner runner(options, catalog, jobs);
    const core::Status ran = runner.run(pending, handler);
    progress.finish();
    if (!ran) {
        printError(io, ran.error());
        return ExitFatal;
    }

    const double elapsedMs = static_cast<double>(clock.elapsed());
    const int ok = counts.value(core::ImportResult::Status::Ok);
    const int review = counts.value(core::ImportResult::Status::NeedsReview);
    const int failed = counts.value(core::ImportResult::Status::Failed);
    const QJsonObject summary {
        { QStringLiteral("total"), static_cast<int>(items.size()) },
        { QStringLiteral("counts"), QJsonObject { { QStringLiteral("ok"), ok },
                                                  { QStringLiteral("needs_review"), review },
                                                  { QStringLiteral("failed"), failed } } },
        { QStringLiteral("skipped_resumed"), skipped },
        { QStringLiteral("jobs"), jobs },
        { QStringLiteral("elapsed_ms"), qRound(elapsedMs) },
        { QStringLiteral("median_ms_per_image"), qRound(median(times)) },
        { QStringLiteral("images_per_minute"),
          elapsedMs > 0 ? qRound(pending.size() * 60000.0 / elapsedMs * 10.0) / 10.0 : 0.0 },
        { QStringLiteral("started_at"), startedAt.toString(Qt::ISODate) },
        { QStringLiteral("finished_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("out_dir"), QDir(outDir).absolutePath() },
        { QStringLiteral("guides_dir"), guidesDir.isEmpty() ? QJsonValue() : QJsonValue(QDir(guidesDir).absolutePath()) },
        { QStringLiteral("failed"), failures },
    };
    const QString summaryPath = QDir(outDir).filePath(QStringLiteral("summary.json"));
    if (const core::Status s = core::json::writeJsonFile(summaryPath, summary); !s) {
        printError(io, s.error());
        return ExitFatal;
    }

    io.err << "pharmdesk-cli import: " << items.size() << " image(s): " << ok << " ok, " << review
           << " needs review, " << failed << " failed in " << QString::number(elapsedMs / 1000.0, 'f', 1) << " s\n";
    io.err << "pharmdesk-cli import: " << newRecords << " new prescription(s) in the records ("
           << (*records)->directory() << ")\n";
    io.err << "pharmdesk-cli import: results in " << QDir(outDir).absolutePath() << " (summary.json)\n";
    if (!guidesDir.isEmpty())
        io.err << "pharmdesk-cli import: medication guides (PDF) in " << QDir(guidesDir).absolutePath() << "\n";
    io.err.flush();
    return (failed > 0 || writeErrors > 0 || !inputs.missing.isEmpty()) ? ExitItemsFailed : ExitOk;
}

} // namespace pharmdesk::cli
