// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli drugs update|import: MFDS downloads and dumps into the drug cache.
#include "cli/DrugsDownload.h"

#include "pharmdesk/drugdb/CacheRecords.h"
#include "pharmdesk/drugdb/MfdsImport.h"
#include "pharmdesk/drugdb/MfdsSync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pharmdesk::cli {

namespace {

const QCommandLineOption kJson { QStringLiteral("json"), QStringLiteral("Print JSON instead of text.") };

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject syncJson(const QString& service, const drugdb::MfdsSyncReport& r)
{
    static const char* const outcomes[]
        = { "completed", "daily_limit", "key_not_registered", "page_limit", "failed", "cancelled" };
    return QJsonObject {
        { QStringLiteral("service"), service },
        { QStringLiteral("outcome"), QString::fromLatin1(outcomes[int(r.outcome)]) },
        { QStringLiteral("pages_fetched"), r.pagesFetched },
        { QStringLiteral("pages_done"), r.pagesDone },
        { QStringLiteral("total_pages"), r.totalPages },
        { QStringLiteral("total_count"), r.totalCount },
        { QStringLiteral("rows_stored"), r.rowsStored },
        { QStringLiteral("incremental"), r.incremental },
        { QStringLiteral("error"),
            r.outcome == drugdb::MfdsSyncOutcome::Completed ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(r.error.message) },
    };
}

// "all", "dur", or a comma-separated list of service names; std::nullopt when a name is unknown.
std::optional<QList<drugdb::MfdsService>> servicesOf(const QString& list)
{
    QList<drugdb::MfdsService> services;
    for (const QString& raw : list.split(u',', Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        QList<drugdb::MfdsService> named;
        if (name == QLatin1String("all"))
            named = drugdb::allMfdsServices();
        else if (name == QLatin1String("dur"))
            named = drugdb::durMfdsServices();
        else if (const auto one = drugdb::mfdsServiceFromName(name))
            named = { *one };
        else
            return std::nullopt;
        for (const drugdb::MfdsService s : named) {
            if (!services.contains(s))
                services.append(s);
        }
    }
    if (services.isEmpty())
        return std::nullopt;
    return services;
}

QString serviceNames()
{
    QStringList names;
    for (const drugdb::MfdsService s : drugdb::allMfdsServices())
        names.append(drugdb::mfdsServiceName(s));
    return names.join(QStringLiteral(", "));
}

// Downloads missing pill images after the pills; failures are counted, not fatal.
void fetchImages(const QString& cachePath, drugdb::HttpClient& http, int limit, bool json, CliIo& io)
{
    drugdb::PillImageOptions options;
    options.limit = limit;
    options.progress = [&io](int done, int wanted) {
        if (done % 50 == 0 || done == wanted) {
            io.err << "pharmdesk-cli: pill images " << done << "/" << wanted << "\n";
            io.err.flush();
        }
    };
    const auto r = drugdb::fetchPillImages(cachePath, http, options);
    if (!r) {
        printError(io, r.error());
        return;
    }
    if (json)
        io.out << compact(QJsonObject { { QStringLiteral("service"), QStringLiteral("pill-images") },
                                        { QStringLiteral("wanted"), r->wanted },
                                        { QStringLiteral("fetched"), r->fetched },
                                        { QStringLiteral("failed"), r->failed } })
               << "\n";
    io.err << "pharmdesk-cli: pill images: " << r->fetched << " stored, " << r->failed << " failed (retried next run)\n";
    io.out.flush();
    io.err.flush();
}

} // namespace

// Exit codes: 0 done (or stopped at --max-pages), 1 stopped at the daily limit (resume tomorrow),
// 3 key missing or not registered, or a page failed after its retries.
int runDrugsUpdate(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Downloads MFDS data into the drug cache, page by page, resuming an interrupted download: product "
        "permits (with insurance codes), e약은요 texts, permit details, pill identification and the eight DUR "
        "rule lists. The service key comes from PHARMDESK_MFDS_KEY or mfds/service_key in settings.ini. "
        "Exit 1: the daily request limit was reached (run again tomorrow); exit 3: no or unregistered key, "
        "or a failed download."));
    const QCommandLineOption service { QStringLiteral("service"),
        QStringLiteral("Comma-separated: all (default), dur, or any of: %1.").arg(serviceNames()),
        QStringLiteral("LIST"), QStringLiteral("all") };
    const QCommandLineOption maxPages { QStringLiteral("max-pages"),
        QStringLiteral("Stop each service after N pages (default: no limit)."), QStringLiteral("N"),
        QStringLiteral("0") };
    const QCommandLineOption full { QStringLiteral("full"),
        QStringLiteral("Walk every page again instead of only those past the last "
                       "complete download.") };
    const QCommandLineOption images { QStringLiteral("images"),
        QStringLiteral("Also download up to N missing pill images (0 = all) after the pills."), QStringLiteral("N") };
    parser.addOption(service);
    parser.addOption(maxPages);
    parser.addOption(full);
    parser.addOption(images);
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    const auto services = servicesOf(parser.value(service));
    bool ok = false, imagesOk = true;
    const int pageLimit = parser.value(maxPages).toInt(&ok);
    const int imageLimit = parser.isSet(images) ? parser.value(images).toInt(&imagesOk) : -1;
    if (!services || !ok || pageLimit < 0 || !imagesOk || (parser.isSet(images) && imageLimit < 0)) {
        io.err << "pharmdesk-cli: --service must be all, dur or a list of " << serviceNames()
               << "; --max-pages and --images numbers >= 0\n";
        io.err.flush();
        return ExitUsage;
    }
    const auto dir = openDataDir(parser, io);
    if (!dir)
        return ExitFatal;
    const drugdb::MfdsConfig config = drugdb::MfdsConfig::load(dir->settingsPath());
    if (config.serviceKey.isEmpty()) {
        io.err << "pharmdesk-cli: no MFDS service key: set PHARMDESK_MFDS_KEY or mfds/service_key in "
               << dir->settingsPath() << "\n";
        io.err.flush();
        return ExitFatal;
    }
    const auto http = drugdb::makeCurlHttpClient();
    drugdb::MfdsClient client(config, *http);
    for (const drugdb::MfdsService s : *services) {
        const QString name = drugdb::mfdsServiceName(s);
        drugdb::MfdsSyncOptions options;
        options.service = s;
        options.maxPages = pageLimit;
        options.full = parser.isSet(full);
        options.progress = [&io, &name](const drugdb::MfdsSyncProgress& p) {
            io.err << "pharmdesk-cli: " << name << " page " << p.page << "/" << p.totalPages << " ("
                   << p.rowsStored << " rows)\n";
            io.err.flush();
        };
        io.err << "pharmdesk-cli: updating " << name << " into " << dir->drugCachePath() << "\n";
        io.err.flush();
        const drugdb::MfdsSyncReport r = drugdb::MfdsSync(dir->drugCachePath(), client).run(options);
        if (parser.isSet(kJson)) {
            io.out << compact(syncJson(name, r)) << "\n";
            io.out.flush();
        }
        switch (r.outcome) {
        case drugdb::MfdsSyncOutcome::Completed:
            io.err << "pharmdesk-cli: " << name << " up to date: " << r.rowsStored << " rows stored, "
                   << r.totalCount << " listed" << (r.incremental ? " (new pages only)" : "") << "\n";
            break;
        case drugdb::MfdsSyncOutcome::PageLimit:
            io.err << "pharmdesk-cli: " << name << " stopped after " << r.pagesFetched
                   << " pages as asked: " << r.pagesDone << " of " << r.totalPages
                   << " pages done; run again to continue\n";
            break;
        case drugdb::MfdsSyncOutcome::DailyLimit:
            io.err << "pharmdesk-cli: " << name
                   << ": daily request limit reached; resume tomorrow: " << r.pagesDone << " of "
                   << r.totalPages << " pages done\n";
            io.err.flush();
            return ExitItemsFailed;
        case drugdb::MfdsSyncOutcome::KeyNotRegistered:
        case drugdb::MfdsSyncOutcome::Failed:
        case drugdb::MfdsSyncOutcome::Cancelled:
            printError(io, r.error);
            io.err << "pharmdesk-cli: " << name << ": " << r.pagesDone << " of " << r.totalPages
                   << " pages done; the next run resumes there\n";
            io.err.flush();
            return ExitFatal;
        }
        io.err.flush();
        if (s == drugdb::MfdsService::Pills && imageLimit >= 0)
            fetchImages(dir->drugCachePath(), *http, imageLimit, parser.isSet(kJson), io);
    }
    return ExitOk;
}

