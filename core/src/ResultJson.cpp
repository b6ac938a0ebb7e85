// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ResultJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace pharmdesk::core::json {

namespace {

QJsonValue orNull(const Field<QString>& f)
{
    return f.hasValue() ? QJsonValue(*f) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const Field<int>& f)
{
    return f.hasValue() ? QJsonValue(*f) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const Field<double>& f)
{
    return f.hasValue() ? QJsonValue(*f) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const Field<QDate>& f)
{
    return f.hasValue() ? QJsonValue(f->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonArray reasonsToJson(const QList<ReviewReason>& reasons)
{
    QJsonArray a;
    for (const ReviewReason& r : reasons)
        a.append(r.code());
    return a;
}

QJsonObject fieldConfidence(std::initializer_list<std::pair<const char*, double>> entries)
{
    QJsonObject o;
    for (const auto& [name, conf] : entries)
        o.insert(QLatin1StringView(name), qRound(conf * 1000.0) / 1000.0);
    return o;
}

QJsonArray alertsToJson(const QList<DurAlert>& alerts)
{
    QJsonArray a;
    for (const DurAlert& alert : alerts) {
        QJsonArray lines;
        for (int line : alert.lines)
            lines.append(line);
        a.append(QJsonObject { { QStringLiteral("kind"), DurAlert::kindName(alert.kind) },
                               { QStringLiteral("severity"), DurAlert::severityName(alert.severity) },
                               { QStringLiteral("lines"), lines },
                               { QStringLiteral("text"), alert.text },
                               { QStringLiteral("source"), orNull(alert.source) } });
    }
    return a;
}

double rounded(double v)
{
    return qRound(v * 10.0) / 10.0;
}

// ---- reading ----------------------------------------------------------------------------------

/// Reads JSON back, collecting the first type error instead of throwing.
class Reader
{
public:
    std::optional<Error> error;

    QString string(const QJsonObject& o, const char* key, bool required = false)
    {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isString())
            return v.toString();
        if (!v.isNull() && !v.isUndefined())
            fail(key, "a string");
        else if (required)
            fail(key, "present");
        return {};
    }

    Field<QString> stringField(const QJsonObject& o, const char* key)
    {
        Field<QString> f;
        const QString s = string(o, key);
        if (!s.isEmpty())
            f = Field<QString>::certain(s);
        return f;
    }

    Field<int> intField(const QJsonObject& o, const char* key)
    {
        Field<int> f;
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isDouble())
            f = Field<int>::certain(v.toInt());
        else if (!v.isNull() && !v.isUndefined())
            fail(key, "an integer");
        return f;
    }

    Field<double> doubleField(const QJsonObject& o, const char* key)
    {
        Field<double> f;
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isDouble())
            f = Field<double>::certain(v.toDouble());
        else if (!v.isNull() && !v.isUndefined())
            fail(key, "a number");
        return f;
    }

    QJsonObject object(const QJsonObject& o, const char* key)
    {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (!v.isObject() && !v.isNull() && !v.isUndefined())
            fail(key, "an object");
        return v.toObject();
    }

    QJsonArray array(const QJsonObject& o, const char* key)
    {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (!v.isArray() && !v.isNull() && !v.isUndefined())
            fail(key, "an array");
        return v.toArray();
    }

private:
    void fail(const char* key, const char* expected)
    {
        if (!error) {
            error = makeError(ErrorCategory::Input, QStringLiteral("The result file is not in the PharmDesk format."),
                              QStringLiteral("\"%1\" must be %2").arg(QLatin1StringView(key), QLatin1StringView(expected)));
        }
    }
};

QList<ReviewReason> reasonsFromJson(const QJsonArray& a)
{
    QList<ReviewReason> out;
    for (const QJsonValue& v : a) {
        const QString code = v.toString();
        const qsizetype colon = code.indexOf(QLatin1Char(':'));
        ReviewReason r;
        const auto kind = ReviewReason::kindFromName(colon < 0 ? code : code.left(colon));
        if (!kind)
            continue;
        r.kind = *kind;
        if (colon >= 0)
            r.field = code.mid(colon + 1);
        out.append(r);
    }
    return out;
}

} // namespace

