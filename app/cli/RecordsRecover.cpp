// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli records recover [--jobs N] [--json]: prescriptions whose recognition a crash (or a
// kill) interrupted are still New in the records; their sealed image is opened into memory (a
// memfd, never a file on disk: it shows the resident number), recognised again with the import's
// BatchRunner and recorded on the same prescription id.
#include "cli/BatchRunner.h"
#include "cli/ProgressReporter.h"
#include "cli/RecordsCli.h"

#include "pharmdesk/core/Settings.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/store/MemoryFile.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <mutex>

namespace pharmdesk::cli {

namespace {

using store::RecordStore;

/// Images recognised per round: bounds the memory the decrypted images take.
constexpr qsizetype kRound = 32;

struct Outcome
{
    store::RecordSummary record;
    QString status;  ///< the new record status, or "error"
    QString error;
};

} // namespace

int runRecover(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Recognises again every prescription whose recognition was interrupted "
                                            "(a crash, a kill, a power cut: status 'new') and records the result on the "
                                            "same prescription. Safe to run at any time, also next to an import."));
    action.addOption({ QStringLiteral("jobs"), QStringLiteral("Images recognised in parallel (default: cores, at most 4)."),
                       QStringLiteral("N") });
    action.addOption({ QStringLiteral("tessdata"), QStringLiteral("Folder with the Tesseract models (kor, eng)."),
                       QStringLiteral("DIR") });
    action.addJsonOption();
    if (auto code = action.parse(arguments))
        return *code;
    int jobs = std::clamp(QThread::idealThreadCount(), 1, 4);
    if (action.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        jobs = action.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || jobs < 1 || jobs > 64)
            return action.usage(QStringLiteral("--jobs must be a number from 1 to 64"));
    }
    const auto dataDir = action.dataDir();
    if (!dataDir)
        return ExitFatal;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto unfinished = records->unfinishedRecords();
    if (!unfinished)
        return action.fail(unfinished.error());

    QList<Outcome> outcomes;
    std::mutex mutex;  // guards outcomes and io.err from the workers
    const QString actor = recordsActor();
    if (!unfinished->isEmpty()) {
        const core::Settings settings = core::Settings::load(dataDir->path());
        ocr::ReaderOptions options;
        options.tessdataDir = action.isSet(QStringLiteral("tessdata")) ? action.value(QStringLiteral("tessdata")) : settings.tessdataDir;
        options.reviewThreshold = settings.reviewThreshold;
        auto cache = drugdb::DrugCache::open(dataDir->drugCachePath());
        if (!cache)
            return action.fail(cache.error());
        BatchRunner runner(options, *cache, jobs);
        ProgressReporter progress(io.err, io.errIsTerminal, unfinished->size());

        for (qsizetype first = 0; first < unfinished->size(); first += kRound) {
            const QList<store::RecordSummary> round = unfinished->mid(first, kRound);
            // One memory file per image: the pages of a PDF share it.
            QHash<QString, std::shared_ptr<store::MemoryFile>> images;
            QList<BatchItem> items;
            QList<store::RecordSummary> itemRecords;
            for (const store::RecordSummary& r : round) {
                std::shared_ptr<store::MemoryFile> image = images.value(r.imageSha256);
                if (!image) {
                    auto bytes = records->imageForRecovery(r.id, actor);
                    auto created = bytes ? store::MemoryFile::create(*bytes) : core::Result<std::unique_ptr<store::MemoryFile>>(bytes.error());
                    if (!created) {
                        // Recognised meanwhile (an import next to us) is not an error: nothing to redo.
                        const bool done = created.error().category == core::ErrorCategory::Usage;
                        if (!done)
                            printError(io, created.error());
                        outcomes.append(Outcome { r, done ? QStringLiteral("skipped") : QStringLiteral("error"),
                                                  done ? QString() : created.error().message });
                        continue;
                    }
                    image = std::move(created).value();
                    images.insert(r.imageSha256, image);
                }
                items.append(BatchItem { image->path(), r.page, 1 });
                itemRecords.append(r);
            }
            const core::Status ran = runner.run(items, [&](qsizetype i, const core::ImportResult& result) {
                const store::RecordSummary& r = itemRecords.at(i);
                const core::Status recorded = records->recordRecognition(r.id, result, actor);
                const QString status = !recorded ? QStringLiteral("error")
                    : result.status == core::ImportResult::Status::Ok         ? store::statusName(store::RecordStatus::Recognised)
                    : result.status == core::ImportResult::Status::NeedsReview ? store::statusName(store::RecordStatus::NeedsReview)
                                                                               : store::statusName(store::RecordStatus::Failed);
                {
                    const std::lock_guard lock(mutex);
                    if (!recorded)
                        printError(io, recorded.error());
                    outcomes.append(Outcome { r, status, recorded ? QString() : recorded.error().message });
                }
                progress.itemDone(r.sourceName, status, result.timings.total);
            });
            if (!ran) {
                progress.finish();
                return action.fail(ran.error());
            }
        }
        progress.finish();
    }

    std::sort(outcomes.begin(), outcomes.end(),
              [](const Outcome& a, const Outcome& b) { return a.record.importedAt < b.record.importedAt; });
    int errors = 0, failed = 0;
    QJsonArray array;
    for (const Outcome& o : std::as_const(outcomes)) {
        errors += o.status == QLatin1String("error") ? 1 : 0;
        failed += o.status == store::statusName(store::RecordStatus::Failed) ? 1 : 0;
        if (action.json()) {
            array.append(QJsonObject { { QStringLiteral("id"), o.record.id.toString(QUuid::WithoutBraces) },
                                       { QStringLiteral("source"), o.record.sourceName },
                                       { QStringLiteral("page"), o.record.page + 1 },
                                       { QStringLiteral("image_sha256"), o.record.imageSha256 },
                                       { QStringLiteral("status"), o.status },
                                       { QStringLiteral("error"), textOrNull(o.error) } });
        } else {
            io.out << o.record.id.toString(QUuid::WithoutBraces) << '\t' << o.status << '\t' << o.record.sourceName << "\n";
        }
    }
    if (action.json())
        action.printJson(array);
    io.out.flush();
    io.err << "pharmdesk-cli records recover: " << unfinished->size() << " unfinished prescription(s), "
           << outcomes.size() - errors << " recorded, " << failed << " unreadable, " << errors << " error(s)\n";
    io.err.flush();
    return errors > 0 || failed > 0 ? ExitItemsFailed : ExitOk;
}

} // namespace pharmdesk::cli
