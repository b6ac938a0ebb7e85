// SPDX-License-Identifier: GPL-3.0-or-later
// DUR rules in memory, and the checks of one prescription against them.
#include "DurIndex.h"

#include "ProductTable.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace pharmdesk::drugdb::detail {

namespace {

using Kind = core::DurAlert::Kind;
using Severity = core::DurAlert::Severity;

int indexOf(Kind kind)
{
    return int(kind);
}

} // namespace

QString durTypeName(Kind kind)
{
    switch (kind) {
    case Kind::CombinationContraindicated:
        return QStringLiteral("병용금기");
    case Kind::SameIngredient:
        return QStringLiteral("동일성분중복");
    case Kind::TherapeuticDuplicate:
        return QStringLiteral("효능군중복");
    case Kind::AgeContraindicated:
        return QStringLiteral("특정연령대금기");
    case Kind::ElderlyCaution:
        return QStringLiteral("노인주의");
    case Kind::PregnancyContraindicated:
        return QStringLiteral("임부금기");
    case Kind::MaxDailyDose:
        return QStringLiteral("용량주의");
    case Kind::MaxDuration:
        return QStringLiteral("투여기간주의");
    case Kind::SplitCaution:
        return QStringLiteral("서방정분할주의");
    case Kind::RulesUnavailable:
        break;
    }
    return {};
}

namespace {

// Ingredient names compared without spaces, brackets or case.
QString normalizedIngredient(const QString& name)
{
    QString out;
    out.reserve(name.size());
    for (QChar c : name) {
        if (c.isLetterOrNumber())
            out.append(c.toLower());
    }
    return out;
}

// The base of a salt name: "클로르페니라민말레산염" → "클로르페니라민". Empty when no salt word is found.
QString withoutSalt(const QString& n)
{
    static const QStringList kSuffixes = {
        QStringLiteral("브롬화수소산염"), QStringLiteral("타르타르산염"), QStringLiteral("말레산염"),
        QStringLiteral("베실산염"), QStringLiteral("메실산염"), QStringLiteral("푸마르산염"),
        QStringLiteral("숙신산염"), QStringLiteral("시트르산염"), QStringLiteral("아세트산염"),
        QStringLiteral("염산염"), QStringLiteral("황산염"), QStringLiteral("인산염"), QStringLiteral("질산염"),
        QStringLiteral("이수화물"), QStringLiteral("수화물"), QStringLiteral("나트륨"), QStringLiteral("칼륨"),
        QStringLiteral("칼슘"), QStringLiteral("마그네슘"), QStringLiteral("염산"),
    };
    static const QStringList kPrefixes = { QStringLiteral("염산"), QStringLiteral("황산"), QStringLiteral("질산") };
    for (const QString& s : kSuffixes) {
        if (n.size() > s.size() + 1 && n.endsWith(s))
            return n.left(n.size() - s.size());
    }
    for (const QString& p : kPrefixes) {
        if (n.size() > p.size() + 1 && n.startsWith(p))
            return n.mid(p.size());
    }
    return {};
}

QStringList splitIngredients(const QString& listed)
{
    static const QRegularExpression kSeparators(QStringLiteral("[,/·+;|]"));
    QStringList names;
    for (const QString& part : listed.split(kSeparators, Qt::SkipEmptyParts)) {
        const QString n = normalizedIngredient(part);
        if (!n.isEmpty() && !names.contains(n))
            names.append(n);
    }
    return names;
}

// "24mg", "0.5 그램", "100밀리그람" → milligrams; the last amount of `text` with a mass unit.
std::optional<double> lastMassMg(const QString& text)
{
    static const QRegularExpression kMass(
        QStringLiteral("(\\d+(?:\\.\\d+)?)\\s*(mg|mcg|μg|㎍|㎎|g|밀리그램|밀리그람|마이크로그램|마이크로그람|그램|그람)"),
        QRegularExpression::CaseInsensitiveOption);
    std::optional<double> found;
    auto it = kMass.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString unit = m.captured(2).toLower();
        double factor = 1.0;
        if (unit == QLatin1String("g") || unit == QStringLiteral("그램") || unit == QStringLiteral("그람"))
            factor = 1000.0;
        else if (unit == QLatin1String("mcg") || unit == QStringLiteral("μg") || unit == QStringLiteral("㎍")
                 || unit.startsWith(QStringLiteral("마이크로")))
            factor = 0.001;
        found = m.captured(1).toDouble() * factor;
    }
    return found;
}

