// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DurAlert.h"
#include "pharmdesk/core/Product.h"

#include <QByteArray>

#include <optional>

namespace pharmdesk::core {

struct Prescription;

/// Read-only access to the drug cache, the seam between recognition/guides and drugdb.
///
/// Threading: an implementation is immutable once constructed; every method may be called
/// concurrently from any thread. Lookups are in-memory and take microseconds.
class DrugCatalog
{
public:
    virtual ~DrugCatalog() = default;

    /// The product carrying this 9-digit insurance code, if any. Codes are compared as text.
    virtual std::optional<Product> productByCode(const QString& ediCode) const = 0;

    /// Products whose names best match `query` (OCR text of a drug name), best first, at most
    /// `limit`, each with a calibrated score in 0..1. Empty when nothing is plausible.
    virtual QList<ProductMatch> matchName(const QString& query, int limit = 5) const = 0;

    /// How well `query` names `product` (0..1), on the same scale as matchName().
    virtual double nameSimilarity(const QString& query, const Product& product) const = 0;

    /// The e약은요 text for a product, when the cache has one.
    virtual std::optional<GuideText> guideFor(const Product& product) const = 0;

    /// The cached picture of the product's tablet or capsule (낱알식별 image), as encoded image
    /// bytes (JPEG or PNG, as downloaded); empty when none is cached. Printed on the patient's
    /// guide. The default, for catalogs without pictures (test fakes, the shipped data), has none.
    virtual QByteArray pillImage(const Product& product) const
    {
        Q_UNUSED(product);
        return {};
    }

    /// Number of products held; 0 means the cache is empty or failed to load.
    virtual qsizetype productCount() const = 0;

    /// DUR findings for `prescription` as it stands (its matched products, doses, the patient's
    /// birth date at the issue date, the pregnant mark). Called after recognition and again after
    /// every edit, so it must be cheap (in-memory rules). An implementation that lacks a kind of
    /// DUR data returns a DurAlert::Kind::RulesUnavailable alert for it instead of passing silently.
    /// The default, for catalogs without any DUR knowledge (test fakes), finds nothing.
    virtual QList<DurAlert> checkDur(const Prescription& prescription) const
    {
        Q_UNUSED(prescription);
        return {};
    }
};

} // namespace pharmdesk::core
