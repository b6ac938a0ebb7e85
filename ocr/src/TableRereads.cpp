// SPDX-License-Identifier: GPL-3.0-or-later
// The drug table's codes and numbers read again, each cut out alone at the gaps between its
// glyphs; names the page read garbled read again by the Korean model.
#include "ReaderImpl.h"
#include "ReadAgreement.h"

#include "pharmdesk/ocr/LineReview.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace pharmdesk::ocr {

using namespace agreement;

namespace reader {

/// The column of `image` nearest to `x` (at most a third of `box`'s height away) that has no
/// ink in the middle half of `box`'s height: the space between two characters. At equal distance
/// the column in direction `outward` (-1 or +1) wins. nullopt when none.
std::optional<int> nearestGap(const cv::Mat& image, const QRect& box, int x, int outward)
{
    // Only the box's middle half is looked at: a cell box can reach into the rows above and below.
    const QRect inImage = box.adjusted(0, box.height() / 4, 0, -box.height() / 4).intersected(QRect(0, 0, image.cols, image.rows));
    if (inImage.isEmpty())
        return std::nullopt;
    auto blank = [&](int c) {
        if (c < 0 || c >= image.cols)
            return false;
        double darkest = 0;
        cv::minMaxLoc(image(cv::Rect(c, inImage.top(), 1, inImage.height())), &darkest);
        return darkest >= 160;
    };
    const int reach = std::max(2, box.height() / 3);
    for (int d = 0; d <= reach; ++d) {
        for (int c : { x + outward * d, x - outward * d }) {
            if (blank(c))
                return c;
        }
    }
    return std::nullopt;
}

/// `box` with its left and right edges moved to the nearest gaps between characters, so that
/// a part cut out of a word in proportion ("2026" of "2026년") holds whole glyphs only.
QRect snappedToGaps(const cv::Mat& image, const QRect& box)
{
    QRect r = box;
    if (const auto left = nearestGap(image, box, box.left(), -1))
        r.setLeft(*left);
    if (const auto right = nearestGap(image, box, box.right(), +1))
        r.setRight(*right);
    return r.width() > 2 ? r : box;
}

/// The part of a cell's box that holds the number of "1캡슐": Hangul is about twice as wide as
/// a digit, so the cut is first placed in proportion to the characters' typical widths, then
/// moved to the nearest gap between characters, so that no stroke of the unit is read as a
/// digit (measured: "1 정" read again as "12", "0.5 정" as "0.52").
QRect numberPart(const cv::Mat& image, const QRect& box, const QString& text)
{
    double numberWidth = 0, total = 0;
    bool inNumber = true;
    for (QChar c : text::compact(text)) {
        const double w = c.isDigit() || c == QLatin1Char('.') ? 0.55 : 1.0;
        inNumber = inNumber && (c.isDigit() || c == QLatin1Char('.') || c == QLatin1Char(','));
        total += w;
        if (inNumber)
            numberWidth += w;
    }
    if (total <= 0 || numberWidth <= 0 || numberWidth >= total)
        return box;
    QRect r = box;
    if (const auto gap = nearestGap(image, box, box.left() + int(box.width() * numberWidth / total))) {
        r.setRight(*gap);
        return r;
    }
    r.setWidth(std::max(4, int(box.width() * numberWidth / total) + box.height() / 6));
    return r;
}

} // namespace reader

using namespace reader;

OcrWord PrescriptionReader::Impl::readNumberBox(const Page& page, const QRect& box, TesseractEngine* engine)
{
    // The digit model reads the number cut out alone: measured on the 300-image benchmark, read
    // in place it took a neighbour's stroke in ("1 정" → "14", "0.5 정" → "0.52") and read a lone
    // "1" as "4", which left a quarter of clean doses under review.
    // Its edges go out to the gaps around the glyphs: the page read's word box can be shifted off
    // its glyph (measured: "7" boxed 11 pixels left of its ink, the right half cut off, read "1").
    // A lone glyph the model reads as nothing when cut out is read again in place.
    if (!engine) {
        const OcrWord alone = digits->readIsolated(page.ocrImage, snappedToGaps(page.ocrImage, box.adjusted(-2, -2, 2, 2)),
                                                   Segmentation::SingleLine);
        if (std::any_of(alone.text.cbegin(), alone.text.cend(), [](QChar c) { return c.isDigit(); }))
            return alone;
        engine = digits.get();
    }
    return engine->readLine(page.ocrImage, box.adjusted(-3, -3, 3, 3), Segmentation::SingleLine);
}

std::optional<int> PrescriptionReader::Impl::readCount(const Page& page, const QRect& box, double* confidence,
                                                      TesseractEngine* engine)
{
    const OcrWord w = readNumberBox(page, box, engine);
    *confidence = w.confidence;
    return text::parseCount(w.text);
}