// The longest duration a limit names: a bare leading number (a limit field: MAX_DOSAGE_TERM "21",
// "21일"), else the largest "N일" or "N주" (weeks) of the text ("1일 3회, 5일 이내" → 5).
std::optional<int> daysLimit(const QString& text)
{
    static const QRegularExpression kLeading(QStringLiteral("^\\s*(\\d+)\\s*(?:일)?(?:\\s|$)"));
    if (const auto m = kLeading.match(text); m.hasMatch())
        return m.captured(1).toInt();
    static const QRegularExpression kDays(QStringLiteral("(\\d+)\\s*(일|주)"));
    std::optional<int> best;
    auto it = kDays.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const int days = m.captured(1).toInt() * (m.captured(2) == QStringLiteral("주") ? 7 : 1);
        if (!best || days > *best)
            best = days;
    }
    return best;
}

// The value of a structured limit field when it parses, else of the rule's text.
template<typename Parse>
auto fieldOrText(const QString& field, const QString& text, Parse parse) -> decltype(parse(text))
{
    if (!field.isEmpty()) {
        if (auto value = parse(field))
            return value;
    }
    return parse(text);
}

// "12세 미만", "만 2세 이하", "6개월 미만" → whether the patient falls in the forbidden range;
// std::nullopt when the text names no range or the patient's age is unknown.
std::optional<bool> ageForbidden(const QString& text, const DurPatient& patient)
{
    static const QRegularExpression kRange(QStringLiteral("(\\d+)\\s*(세|개월)\\s*(미만|이하|이상|초과)"));
    const auto m = kRange.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const bool months = m.captured(2) == QStringLiteral("개월");
    const std::optional<int> age = months ? patient.ageMonths : patient.ageYears;
    if (!age)
        return std::nullopt;
    const int limit = m.captured(1).toInt();
    const QString cmp = m.captured(3);
    if (cmp == QStringLiteral("미만"))
        return *age < limit;
    if (cmp == QStringLiteral("이하"))
        return *age <= limit;
    if (cmp == QStringLiteral("이상"))
        return *age >= limit;
    return *age > limit;
}

// Doses counted in whole units (tablets, capsules, packets) convert to an ingredient amount.
bool countedUnit(const QString& unit)
{
    static const QStringList kUnits = { QStringLiteral("정"), QStringLiteral("캡슐"), QStringLiteral("T"),
                                        QStringLiteral("C"), QStringLiteral("tab"), QStringLiteral("cap") };
    return unit.isEmpty() || kUnits.contains(unit.trimmed(), Qt::CaseInsensitive);
}

// MATERIAL_NAME "총량 : 1정 중 500밀리그램|성분명 : 아세트아미노펜|분량 : 500|단위 : 밀리그램|…;…":
// (ingredient, mg per tablet/capsule) for the records stated per one unit.
QList<std::pair<QString, double>> strengthsOf(const QString& material)
{
    QList<std::pair<QString, double>> out;
    for (const QString& record : material.split(u';', Qt::SkipEmptyParts)) {
        QString total, name, amount, unit;
        for (const QString& field : record.split(u'|')) {
            const qsizetype colon = field.indexOf(u':');
            if (colon < 0)
                continue;
            const QString key = field.left(colon).trimmed();
            const QString value = field.mid(colon + 1).trimmed();
            if (key == QStringLiteral("총량"))
                total = value;
            else if (key == QStringLiteral("성분명"))
                name = value;
            else if (key == QStringLiteral("분량"))
                amount = value;
            else if (key == QStringLiteral("단위"))
                unit = value;
        }
        static const QRegularExpression kPerUnit(QStringLiteral("^1\\s*(정|캡슐|포)"));
        if (name.isEmpty() || !kPerUnit.match(total).hasMatch())
            continue;
        if (const auto mg = lastMassMg(amount + unit))
            out.append({ normalizedIngredient(name), *mg });
    }
    return out;
}

} // namespace

