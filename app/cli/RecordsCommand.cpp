// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli records list|show|export|verify-audit|backup|restore|purge|rotate-key: the
// dispensing record store from the command line. Every read is audited as "cli:$USER".
#include "cli/CliCommon.h"
#include "cli/RecordsKeys.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/store/RecordStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace pharmdesk::cli {

namespace {

using store::RecordStore;

void printRecordsUsage(QTextStream& s)
{
    s << "Usage: pharmdesk-cli records <action> [options]\n\n"
         "Actions:\n"
         "  list [--status S] [--patient RRN|-] [--from DATE] [--to DATE] [--limit N] [--json]\n"
         "                                   prescriptions, newest first (resident numbers masked)\n"
         "  show ID [--json]                 one prescription: as read, as confirmed, history (masked)\n"
         "  export ID --reason TEXT [--out FILE]   the full record with resident numbers (audited)\n"
         "  verify-audit [--json]            check the hash-chained audit log (exit 1 when broken)\n"
         "  backup DIR                       online copy of the records (keys are not included)\n"
         "  restore DIR                      replace the records with a backup\n"
         "  purge [--dry-run] [--now DATE] [--json]   retention: prescriptions 2 years, dispensing 5\n"
         "  rotate-key [--cipher aes|aria] [--json]   re-encrypt everything under a new key\n"
         "  key-backup FILE                  copy the record keys to a 0600 file (keep it offline)\n"
         "  key-restore FILE [--force]       put backed-up record keys into the keychain\n\n"
         "Every action takes --data-dir DIR; keys live in the system keychain, else in DIR/keys\n"
         "($PHARMDESK_KEY_DIR overrides). See docs/records.md.\n";
    s.flush();
}

const QCommandLineOption kJson { QStringLiteral("json"), QStringLiteral("Print JSON instead of text.") };

QString compact(const QJsonValue& v)
{
    return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

QStringList actionArguments(const QStringList& arguments)
{
    QStringList args = arguments.mid(3);
    args.prepend(arguments.at(1) + u' ' + arguments.at(2));
    args.prepend(arguments.at(0));
    return args;
}

QJsonValue textOrNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject summaryJson(const store::RecordSummary& s)
{
    return QJsonObject { { QStringLiteral("id"), s.id.toString(QUuid::WithoutBraces) },
                         { QStringLiteral("source"), s.sourceName },
                         { QStringLiteral("image_sha256"), s.imageSha256 },
                         { QStringLiteral("page"), s.page + 1 },
                         { QStringLiteral("imported_at"), iso(s.importedAt) },
                         { QStringLiteral("status"), store::statusName(s.status) },
                         { QStringLiteral("status_at"), iso(s.statusAt) },
                         { QStringLiteral("patient_name"), textOrNull(s.patientName) },
                         { QStringLiteral("rrn_masked"), textOrNull(s.maskedRrn) },
                         { QStringLiteral("issue_date"), s.issueDate.isValid() ? QJsonValue(s.issueDate.toString(Qt::ISODate))
                                                                               : QJsonValue(QJsonValue::Null) },
                         { QStringLiteral("institution"), textOrNull(s.institution) },
                         { QStringLiteral("items"), s.itemCount } };
}

QJsonObject detailJson(const store::RecordDetail& d)
{
    QJsonObject o = summaryJson(d.summary);
    o.insert(QStringLiteral("recognised"), d.recognised ? QJsonValue(core::json::toJson(*d.recognised)) : QJsonValue());
    o.insert(QStringLiteral("confirmed"), d.confirmed ? QJsonValue(core::json::toJson(*d.confirmed)) : QJsonValue());
    QJsonArray history;
    for (const store::StatusChange& c : d.history) {
        history.append(QJsonObject { { QStringLiteral("status"), store::statusName(c.status) },
                                     { QStringLiteral("at"), iso(c.at) },
                                     { QStringLiteral("actor"), c.actor },
                                     { QStringLiteral("note"), textOrNull(c.note) } });
    }
    o.insert(QStringLiteral("history"), history);
    QJsonArray dispensings;
    for (const store::DispensingRecord& r : d.dispensings) {
        dispensings.append(QJsonObject { { QStringLiteral("id"), r.id.toString(QUuid::WithoutBraces) },
                                         { QStringLiteral("dispensed_at"), iso(r.dispensedAt) },
                                         { QStringLiteral("pharmacist"), r.pharmacist } });
    }
    o.insert(QStringLiteral("dispensings"), dispensings);
    QJsonArray guides;
    for (const store::GuidePrint& g : d.guides) {
        guides.append(QJsonObject { { QStringLiteral("printed_at"), iso(g.printedAt) },
                                    { QStringLiteral("actor"), g.actor },
                                    { QStringLiteral("pdf_sha256"), textOrNull(g.pdfSha256) } });
    }
    o.insert(QStringLiteral("guides"), guides);
    return o;
}

std::unique_ptr<RecordStore> openStore(const QCommandLineParser& parser, CliIo& io)
{
    const auto dir = openDataDir(parser, io);
    if (!dir)
        return nullptr;
    auto opened = RecordStore::open(RecordStore::defaultOptions(*dir));
    if (!opened) {
        printError(io, opened.error());
        return nullptr;
    }
    return std::move(opened).value();
}

std::optional<int> singleId(const QCommandLineParser& parser, CliIo& io, QUuid* id)
{
    const QStringList positional = parser.positionalArguments();
    *id = positional.size() == 1 ? QUuid::fromString(positional.front()) : QUuid();
    if (id->isNull()) {
        io.err << "pharmdesk-cli: expected one prescription id (a UUID from 'records list')\n" << parser.helpText();
        io.err.flush();
        return ExitUsage;
    }
    return std::nullopt;
}

std::optional<int> singlePath(const QCommandLineParser& parser, CliIo& io, QString* path)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        io.err << "pharmdesk-cli: expected exactly one folder\n" << parser.helpText();
        io.err.flush();
        return ExitUsage;
    }
    *path = positional.front();
    return std::nullopt;
}

