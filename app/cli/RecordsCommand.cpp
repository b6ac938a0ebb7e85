// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli records ACTION: the dispensing record store from the command line; a table of
// actions over one shared RecordsAction (parser, store, errors, JSON). Every read is audited as
// "cli:$USER". Keys: RecordsKeys.cpp; accounts: RecordsAccounts.cpp; recover: RecordsRecover.cpp.
#include "cli/CliCommon.h"
#include "cli/RecordsCli.h"
#include "cli/RecordsKeys.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/store/RecordStore.h"

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
         "  key-restore FILE [--force]       put backed-up record keys into the keychain\n"
         "  recover [--jobs N] [--json]      recognise again what a crash left unfinished (same ids)\n"
         "  accounts list [--json]           pharmacist accounts\n"
         "  accounts add USER --name NAME [--password-file F] [--pin-file F]\n"
         "  accounts passwd USER [--reset] [--current-password-file F] [--password-file F]\n"
         "  accounts set-pin USER [--pin-file F] [--remove]\n"
         "  accounts check USER [--pin] [--password-file F]   a login or PIN switch (audited)\n"
         "  accounts disable USER | accounts enable USER\n"
         "                                   secrets come from stdin (one a line) or the files, never argv\n\n"
         "Every action takes --data-dir DIR; keys live in the system keychain, else in DIR/keys\n"
         "($PHARMDESK_KEY_DIR overrides). See docs/records.md.\n";
    s.flush();
}

QJsonObject summaryJson(const store::RecordSummary& s)
{
    return QJsonObject { { QStringLiteral("id"), s.id.toString(QUuid::WithoutBraces) },
                         { QStringLiteral("source"), s.sourceName },
                         { QStringLiteral("image_sha256"), s.imageSha256 },
                         { QStringLiteral("page"), s.page + 1 },
                         { QStringLiteral("imported_at"), isoUtc(s.importedAt) },
                         { QStringLiteral("status"), store::statusName(s.status) },
                         { QStringLiteral("status_at"), isoUtc(s.statusAt) },
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
                                     { QStringLiteral("at"), isoUtc(c.at) },
                                     { QStringLiteral("actor"), c.actor },
                                     { QStringLiteral("note"), textOrNull(c.note) } });
    }
    o.insert(QStringLiteral("history"), history);
    QJsonArray dispensings;
    for (const store::DispensingRecord& r : d.dispensings) {
        dispensings.append(QJsonObject { { QStringLiteral("id"), r.id.toString(QUuid::WithoutBraces) },
                                         { QStringLiteral("dispensed_at"), isoUtc(r.dispensedAt) },
                                         { QStringLiteral("pharmacist"), r.pharmacist } });
    }
    o.insert(QStringLiteral("dispensings"), dispensings);
    QJsonArray guides;
    for (const store::GuidePrint& g : d.guides) {
        guides.append(QJsonObject { { QStringLiteral("printed_at"), isoUtc(g.printedAt) },
                                    { QStringLiteral("actor"), g.actor },
                                    { QStringLiteral("pdf_sha256"), textOrNull(g.pdfSha256) } });
    }
    o.insert(QStringLiteral("guides"), guides);
    return o;
}

/// The one positional argument as a prescription id; nullopt (after a usage message) when it is not one.
const QString kOneId = QStringLiteral("one prescription id (a UUID from 'records list')");

std::optional<QUuid> idArgument(RecordsAction& action)
{
    const QUuid id = QUuid::fromString(action.positional(0));
    if (id.isNull()) {
        action.usage(QStringLiteral("expected ") + kOneId);
        return std::nullopt;
    }
    return id;
}

