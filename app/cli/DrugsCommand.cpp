// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli drugs search|show|match|stats|rebuild|update|import: the local drug cache from the command line.
#include "cli/CliCommon.h"
#include "cli/DrugsDownload.h"

#include "pharmdesk/drugdb/CacheRecords.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

namespace pharmdesk::cli {

namespace {

using drugdb::DrugCache;

void printDrugsUsage(QTextStream& s)
{
    s << "Usage: pharmdesk-cli drugs <action> [options]\n\n"
         "Actions:\n"
         "  search QUERY [--limit N] [--json]   products whose name, code or initials (ㅌㅇㄹㄴ) contain QUERY\n"
         "  show CODE|ITEM_SEQ [--json]         one product by 9-digit insurance code or MFDS ITEM_SEQ\n"
         "  match FILE|- [--limit N]            fuzzy-match one drug name per line; one JSON line per query\n"
         "  stats [--json]                      counts and provenance of the cache\n"
         "  rebuild                             rebuild the cache from the embedded data\n"
         "  update [--service LIST] [--max-pages N] [--full] [--images N] [--json]\n"
         "                                      download MFDS permits, e약은요, details, pills, DUR rules\n"
         "  import FILE [--service NAME] [--json]\n"
         "                                      store a downloaded JSON/CSV dump of an MFDS service\n\n"
         "Every action takes --data-dir DIR. Run 'pharmdesk-cli drugs <action> --help' for details.\n";
    s.flush();
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject productJson(const core::Product& p)
{
    return QJsonObject {
        { QStringLiteral("id"), p.id },
        { QStringLiteral("item_seq"), textOrNull(p.itemSeq) },
        { QStringLiteral("name"), p.name },
        { QStringLiteral("company"), textOrNull(p.company) },
        { QStringLiteral("permit_no"), textOrNull(p.permitNumber) },
        { QStringLiteral("edi_codes"), QJsonArray::fromStringList(p.ediCodes) },
        { QStringLiteral("ingredients"), textOrNull(p.ingredients) },
        { QStringLiteral("form"), textOrNull(p.form) },
        { QStringLiteral("has_guide"), p.hasGuide },
    };
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonArray& a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QString productLine(const core::Product& p)
{
    const QString codes = p.ediCodes.isEmpty() ? QStringLiteral("-") : p.ediCodes.join(u',');
    const QString seq = p.itemSeq.isEmpty() ? QStringLiteral("-") : p.itemSeq;
    return codes + u'\t' + seq + u'\t' + p.name;
}

// Opens (building on first use) the cache of the data directory named on the command line.
std::shared_ptr<const DrugCache> openCache(const QCommandLineParser& parser, CliIo& io)
{
    const auto dir = openDataDir(parser, io);
    if (!dir)
        return nullptr;
    const QString path = dir->drugCachePath();
    if (!QFileInfo::exists(path)) {
        io.err << "pharmdesk-cli: building the drug cache " << path << " from the embedded data...\n";
        io.err.flush();
    }
    auto cache = DrugCache::open(path);
    if (!cache) {
        printError(io, cache.error());
        return nullptr;
    }
    return *cache;
}

// The parser of one action, its name shown as "pharmdesk-cli drugs <action>".
QStringList actionArguments(const QStringList& arguments)
{
    QStringList args = arguments.mid(3);
    args.prepend(arguments.at(1) + u' ' + arguments.at(2));
    args.prepend(arguments.at(0));
    return args;
}

std::optional<int> positional(const QCommandLineParser& parser, CliIo& io, QString* value)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        io.err << "pharmdesk-cli: expected exactly one argument\n" << parser.helpText();
        io.err.flush();
        return ExitUsage;
    }
    *value = positional.front();
    return std::nullopt;
}

std::optional<int> limitOf(const QCommandLineParser& parser, CliIo& io, int* limit)
{
    bool ok = false;
    *limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || *limit < 1 || *limit > 1000) {
        io.err << "pharmdesk-cli: --limit must be a number from 1 to 1000\n";
        io.err.flush();
        return ExitUsage;
    }
    return std::nullopt;
}

const QCommandLineOption kJson { QStringLiteral("json"), QStringLiteral("Print JSON instead of text.") };

QCommandLineOption limitOption(const QString& byDefault)
{
    return { QStringLiteral("limit"), QStringLiteral("At most N results (default %1).").arg(byDefault),
             QStringLiteral("N"), byDefault };
}

int runSearch(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Products whose name contains QUERY (spaces and unit spellings "
                                                    "ignored), whose code starts with it, or whose initial "
                                                    "consonants contain it (ㅌㅇㄹㄴ)."));
    parser.addPositionalArgument(QStringLiteral("QUERY"), QStringLiteral("Text to look for."));
    parser.addOption(limitOption(QStringLiteral("20")));
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    QString query;
    int limit = 0;
    if (auto code = positional(parser, io, &query))
        return *code;
    if (auto code = limitOf(parser, io, &limit))
        return *code;
    const auto cache = openCache(parser, io);
    if (!cache)
        return ExitFatal;
    const QList<core::Product> found = cache->search(query, limit);
    if (parser.isSet(kJson)) {
        QJsonArray array;
        for (const core::Product& p : found)
            array.append(productJson(p));
        io.out << compact(array) << "\n";
    } else {
        for (const core::Product& p : found)
            io.out << productLine(p) << "\n";
    }
    io.out.flush();
    if (found.isEmpty()) {
        io.err << "pharmdesk-cli: no product matches '" << query << "'\n";
        io.err.flush();
        return ExitItemsFailed;
    }
    return ExitOk;
}