std::optional<double> PrescriptionReader::Impl::readDecimal(const Page& page, const QRect& box, double* confidence,
                                                           TesseractEngine* engine)
{
    const OcrWord w = readNumberBox(page, box, engine);
    *confidence = w.confidence;
    const auto n = text::parseNumberWithUnit(w.text);
    return n ? std::optional<double>(n->value) : std::nullopt;
}

bool PrescriptionReader::Impl::separateMergedNumbers(const Page& page, const QRect& box, core::PrescriptionItem& item, int count)
{
    // Split the token's pixels at gaps wider than a quarter of its height (the spaces between
    // the numbers; digits of one number sit closer), then read each part on its own with both
    // engines. Only `count` parts that both engines read alike, or that a third model reads as
    // one of them does (then under review), become values.
    const QRect bounds = box.adjusted(-2, -2, 2, 2).intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
    if (bounds.isEmpty())
        return false;
    cv::Mat ink;
    cv::threshold(page.ocrImage(cv::Rect(bounds.x(), bounds.y(), bounds.width(), bounds.height())), ink, 0, 255,
                  cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat columns;
    cv::reduce(ink, columns, 0, cv::REDUCE_MAX);
    QList<std::pair<int, int>> parts;
    const int minGap = std::max(3, bounds.height() / 4);
    int start = -1, lastInk = -minGap - 1;
    for (int x = 0; x < columns.cols; ++x) {
        if (columns.at<uchar>(0, x) == 0)
            continue;
        if (start < 0 || x - lastInk > minGap) {
            if (start >= 0)
                parts.append({ start, lastInk });
            start = x;
        }
        lastInk = x;
    }
    if (start >= 0)
        parts.append({ start, lastInk });
    if (parts.size() != count)
        return false;
    double confidence = 1.0;
    QStringList values;
    for (const auto& [from, to] : parts) {
        const QRect part(bounds.x() + from - 3, bounds.y(), to - from + 7, bounds.height());
        const OcrWord a = digits->readIsolated(page.ocrImage, part, Segmentation::SingleWord);
        const OcrWord b = general->readIsolated(page.ocrImage, part, Segmentation::SingleWord);
        const QString va = text::compact(a.text);
        if (!va.isEmpty() && va == text::compact(b.text)) {
            confidence = std::min(confidence, 1.0 - (1.0 - a.confidence) * (1.0 - b.confidence));
            values.append(va);
            continue;
        }
        // The digit model reads a lone "1" as "7" or nothing (measured: "1 1 1" in an injection
        // row): a third model decides between the two, and the number stays under review.
        TesseractEngine* third = englishBestEngine();
        const QString vc = third ? text::compact(third->readIsolated(page.ocrImage, part, Segmentation::SingleWord).text) : QString();
        const QString vb = text::compact(b.text);
        if (vc.isEmpty() || (vc != va && vc != vb))
            return false;
        confidence = std::min(confidence, kBilevelNumberConfidence);
        values.append(vc);
    }
    const auto dose = text::parseNumberWithUnit(values[0]);
    const auto times = text::parseCount(values[1]);
    const auto days = count == 3 ? text::parseCount(values[2]) : std::nullopt;
    if (!dose || !times || (count == 3 && !days) || confidence <= 0.0)
        return false;
    // Separated by geometry rather than printed columns: never above the two-engine cap.
    confidence = std::min(confidence, 0.93);
    item.dose = core::Field<double>::read(dose->value, confidence, box);
    item.timesPerDay = core::Field<int>::read(*times, confidence, box);
    if (count == 3)
        item.days = core::Field<int>::read(*days, confidence, box);
    return true;
}

template<typename T, typename Read>
void PrescriptionReader::Impl::settleNumber(const Page& page, core::Field<T>& field, const QRect& digitBox,
                                            const QRect& cellBox, Read read)
{
    double digitConfidence = 0;
    const std::optional<T> digitValue = (this->*read)(page, digitBox, &digitConfidence, nullptr);
    if (field.hasValue() && digitValue && *field.value == *digitValue) {
        combineReads(field, digitValue, digitConfidence);
        return;
    }
    double cellConfidence = 0;
    const std::optional<T> cellValue = (this->*read)(page, cellBox, &cellConfidence, general.get());
    voteReads(field, digitValue, digitConfidence, cellValue, cellConfidence);
}

void PrescriptionReader::Impl::rereadNumbers(const Page& page, ParsedPage& parsed)
{
    // Units are printed for every line or for none (see PrescriptionReader::read()).
    const bool unitsPrinted = std::any_of(parsed.rows.cbegin(), parsed.rows.cend(),
                                          [](const ParsedRow& r) { return !r.item.doseUnit.isEmpty(); });
    for (qsizetype i = 0; i < parsed.rows.size(); ++i) {
        ParsedRow& row = parsed.rows[i];
        core::PrescriptionItem& item = parsed.prescription.items[i];
        auto cellOr = [&](const auto& field, Column c) {
            return field.hasValue() ? field.box : row.cells.value(c);
        };
        double conf = 0;
        if (!row.mergedNumbers.isNull())
            separateMergedNumbers(page, row.mergedNumbers, item);
        if (item.ediCode.hasValue() && !item.ediCode->at(0).isLetter()) {
            const QString pageRead = *item.ediCode;
            const auto code = readDigits(page, item.ediCode.box, 9, 9, &conf);
            combineReads(item.ediCode, code, conf);
            preferKnownCode(item.ediCode, pageRead, code, [&](const QString& c) { return catalog->productByCode(c).has_value(); });
        } else if (!item.ediCode.hasValue() && row.cells.contains(Column::Code)) {
            const auto code = readDigits(page, row.cells.value(Column::Code), 9, 9, &conf);
            combineReads(item.ediCode, code, conf);
        }
        if (!row.mergedNumbers.isNull())
            continue;
        // Dose and times printed close together and read as one token ("1 2" read as "122",
        // measured on a scan): the token reaches from one column well into the other. Separated
        // like three merged numbers; when that fails both are settled as usual.
        bool doseAndTimes = false;
        if (row.cells.contains(Column::Dose) && row.cells.contains(Column::Times)) {
            const int boundary = row.cells.value(Column::Times).left();
            const auto spans = [&](const QRect& b) {
                return !b.isNull() && b.left() < boundary - b.height() / 4 && b.right() > boundary + b.height() / 4;
            };
            if (!item.dose.hasValue() && item.timesPerDay.hasValue() && spans(item.timesPerDay.box))
                doseAndTimes = separateMergedNumbers(page, item.timesPerDay.box, item, 2);
            else if (item.dose.hasValue() && !item.timesPerDay.hasValue() && spans(item.dose.box))
                doseAndTimes = separateMergedNumbers(page, item.dose.box, item, 2);
        }
        if (!doseAndTimes && (row.cells.contains(Column::Dose) || item.dose.hasValue())) {
            const QRect box = cellOr(item.dose, Column::Dose);
            QRect digitBox = box;
            if (item.dose.hasValue() && !item.doseUnit.isEmpty()) {
                digitBox = numberPart(page.ocrImage, box, row.doseText);
            } else if (!item.dose.hasValue() || (unitsPrinted && item.doseUnit.isEmpty())) {
                // Nothing read in the cell yet, or a number without the unit the other rows
                // print (a unit read as digits: "1정" as "14", measured on scans and faxes):
                // where the number ends is found from a read of the cell. The Korean model
                // alone first: where Latin letters won the page read ("We" for 1캡슐, measured
                // on scans), the page's models read the cell alone the same way. Where words
                // stood that read as no number, those words; else the number read or the cell.
                const QRect words = !row.unreadDose.isNull() ? row.unreadDose : item.dose.hasValue() ? item.dose.box : QRect();
                const int h = words.height();
                const QRect around = words.isNull() ? box.adjusted(-3, -3, 3, 3) : words.adjusted(-h / 2, -3, h / 2, 3);
                OcrWord cell;
                std::optional<text::NumberWithUnit> withUnit;
                for (TesseractEngine* engine : { koreanEngine(), general.get() }) {
                    if (!engine)
                        continue;
                    cell = engine->readLine(page.ocrImage, around, Segmentation::SingleLine);
                    withUnit = text::parseNumberWithUnit(cell.text);
                    if (withUnit && !withUnit->unit.isEmpty())
                        break;
                    withUnit.reset();
                }
                if (withUnit) {
                    // The page's number, if any, took in the unit: this reading, number and
                    // unit apart, stands for the page's (under review), and the digit model
                    // reads the number alone below ("1 캡 술" read again, where the cut still
                    // gave "13").
                    item.dose = core::Field<double>::read(withUnit->value, std::min(cell.confidence, kBilevelNumberConfidence), box);
                    item.doseUnit = withUnit->unit;
                }
                if (!cell.box.isNull() && (withUnit || !item.dose.hasValue()))
                    digitBox = numberPart(page.ocrImage, cell.box, cell.text);
            }
            settleNumber(page, item.dose, digitBox, box, &Impl::readDecimal);
        }
        if (!doseAndTimes && (row.cells.contains(Column::Times) || item.timesPerDay.hasValue())) {
            const QRect box = cellOr(item.timesPerDay, Column::Times);
            settleNumber(page, item.timesPerDay, box, box, &Impl::readCount);
        }
        if (row.cells.contains(Column::Days) || item.days.hasValue()) {
            const QRect box = cellOr(item.days, Column::Days);
            settleNumber(page, item.days, box, box, &Impl::readCount);
        }
        confirmUsage(page, item.usage);
    }
}

void PrescriptionReader::Impl::confirmUsage(const Page& page, core::Field<QString>& usage)
{
    // The usage is printed on the patient's guide: a misread ("식후 308" for 식후 30분, measured
    // on a clean print) must not pass as certain. The other Korean model reads the cell again;
    // the same words from two models (rated as below) make it certain. Not on faxes and
    // enlarged scans, where the models agree on wrong strokes.
    if (!usage.hasValue() || usage.box.isNull() || usage.confidence >= kModelsAgreed || page.bilevel || page.enlarged)
        return;
    const QRect box = usage.box.adjusted(-3, -3, 3, 3).intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
    TesseractEngine* other = otherKoreanEngine();
    if (!other || box.isEmpty())
        return;
    const OcrWord again = other->readLine(page.ocrImage, box, Segmentation::SingleLine);
    // Rated low in the page read (its neighbours weigh in): the page's Korean model reads the
    // cell alone and stands for the page read. When that reading and the other model's agree but
    // the page read said otherwise, theirs is offered, under review.
    OcrWord first { *usage, usage.box, usage.confidence };
    if (usage.confidence < kNameReadMinConfidence) {
        if (TesseractEngine* own = koreanEngine())
            first = own->readLine(page.ocrImage, box, Segmentation::SingleLine);
    }
    // Rated 0.85 or more by both models, or one of the common usages (a closed list, like the
    // licence kinds) rated 0.6 or more by both: the two readings of different models agree.
    const double least = std::min(first.confidence, again.confidence);
    const bool agreed = text::compact(again.text) == text::compact(first.text)
                        && (least >= kNameReadMinConfidence || (least >= kCommonUsageMinConfidence && text::isCommonUsage(again.text)));
    // A page read that is no usage at all ("식후 308": a number with no unit after it) is a
    // misread, not a dissent.
    const bool pageAgrees = text::compact(first.text) == text::compact(*usage) || !text::plausibleUsage(*usage);
    qCDebug(lcReads) << "usage page" << *usage << usage.confidence << "alone" << first.text << first.confidence << "second"
                     << again.text << again.confidence << (agreed ? (pageAgrees ? "confirmed" : "page dissents") : "not confirmed");
    if (agreed) {
        usage.value = again.text;
        usage.confidence = pageAgrees ? kModelsAgreed : std::min(usage.confidence, kBilevelNumberConfidence);
    }
}

void PrescriptionReader::Impl::rereadNames(const Page& page, ParsedPage& parsed)
{
    // A name the page read garbled (Latin letters for Hangul in a condensed font: measured on
    // 30 of 50 clean and scanned prescriptions, "BAIZA250Le|124(BA|Bayz)") is read again alone,
    // as one line. The code still decides the product: the second reading only replaces the
    // first when it names the code's product better, and must then pass the same agreement test
    // in review like any reading.
    const ReviewPolicy policy;
    const QRect image(0, 0, page.ocrImage.cols, page.ocrImage.rows);
    for (qsizetype i = 0; i < parsed.rows.size(); ++i) {
        core::PrescriptionItem& item = parsed.prescription.items[i];
        if (!item.ediCode.hasValue() || !item.nameAsRead.hasValue() || item.nameAsRead.box.isNull())
            continue;
        const auto product = catalog->productByCode(*item.ediCode);
        if (!product)
            continue;
        double before = catalog->nameSimilarity(text::cleanDrugName(*item.nameAsRead), *product);
        if (before >= policy.nameStronglyAgrees)
            continue;
        const QRect box = item.nameAsRead.box.adjusted(-6, -6, 6, 6).intersected(image);
        if (box.isEmpty())
            continue;
        // Korean alone first (the page read let English win the line), then the page's models.
        for (TesseractEngine* engine : { koreanEngine(), general.get() }) {
            if (!engine)
                continue;
            const OcrWord again = engine->readLine(page.ocrImage, box, Segmentation::SingleLine);
            if (again.text.isEmpty())
                continue;
            const double after = catalog->nameSimilarity(text::cleanDrugName(again.text), *product);
            if (after > before) {
                item.nameAsRead = core::Field<QString>::read(again.text, again.confidence,
                                                             again.box.isNull() ? item.nameAsRead.box : again.box);
                break;
            }
        }
    }
}

} // namespace pharmdesk::ocr
