// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/EvalMetrics.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>
#include <cmath>

namespace pharmdesk::cli {

namespace {

QString squeeze(QString s)
{
    s.remove(QLatin1Char(' '));
    return s;
}

bool sameProduct(const core::PrescriptionItem& truth, const core::PrescriptionItem& got)
{
    if (!truth.product || !got.product)
        return false;
    if (!truth.product->itemSeq.isEmpty() && truth.product->itemSeq == got.product->itemSeq)
        return true;
    return squeeze(truth.product->name) == squeeze(got.product->name);
}

template<typename T>
bool sameNumber(const core::Field<T>& a, const core::Field<T>& b)
{
    return a.hasValue() && b.hasValue() && std::abs(double(*a) - double(*b)) < 1e-3;
}

bool lineExact(const core::PrescriptionItem& truth, const core::PrescriptionItem& got)
{
    return sameProduct(truth, got) && sameNumber(truth.dose, got.dose) && sameNumber(truth.timesPerDay, got.timesPerDay)
        && sameNumber(truth.days, got.days);
}

/// A header field is flagged when a header review reason names it ("patient.name", or its last part).
bool flagged(const core::Prescription& p, const QString& key)
{
    return std::any_of(p.reviewReasons.cbegin(), p.reviewReasons.cend(), [&](const core::ReviewReason& r) {
        return r.field == key || key.endsWith(QLatin1Char('.') + r.field) || r.field.startsWith(key);
    });
}

QString text(const core::Field<QString>& f)
{
    return f.hasValue() ? squeeze(*f) : QString();
}

QList<std::pair<QString, std::pair<QString, QString>>> headerPairs(const core::Prescription& t, const core::Prescription& r)
{
    auto date = [](const core::Field<QDate>& f) { return f.hasValue() ? f->toString(Qt::ISODate) : QString(); };
    auto codes = [](const core::Field<QStringList>& f) { return f.valueOr({}).join(QLatin1Char(',')); };
    return {
        { QStringLiteral("patient.name"), { text(t.patient.name), text(r.patient.name) } },
        { QStringLiteral("patient.rrn"), { t.patient.maskedRrn(), r.patient.maskedRrn() } },
        { QStringLiteral("institution.name"), { text(t.institution.name), text(r.institution.name) } },
        { QStringLiteral("institution.code"), { text(t.institution.code), text(r.institution.code) } },
        { QStringLiteral("prescriber.name"), { text(t.prescriber.name), text(r.prescriber.name) } },
        { QStringLiteral("prescriber.license_number"), { text(t.prescriber.licenseNumber), text(r.prescriber.licenseNumber) } },
        { QStringLiteral("issue_date"), { date(t.issueDate), date(r.issueDate) } },
        { QStringLiteral("issue_number"), { text(t.issueNumber), text(r.issueNumber) } },
        { QStringLiteral("diagnosis_codes"), { codes(t.diagnosisCodes), codes(r.diagnosisCodes) } },
    };
}

double ratio(int num, int den)
{
    return den > 0 ? double(num) / den : 0.0;
}

double median(QList<double> v)
{
    v.removeIf([](double x) { return x < 0; });
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

GroupFigures figuresFor(const QString& name, const QList<const SampleScore*>& group)
{
    GroupFigures g;
    g.name = name;
    int identity = 0, exact = 0, headerFields = 0, headerExact = 0;
    QList<double> times, baselines;
    for (const SampleScore* s : group) {
        ++g.samples;
        g.failed += s->status == QLatin1String("failed");
        g.ok += s->status == QLatin1String("ok");
        g.truthLines += s->truthLines;
        identity += s->identityHits;
        exact += s->lineExactHits;
        headerFields += s->headerFields;
        headerExact += s->headerExact;
        g.certainWrongLines += s->certainWrongLines;
        g.headerCertainWrong += s->headerCertainWrong;
        g.okButMissingLine += s->okButMissingLine;
        times.append(s->timeMs);
        baselines.append(s->baselineMs);
    }
    g.identityRecall = ratio(identity, g.truthLines);
    g.lineExact = ratio(exact, g.truthLines);
    g.headerExact = ratio(headerExact, headerFields);
    g.headerFields = headerFields;
    g.medianMs = median(times);
    g.medianBaselineMs = median(baselines);
    return g;
}

QString percent(double v)
{
    return QString::number(v * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace

SampleScore scoreSample(const core::ImportResult& truth, const core::ImportResult& result)
{
    SampleScore s;
    s.source = result.source;
    s.status = core::ImportResult::statusName(result.status);
    s.timeMs = result.timings.total;
    const core::Prescription& t = *truth.prescription;
    s.truthLines = int(t.items.size());
    if (!result.prescription) {
        for (const auto& pair : headerPairs(t, t))
            s.headerFields += !pair.second.first.isEmpty();
        s.problems.append(QStringLiteral("failed: %1").arg(result.error ? result.error->message : QString()));
        return s;
    }
    const core::Prescription& r = *result.prescription;

    // Align truth lines to result lines: same product first, then the same position.
    QList<int> matchOf(t.items.size(), -1);
    QList<bool> used(r.items.size(), false);
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        for (qsizetype j = 0; j < r.items.size(); ++j) {
            if (!used[j] && sameProduct(t.items[i], r.items[j])) {
                matchOf[i] = int(j);
                used[j] = true;
                break;
            }
        }
    }
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        if (matchOf[i] < 0 && i < r.items.size() && !used[i]) {
            matchOf[i] = int(i);
            used[i] = true;
        }
    }
    QList<int> truthOf(r.items.size(), -1);
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        if (matchOf[i] >= 0)
            truthOf[matchOf[i]] = int(i);
        const core::PrescriptionItem* got = matchOf[i] >= 0 ? &r.items[matchOf[i]] : nullptr;
        const bool identity = got && sameProduct(t.items[i], *got);
        const bool exact = got && lineExact(t.items[i], *got);
        s.identityHits += identity;
        s.lineExactHits += exact;
        if (!exact) {
            s.okButMissingLine = s.okButMissingLine || result.status == core::ImportResult::Status::Ok;
            s.problems.append(QStringLiteral("line %1 (%2): %3")
                                  .arg(i + 1)
                                  .arg(t.items[i].product ? t.items[i].product->name : QString(),
                                       !got ? QStringLiteral("not found")
                                            : !identity ? QStringLiteral("product %1").arg(got->product ? got->product->name : QStringLiteral("none"))
                                                        : QStringLiteral("numbers %1/%2/%3")
                                                              .arg(got->dose.hasValue() ? QString::number(*got->dose) : QStringLiteral("-"),
                                                                   got->timesPerDay.hasValue() ? QString::number(*got->timesPerDay) : QStringLiteral("-"),
                                                                   got->days.hasValue() ? QString::number(*got->days) : QStringLiteral("-"))));
        }
    }
    for (qsizetype j = 0; j < r.items.size(); ++j) {
        if (r.items[j].needsReview())
            continue;
        const int ti = truthOf[j];
        if (ti < 0 || !lineExact(t.items[ti], r.items[j])) {
            ++s.certainWrongLines;
            s.problems.append(QStringLiteral("CERTAIN BUT WRONG: result line %1").arg(j + 1));
        }
    }

    for (const auto& [key, values] : headerPairs(t, r)) {
        if (values.first.isEmpty()) {
            // Not on the image (a table crop): nothing to score, but a value read anyway is noted.
            if (!values.second.isEmpty())
                s.problems.append(QStringLiteral("header %1: read '%2' where the image has none").arg(key, values.second));
            continue;
        }
        ++s.headerFields;
        const bool right = values.first == values.second;
        s.headerExact += right;
        if (right)
            continue;
        const bool unflagged = !values.second.isEmpty() && !flagged(r, key);
        s.headerCertainWrong += unflagged;
        // Synthetic data only (eval runs on generated sets); the RRN is compared in its masked form.
        s.problems.append(QStringLiteral("header %1%2: read '%3', truth '%4'")
                              .arg(key, unflagged ? QStringLiteral(" UNFLAGGED") : QString(), values.second, values.first));
    }
    return s;
}

EvalReport summarise(const QList<SampleScore>& scores, double wallMs, int jobs)
{
    EvalReport report;
    report.wallMs = wallMs;
    report.jobs = jobs;
    report.imagesPerMinute = wallMs > 0 ? scores.size() * 60000.0 / wallMs : 0;
    QMap<QString, QList<const SampleScore*>> byCondition, byLayout;
    QList<const SampleScore*> all;
    for (const SampleScore& s : scores) {
        byCondition[s.condition].append(&s);
        byLayout[s.layout].append(&s);
        all.append(&s);
    }
    for (auto it = byCondition.cbegin(); it != byCondition.cend(); ++it)
        report.groups.append(figuresFor(it.key(), it.value()));
    report.groups.append(figuresFor(QStringLiteral("all"), all));
    for (auto it = byLayout.cbegin(); it != byLayout.cend(); ++it)
        report.layouts.append(figuresFor(it.key(), it.value()));
    return report;
}

QString formatReport(const EvalReport& report)
{
    QString out;
    auto table = [&out](const QString& title, const QList<GroupFigures>& groups) {
        out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10\n")
                   .arg(title, -12)
                   .arg(QStringLiteral("images"), 7)
                   .arg(QStringLiteral("failed"), 7)
                   .arg(QStringLiteral("ok"), 5)
                   .arg(QStringLiteral("drug-id"), 8)
                   .arg(QStringLiteral("line-exact"), 11)
                   .arg(QStringLiteral("header"), 8)
                   .arg(QStringLiteral("certain-wrong"), 14)
                   .arg(QStringLiteral("ok-missing"), 11)
                   .arg(QStringLiteral("median ms (tesseract --psm 4)"), 30);
        for (const GroupFigures& g : groups) {
            const QString timing = QStringLiteral("%1 (%2)")
                                       .arg(qRound(g.medianMs))
                                       .arg(g.medianBaselineMs < 0 ? QStringLiteral("-") : QString::number(qRound(g.medianBaselineMs)));
            out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10\n")
                       .arg(g.name, -12)
                       .arg(g.samples, 7)
                       .arg(g.failed, 7)
                       .arg(g.ok, 5)
                       .arg(percent(g.identityRecall), 8)
                       .arg(percent(g.lineExact), 11)
                       .arg(g.headerFields > 0 ? percent(g.headerExact) : QStringLiteral("-"), 8)
                       .arg(QStringLiteral("%1+%2h").arg(g.certainWrongLines).arg(g.headerCertainWrong), 14)
                       .arg(g.okButMissingLine, 11)
                       .arg(timing, 30);
        }
    };
    table(QStringLiteral("condition"), report.groups);
    // Per layout only when the set mixes layouts (a single layout's row would repeat "all").
    if (report.layouts.size() > 1)
        table(QStringLiteral("layout"), report.layouts);
    out += QStringLiteral("wall %1 s with %2 job(s): %3 images/minute\n")
               .arg(report.wallMs / 1000.0, 0, 'f', 1)
               .arg(report.jobs)
               .arg(report.imagesPerMinute, 0, 'f', 1);
    out += QStringLiteral("drug-id: truth lines whose product was recognised; line-exact: product+dose+times+days; "
                          "header: fields the truth has (- when none, e.g. table crops); "
                          "certain-wrong: lines (+header fields) not flagged for review yet wrong; "
                          "ok-missing: prescriptions marked ok with a line not exactly right\n");
    return out;
}

QJsonObject toJson(const EvalReport& report, const QList<SampleScore>& scores)
{
    auto figures = [](const GroupFigures& g, const QString& key) {
        return QJsonObject {
            { key, g.name },
            { QStringLiteral("samples"), g.samples },
            { QStringLiteral("failed"), g.failed },
            { QStringLiteral("ok"), g.ok },
            { QStringLiteral("truth_lines"), g.truthLines },
            { QStringLiteral("drug_identity_recall"), g.identityRecall },
            { QStringLiteral("line_exact"), g.lineExact },
            { QStringLiteral("header_exact"), g.headerExact },
            { QStringLiteral("certain_wrong_lines"), g.certainWrongLines },
            { QStringLiteral("header_certain_wrong"), g.headerCertainWrong },
            { QStringLiteral("ok_but_missing_line"), g.okButMissingLine },
            { QStringLiteral("median_ms"), g.medianMs },
            { QStringLiteral("median_baseline_ms"), g.medianBaselineMs },
            { QStringLiteral("header_fields"), g.headerFields },
        };
    };
    QJsonArray groups, layouts;
    for (const GroupFigures& g : report.groups)
        groups.append(figures(g, QStringLiteral("condition")));
    for (const GroupFigures& g : report.layouts)
        layouts.append(figures(g, QStringLiteral("layout")));
    QJsonArray samples;
    for (const SampleScore& s : scores) {
        samples.append(QJsonObject {
            { QStringLiteral("source"), s.source },
            { QStringLiteral("condition"), s.condition },
            { QStringLiteral("layout"), s.layout },
            { QStringLiteral("status"), s.status },
            { QStringLiteral("truth_lines"), s.truthLines },
            { QStringLiteral("identity_hits"), s.identityHits },
            { QStringLiteral("line_exact_hits"), s.lineExactHits },
            { QStringLiteral("certain_wrong_lines"), s.certainWrongLines },
            { QStringLiteral("header_exact"), s.headerExact },
            { QStringLiteral("header_fields"), s.headerFields },
            { QStringLiteral("time_ms"), s.timeMs },
            { QStringLiteral("baseline_ms"), s.baselineMs },
            { QStringLiteral("problems"), QJsonArray::fromStringList(s.problems) },
        });
    }
    return QJsonObject { { QStringLiteral("groups"), groups },
                         { QStringLiteral("layouts"), layouts },
                         { QStringLiteral("wall_ms"), report.wallMs },
                         { QStringLiteral("jobs"), report.jobs },
                         { QStringLiteral("images_per_minute"), report.imagesPerMinute },
                         { QStringLiteral("samples"), samples } };
}

} // namespace pharmdesk::cli
