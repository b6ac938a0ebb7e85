// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: opening, intake and the workflow (recognised → confirmed → guide printed).
#include "SqliteCopy.h"
#include "StorePrivate.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Rrn.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace pharmdesk::store {

namespace {

const QByteArray kKeyCheck = QByteArrayLiteral("pharmdesk-key-check");

QString idText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QByteArray aad(const char* column, const QUuid& id)
{
    return QByteArray(column) + ':' + idText(id).toLatin1();
}

core::Error notFound(const QUuid& id)
{
    return core::makeError(core::ErrorCategory::Input, QStringLiteral("No such prescription in the records."), idText(id));
}

QVariant orNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant orNull(const QByteArray& b)
{
    return b.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(b);
}

/// core::json output of a result, with any clear resident number replaced by its mask.
QString maskedJson(const core::ImportResult& result, const QString& rrn)
{
    return scrubRrn(QString::fromUtf8(QJsonDocument(core::json::toJson(result)).toJson(QJsonDocument::Compact)), rrn);
}

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

QString RecordStore::keyDirectory(const core::DataDirectory& data)
{
    const QString env = qEnvironmentVariable("PHARMDESK_KEY_DIR");
    return env.isEmpty() ? data.filePath(QStringLiteral("keys")) : QDir(env).absolutePath();
}

StoreOptions RecordStore::defaultOptions(const core::DataDirectory& data, QString* keychainNote)
{
    StoreOptions options;
    options.directory = data.filePath(QStringLiteral("records"));
    options.keychain = Keychain::openDefault(keyDirectory(data), keychainNote);
    return options;
}

core::Result<std::unique_ptr<RecordStore>> RecordStore::open(const StoreOptions& options)
{
    if (!options.keychain || options.directory.isEmpty())
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("The record store needs a folder and a keychain."));
    const QString dir = QDir(options.directory).absolutePath();
    if (!QDir().mkpath(dir + QStringLiteral("/images")))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot create the record folder."), dir);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    const auto stored = options.keychain->read(KeySet::secretName());
    if (!stored)
        return stored.error();
    const bool dbExisted = QFileInfo::exists(dir + QStringLiteral("/records.sqlite"));
    KeySet keys;
    if (*stored) {
        auto parsed = KeySet::fromBytes(**stored);
        if (!parsed)
            return parsed.error();
        keys = std::move(*parsed);
    } else {
        keys = KeySet::generate(options.cipher);
    }

    auto d = std::make_unique<Private>(dir, options.keychain, keys);
    QSqlDatabase db = d->db();
    if (!db.isValid())
        return core::makeError(core::ErrorCategory::Database, QStringLiteral("Cannot open the record store."), d->dbPath);
    if (const core::Status s = migrate(db); !s)
        return s.error();

    auto check = run(db, QStringLiteral("SELECT value FROM meta WHERE key = 'key_check'"), {}, QStringLiteral("key check"));
    if (!check)
        return check.error();
    if (check->next()) {
        if (!*stored || !keyCheckOpens(d->keys, check->value(0).toString()))
            return core::makeError(core::ErrorCategory::Io,
                                   QStringLiteral("The record keys are missing or wrong: the records cannot be opened."),
                                   QStringLiteral("%1 (%2); restore the key folder or keychain entry")
                                       .arg(options.keychain->location(), options.keychain->backendName()));
    } else {
        if (dbExisted && !*stored) {
            // A database without a key check but with sealed rows cannot happen through this code;
            // refuse rather than seal new rows under a key nobody else has.
            auto rows = run(db, QStringLiteral("SELECT COUNT(*) FROM prescriptions"), {}, QStringLiteral("key check"));
            if (!rows || !rows->next() || rows->value(0).toInt() > 0)
                return core::makeError(core::ErrorCategory::Io, QStringLiteral("The record keys are missing."),
                                       options.keychain->location());
        }
        if (!*stored) {
            if (const core::Status s = options.keychain->write(KeySet::secretName(), keys.toBytes()); !s)
                return s.error();
        }
        const auto sealed = crypto::seal(keys.current().cipher, keys.current().encryptionKey, keys.current().id,
                                         kKeyCheck, kKeyCheck);
        if (!sealed)
            return sealed.error();
        WriteTransaction tx(*d);
        if (const core::Status s = tx.begin(); !s)
            return s.error();
        auto ins = run(tx.db(), QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('key_check', ?)"),
                       { QString::fromLatin1(sealed->toBase64()) }, QStringLiteral("key check"));
        if (!ins)
            return ins.error();
        if (const core::Status s = d->appendAudit(tx.db(), QStringLiteral("system"), QStringLiteral("store-created"), {},
                                                  QStringLiteral("keys: %1").arg(options.keychain->backendName()));
            !s)
            return s.error();
        if (const core::Status s = tx.commit(); !s)
            return s.error();
    }
    return std::unique_ptr<RecordStore>(new RecordStore(std::move(d)));
}