int runShow(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("One product by its 9-digit insurance (EDI) code or MFDS ITEM_SEQ."));
    parser.addPositionalArgument(QStringLiteral("CODE"), QStringLiteral("EDI code or ITEM_SEQ."));
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    QString key;
    if (auto code = positional(parser, io, &key))
        return *code;
    const auto cache = openCache(parser, io);
    if (!cache)
        return ExitFatal;
    // A code and an ITEM_SEQ are both 9 digits: show every product either names.
    QList<core::Product> found;
    if (auto byCode = cache->productByCode(key))
        found.append(*byCode);
    for (const core::Product& p : cache->productsByItemSeq(key)) {
        if (!found.contains(p))
            found.append(p);
    }
    if (found.isEmpty()) {
        io.err << "pharmdesk-cli: no product has the code or ITEM_SEQ '" << key << "'\n";
        io.err.flush();
        return ExitItemsFailed;
    }
    const QString cachePath = openDataDir(parser, io)->drugCachePath();
    for (const core::Product& p : found) {
        const std::optional<core::GuideText> guide = cache->guideFor(p);
        // Records read on demand (downloaded or imported only): the permit detail and the pill.
        std::optional<drugdb::MfdsPermitDetail> detail;
        std::optional<drugdb::MfdsPill> pill;
        if (!p.itemSeq.isEmpty()) {
            if (auto d = drugdb::readPermitDetail(cachePath, p.itemSeq))
                detail = *d;
            if (auto pl = drugdb::readPill(cachePath, p.itemSeq))
                pill = *pl;
        }
        if (parser.isSet(kJson)) {
            QJsonObject o = productJson(p);
            o.insert(QStringLiteral("detail"),
                     detail ? QJsonValue(QJsonObject { { QStringLiteral("material"), textOrNull(detail->material) },
                                                       { QStringLiteral("storage"), textOrNull(detail->storage) },
                                                       { QStringLiteral("valid_term"), textOrNull(detail->validTerm) },
                                                       { QStringLiteral("atc_code"), textOrNull(detail->atcCode) },
                                                       { QStringLiteral("etc_otc"), textOrNull(detail->etcOtc) } })
                            : QJsonValue());
            o.insert(QStringLiteral("pill"),
                     pill ? QJsonValue(QJsonObject { { QStringLiteral("shape"), textOrNull(pill->shape) },
                                                     { QStringLiteral("color"), textOrNull(pill->color1) },
                                                     { QStringLiteral("print_front"), textOrNull(pill->printFront) },
                                                     { QStringLiteral("print_back"), textOrNull(pill->printBack) },
                                                     { QStringLiteral("image_url"), textOrNull(pill->imageUrl) } })
                          : QJsonValue());
            if (guide) {
                o.insert(QStringLiteral("guide"),
                         QJsonObject { { QStringLiteral("efficacy"), guide->efficacy },
                                       { QStringLiteral("usage"), guide->usage },
                                       { QStringLiteral("caution"), textOrNull(guide->caution) },
                                       { QStringLiteral("storage"), guide->storage } });
            }
            io.out << compact(o) << "\n";
            continue;
        }
        io.out << "name:        " << p.name << "\n"
               << "edi codes:   " << (p.ediCodes.isEmpty() ? QStringLiteral("-") : p.ediCodes.join(QStringLiteral(", ")))
               << "\n"
               << "item seq:    " << (p.itemSeq.isEmpty() ? QStringLiteral("-") : p.itemSeq) << "\n"
               << "permit no:   " << p.permitNumber << "\n"
               << "ingredients: " << (p.ingredients.isEmpty() ? QStringLiteral("-") : p.ingredients) << "\n"
               << "form:        " << (p.form.isEmpty() ? QStringLiteral("-") : p.form) << "\n"
               << "guide:       " << (guide ? QStringLiteral("e약은요") : QStringLiteral("-")) << "\n";
        if (guide)
            io.out << "efficacy:    " << guide->efficacy.simplified() << "\n";
        if (detail)
            io.out << "atc code:    " << detail->atcCode << "\n"
                   << "storage:     " << detail->storage << "\n";
        if (pill)
            io.out << "pill:        " << QStringList { pill->shape, pill->color1, pill->printFront, pill->printBack }
                                            .filter(QRegularExpression(QStringLiteral("\\S")))
                                            .join(QStringLiteral(", "))
                   << "\n";
        if (found.size() > 1)
            io.out << "\n";
    }
    io.out.flush();
    return ExitOk;
}

