// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/guide/GuideRenderer.h"

namespace pharmdesk::guide {

namespace {

/// True when `found` (from the catalog) is the product `wanted` names, not merely one sharing a code.
bool sameProduct(const core::Product& found, const core::Product& wanted)
{
    if (!found.itemSeq.isEmpty() && !wanted.itemSeq.isEmpty())
        return found.itemSeq == wanted.itemSeq;
    if (wanted.name.trimmed().isEmpty())
        return true;
    return found.name.simplified() == wanted.name.simplified();
}

} // namespace

std::optional<core::Product> catalogProduct(const core::Product& product, const core::DrugCatalog& catalog)
{
    for (const QString& code : product.ediCodes) {
        if (const auto found = catalog.productByCode(code); found && sameProduct(*found, product))
            return found;
    }
    if (!product.name.trimmed().isEmpty()) {
        const QList<core::ProductMatch> matches = catalog.matchName(product.name, 5);
        for (const core::ProductMatch& m : matches) {
            if (m.product.name.simplified() == product.name.simplified()
                && (product.itemSeq.isEmpty() || m.product.itemSeq.isEmpty() || m.product.itemSeq == product.itemSeq))
                return m.product;
        }
    }
    return std::nullopt;
}

GuideInput makeGuideInput(const core::Prescription& prescription, const core::DrugCatalog* catalog,
                          const core::PharmacyInfo& pharmacy, QDate dispensingDate)
{
    GuideInput input;
    input.prescription = prescription;
    input.pharmacy = pharmacy;
    input.dispensingDate = dispensingDate;
    if (!catalog)
        return input;
    for (core::PrescriptionItem& item : input.prescription.items) {
        if (!item.product)
            continue;  // unmatched line: printed with what was read, no text
        const std::optional<core::Product> product = catalogProduct(*item.product, *catalog);
        if (!product)
            continue;
        item.product = *product;  // the catalog's record also knows the form and ingredients
        if (const auto text = catalog->guideFor(*product); text && !text->isEmpty())
            input.texts.insert(item.line, *text);
        if (!product->ingredients.trimmed().isEmpty())
            input.ingredients.insert(item.line, product->ingredients.simplified());
        // A picture only where one is cached and decodes; nothing stands in for a missing one.
        if (const QByteArray bytes = catalog->pillImage(*product); !bytes.isEmpty()) {
            QImage image;
            if (image.loadFromData(bytes) && !image.isNull())
                input.pillImages.insert(item.line, image);
        }
    }
    return input;
}

} // namespace pharmdesk::guide