// Exit codes: 0 stored; 2 usage; 3 the file is unreadable or not a dump (nothing stored).
int runDrugsImport(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stores a downloaded dump of an MFDS service (the API's JSON answer, a JSON array of rows, or a CSV "
        "with the API's column names) in the drug cache, all rows or none. An imported DUR list makes its "
        "checks run."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("JSON or CSV file."));
    const QCommandLineOption service { QStringLiteral("service"),
        QStringLiteral("The service of every row (default: recognised per row): %1.").arg(serviceNames()),
        QStringLiteral("NAME") };
    parser.addOption(service);
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    if (parser.positionalArguments().size() != 1) {
        io.err << "pharmdesk-cli: expected exactly one FILE\n" << parser.helpText();
        io.err.flush();
        return ExitUsage;
    }
    const QString path = parser.positionalArguments().front();
    std::optional<drugdb::MfdsService> only;
    if (parser.isSet(service)) {
        only = drugdb::mfdsServiceFromName(parser.value(service));
        if (!only) {
            io.err << "pharmdesk-cli: --service must be one of " << serviceNames() << "\n";
            io.err.flush();
            return ExitUsage;
        }
    }
    const auto dir = openDataDir(parser, io);
    if (!dir)
        return ExitFatal;
    const auto r = drugdb::importMfdsFile(dir->drugCachePath(), path, only);
    if (!r) {
        printError(io, r.error());
        return ExitFatal;
    }
    QStringList names;
    for (const drugdb::MfdsService s : r->services)
        names.append(drugdb::mfdsServiceName(s));
    if (parser.isSet(kJson))
        io.out << compact(QJsonObject { { QStringLiteral("file"), path },
                                        { QStringLiteral("services"), QJsonArray::fromStringList(names) },
                                        { QStringLiteral("rows"), r->rows } })
               << "\n";
    else
        io.out << r->rows << " rows of " << names.join(QStringLiteral(", ")) << " stored in " << dir->drugCachePath()
               << "\n";
    io.out.flush();
    return ExitOk;
}


} // namespace pharmdesk::cli