QDateTime dateOption(const QCommandLineParser& parser, const QString& name, bool* ok)
{
    *ok = true;
    if (!parser.isSet(name))
        return {};
    const QString text = parser.value(name);
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        t = d.isValid() ? QDateTime(d, QTime(0, 0), Qt::UTC) : QDateTime();
    }
    *ok = t.isValid();
    return t;
}

int runList(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Recorded prescriptions, newest first. Resident numbers are masked; "
                                                    "--patient finds a patient's prescriptions through the keyed hash."));
    parser.addOption({ QStringLiteral("status"), QStringLiteral("Only this status (new, recognised, needs_review, failed, "
                                                                "confirmed, guide_printed)."),
                       QStringLiteral("S") });
    parser.addOption({ QStringLiteral("patient"), QStringLiteral("Resident number to search for; '-' reads it from stdin "
                                                                 "(keeps it out of the shell history)."),
                       QStringLiteral("RRN") });
    parser.addOption({ QStringLiteral("from"), QStringLiteral("Imported on or after (YYYY-MM-DD, UTC)."), QStringLiteral("DATE") });
    parser.addOption({ QStringLiteral("to"), QStringLiteral("Imported before (YYYY-MM-DD, UTC)."), QStringLiteral("DATE") });
    parser.addOption({ QStringLiteral("limit"), QStringLiteral("At most N rows (default 100)."), QStringLiteral("N"),
                       QStringLiteral("100") });
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    store::RecordFilter filter;
    bool ok = false;
    filter.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    bool fromOk = false, toOk = false;
    filter.importedFrom = dateOption(parser, QStringLiteral("from"), &fromOk);
    filter.importedTo = dateOption(parser, QStringLiteral("to"), &toOk);
    if (parser.isSet(QStringLiteral("status")))
        filter.status = store::statusFromName(parser.value(QStringLiteral("status")));
    if (!ok || filter.limit < 1 || filter.limit > 100000 || !fromOk || !toOk
        || (parser.isSet(QStringLiteral("status")) && !filter.status) || !parser.positionalArguments().isEmpty()) {
        io.err << "pharmdesk-cli: bad --limit, --from, --to or --status\n" << parser.helpText();
        io.err.flush();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("patient"))) {
        filter.rrn = parser.value(QStringLiteral("patient"));
        if (filter.rrn == QLatin1String("-")) {
            QTextStream in(stdin);
            filter.rrn = in.readLine().trimmed();
        }
    }
    const auto records = openStore(parser, io);
    if (!records)
        return ExitFatal;
    const auto rows = records->list(filter, recordsActor());
    if (!rows) {
        printError(io, rows.error());
        return rows.error().category == core::ErrorCategory::Usage ? ExitUsage : ExitFatal;
    }
    if (parser.isSet(kJson)) {
        QJsonArray array;
        for (const store::RecordSummary& s : *rows)
            array.append(summaryJson(s));
        io.out << compact(array) << "\n";
    } else {
        for (const store::RecordSummary& s : *rows) {
            io.out << s.id.toString(QUuid::WithoutBraces) << '\t' << iso(s.importedAt) << '\t' << store::statusName(s.status) << '\t'
                   << (s.maskedRrn.isEmpty() ? QStringLiteral("-") : s.maskedRrn) << '\t'
                   << (s.patientName.isEmpty() ? QStringLiteral("-") : s.patientName) << '\t' << s.sourceName << "\n";
        }
    }
    io.out.flush();
    return ExitOk;
}