QJsonObject toJson(const PrescriptionItem& item)
{
    QJsonObject o;
    o.insert(QStringLiteral("line"), item.line);
    o.insert(QStringLiteral("raw_text"), item.rawText);
    o.insert(QStringLiteral("edi_code"), orNull(item.ediCode));
    o.insert(QStringLiteral("name_as_read"), orNull(item.nameAsRead));
    o.insert(QStringLiteral("item_seq"), item.product ? orNull(item.product->itemSeq) : QJsonValue());
    o.insert(QStringLiteral("product_name"), item.product ? QJsonValue(item.product->name) : QJsonValue());
    o.insert(QStringLiteral("product_edi_codes"),
             item.product ? QJsonValue(QJsonArray::fromStringList(item.product->ediCodes)) : QJsonValue());
    o.insert(QStringLiteral("match_score"), qRound(item.matchScore * 1000.0) / 1000.0);
    o.insert(QStringLiteral("dose"), orNull(item.dose));
    o.insert(QStringLiteral("dose_unit"), orNull(item.doseUnit));
    o.insert(QStringLiteral("times_per_day"), orNull(item.timesPerDay));
    o.insert(QStringLiteral("days"), orNull(item.days));
    o.insert(QStringLiteral("usage"), orNull(item.usage));
    o.insert(QStringLiteral("injection"), item.injection);
    o.insert(QStringLiteral("confidence"), qRound(item.confidence * 1000.0) / 1000.0);
    o.insert(QStringLiteral("field_confidence"),
             fieldConfidence({ { "edi_code", item.ediCode.confidence },
                               { "name", item.nameAsRead.confidence },
                               { "dose", item.dose.confidence },
                               { "times_per_day", item.timesPerDay.confidence },
                               { "days", item.days.confidence },
                               { "usage", item.usage.confidence } }));
    o.insert(QStringLiteral("needs_review"), item.needsReview());
    o.insert(QStringLiteral("review_reasons"), reasonsToJson(item.reviewReasons));
    if (!item.box.isNull())
        o.insert(QStringLiteral("box"), QJsonArray { item.box.x(), item.box.y(), item.box.width(), item.box.height() });
    return o;
}

QJsonObject toJson(const Prescription& p)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), p.id.isNull() ? QJsonValue() : QJsonValue(p.id.toString(QUuid::WithoutBraces)));
    o.insert(QStringLiteral("issue_date"), orNull(p.issueDate));
    o.insert(QStringLiteral("issue_number"), orNull(p.issueNumber));
    o.insert(QStringLiteral("validity_days"), orNull(p.validityDays));
    o.insert(QStringLiteral("institution"),
             QJsonObject { { QStringLiteral("name"), orNull(p.institution.name) },
                           { QStringLiteral("code"), orNull(p.institution.code) },
                           { QStringLiteral("phone"), orNull(p.institution.phone) } });
    o.insert(QStringLiteral("prescriber"),
             QJsonObject { { QStringLiteral("name"), orNull(p.prescriber.name) },
                           { QStringLiteral("license_type"), orNull(p.prescriber.licenseType) },
                           { QStringLiteral("license_number"), orNull(p.prescriber.licenseNumber) } });
    const auto birth = p.patient.birthDate();
    const auto sex = p.patient.sex();
    o.insert(QStringLiteral("patient"),
             QJsonObject { { QStringLiteral("name"), orNull(p.patient.name) },
                           { QStringLiteral("rrn_masked"), orNull(p.patient.maskedRrn()) },
                           { QStringLiteral("birth_date"),
                             birth ? QJsonValue(birth->toString(Qt::ISODate)) : QJsonValue() },
                           { QStringLiteral("sex"), sex ? QJsonValue(QString(*sex)) : QJsonValue() } });
    o.insert(QStringLiteral("diagnosis_codes"),
             QJsonArray::fromStringList(p.diagnosisCodes.valueOr({})));
    o.insert(QStringLiteral("field_confidence"),
             fieldConfidence({ { "issue_date", p.issueDate.confidence },
                               { "issue_number", p.issueNumber.confidence },
                               { "institution.name", p.institution.name.confidence },
                               { "institution.code", p.institution.code.confidence },
                               { "prescriber.name", p.prescriber.name.confidence },
                               { "prescriber.license_number", p.prescriber.licenseNumber.confidence },
                               { "patient.name", p.patient.name.confidence },
                               { "patient.rrn", p.patient.rrn.confidence },
                               { "diagnosis_codes", p.diagnosisCodes.confidence } }));
    o.insert(QStringLiteral("review_reasons"), reasonsToJson(p.reviewReasons));
    QJsonArray items;
    for (const PrescriptionItem& item : p.items)
        items.append(toJson(item));
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("alerts"), alertsToJson(p.alerts));
    return o;
}