DurPatient patientAt(const QDate& birth, const QDate& at, bool pregnant)
{
    DurPatient p;
    p.pregnant = pregnant;
    if (!birth.isValid() || !at.isValid() || at < birth)
        return p;
    int months = (at.year() - birth.year()) * 12 + (at.month() - birth.month());
    if (at.day() < birth.day())
        --months;
    p.ageMonths = months;
    p.ageYears = months / 12;
    return p;
}

core::Status DurIndex::load(const QString& sqlitePath)
{
    // One read snapshot: a download or import running meanwhile is seen whole or not at all. The C
    // API: a full download is ~250k rows, where QtSql's per-value QVariant doubles the time.
    SqliteReader db(sqlitePath);
    if (!db.isOpen())
        return db.error(QStringLiteral("the DUR rules"));
    SqliteReader::Rows sources = db.query("SELECT kind, source_date FROM dur_sources");
    while (sources.next()) {
        if (const auto kind = core::DurAlert::kindFromName(sources.text(0))) {
            m_available[size_t(indexOf(*kind))] = true;
            m_sourceDate[size_t(indexOf(*kind))] = sources.text(1);
        }
    }
    if (!sources.ok())
        return db.error(QStringLiteral("the DUR sources"));
    SqliteReader::Rows q = db.query("SELECT kind, item_seq, item_name, ingr_code, ingr_name, partner_item_seq, "
                                    "partner_item_name, partner_ingr_code, partner_ingr_name, content, remark, "
                                    "effect_name, series_name, limit_value, source_date FROM dur_rules");
    QHash<QString, int> ruleByText;  // shares one Rule between the rows of one ingredient and text
    auto learn = [this](const QString& itemSeq, const QString& itemName, const QString& code, const QString& name) {
        if (code.isEmpty())
            return;
        if (!itemSeq.isEmpty() && !m_codesByItemSeq[itemSeq].contains(code))
            m_codesByItemSeq[itemSeq].append(code);
        if (!itemName.isEmpty() && !m_codesByItemName[itemName].contains(code))
            m_codesByItemName[itemName].append(code);
        if (name.isEmpty() || m_nameByCode.contains(code))  // names of a code are learnt once
            return;
        const QString n = normalizedIngredient(name);
        if (!n.isEmpty()) {
            m_codeByIngredient.insert(n, code);
            m_nameByCode.insert(code, name);
            const QString base = withoutSalt(n);
            if (!base.isEmpty() && !m_codeByIngredient.contains(base))
                m_codeByIngredient.insert(base, code);
        }
    };
    while (q.next()) {
        const auto kind = core::DurAlert::kindFromName(q.text(0));
        if (!kind || !m_available[size_t(indexOf(*kind))])
            continue;
        const QString itemSeq = q.text(1), itemName = q.text(2);
        const QString code = q.text(3), ingredient = q.text(4);
        const QString partnerCode = q.text(7);
        learn(itemSeq, itemName, code, ingredient);
        learn(q.text(5), q.text(6), partnerCode, q.text(8));

        // 병용금기 rows repeat each ingredient pair for every product pair: the first row decides.
        QString pairKey;
        if (*kind == Kind::CombinationContraindicated) {
            if (code.isEmpty() || partnerCode.isEmpty() || code == partnerCode)
                continue;
            pairKey = code < partnerCode ? code + u'|' + partnerCode : partnerCode + u'|' + code;
            if (m_combinations.contains(pairKey))
                continue;
        }
        Rule rule;
        rule.kind = *kind;
        const QString content = q.text(9).trimmed();
        const QString remark = q.text(10).trimmed();
        rule.ingredient = ingredient;
        rule.text = !content.isEmpty() ? content
            : !remark.isEmpty()        ? remark
                                       : QStringLiteral("%1 %2").arg(ingredient.isEmpty() ? itemName : ingredient,
                                                                     durTypeName(*kind));
        rule.effect = q.text(11);
        if (*kind == Kind::TherapeuticDuplicate && !q.text(12).isEmpty())
            rule.text = rule.effect + QStringLiteral(" (") + q.text(12) + u')';
        rule.field = q.text(13).trimmed();
        rule.limit = content;
        // A rule with no words of its own names its limit ("이부프로펜 투여기간주의 (21일)").
        if (content.isEmpty() && remark.isEmpty() && !rule.field.isEmpty())
            rule.text += QStringLiteral(" (") + rule.field + u')';
        rule.source = QStringLiteral("DUR %1 (%2)").arg(durTypeName(*kind), q.text(14));
        const QString dedupKey = q.text(0) + u'\x1f' + code + u'\x1f' + partnerCode + u'\x1f'
            + rule.text + u'\x1f' + rule.field + u'\x1f' + rule.limit;
        int index = ruleByText.value(dedupKey, -1);
        if (index < 0) {
            index = int(m_rules.size());
            m_rules.push_back(std::move(rule));
            ruleByText.insert(dedupKey, index);
        }
        if (*kind == Kind::CombinationContraindicated) {
            m_combinations.insert(pairKey, index);
        } else if (*kind == Kind::SplitCaution) {
            if (!itemSeq.isEmpty())
                m_splitByItem.insert(itemSeq, index);
            if (!itemName.isEmpty())
                m_splitByItem.insert(QStringLiteral("n:") + itemName, index);
        } else if (!code.isEmpty()) {
            QList<int>& list = m_byIngredient[size_t(indexOf(*kind))][code];
            if (!list.contains(index))
                list.append(index);
        }
    }
    if (!q.ok())
        return db.error(QStringLiteral("the DUR rules"));
    SqliteReader::Rows details = db.query("SELECT item_seq, material FROM product_details WHERE material IS NOT NULL");
    while (details.next()) {
        auto strengths = strengthsOf(details.text(1));
        if (!strengths.isEmpty())
            m_strengthByItemSeq.insert(details.text(0), std::move(strengths));
    }
    if (!details.ok())
        return db.error(QStringLiteral("the product strengths"));
    return core::Done {};
}