int runShow(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("One prescription: what recognition read, what the pharmacist confirmed, "
                                                    "its status history, dispensing records and printed guides (masked)."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Prescription id."));
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    QUuid id;
    if (auto code = singleId(parser, io, &id))
        return *code;
    const auto records = openStore(parser, io);
    if (!records)
        return ExitFatal;
    const auto detail = records->show(id, recordsActor());
    if (!detail) {
        printError(io, detail.error());
        return detail.error().category == core::ErrorCategory::Input ? ExitItemsFailed : ExitFatal;
    }
    const QJsonObject o = detailJson(*detail);
    if (parser.isSet(kJson)) {
        io.out << compact(o) << "\n";
    } else {
        const store::RecordSummary& s = detail->summary;
        io.out << "id:          " << s.id.toString(QUuid::WithoutBraces) << "\n"
               << "source:      " << s.sourceName << " (sha256 " << s.imageSha256 << ")\n"
               << "imported:    " << iso(s.importedAt) << "\n"
               << "status:      " << store::statusName(s.status) << " since " << iso(s.statusAt) << "\n"
               << "patient:     " << s.patientName << " " << s.maskedRrn << "\n"
               << "institution: " << s.institution << "\n"
               << "issued:      " << s.issueDate.toString(Qt::ISODate) << "\n"
               << "items:       " << s.itemCount << "\n";
        for (const store::StatusChange& c : detail->history)
            io.out << "  " << iso(c.at) << "  " << store::statusName(c.status) << "  " << c.actor
                   << (c.note.isEmpty() ? QString() : QStringLiteral("  ") + c.note) << "\n";
    }
    io.out.flush();
    return ExitOk;
}

int runExport(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The full record, resident numbers in clear, as JSON. Audited with "
                                                    "the reason; the only way a full number leaves the store."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Prescription id."));
    parser.addOption({ QStringLiteral("reason"), QStringLiteral("Why (written to the audit log)."), QStringLiteral("TEXT") });
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Write to FILE (created 0600) instead of stdout."),
                       QStringLiteral("FILE") });
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    QUuid id;
    if (auto code = singleId(parser, io, &id))
        return *code;
    if (parser.value(QStringLiteral("reason")).trimmed().isEmpty()) {
        io.err << "pharmdesk-cli: records export needs --reason\n";
        io.err.flush();
        return ExitUsage;
    }
    const auto records = openStore(parser, io);
    if (!records)
        return ExitFatal;
    const auto exported = records->exportRecord(id, recordsActor(), parser.value(QStringLiteral("reason")));
    if (!exported) {
        printError(io, exported.error());
        return exported.error().category == core::ErrorCategory::Input ? ExitItemsFailed : ExitFatal;
    }
    QJsonObject o = detailJson(exported->detail);
    o.insert(QStringLiteral("rrn_as_read"), textOrNull(exported->rrnAsRead));
    o.insert(QStringLiteral("rrn_confirmed"), textOrNull(exported->rrnConfirmed));
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
    if (parser.isSet(QStringLiteral("out"))) {
        // Created 0600 from the start: the file holds resident numbers in clear.
        if (const core::Status s = writePrivateFile(parser.value(QStringLiteral("out")), bytes); !s) {
            printError(io, s.error());
            return ExitFatal;
        }
    } else {
        io.out << QString::fromUtf8(bytes);
        io.out.flush();
    }
    return ExitOk;
}