RecordStore::RecordStore(std::unique_ptr<Private> priv)
    : d(std::move(priv))
{
}

RecordStore::~RecordStore() = default;

QString RecordStore::directory() const
{
    return d->directory;
}

QString RecordStore::databasePath() const
{
    return d->dbPath;
}

QString RecordStore::keychainBackend() const
{
    return d->keychain->backendName();
}

quint32 RecordStore::currentKeyId() const
{
    return d->keys.current().id;
}

crypto::Cipher RecordStore::currentCipher() const
{
    return d->keys.current().cipher;
}

core::Result<RecordStore::Intake> RecordStore::intakeImage(const QString& imagePath, const QString& actor, int page)
{
    QFile f(imagePath);
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot read the image."), imagePath);
    return intakeBytes(f.readAll(), QFileInfo(imagePath).fileName(), actor, page);
}

core::Result<RecordStore::Intake> RecordStore::intakeBytes(const QByteArray& bytes, const QString& sourceName,
                                                           const QString& actor, int page)
{
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s.error();
    if (page < 0)
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Invalid page number."), QString::number(page));
    auto existing = run(tx.db(), QStringLiteral("SELECT id, status FROM prescriptions WHERE image_sha256 = ? AND page = ?"),
                        { sha, page },
                        QStringLiteral("intake"));
    if (!existing)
        return existing.error();
    // The image file goes first and durably: a committed row always names a whole file.
    if (!d->vault.contains(sha, d->keys)) {
        if (const core::Status s = d->vault.put(sha, bytes, d->keys.current()); !s)
            return s.error();
    }
    if (existing->next()) {
        Intake found { QUuid::fromString(existing->value(0).toString()), false,
                       statusFromName(existing->value(1).toString()).value_or(RecordStatus::New) };
        existing->finish();
        if (const core::Status s = tx.commit(); !s)
            return s.error();
        return found;
    }
    const QUuid id = QUuid::createUuid();
    const QString now = isoNow();
    auto ins = run(tx.db(),
                   QStringLiteral("INSERT INTO prescriptions(id, image_sha256, page, image_size, source_name, imported_at, "
                                  "status, status_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"),
                   { idText(id), sha, page, bytes.size(), sourceName, now, statusName(RecordStatus::New), now },
                   QStringLiteral("intake"));
    if (!ins)
        return ins.error();
    if (const core::Status s = d->addStatus(tx.db(), id, RecordStatus::New, actor, {}); !s)
        return s.error();
    if (const core::Status s = d->addEvent(tx.db(), QStringLiteral("prescription.created"), id,
                                           { { QStringLiteral("id"), idText(id) },
                                             { QStringLiteral("image_sha256"), sha },
                                             { QStringLiteral("page"), page },
                                             { QStringLiteral("imported_at"), now } });
        !s)
        return s.error();
    const QString detail = page > 0 ? QStringLiteral("%1 page %2").arg(sourceName).arg(page + 1) : sourceName;
    if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("import"), idText(id), detail); !s)
        return s.error();
    if (const core::Status s = tx.commit(); !s)
        return s.error();
    return Intake { id, true, RecordStatus::New };
}

core::Status RecordStore::recordRecognition(const QUuid& id, const core::ImportResult& result, const QString& actor)
{
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    auto row = run(tx.db(), QStringLiteral("SELECT status, source_name FROM prescriptions WHERE id = ?"), { idText(id) },
                   QStringLiteral("recognition"));
    if (!row)
        return row.error();
    if (!row->next())
        return notFound(id);
    if (statusFromName(row->value(0).toString()) != RecordStatus::New)
        return tx.commit();  // already recognised: an import of the same image changes nothing
    const QString sourceName = row->value(1).toString();
    row->finish();

    RecordStatus status = RecordStatus::Failed;
    if (result.status == core::ImportResult::Status::Ok)
        status = RecordStatus::Recognised;
    else if (result.status == core::ImportResult::Status::NeedsReview)
        status = RecordStatus::NeedsReview;

    core::ImportResult kept = result;
    kept.source = sourceName;
    QString rrn;
    QByteArray sealed;
    QString name, masked, issueDate, institution;
    int items = 0;
    if (const auto& p = result.prescription) {
        rrn = p->patient.rrn.valueOr({});
        if (!rrn.isEmpty()) {
            auto s = d->sealText(rrn, aad("rrn_read", id));
            if (!s)
                return s.error();
            sealed = *s;
        }
        name = p->patient.name.valueOr({});
        masked = p->patient.maskedRrn();
        issueDate = p->issueDate.hasValue() ? p->issueDate->toString(Qt::ISODate) : QString();
        institution = p->institution.name.valueOr({});
        items = static_cast<int>(p->items.size());
    }
    const QString json = maskedJson(kept, rrn);
    auto upd = run(tx.db(),
                   QStringLiteral("UPDATE prescriptions SET patient_name = ?, rrn_masked = ?, patient_key = ?, rrn_read = ?, "
                                  "issue_date = ?, institution = ?, item_count = ?, recognised_json = ? WHERE id = ?"),
                   { orNull(name), orNull(masked), orNull(d->patientKey(rrn)), orNull(sealed), orNull(issueDate),
                     orNull(institution), items, json, idText(id) },
                   QStringLiteral("recognition"));
    if (!upd)
        return upd.error();
    const QString note = result.error ? result.error->message : QString();
    if (const core::Status s = d->addStatus(tx.db(), id, status, actor, note); !s)
        return s;
    if (const core::Status s = d->addEvent(tx.db(), QStringLiteral("prescription.recognised"), id,
                                           { { QStringLiteral("id"), idText(id) },
                                             { QStringLiteral("status"), statusName(status) },
                                             { QStringLiteral("result"), parseObject(json) } });
        !s)
        return s;
    if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("recognise"), idText(id), statusName(status)); !s)
        return s;
    return tx.commit();
}