bool DurIndex::available(Kind kind) const
{
    return m_available[size_t(indexOf(kind))];
}

QString DurIndex::codeForIngredient(const QString& n) const
{
    QString code = m_codeByIngredient.value(n);
    if (const QString base = withoutSalt(n); code.isEmpty() && !base.isEmpty())
        code = m_codeByIngredient.value(base);
    // A listed name with more words than the rule's: the longest known prefix.
    for (qsizetype len = n.size() - 1; code.isEmpty() && len >= 3; --len)
        code = m_codeByIngredient.value(n.left(len));
    return code;
}

DurIndex::Resolved DurIndex::resolve(const DurLine& line) const
{
    Resolved r { &line, {}, splitIngredients(line.ingredients) };
    if (!line.itemSeq.isEmpty())
        r.codes = m_codesByItemSeq.value(line.itemSeq);
    if (r.codes.isEmpty())
        r.codes = m_codesByItemName.value(line.name);
    if (r.codes.isEmpty()) {
        for (const QString& n : r.names) {
            const QString code = codeForIngredient(n);
            if (!code.isEmpty() && !r.codes.contains(code))
                r.codes.append(code);
        }
    }
    return r;
}

const QList<int>& DurIndex::rulesOf(Kind kind, const QString& code) const
{
    static const QList<int> kNone;
    const auto& map = m_byIngredient[size_t(indexOf(kind))];
    const auto it = map.constFind(code);
    return it == map.constEnd() ? kNone : it.value();
}