int runVerifyAudit(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Checks every audit entry's hash and link and the sealed head; exit 1 "
                                                    "when an entry was edited, deleted or added outside PharmDesk."));
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    const auto records = openStore(parser, io);
    if (!records)
        return ExitFatal;
    const auto v = records->verifyAudit();
    if (!v) {
        printError(io, v.error());
        return ExitFatal;
    }
    if (parser.isSet(kJson)) {
        io.out << compact(QJsonObject { { QStringLiteral("intact"), v->intact },
                                        { QStringLiteral("entries"), v->entries },
                                        { QStringLiteral("first_bad_id"), v->firstBadId ? QJsonValue(v->firstBadId) : QJsonValue() },
                                        { QStringLiteral("problem"), textOrNull(v->problem) } })
               << "\n";
    } else if (v->intact) {
        io.out << "audit log intact: " << v->entries << " entries\n";
    } else {
        io.out << "audit log BROKEN: " << v->problem << " (" << v->entries << " entries)\n";
    }
    io.out.flush();
    return v->intact ? ExitOk : ExitItemsFailed;
}

int runBackupOrRestore(const QStringList& arguments, CliIo& io, bool restore)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(restore ? QStringLiteral("Replaces the records with a backup, after checking its integrity "
                                                              "and that the keys open it. Close the GUI first.")
                                             : QStringLiteral("Copies the records (database and sealed images) into a new "
                                                              "folder while PharmDesk keeps running. The keys are not copied."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Backup folder."));
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    QString path;
    if (auto code = singlePath(parser, io, &path))
        return *code;
    if (restore) {
        const auto dir = openDataDir(parser, io);
        if (!dir)
            return ExitFatal;
        if (const core::Status s = RecordStore::restore(path, RecordStore::defaultOptions(*dir), recordsActor()); !s) {
            printError(io, s.error());
            return s.error().category == core::ErrorCategory::Usage ? ExitUsage : ExitFatal;
        }
        io.err << "pharmdesk-cli: records restored from " << path << "\n";
    } else {
        const auto records = openStore(parser, io);
        if (!records)
            return ExitFatal;
        if (const core::Status s = records->backup(path, recordsActor()); !s) {
            printError(io, s.error());
            return s.error().category == core::ErrorCategory::Usage ? ExitUsage : ExitFatal;
        }
        io.err << "pharmdesk-cli: records backed up to " << path << " (keep the keys separately: "
               << records->keychainBackend() << ")\n";
    }
    io.err.flush();
    return ExitOk;
}

int runPurge(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Retention: deletes prescriptions and their images imported more than "
                                                    "2 years ago and dispensing records older than 5 years."));
    parser.addOption({ QStringLiteral("dry-run"), QStringLiteral("Only count what would go.") });
    parser.addOption({ QStringLiteral("now"), QStringLiteral("Reference date instead of today (YYYY-MM-DD)."), QStringLiteral("DATE") });
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    bool ok = false;
    QDateTime now = dateOption(parser, QStringLiteral("now"), &ok);
    if (!ok) {
        io.err << "pharmdesk-cli: --now must be a date (YYYY-MM-DD)\n";
        io.err.flush();
        return ExitUsage;
    }
    if (!now.isValid())
        now = QDateTime::currentDateTimeUtc();
    const auto records = openStore(parser, io);
    if (!records)
        return ExitFatal;
    const auto report = records->purge(now, parser.isSet(QStringLiteral("dry-run")), recordsActor());
    if (!report) {
        printError(io, report.error());
        return ExitFatal;
    }
    if (parser.isSet(kJson)) {
        io.out << compact(QJsonObject { { QStringLiteral("dry_run"), report->dryRun },
                                        { QStringLiteral("prescriptions_before"), iso(report->prescriptionsBefore) },
                                        { QStringLiteral("dispensings_before"), iso(report->dispensingsBefore) },
                                        { QStringLiteral("prescriptions"), report->prescriptions },
                                        { QStringLiteral("images"), report->images },
                                        { QStringLiteral("dispensings"), report->dispensings } })
               << "\n";
    } else {
        io.out << (report->dryRun ? "would delete: " : "deleted: ") << report->prescriptions << " prescription(s) imported before "
               << iso(report->prescriptionsBefore) << ", " << report->images << " image(s), " << report->dispensings
               << " dispensing record(s) before " << iso(report->dispensingsBefore) << "\n";
    }
    io.out.flush();
    return ExitOk;
}

