// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DrugCatalog.h"

#include <QHash>

#include <memory>

namespace pharmdesk::ocr::test {

/// A small in-memory DrugCatalog for the ocr tests (ocr must not link drugdb). Name similarity is
/// a normalised edit-distance ratio over the names without spaces, taking the better of the whole
/// name and the name cut to the query's length (printers truncate long names). Immutable after
/// construction; any thread.
class TestCatalog : public core::DrugCatalog
{
public:
    explicit TestCatalog(QList<core::Product> products);

    /// Loads `row_index,item_name,permit_no,edi_codes` (resources/drugs/permits.csv).
    static std::shared_ptr<TestCatalog> fromPermitsCsv(const QString& path);

    /// A product with one code, for data-driven rows.
    static core::Product product(qint64 id, const QString& name, const QStringList& codes);

    std::optional<core::Product> productByCode(const QString& ediCode) const override;
    QList<core::ProductMatch> matchName(const QString& query, int limit = 5) const override;
    double nameSimilarity(const QString& query, const core::Product& product) const override;
    std::optional<core::GuideText> guideFor(const core::Product&) const override { return std::nullopt; }
    qsizetype productCount() const override { return m_products.size(); }

    static double similarity(const QString& a, const QString& b);

private:
    QList<core::Product> m_products;
    QHash<QString, qsizetype> m_byCode;
};

} // namespace pharmdesk::ocr::test