QDateTime dateOption(const RecordsAction& action, const QString& name, bool* ok)
{
    *ok = true;
    if (!action.isSet(name))
        return {};
    const QString text = action.value(name);
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
    RecordsAction action(io, QStringLiteral("Recorded prescriptions, newest first. Resident numbers are masked; "
                                            "--patient finds a patient's prescriptions through the keyed hash."));
    action.addOption({ QStringLiteral("status"), QStringLiteral("Only this status (new, recognised, needs_review, failed, "
                                                                "confirmed, guide_printed)."),
                       QStringLiteral("S") });
    action.addOption({ QStringLiteral("patient"), QStringLiteral("Resident number to search for; '-' reads it from stdin "
                                                                 "(keeps it out of the shell history)."),
                       QStringLiteral("RRN") });
    action.addOption({ QStringLiteral("from"), QStringLiteral("Imported on or after (YYYY-MM-DD, UTC)."), QStringLiteral("DATE") });
    action.addOption({ QStringLiteral("to"), QStringLiteral("Imported before (YYYY-MM-DD, UTC)."), QStringLiteral("DATE") });
    action.addOption({ QStringLiteral("limit"), QStringLiteral("At most N rows (default 100)."), QStringLiteral("N"),
                       QStringLiteral("100") });
    action.addJsonOption();
    if (auto code = action.parse(arguments, -1))
        return *code;
    store::RecordFilter filter;
    bool ok = false;
    filter.limit = action.value(QStringLiteral("limit")).toInt(&ok);
    bool fromOk = false, toOk = false;
    filter.importedFrom = dateOption(action, QStringLiteral("from"), &fromOk);
    filter.importedTo = dateOption(action, QStringLiteral("to"), &toOk);
    if (action.isSet(QStringLiteral("status")))
        filter.status = store::statusFromName(action.value(QStringLiteral("status")));
    if (!ok || filter.limit < 1 || filter.limit > 100000 || !fromOk || !toOk
        || (action.isSet(QStringLiteral("status")) && !filter.status) || !action.positional(0).isNull())
        return action.usage(QStringLiteral("bad --limit, --from, --to or --status"));
    if (action.isSet(QStringLiteral("patient"))) {
        filter.rrn = action.value(QStringLiteral("patient"));
        if (filter.rrn == QLatin1String("-")) {
            QTextStream in(stdin);
            filter.rrn = in.readLine().trimmed();
        }
    }
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto rows = records->list(filter, recordsActor());
    if (!rows)
        return action.fail(rows.error());
    if (action.json()) {
        QJsonArray array;
        for (const store::RecordSummary& s : *rows)
            array.append(summaryJson(s));
        action.printJson(array);
        return ExitOk;
    }
    for (const store::RecordSummary& s : *rows) {
        io.out << s.id.toString(QUuid::WithoutBraces) << '\t' << isoUtc(s.importedAt) << '\t' << store::statusName(s.status) << '\t'
               << (s.maskedRrn.isEmpty() ? QStringLiteral("-") : s.maskedRrn) << '\t'
               << (s.patientName.isEmpty() ? QStringLiteral("-") : s.patientName) << '\t' << s.sourceName << "\n";
    }
    io.out.flush();
    return ExitOk;
}

int runShow(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("One prescription: what recognition read, what the pharmacist confirmed, "
                                            "its status history, dispensing records and printed guides (masked)."));
    action.addPositional(QStringLiteral("ID"), QStringLiteral("Prescription id."));
    action.addJsonOption();
    if (auto code = action.parse(arguments, 1, kOneId))
        return *code;
    const auto id = idArgument(action);
    if (!id)
        return ExitUsage;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto detail = records->show(*id, recordsActor());
    if (!detail)
        return action.fail(detail.error());
    if (action.json()) {
        action.printJson(detailJson(*detail));
        return ExitOk;
    }
    const store::RecordSummary& s = detail->summary;
    io.out << "id:          " << s.id.toString(QUuid::WithoutBraces) << "\n"
           << "source:      " << s.sourceName << " (sha256 " << s.imageSha256 << ")\n"
           << "imported:    " << isoUtc(s.importedAt) << "\n"
           << "status:      " << store::statusName(s.status) << " since " << isoUtc(s.statusAt) << "\n"
           << "patient:     " << s.patientName << " " << s.maskedRrn << "\n"
           << "institution: " << s.institution << "\n"
           << "issued:      " << s.issueDate.toString(Qt::ISODate) << "\n"
           << "items:       " << s.itemCount << "\n";
    for (const store::StatusChange& c : detail->history)
        io.out << "  " << isoUtc(c.at) << "  " << store::statusName(c.status) << "  " << c.actor
               << (c.note.isEmpty() ? QString() : QStringLiteral("  ") + c.note) << "\n";
    io.out.flush();
    return ExitOk;
}

