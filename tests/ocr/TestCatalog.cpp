// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCatalog.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace pharmdesk::ocr::test {

namespace {

QString normalise(const QString& s)
{
    QString out;
    for (QChar c : s) {
        if (!c.isSpace())
            out.append(c.toLower());
    }
    return out;
}

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> prev(size_t(b.size()) + 1), cur(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int sub = prev[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[size_t(j)] = std::min({ sub, prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1 });
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

QStringList splitCsv(const QString& line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields.append(field);
            field.clear();
        } else {
            field.append(c);
        }
    }
    fields.append(field);
    return fields;
}

} // namespace

TestCatalog::TestCatalog(QList<core::Product> products) : m_products(std::move(products))
{
    for (qsizetype i = 0; i < m_products.size(); ++i) {
        for (const QString& code : m_products[i].ediCodes)
            m_byCode.insert(code, i);
    }
}

std::shared_ptr<TestCatalog> TestCatalog::fromPermitsCsv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    QTextStream in(&file);
    in.readLine();  // header
    QList<core::Product> products;
    while (!in.atEnd()) {
        const QStringList f = splitCsv(in.readLine());
        if (f.size() < 4)
            continue;
        core::Product p;
        p.id = f[0].toLongLong() + 1;
        p.name = f[1];
        p.permitNumber = f[2];
        p.ediCodes = f[3].split(QLatin1Char(','), Qt::SkipEmptyParts);
        products.append(p);
    }
    return std::make_shared<TestCatalog>(std::move(products));
}

core::Product TestCatalog::product(qint64 id, const QString& name, const QStringList& codes)
{
    core::Product p;
    p.id = id;
    p.name = name;
    p.ediCodes = codes;
    return p;
}

std::optional<core::Product> TestCatalog::productByCode(const QString& ediCode) const
{
    const auto it = m_byCode.constFind(ediCode);
    if (it == m_byCode.cend())
        return std::nullopt;
    return m_products[*it];
}

double TestCatalog::similarity(const QString& aIn, const QString& bIn)
{
    const QString a = normalise(aIn);
    const QString b = normalise(bIn);
    if (a.isEmpty() || b.isEmpty())
        return 0.0;
    auto ratio = [](const QString& x, const QString& y) {
        return 1.0 - double(editDistance(x, y)) / double(std::max(x.size(), y.size()));
    };
    double best = ratio(a, b);
    // A name cut short by the printer: compare with the same length, slightly discounted.
    if (a.size() >= 4 && a.size() < b.size())
        best = std::max(best, ratio(a, b.left(a.size())) * 0.97);
    return std::max(0.0, best);
}

QList<core::ProductMatch> TestCatalog::matchName(const QString& query, int limit) const
{
    QList<core::ProductMatch> all;
    for (const core::Product& p : m_products) {
        const double s = similarity(query, p.name);
        if (s >= 0.4)
            all.append({ p, s, QStringLiteral("name") });
    }
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.score > y.score; });
    if (all.size() > limit)
        all.resize(limit);
    return all;
}

double TestCatalog::nameSimilarity(const QString& query, const core::Product& product) const
{
    return similarity(query, product.name);
}

} // namespace pharmdesk::ocr::test