core::Status RecordStore::confirm(const QUuid& id, const core::Prescription& confirmed, const QString& actor)
{
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    auto row = run(tx.db(), QStringLiteral("SELECT status, rrn_read, source_name, image_sha256 FROM prescriptions WHERE id = ?"),
                   { idText(id) }, QStringLiteral("confirmation"));
    if (!row)
        return row.error();
    if (!row->next())
        return notFound(id);
    const RecordStatus before = statusFromName(row->value(0).toString()).value_or(RecordStatus::New);
    const QByteArray readEnvelope = row->value(1).toByteArray();
    core::ImportResult wrapped;
    wrapped.source = row->value(2).toString();
    wrapped.sha256 = row->value(3).toString();
    row->finish();

    // The number the pharmacist confirmed: a full one typed or corrected, else the one read.
    QString rrn;
    if (const auto normal = core::rrn::normalize(confirmed.patient.rrn.valueOr({})))
        rrn = *normal;
    else if (!readEnvelope.isEmpty()) {
        const auto read = d->openText(readEnvelope, aad("rrn_read", id));
        if (!read)
            return read.error();
        rrn = *read;
    }
    QByteArray sealedConfirmed;
    if (!rrn.isEmpty()) {
        auto s = d->sealText(rrn, aad("rrn_confirmed", id));
        if (!s)
            return s.error();
        sealedConfirmed = *s;
    }
    wrapped.status = core::ImportResult::Status::Ok;
    wrapped.prescription = confirmed;
    const QString json = maskedJson(wrapped, rrn);
    const QString masked = rrn.isEmpty() ? confirmed.patient.maskedRrn() : core::rrn::mask(rrn);
    const QString name = confirmed.patient.name.valueOr({});
    const QString now = isoNow();
    const QByteArray key = d->patientKey(rrn);
    auto upd = run(tx.db(),
                   QStringLiteral("UPDATE prescriptions SET patient_name = ?, rrn_masked = ?, patient_key = ?, rrn_confirmed = ?, "
                                  "issue_date = ?, institution = ?, item_count = ?, confirmed_json = ?, confirmed_at = ?, "
                                  "confirmed_by = ? WHERE id = ?"),
                   { orNull(name), orNull(masked), orNull(key), orNull(sealedConfirmed),
                     orNull(confirmed.issueDate.hasValue() ? confirmed.issueDate->toString(Qt::ISODate) : QString()),
                     orNull(confirmed.institution.name.valueOr({})), static_cast<int>(confirmed.items.size()), json, now,
                     actor, idText(id) },
                   QStringLiteral("confirmation"));
    if (!upd)
        return upd.error();

    // The dispensing record (조제기록): one per prescription, updated when the confirmation is edited.
    auto disp = run(tx.db(), QStringLiteral("SELECT id FROM dispensings WHERE prescription_id = ?"), { idText(id) },
                    QStringLiteral("dispensing record"));
    if (!disp)
        return disp.error();
    const bool edit = disp->next();
    const QUuid dispensingId = edit ? QUuid::fromString(disp->value(0).toString()) : QUuid::createUuid();
    disp->finish();
    QByteArray sealedDispensing;
    if (!rrn.isEmpty()) {
        auto s = d->sealText(rrn, aad("dispensing", dispensingId));
        if (!s)
            return s.error();
        sealedDispensing = *s;
    }
    const QString prescriptionJson = scrubRrn(
        QString::fromUtf8(QJsonDocument(core::json::toJson(confirmed)).toJson(QJsonDocument::Compact)), rrn);
    auto write = run(tx.db(),
                     QStringLiteral("INSERT OR REPLACE INTO dispensings(id, prescription_id, dispensed_at, pharmacist, patient_name, "
                                    "rrn_masked, patient_key, rrn, prescription_json) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     { idText(dispensingId), idText(id), now, actor, orNull(name), orNull(masked), orNull(key),
                       orNull(sealedDispensing), prescriptionJson },
                     QStringLiteral("dispensing record"));
    if (!write)
        return write.error();

    const bool already = before == RecordStatus::Confirmed || before == RecordStatus::GuidePrinted;
    if (const core::Status s = d->addStatus(tx.db(), id, already ? before : RecordStatus::Confirmed, actor,
                                            already ? QStringLiteral("edited") : QString());
        !s)
        return s;
    const QJsonObject payload { { QStringLiteral("id"), idText(id) },
                                { QStringLiteral("dispensing_id"), idText(dispensingId) },
                                { QStringLiteral("confirmed_at"), now },
                                { QStringLiteral("pharmacist"), actor },
                                { QStringLiteral("prescription"), parseObject(prescriptionJson) } };
    if (const core::Status s = d->addEvent(tx.db(), QStringLiteral("prescription.confirmed"), id, payload); !s)
        return s;
    if (const core::Status s = d->addEvent(tx.db(), edit ? QStringLiteral("dispensing.updated") : QStringLiteral("dispensing.created"),
                                           dispensingId, payload);
        !s)
        return s;
    if (const core::Status s = d->appendAudit(tx.db(), actor, already ? QStringLiteral("edit") : QStringLiteral("confirm"),
                                              idText(id), {});
        !s)
        return s;
    return tx.commit();
}