int runRotateKey(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Creates a new key generation, re-encrypts every resident number and "
                                                    "image under it and retires the old keys. Safe to rerun if interrupted."));
    parser.addOption({ QStringLiteral("cipher"), QStringLiteral("aes (AES-256-GCM, default) or aria (ARIA-256-GCM)."),
                       QStringLiteral("NAME"), QStringLiteral("aes") });
    parser.addOption(kJson);
    addDataDirOption(parser);
    if (auto code = parseOrExit(parser, arguments, io))
        return *code;
    const auto cipher = store::crypto::cipherFromName(parser.value(QStringLiteral("cipher")));
    if (!cipher) {
        io.err << "pharmdesk-cli: --cipher must be aes or aria\n";
        io.err.flush();
        return ExitUsage;
    }
    const auto records = openStore(parser, io);
    if (!records)
        return ExitFatal;
    const auto report = records->rotateKey(*cipher, recordsActor());
    if (!report) {
        printError(io, report.error());
        return ExitFatal;
    }
    if (parser.isSet(kJson)) {
        io.out << compact(QJsonObject { { QStringLiteral("old_key_id"), static_cast<qint64>(report->oldKeyId) },
                                        { QStringLiteral("new_key_id"), static_cast<qint64>(report->newKeyId) },
                                        { QStringLiteral("cipher"), store::crypto::cipherName(*cipher) },
                                        { QStringLiteral("rows"), report->rows },
                                        { QStringLiteral("images"), report->images } })
               << "\n";
    } else {
        io.out << "key " << report->oldKeyId << " -> " << report->newKeyId << " (" << store::crypto::cipherName(*cipher)
               << "): " << report->rows << " row(s), " << report->images << " image(s) re-encrypted\n";
    }
    io.out.flush();
    return ExitOk;
}

} // namespace

QString recordsActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = QStringLiteral("uid%1").arg(::getuid());
    return QStringLiteral("cli:") + user;
}

int runRecords(const QStringList& arguments, CliIo& io)
{
    const QString action = arguments.value(2);
    if (action == QLatin1String("--help") || action == QLatin1String("-h") || action == QLatin1String("help")) {
        printRecordsUsage(io.out);
        return ExitOk;
    }
    if (action == QLatin1String("list"))
        return runList(actionArguments(arguments), io);
    if (action == QLatin1String("show"))
        return runShow(actionArguments(arguments), io);
    if (action == QLatin1String("export"))
        return runExport(actionArguments(arguments), io);
    if (action == QLatin1String("verify-audit"))
        return runVerifyAudit(actionArguments(arguments), io);
    if (action == QLatin1String("backup"))
        return runBackupOrRestore(actionArguments(arguments), io, false);
    if (action == QLatin1String("restore"))
        return runBackupOrRestore(actionArguments(arguments), io, true);
    if (action == QLatin1String("purge"))
        return runPurge(actionArguments(arguments), io);
    if (action == QLatin1String("rotate-key"))
        return runRotateKey(actionArguments(arguments), io);
    if (action == QLatin1String("key-backup"))
        return runKeyBackup(actionArguments(arguments), io);
    if (action == QLatin1String("key-restore"))
        return runKeyRestore(actionArguments(arguments), io);
    if (action.isEmpty())
        io.err << "pharmdesk-cli: records needs an action\n";
    else
        io.err << "pharmdesk-cli: unknown records action '" << action << "'\n";
    printRecordsUsage(io.err);
    return ExitUsage;
}

} // namespace pharmdesk::cli