QJsonObject toJson(const ImportResult& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("source"), r.source);
    o.insert(QStringLiteral("sha256"), orNull(r.sha256));
    if (r.page > 0)
        o.insert(QStringLiteral("page"), r.page);
    o.insert(QStringLiteral("status"), ImportResult::statusName(r.status));
    if (r.error) {
        o.insert(QStringLiteral("error"),
                 QJsonObject { { QStringLiteral("category"), categoryName(r.error->category) },
                               { QStringLiteral("message"), r.error->message },
                               { QStringLiteral("detail"), orNull(r.error->detail) } });
    } else {
        o.insert(QStringLiteral("error"), QJsonValue());
    }
    o.insert(QStringLiteral("prescription"), r.prescription ? QJsonValue(toJson(*r.prescription)) : QJsonValue());
    o.insert(QStringLiteral("timings_ms"),
             QJsonObject { { QStringLiteral("preprocess"), rounded(r.timings.preprocess) },
                           { QStringLiteral("ocr"), rounded(r.timings.ocr) },
                           { QStringLiteral("parse"), rounded(r.timings.parse) },
                           { QStringLiteral("match"), rounded(r.timings.match) },
                           { QStringLiteral("total"), rounded(r.timings.total) } });
    return o;
}

Result<ImportResult> importResultFromJson(const QJsonObject& o)
{
    Reader rd;
    ImportResult r;
    r.source = rd.string(o, "source", true);
    r.sha256 = rd.string(o, "sha256");
    r.page = o.value(QStringLiteral("page")).toInt(0);
    const auto status = ImportResult::statusFromName(rd.string(o, "status", true));
    if (!status && !rd.error)
        return makeError(ErrorCategory::Input, QStringLiteral("The result file is not in the PharmDesk format."),
                         QStringLiteral("unknown \"status\""));
    const QJsonObject err = rd.object(o, "error");
    if (!err.isEmpty())
        r.error = makeError(ErrorCategory::Input, rd.string(err, "message"), rd.string(err, "detail"));

    const QJsonValue pv = o.value(QStringLiteral("prescription"));
    if (pv.isObject()) {
        const QJsonObject po = pv.toObject();
        Prescription p;
        p.id = QUuid::fromString(rd.string(po, "id"));
        const QString date = rd.string(po, "issue_date");
        if (!date.isEmpty()) {
            const QDate d = QDate::fromString(date, Qt::ISODate);
            if (d.isValid())
                p.issueDate = Field<QDate>::certain(d);
        }
        p.issueNumber = rd.stringField(po, "issue_number");
        p.validityDays = rd.intField(po, "validity_days");
        const QJsonObject inst = rd.object(po, "institution");
        p.institution.name = rd.stringField(inst, "name");
        p.institution.code = rd.stringField(inst, "code");
        p.institution.phone = rd.stringField(inst, "phone");
        const QJsonObject pres = rd.object(po, "prescriber");
        p.prescriber.name = rd.stringField(pres, "name");
        p.prescriber.licenseType = rd.stringField(pres, "license_type");
        p.prescriber.licenseNumber = rd.stringField(pres, "license_number");
        const QJsonObject pat = rd.object(po, "patient");
        p.patient.name = rd.stringField(pat, "name");
        // Only the mask was written; keep it so maskedRrn(), birthDate() and sex() still answer.
        const QString masked = rd.string(pat, "rrn_masked");
        if (!masked.isEmpty())
            p.patient.rrn = Field<QString>::certain(masked);
        QStringList codes;
        for (const QJsonValue& v : rd.array(po, "diagnosis_codes"))
            codes.append(v.toString());
        if (!codes.isEmpty())
            p.diagnosisCodes = Field<QStringList>::certain(codes);
        p.reviewReasons = reasonsFromJson(rd.array(po, "review_reasons"));
        for (const QJsonValue& iv : rd.array(po, "items")) {
            const QJsonObject io = iv.toObject();
            PrescriptionItem item;
            item.line = io.value(QStringLiteral("line")).toInt();
            item.rawText = rd.string(io, "raw_text");
            item.ediCode = rd.stringField(io, "edi_code");
            item.nameAsRead = rd.stringField(io, "name_as_read");
            const QString productName = rd.string(io, "product_name");
            if (!productName.isEmpty()) {
                Product prod;
                prod.name = productName;
                prod.itemSeq = rd.string(io, "item_seq");
                for (const QJsonValue& c : rd.array(io, "product_edi_codes"))
                    prod.ediCodes.append(c.toString());
                item.product = prod;
            }
            item.matchScore = io.value(QStringLiteral("match_score")).toDouble();
            item.dose = rd.doubleField(io, "dose");
            item.doseUnit = rd.string(io, "dose_unit");
            item.timesPerDay = rd.intField(io, "times_per_day");
            item.days = rd.intField(io, "days");
            item.usage = rd.stringField(io, "usage");
            item.injection = io.value(QStringLiteral("injection")).toBool();
            item.confidence = io.value(QStringLiteral("confidence")).toDouble();
            item.reviewReasons = reasonsFromJson(rd.array(io, "review_reasons"));
            p.items.append(item);
        }
        // An alert of an unknown kind or severity is a format error, never dropped: it is a safety finding.
        for (const QJsonValue& av : rd.array(po, "alerts")) {
            const QJsonObject ao = av.toObject();
            const auto kind = DurAlert::kindFromName(rd.string(ao, "kind", true));
            const auto severity = DurAlert::severityFromName(rd.string(ao, "severity", true));
            if ((!kind || !severity) && !rd.error)
                return makeError(ErrorCategory::Input, QStringLiteral("The result file is not in the PharmDesk format."),
                                 QStringLiteral("unknown alert \"kind\" or \"severity\""));
            if (rd.error)
                break;
            DurAlert alert;
            alert.kind = *kind;
            alert.severity = *severity;
            for (const QJsonValue& l : rd.array(ao, "lines"))
                alert.lines.append(l.toInt());
            alert.text = rd.string(ao, "text", true);
            alert.source = rd.string(ao, "source");
            p.alerts.append(alert);
        }
        r.prescription = p;
    } else if (!pv.isNull() && !pv.isUndefined()) {
        return makeError(ErrorCategory::Input, QStringLiteral("The result file is not in the PharmDesk format."),
                         QStringLiteral("\"prescription\" must be an object"));
    }
    const QJsonObject t = rd.object(o, "timings_ms");
    r.timings = StageTimings { t.value(QStringLiteral("preprocess")).toDouble(), t.value(QStringLiteral("ocr")).toDouble(),
                               t.value(QStringLiteral("parse")).toDouble(), t.value(QStringLiteral("match")).toDouble(),
                               t.value(QStringLiteral("total")).toDouble() };
    if (rd.error)
        return *rd.error;
    r.status = *status;
    return r;
}

Result<ImportResult> readImportResult(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCategory::Io, QStringLiteral("Cannot read the result file."),
                         QStringLiteral("%1: %2").arg(path, f.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCategory::Input, QStringLiteral("The result file is not valid JSON."),
                         QStringLiteral("%1: %2 at offset %3").arg(path, pe.errorString()).arg(pe.offset));
    return importResultFromJson(doc.object());
}

Status writeJsonFile(const QString& path, const QJsonObject& object)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(ErrorCategory::Io, QStringLiteral("Cannot write the file."),
                         QStringLiteral("%1: %2").arg(path, f.errorString()));
    f.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return makeError(ErrorCategory::Io, QStringLiteral("Cannot write the file."),
                         QStringLiteral("%1: %2").arg(path, f.errorString()));
    return Done {};
}

} // namespace pharmdesk::core::json