int runMatch(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Matches drug names (e.g. OCR output), one per line, against the cache. Prints one JSON line per "
        "query: {\"query\", \"candidates\": [{\"product_name\", \"edi_codes\", \"item_seq\", \"score\"}]}."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Text file of names, or - for stdin."));
    parser.addOption(limitOption(QStringLiteral("5")));
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    QString path;
    int limit = 0;
    if (auto code = positional(parser, io, &path))
        return *code;
    if (auto code = limitOf(parser, io, &limit))
        return *code;
    QFile file;
    const bool fromStdin = path == QLatin1String("-");
    if (fromStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            io.err << "pharmdesk-cli: cannot read standard input\n";
            io.err.flush();
            return ExitFatal;
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            io.err << "pharmdesk-cli: cannot read " << path << ": " << file.errorString() << "\n";
            io.err.flush();
            return ExitUsage;
        }
    }
    const auto cache = openCache(parser, io);
    if (!cache)
        return ExitFatal;
    while (!file.atEnd()) {
        QString query = QString::fromUtf8(file.readLine());
        while (query.endsWith(u'\n') || query.endsWith(u'\r'))
            query.chop(1);
        if (query.trimmed().isEmpty())
            continue;
        QJsonArray candidates;
        for (const core::ProductMatch& m : cache->matchName(query, limit)) {
            candidates.append(QJsonObject {
                { QStringLiteral("product_name"), m.product.name },
                { QStringLiteral("edi_codes"), QJsonArray::fromStringList(m.product.ediCodes) },
                { QStringLiteral("item_seq"), textOrNull(m.product.itemSeq) },
                { QStringLiteral("score"), std::round(m.score * 10000.0) / 10000.0 },
            });
        }
        io.out << compact(QJsonObject { { QStringLiteral("query"), query },
                                        { QStringLiteral("candidates"), candidates } })
               << "\n";
        io.out.flush();
    }
    return ExitOk;
}

// Every DUR kind with its source, null for kinds never loaded (their checks report so).
QJsonObject durJson(const drugdb::CacheStats& s)
{
    QJsonObject o;
    for (const drugdb::MfdsService service : drugdb::durMfdsServices()) {
        const core::DurAlert::Kind kind = *drugdb::durKindOf(service);
        QJsonValue v;
        for (const drugdb::DurSource& d : s.dur) {
            if (d.kind == kind)
                v = QJsonObject { { QStringLiteral("source_date"), d.sourceDate },
                                  { QStringLiteral("origin"), d.origin },
                                  { QStringLiteral("rows"), d.rows } };
        }
        o.insert(core::DurAlert::kindName(kind), v);
    }
    return o;
}