std::optional<double> DurIndex::unitAmountMg(const DurLine& line, const Rule& rule) const
{
    const QString ingredient = normalizedIngredient(rule.ingredient);
    const auto strengths = m_strengthByItemSeq.value(line.itemSeq);
    for (const auto& [name, mg] : strengths) {
        if (!ingredient.isEmpty() && (name.startsWith(ingredient) || ingredient.startsWith(name)))
            return mg;
    }
    if (strengths.size() == 1)
        return strengths.first().second;
    // A single-ingredient product whose name states one strength: "…정500밀리그람(아세트아미노펜)".
    if (splitIngredients(line.ingredients).size() > 1)
        return std::nullopt;
    QString base = line.name;
    if (const qsizetype bracket = base.indexOf(u'('); bracket > 0)
        base.truncate(bracket);
    static const QRegularExpression kNumbers(QStringLiteral("\\d+(?:\\.\\d+)?"));
    int numbers = 0;
    for (auto it = kNumbers.globalMatch(base); it.hasNext(); it.next())
        ++numbers;
    if (numbers != 1)
        return std::nullopt;
    return lastMassMg(base);
}

QList<core::DurAlert> DurIndex::check(const QList<DurLine>& lines, const DurPatient& patient) const
{
    QList<core::DurAlert> alerts;
    auto add = [&alerts](Kind kind, Severity severity, QList<int> lineNumbers, const QString& text,
                         const QString& source) {
        std::sort(lineNumbers.begin(), lineNumbers.end());
        core::DurAlert a { kind, severity, lineNumbers, text, source };
        if (!alerts.contains(a))
            alerts.append(std::move(a));
    };
    QList<Resolved> resolved;
    for (const DurLine& line : lines)
        resolved.append(resolve(line));

    // Pairs of lines: same ingredient, contraindicated combinations.
    for (qsizetype i = 0; i < resolved.size(); ++i) {
        for (qsizetype j = i + 1; j < resolved.size(); ++j) {
            const Resolved& a = resolved.at(i);
            const Resolved& b = resolved.at(j);
            const QList<int> pair = { a.line->line, b.line->line };
            QStringList shared;
            if (!a.codes.isEmpty() && !b.codes.isEmpty()) {
                for (const QString& code : a.codes) {
                    if (b.codes.contains(code))
                        shared.append(m_nameByCode.value(code, code));
                }
            } else {
                for (const QString& n : a.names) {
                    if (b.names.contains(n))
                        shared.append(n);
                }
            }
            if (!shared.isEmpty())
                add(Kind::SameIngredient, Severity::Warning, pair,
                    QStringLiteral("동일 성분 중복: %1").arg(shared.join(QStringLiteral(", "))),
                    QStringLiteral("제품 성분"));
            if (!available(Kind::CombinationContraindicated))
                continue;
            for (const QString& x : a.codes) {
                for (const QString& y : b.codes) {
                    const QString key = x < y ? x + u'|' + y : y + u'|' + x;
                    if (const auto it = m_combinations.constFind(key); it != m_combinations.constEnd()) {
                        const Rule& rule = m_rules.at(size_t(it.value()));
                        add(Kind::CombinationContraindicated, Severity::Contraindicated, pair, rule.text, rule.source);
                    }
                }
            }
        }
    }

    // 효능군중복: lines of different ingredients in one class.
    QHash<QString, QList<int>> linesByClass;
    QHash<QString, int> ruleByClass;
    QHash<QString, QStringList> codesByClass;
    for (const Resolved& r : resolved) {
        for (const QString& code : r.codes) {
            for (int index : rulesOf(Kind::TherapeuticDuplicate, code)) {
                const Rule& rule = m_rules.at(size_t(index));
                QList<int>& ls = linesByClass[rule.effect];
                if (!ls.contains(r.line->line)) {
                    ls.append(r.line->line);
                    codesByClass[rule.effect].append(code);
                }
                ruleByClass.insert(rule.effect, index);
            }
        }
    }
    for (auto it = linesByClass.cbegin(); it != linesByClass.cend(); ++it) {
        QStringList codes = codesByClass.value(it.key());
        codes.removeDuplicates();
        if (it.value().size() >= 2 && codes.size() >= 2) {
            const Rule& rule = m_rules.at(size_t(ruleByClass.value(it.key())));
            add(Kind::TherapeuticDuplicate, Severity::Warning, it.value(), rule.text, rule.source);
        }
    }

    // Rules of one line.
    for (const Resolved& r : resolved) {
        const DurLine& line = *r.line;
        const QList<int> one = { line.line };
        for (const QString& code : r.codes) {
            if (patient.pregnant) {
                for (int index : rulesOf(Kind::PregnancyContraindicated, code)) {
                    const Rule& rule = m_rules.at(size_t(index));
                    add(rule.kind, Severity::Contraindicated, one, rule.text, rule.source);
                }
            }
            for (int index : rulesOf(Kind::ElderlyCaution, code)) {
                const Rule& rule = m_rules.at(size_t(index));
                if (!patient.ageYears)
                    add(rule.kind, Severity::Info, one, rule.text, rule.source);
                else if (*patient.ageYears >= 65)
                    add(rule.kind, Severity::Warning, one, rule.text, rule.source);
            }
            for (int index : rulesOf(Kind::AgeContraindicated, code)) {
                const Rule& rule = m_rules.at(size_t(index));
                const std::optional<bool> forbidden = fieldOrText(
                    rule.field, rule.limit, [&patient](const QString& t) { return ageForbidden(t, patient); });
                if (!forbidden)
                    add(rule.kind, Severity::Info, one, rule.text, rule.source);
                else if (*forbidden)
                    add(rule.kind, Severity::Contraindicated, one, rule.text, rule.source);
            }
            for (int index : rulesOf(Kind::MaxDailyDose, code)) {
                const Rule& rule = m_rules.at(size_t(index));
                const auto maxMg = fieldOrText(rule.field, rule.limit, lastMassMg);
                const auto unitMg = unitAmountMg(line, rule);
                if (maxMg && unitMg && line.dose && line.timesPerDay && countedUnit(line.doseUnit)) {
                    if (*line.dose * *line.timesPerDay * *unitMg > *maxMg * (1.0 + 1e-9))
                        add(rule.kind, Severity::Warning, one, rule.text, rule.source);
                } else {
                    add(rule.kind, Severity::Info, one, rule.text, rule.source);
                }
            }
            for (int index : rulesOf(Kind::MaxDuration, code)) {
                const Rule& rule = m_rules.at(size_t(index));
                const auto maxDays = fieldOrText(rule.field, rule.limit, daysLimit);
                if (maxDays && line.days) {
                    if (*line.days > *maxDays)
                        add(rule.kind, Severity::Warning, one, rule.text, rule.source);
                } else {
                    add(rule.kind, Severity::Info, one, rule.text, rule.source);
                }
            }
        }
        if (available(Kind::SplitCaution) && line.dose && std::abs(*line.dose - std::round(*line.dose)) > 1e-6) {
            int index = line.itemSeq.isEmpty() ? -1 : m_splitByItem.value(line.itemSeq, -1);
            if (index < 0)
                index = m_splitByItem.value(QStringLiteral("n:") + line.name, -1);
            if (index >= 0) {
                const Rule& rule = m_rules.at(size_t(index));
                add(rule.kind, Severity::Warning, one, rule.text, rule.source);
            }
        }
    }
    std::stable_sort(alerts.begin(), alerts.end(), [](const core::DurAlert& a, const core::DurAlert& b) {
        if (a.kind != b.kind)
            return int(a.kind) < int(b.kind);
        return a.lines < b.lines;
    });
    return alerts;
}

} // namespace pharmdesk::drugdb::detail