int runExport(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("The full record, resident numbers in clear, as JSON. Audited with "
                                            "the reason; the only way a full number leaves the store."));
    action.addPositional(QStringLiteral("ID"), QStringLiteral("Prescription id."));
    action.addOption({ QStringLiteral("reason"), QStringLiteral("Why (written to the audit log)."), QStringLiteral("TEXT") });
    action.addOption({ QStringLiteral("out"), QStringLiteral("Write to FILE (created 0600) instead of stdout."),
                       QStringLiteral("FILE") });
    if (auto code = action.parse(arguments, 1, kOneId))
        return *code;
    const auto id = idArgument(action);
    if (!id)
        return ExitUsage;
    if (action.value(QStringLiteral("reason")).trimmed().isEmpty()) {
        io.err << "pharmdesk-cli: records export needs --reason\n";
        io.err.flush();
        return ExitUsage;
    }
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto exported = records->exportRecord(*id, recordsActor(), action.value(QStringLiteral("reason")));
    if (!exported)
        return action.fail(exported.error());
    QJsonObject o = detailJson(exported->detail);
    o.insert(QStringLiteral("rrn_as_read"), textOrNull(exported->rrnAsRead));
    o.insert(QStringLiteral("rrn_confirmed"), textOrNull(exported->rrnConfirmed));
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
    if (action.isSet(QStringLiteral("out"))) {
        // Created 0600 from the start: the file holds resident numbers in clear.
        if (const core::Status s = writePrivateFile(action.value(QStringLiteral("out")), bytes); !s)
            return action.fail(s.error());
    } else {
        io.out << QString::fromUtf8(bytes);
        io.out.flush();
    }
    return ExitOk;
}

int runVerifyAudit(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Checks every audit entry's hash and link and the sealed head; exit 1 "
                                            "when an entry was edited, deleted or added outside PharmDesk."));
    action.addJsonOption();
    if (auto code = action.parse(arguments, -1))
        return *code;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto v = records->verifyAudit();
    if (!v)
        return action.fail(v.error());
    if (action.json()) {
        action.printJson(QJsonObject { { QStringLiteral("intact"), v->intact },
                                       { QStringLiteral("entries"), v->entries },
                                       { QStringLiteral("first_bad_id"), v->firstBadId ? QJsonValue(v->firstBadId) : QJsonValue() },
                                       { QStringLiteral("problem"), textOrNull(v->problem) } });
    } else if (v->intact) {
        io.out << "audit log intact: " << v->entries << " entries\n";
    } else {
        io.out << "audit log BROKEN: " << v->problem << " (" << v->entries << " entries)\n";
    }
    io.out.flush();
    return v->intact ? ExitOk : ExitItemsFailed;
}

int runBackup(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Copies the records (database and sealed images) into a new folder while "
                                            "PharmDesk keeps running. The keys are not copied."));
    action.addPositional(QStringLiteral("DIR"), QStringLiteral("Backup folder."));
    if (auto code = action.parse(arguments, 1, QStringLiteral("exactly one folder")))
        return *code;
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    if (const core::Status s = records->backup(action.positional(0), recordsActor()); !s)
        return action.fail(s.error());
    io.err << "pharmdesk-cli: records backed up to " << action.positional(0) << " (keep the keys separately: "
           << records->keychainBackend() << ")\n";
    io.err.flush();
    return ExitOk;
}

int runRestore(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Replaces the records with a backup, after checking its integrity and that "
                                            "the keys open it. Close the GUI first."));
    action.addPositional(QStringLiteral("DIR"), QStringLiteral("Backup folder."));
    if (auto code = action.parse(arguments, 1, QStringLiteral("exactly one folder")))
        return *code;
    const auto dir = action.dataDir();
    if (!dir)
        return ExitFatal;
    if (const core::Status s = RecordStore::restore(action.positional(0), RecordStore::defaultOptions(*dir), recordsActor()); !s)
        return action.fail(s.error());
    io.err << "pharmdesk-cli: records restored from " << action.positional(0) << "\n";
    io.err.flush();
    return ExitOk;
}