QJsonObject statsJson(const drugdb::CacheStats& s, const QString& path)
{
    return QJsonObject {
        { QStringLiteral("path"), path },
        { QStringLiteral("products"), qint64(s.products) },
        { QStringLiteral("products_with_code"), qint64(s.productsWithCode) },
        { QStringLiteral("edi_codes"), qint64(s.ediCodes) },
        { QStringLiteral("guide_texts"), qint64(s.guideTexts) },
        { QStringLiteral("permit_details"), qint64(s.permitDetails) },
        { QStringLiteral("pills"), qint64(s.pills) },
        { QStringLiteral("pill_images"), qint64(s.pillImages) },
        { QStringLiteral("dur"), durJson(s) },
        { QStringLiteral("schema_version"), s.schemaVersion },
        { QStringLiteral("source"), s.source },
        { QStringLiteral("built_at"), s.builtAt.toUTC().toString(Qt::ISODate) },
        { QStringLiteral("open_ms"), std::round(s.openMs * 10.0) / 10.0 },
        { QStringLiteral("build_ms"), std::round(s.buildMs * 10.0) / 10.0 },
    };
}

void printStats(const drugdb::CacheStats& s, const QString& path, bool json, CliIo& io)
{
    if (json) {
        io.out << compact(statsJson(s, path)) << "\n";
    } else {
        io.out << "cache:              " << path << "\n"
               << "products:           " << s.products << "\n"
               << "products with code: " << s.productsWithCode << "\n"
               << "edi codes:          " << s.ediCodes << "\n"
               << "guide texts:        " << s.guideTexts << "\n"
               << "permit details:     " << s.permitDetails << "\n"
               << "pills (images):     " << s.pills << " (" << s.pillImages << ")\n";
        const QJsonObject dur = durJson(s);
        for (auto it = dur.begin(); it != dur.end(); ++it) {
            const QJsonObject d = it.value().toObject();
            io.out << "dur " << (it.key() + u':').leftJustified(29)
                   << (d.isEmpty() ? QStringLiteral("never downloaded (not checked)")
                                   : QStringLiteral("%1 rows, %2 %3")
                                         .arg(d.value(QStringLiteral("rows")).toInteger())
                                         .arg(d.value(QStringLiteral("origin")).toString(),
                                              d.value(QStringLiteral("source_date")).toString()))
                   << "\n";
        }
        io.out
               << "schema version:     " << s.schemaVersion << "\n"
               << "source:             " << s.source << "\n"
               << "built at:           " << s.builtAt.toUTC().toString(Qt::ISODate) << "\n"
               << "open time:          " << QString::number(s.openMs, 'f', 1) << " ms\n";
    }
    io.out.flush();
}

int runStats(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counts and provenance of the drug cache."));
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    const auto cache = openCache(parser, io);
    if (!cache)
        return ExitFatal;
    printStats(cache->stats(), openDataDir(parser, io)->drugCachePath(), parser.isSet(kJson), io);
    return ExitOk;
}

int runRebuild(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Rebuilds the drug cache from the data embedded in the program."));
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    const auto dir = openDataDir(parser, io);
    if (!dir)
        return ExitFatal;
    io.err << "pharmdesk-cli: rebuilding " << dir->drugCachePath() << "...\n";
    io.err.flush();
    if (auto status = drugdb::buildEmbeddedCache(dir->drugCachePath()); !status) {
        printError(io, status.error());
        return ExitFatal;
    }
    auto cache = DrugCache::open(dir->drugCachePath());
    if (!cache) {
        printError(io, cache.error());
        return ExitFatal;
    }
    printStats((*cache)->stats(), dir->drugCachePath(), parser.isSet(kJson), io);
    return ExitOk;
}

} // namespace

int runDrugs(const QStringList& arguments, CliIo& io)
{
    const QString action = arguments.value(2);
    if (action == QLatin1String("--help") || action == QLatin1String("-h") || action == QLatin1String("help")) {
        printDrugsUsage(io.out);
        return ExitOk;
    }
    if (action == QLatin1String("search"))
        return runSearch(actionArguments(arguments), io);
    if (action == QLatin1String("show"))
        return runShow(actionArguments(arguments), io);
    if (action == QLatin1String("match"))
        return runMatch(actionArguments(arguments), io);
    if (action == QLatin1String("stats"))
        return runStats(actionArguments(arguments), io);
    if (action == QLatin1String("rebuild"))
        return runRebuild(actionArguments(arguments), io);
    if (action == QLatin1String("update"))
        return runDrugsUpdate(actionArguments(arguments), io);
    if (action == QLatin1String("import"))
        return runDrugsImport(actionArguments(arguments), io);
    if (action.isEmpty())
        io.err << "pharmdesk-cli: drugs needs an action\n";
    else
        io.err << "pharmdesk-cli: unknown drugs action '" << action << "'\n";
    printDrugsUsage(io.err);
    return ExitUsage;
}

} // namespace pharmdesk::cli
