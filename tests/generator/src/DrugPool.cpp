// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/DrugPool.h"

#include <QFile>
#include <QRegularExpression>

namespace pharmdesk::gen {

namespace {

bool isPlainName(const QString& name)
{
    static const QStringList rejected = {
        QStringLiteral("수출"), QStringLiteral("군납"), QStringLiteral("["), QStringLiteral("<"),
        QStringLiteral("패취"), QStringLiteral("패치"), QStringLiteral("흡입"), QStringLiteral("수액"),
        QStringLiteral("투석"), QStringLiteral("관류"), QStringLiteral("조영"), QStringLiteral("멸균"),
    };
    if (name.size() > 40)
        return false;
    for (const QString& r : rejected) {
        if (name.contains(r))
            return false;
    }
    return true;
}

/// Injections a clinic gives on the spot (anti-inflammatories, antihistamines, antibiotics,
/// antiemetics), not contrast media or infusions.
bool isClinicInjection(const QString& name)
{
    static const QStringList ingredients = {
        QStringLiteral("덱사메타손"), QStringLiteral("트리암시놀론"), QStringLiteral("클로르페니라민"),
        QStringLiteral("페니라민"), QStringLiteral("디클로페낙"), QStringLiteral("케토롤락"),
        QStringLiteral("겐타마이신"), QStringLiteral("세프트리악손"), QStringLiteral("린코마이신"),
        QStringLiteral("메토클로프라미드"), QStringLiteral("시메티딘"), QStringLiteral("리도카인"),
        QStringLiteral("메틸프레드니솔론"), QStringLiteral("히드로코르티손"), QStringLiteral("트라마돌"),
    };
    for (const QString& i : ingredients) {
        if (name.contains(i))
            return true;
    }
    return false;
}

} // namespace

QStringList splitCsvLine(const QString& line)
{
    QStringList fields;
    QString cur;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    cur.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cur.append(c);
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields.append(cur);
            cur.clear();
        } else {
            cur.append(c);
        }
    }
    fields.append(cur);
    return fields;
}

std::optional<DrugForm> DrugPool::classify(const QString& itemName)
{
    // The form word sits in the brand part, before any "(성분)"; it is followed by a strength,
    // the end, or a space ("타이레놀정500밀리그람", "코푸시럽", "세파클러캡슐 250mg").
    const QString base = itemName.section(QLatin1Char('('), 0, 0);
    if (base.contains(QStringLiteral("주사")))
        return DrugForm::Injection;
    static const QList<std::pair<QRegularExpression, DrugForm>> forms = {
        { QRegularExpression(QStringLiteral("(건조시럽|시럽|현탁액|내복액|현탁시럽)(\\d|$|\\s)")), DrugForm::Liquid },
        { QRegularExpression(QStringLiteral("캡슐(\\d|$|\\s|[A-Za-z])")), DrugForm::Capsule },
        { QRegularExpression(QStringLiteral("(과립|세립|산)(\\d|$|\\s)")), DrugForm::Granule },
        { QRegularExpression(QStringLiteral("(연고|크림|겔|로션|외용액)(\\d|$|\\s)")), DrugForm::Topical },
        { QRegularExpression(QStringLiteral("정(\\d|$|\\s|[A-Za-z])")), DrugForm::Tablet },
    };
    for (const auto& [re, form] : forms) {
        if (re.match(base).hasMatch())
            return form;
    }
    return std::nullopt;
}

core::Result<DrugPool> DrugPool::load(const QString& permitsCsvPath)
{
    QFile file(permitsCsvPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return core::makeError(core::ErrorCategory::Input, QStringLiteral("Cannot read the product list."),
                               permitsCsvPath + QStringLiteral(": ") + file.errorString());
    }
    DrugPool pool;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (qsizetype n = 1; n < lines.size(); ++n) {  // line 0 is the header
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = splitCsvLine(line);
        if (f.size() < 4)
            continue;
        QStringList codes;
        for (const QString& c : f.at(3).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString code = c.trimmed();
            if (code.size() == 9)
                codes.append(code);
        }
        const QString name = f.at(1).trimmed();
        for (const QString& c : codes)
            pool.m_allCodes[c].append(name);
        if (codes.isEmpty() || !isPlainName(name))
            continue;
        const auto form = classify(name);
        if (!form || (*form == DrugForm::Injection && !isClinicInjection(name)))
            continue;
        core::Product p;
        p.id = f.at(0).toLongLong() + 1;
        p.name = name;
        p.permitNumber = f.at(2).trimmed();
        p.ediCodes = codes;
        static const QRegularExpression formWord(QStringLiteral("(건조시럽|시럽|현탁액|캡슐|과립|정|산|연고|크림|겔|로션|주사액|주사|액)"));
        p.form = formWord.match(name.section(QLatin1Char('('), 0, 0)).captured(1);
        pool.m_byForm[static_cast<int>(*form)].append(p);
    }
    if (pool.products(DrugForm::Tablet).isEmpty() && pool.products(DrugForm::Capsule).isEmpty()) {
        return core::makeError(core::ErrorCategory::Input,
                               QStringLiteral("The product list has no tablets or capsules with an EDI code."),
                               permitsCsvPath);
    }
    return pool;
}

const QList<core::Product>& DrugPool::products(DrugForm form) const
{
    static const QList<core::Product> none;
    const auto it = m_byForm.constFind(static_cast<int>(form));
    return it == m_byForm.cend() ? none : *it;
}

qsizetype DrugPool::size() const
{
    qsizetype n = 0;
    for (const auto& list : m_byForm)
        n += list.size();
    return n;
}

} // namespace pharmdesk::gen