core::Status RecordStore::recordGuidePrinted(const QUuid& id, const QString& actor, const QString& pdfSha256)
{
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    auto row = run(tx.db(), QStringLiteral("SELECT status FROM prescriptions WHERE id = ?"), { idText(id) }, QStringLiteral("guide"));
    if (!row)
        return row.error();
    if (!row->next())
        return notFound(id);
    const RecordStatus before = statusFromName(row->value(0).toString()).value_or(RecordStatus::New);
    row->finish();
    const QUuid guideId = QUuid::createUuid();
    const QString now = isoNow();
    auto ins = run(tx.db(), QStringLiteral("INSERT INTO guides(id, prescription_id, printed_at, actor, pdf_sha256) VALUES(?, ?, ?, ?, ?)"),
                   { idText(guideId), idText(id), now, actor, orNull(pdfSha256) }, QStringLiteral("guide"));
    if (!ins)
        return ins.error();
    // A guide printed before confirmation is a marked draft: recorded, but the status stays.
    if (before == RecordStatus::Confirmed) {
        if (const core::Status s = d->addStatus(tx.db(), id, RecordStatus::GuidePrinted, actor, {}); !s)
            return s;
    }
    if (const core::Status s = d->addEvent(tx.db(), QStringLiteral("prescription.guide_printed"), id,
                                           { { QStringLiteral("id"), idText(id) },
                                             { QStringLiteral("guide_id"), idText(guideId) },
                                             { QStringLiteral("printed_at"), now },
                                             { QStringLiteral("draft"), before != RecordStatus::Confirmed
                                                                            && before != RecordStatus::GuidePrinted } });
        !s)
        return s;
    if (const core::Status s = d->appendAudit(tx.db(), actor, QStringLiteral("print"), idText(id), pdfSha256); !s)
        return s;
    return tx.commit();
}

core::Result<QList<QUuid>> RecordStore::unfinished() const
{
    QSqlDatabase db = d->db();
    auto q = run(db, QStringLiteral("SELECT id FROM prescriptions WHERE status = 'new' ORDER BY imported_at"), {},
                 QStringLiteral("unfinished"));
    if (!q)
        return q.error();
    QList<QUuid> ids;
    while (q->next())
        ids.append(QUuid::fromString(q->value(0).toString()));
    return ids;
}

core::Result<std::optional<QUuid>> RecordStore::findByImageHash(const QString& sha256, int page) const
{
    QSqlDatabase db = d->db();
    auto q = run(db, QStringLiteral("SELECT id FROM prescriptions WHERE image_sha256 = ? AND page = ?"), { sha256.toLower(), page },
                 QStringLiteral("lookup"));
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QUuid>();
    return std::optional<QUuid>(QUuid::fromString(q->value(0).toString()));
}

core::Status RecordStore::audit(const QString& actor, const QString& action, const QString& subject, const QString& detail)
{
    WriteTransaction tx(*d);
    if (const core::Status s = tx.begin(); !s)
        return s;
    if (const core::Status s = d->appendAudit(tx.db(), actor, action, subject, detail); !s)
        return s;
    return tx.commit();
}

} // namespace pharmdesk::store