int runPurge(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Retention: deletes prescriptions and their images imported more than "
                                            "2 years ago and dispensing records older than 5 years."));
    action.addOption({ QStringLiteral("dry-run"), QStringLiteral("Only count what would go.") });
    action.addOption({ QStringLiteral("now"), QStringLiteral("Reference date instead of today (YYYY-MM-DD)."), QStringLiteral("DATE") });
    action.addJsonOption();
    if (auto code = action.parse(arguments, -1))
        return *code;
    bool ok = false;
    QDateTime now = dateOption(action, QStringLiteral("now"), &ok);
    if (!ok) {
        io.err << "pharmdesk-cli: --now must be a date (YYYY-MM-DD)\n";
        io.err.flush();
        return ExitUsage;
    }
    if (!now.isValid())
        now = QDateTime::currentDateTimeUtc();
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto report = records->purge(now, action.isSet(QStringLiteral("dry-run")), recordsActor());
    if (!report)
        return action.fail(report.error());
    if (action.json()) {
        action.printJson(QJsonObject { { QStringLiteral("dry_run"), report->dryRun },
                                       { QStringLiteral("prescriptions_before"), isoUtc(report->prescriptionsBefore) },
                                       { QStringLiteral("dispensings_before"), isoUtc(report->dispensingsBefore) },
                                       { QStringLiteral("prescriptions"), report->prescriptions },
                                       { QStringLiteral("images"), report->images },
                                       { QStringLiteral("dispensings"), report->dispensings } });
        return ExitOk;
    }
    io.out << (report->dryRun ? "would delete: " : "deleted: ") << report->prescriptions << " prescription(s) imported before "
           << isoUtc(report->prescriptionsBefore) << ", " << report->images << " image(s), " << report->dispensings
           << " dispensing record(s) before " << isoUtc(report->dispensingsBefore) << "\n";
    io.out.flush();
    return ExitOk;
}

int runRotateKey(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Creates a new key generation, re-encrypts every resident number and "
                                            "image under it and retires the old keys. Safe to rerun if interrupted."));
    action.addOption({ QStringLiteral("cipher"), QStringLiteral("aes (AES-256-GCM, default) or aria (ARIA-256-GCM)."),
                       QStringLiteral("NAME"), QStringLiteral("aes") });
    action.addJsonOption();
    if (auto code = action.parse(arguments, -1))
        return *code;
    const auto cipher = store::crypto::cipherFromName(action.value(QStringLiteral("cipher")));
    if (!cipher) {
        io.err << "pharmdesk-cli: --cipher must be aes or aria\n";
        io.err.flush();
        return ExitUsage;
    }
    RecordStore* records = action.openStore();
    if (!records)
        return ExitFatal;
    const auto report = records->rotateKey(*cipher, recordsActor());
    if (!report)
        return action.fail(report.error());
    if (action.json()) {
        action.printJson(QJsonObject { { QStringLiteral("old_key_id"), static_cast<qint64>(report->oldKeyId) },
                                       { QStringLiteral("new_key_id"), static_cast<qint64>(report->newKeyId) },
                                       { QStringLiteral("cipher"), store::crypto::cipherName(*cipher) },
                                       { QStringLiteral("rows"), report->rows },
                                       { QStringLiteral("images"), report->images } });
        return ExitOk;
    }
    io.out << "key " << report->oldKeyId << " -> " << report->newKeyId << " (" << store::crypto::cipherName(*cipher)
           << "): " << report->rows << " row(s), " << report->images << " image(s) re-encrypted\n";
    io.out.flush();
    return ExitOk;
}

struct Action
{
    QLatin1StringView name;
    int (*run)(const QStringList& arguments, CliIo& io);
    int depth;  ///< words of the action name: "accounts add" is parsed by runAccounts itself
};

const Action kActions[] = {
    { QLatin1StringView("list"), runList, 2 },
    { QLatin1StringView("show"), runShow, 2 },
    { QLatin1StringView("export"), runExport, 2 },
    { QLatin1StringView("verify-audit"), runVerifyAudit, 2 },
    { QLatin1StringView("backup"), runBackup, 2 },
    { QLatin1StringView("restore"), runRestore, 2 },
    { QLatin1StringView("purge"), runPurge, 2 },
    { QLatin1StringView("rotate-key"), runRotateKey, 2 },
    { QLatin1StringView("key-backup"), runKeyBackup, 2 },
    { QLatin1StringView("key-restore"), runKeyRestore, 2 },
    { QLatin1StringView("recover"), runRecover, 2 },
    { QLatin1StringView("accounts"), runAccounts, 0 },
};

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
    for (const Action& a : kActions) {
        if (action == a.name)
            return a.run(a.depth > 0 ? actionArguments(arguments, a.depth) : arguments, io);
    }
    if (action.isEmpty())
        io.err << "pharmdesk-cli: records needs an action\n";
    else
        io.err << "pharmdesk-cli: unknown records action '" << action << "'\n";
    printRecordsUsage(io.err);
    return ExitUsage;
}

} // namespace pharmdesk::cli
