// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/PrescriptionReader.h"

#include "pharmdesk/ocr/DebugImageSink.h"
#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ocr/LineReview.h"
#include "pharmdesk/ocr/NameCheck.h"
#include "pharmdesk/ocr/OrientationDetector.h"
#include "pharmdesk/ocr/Preprocess.h"
#include "pharmdesk/ocr/TableRulings.h"
#include "pharmdesk/ocr/TessdataLocator.h"
#include "pharmdesk/ocr/TesseractEngine.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include "pharmdesk/core/Rrn.h"

#include "ReadAgreement.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include <opencv2/imgproc.hpp>

#include <array>
#include <tuple>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pharmdesk::ocr {

namespace {

using namespace agreement;
using core::ErrorCategory;
using core::makeError;

/// Character height (pixels) the page is scaled to before OCR: Tesseract's LSTM models read
/// best around 20-30 px; smaller text loses strokes, larger text only costs time.
constexpr double kTargetTextHeight = 26.0;

/// Highest confidence a table number read from a bilevel (fax) capture, or a dose whose unit
/// went missing, can have: under the default review threshold.
constexpr double kBilevelNumberConfidence = 0.85;

/// Orientation confidence (Tesseract's OSD scale) from which a page is read turned. Upright and
/// turned sample pages scored 3-14; text-free or noisy pages score under 1.
constexpr double kMinOrientationConfidence = 1.5;

/// Lowest OCR confidence of each of the two readings of a name for their agreement to count.
/// Measured on the 300-image benchmark: every agreement on a wrong three-syllable name (a vowel
/// misread by both models: 이효회, 권건을, 오상은) had one reading under 0.85; so had the 오철을
/// for 오철율 on a dot-matrix print. From 0.85 on, the only wrong agreements left (6 of 321)
/// were two-syllable fragments and clinic names without 의원, which secondReadConfirmsName() refuses.
constexpr double kNameReadMinConfidence = 0.85;

/// Characters of the digit-only re-reads (codes, doses, counts, numbers in the header).
constexpr const char* kDigitWhitelist = "0123456789.-";

/// Hands the page's freed buffers (tens of megabytes of images and Tesseract's per-page state)
/// back to the system. glibc keeps them in per-thread arenas otherwise, and a batch's resident
/// memory creeps up with every worker: measured on 20 pages with 2 workers, 551 MB peak without,
/// 420 MB with trimming after each page. The call costs well under a millisecond.
void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

struct PrescriptionReader::Impl
{
    ReaderOptions options;
    std::shared_ptr<const core::DrugCatalog> catalog;
    std::unique_ptr<TesseractEngine> general;   ///< kor+eng, the whole page
    std::unique_ptr<TesseractEngine> digits;    ///< eng with a digit whitelist, cells and fields
    QString tessdataDir;
    QString koreanModel;                        ///< "kor" or the model the options name
    std::unique_ptr<TesseractEngine> korean;    ///< Korean only, for names read as Latin; created on first need
    bool koreanUnavailable = false;
    std::unique_ptr<TesseractEngine> otherKorean; ///< the other Korean model (kor_best for kor), for confirming names
    bool otherKoreanUnavailable = false;
    bool orientationUnavailable = false;  ///< osd model missing: pages are read as they lie

    struct Page
    {
        bool bilevel = false;  ///< the capture has only black and white (fax): thin digits lose shape
        bool enlarged = false; ///< text was too small and was scaled up (a 650-pixel scan): shapes guessed
        cv::Mat ocrImage;      ///< normalised grey, rescaled, rulings whitened
        cv::Mat flattened;     ///< grey after illumination only: what the orientation model reads best
        PageTransform transform;
        QList<int> verticalRulings;
    };

    struct Attempt
    {
        Page page;
        ParsedPage parsed;
    };

    /// `image` turned `clockwise` (0, 90, 180, 270) and preprocessed.
    std::optional<Page> preprocess(const cv::Mat& image, int clockwise, DebugImageSink& sink, const core::CancelToken& cancel) const;
    /// Preprocess, read the page, parse the form; stage times are added to `timings`.
    core::Result<Attempt> attempt(const cv::Mat& image, int clockwise, DebugImageSink& sink, const core::CancelToken& cancel,
                                  core::StageTimings& timings);
    /// The orientation model's call on `gray`, or nullopt when it is unsure or not installed.
    std::optional<Orientation> detectOrientation(const cv::Mat& gray);
    /// A number's box read by `engine`, or cut out and read alone by the digit model when null.
    OcrWord readNumberBox(const Page& page, const QRect& box, TesseractEngine* engine);
    std::optional<int> readCount(const Page& page, const QRect& box, double* confidence, TesseractEngine* engine = nullptr);
    std::optional<double> readDecimal(const Page& page, const QRect& box, double* confidence, TesseractEngine* engine = nullptr);
    template<typename T, typename Read>
    void settleNumber(const Page& page, core::Field<T>& field, const QRect& digitBox, const QRect& cellBox, Read read);
    /// `complete` (optional) tells whether nothing but codes was read in `box`.
    std::optional<QStringList> readDiagnosisCodes(const Page& page, const QRect& box, double* confidence,
                                                  Segmentation mode = Segmentation::SingleLine, bool* complete = nullptr);
    std::optional<QString> readDigits(const Page& page, const QRect& box, int minLen, int maxLen, double* confidence);
    void rereadNumbers(const Page& page, ParsedPage& parsed);
    void rereadNames(const Page& page, ParsedPage& parsed);
    /// The Korean-only engine, created on first need; null when its model cannot be loaded.
    TesseractEngine* koreanEngine();
    /// The Korean model the page was not read with ("kor_best" when it was "kor", and the other
    /// way round), created on first need; null when not installed.
    TesseractEngine* otherKoreanEngine();
    /// Reads each name (patient, prescriber, institution) again with otherKoreanEngine() and
    /// returns the keys of those the second reading confirms (see secondReadConfirmsName()).
    QSet<QString> confirmNames(const Page& page, const core::Prescription& p);
    void separateMergedNumbers(const Page& page, const QRect& box, core::PrescriptionItem& item);
    void mapBoxes(const PageTransform& transform, core::Prescription& p) const;
};

PrescriptionReader::PrescriptionReader() : d(std::make_unique<Impl>()) { }
PrescriptionReader::~PrescriptionReader() = default;

core::Result<std::unique_ptr<PrescriptionReader>> PrescriptionReader::create(
    const ReaderOptions& options, std::shared_ptr<const core::DrugCatalog> catalog)
{
    if (!catalog)
        return makeError(ErrorCategory::Internal, QStringLiteral("The reader needs a drug catalog."));
    const QString korean = options.koreanModel.isEmpty() ? QStringLiteral("kor") : options.koreanModel;
    const TessdataLocator locator(options.tessdataDir);
    const auto dir = locator.locate({ korean, QStringLiteral("eng") });
    if (!dir)
        return dir.error();
    auto general = TesseractEngine::create(*dir, korean + QStringLiteral("+eng"));
    if (!general)
        return general.error();
    auto digits = TesseractEngine::create(*dir, QStringLiteral("eng"), QLatin1String(kDigitWhitelist));
    if (!digits)
        return digits.error();
    std::unique_ptr<PrescriptionReader> reader(new PrescriptionReader());
    reader->d->options = options;
    reader->d->catalog = std::move(catalog);
    reader->d->general = std::move(general).value();
    reader->d->digits = std::move(digits).value();
    reader->d->tessdataDir = *dir;
    reader->d->koreanModel = korean;
    return reader;
}

std::optional<PrescriptionReader::Impl::Page> PrescriptionReader::Impl::preprocess(const cv::Mat& image, int clockwise,
                                                                                 DebugImageSink& sink,
                                                                                 const core::CancelToken& cancel) const
{
    Page page;
    cv::Mat gray = toGray(image);
    if (clockwise != 0) {
        cv::Matx33d forward;
        gray = rotateQuarterTurns(gray, clockwise, &forward);
        page.transform.appendForward(forward);
        sink.save(QStringLiteral("turned"), gray);
    }
    {
        // A bilevel capture (fax) has next to no grey pixels.
        const cv::Mat grey = (gray > 20) & (gray < 235);
        page.bilevel = cv::countNonZero(grey) < int(gray.total() / 500);
    }
    if (page.bilevel) {
        // A fax's line noise: see despeckleBilevelPage(). Measured on the 50 faxes of the
        // 300-image benchmark: drug identity 82.0% -> 93.8%, line exact 68.5% -> 80.9%.
        gray = despeckleBilevelPage(gray);
        sink.save(QStringLiteral("despeckle"), gray);
        // Then its edges softened (smoothBilevel()): measured on the same 50 faxes, line exact
        // 82.0% -> 88.8%, drug identity 94.9% -> 96.1%, header fields unchanged (63.1%).
        gray = smoothBilevel(gray);
        sink.save(QStringLiteral("smoothed"), gray);
    }
    sink.save(QStringLiteral("gray"), gray);
    if (const auto corners = detectPage(gray)) {
        cv::Matx33d forward;
        gray = warpPage(gray, *corners, &forward);
        page.transform.appendForward(forward);
        sink.save(QStringLiteral("page"), gray);
    }
    if (cancel.isCancelled())
        return std::nullopt;
    gray = normaliseIllumination(gray);
    sink.save(QStringLiteral("illumination"), gray);
    page.flattened = gray;
    const double skew = estimateSkew(gray);
    if (std::abs(skew) >= 0.05) {
        cv::Matx33d forward;
        gray = rotate(gray, -skew, &forward);
        page.transform.appendForward(forward);
        sink.save(QStringLiteral("deskew"), gray);
    }
    if (cancel.isCancelled())
        return std::nullopt;
    // The text height is measured on a global (Otsu) threshold of the flattened page: cheap,
    // and good enough for a median.
    cv::Mat otsu;
    cv::threshold(gray, otsu, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const double textHeight = estimateTextHeight(otsu);
    const double factor = textScaleFactor(textHeight, kTargetTextHeight, 0.6, 2.0);
    // Rescaling costs OCR time; only text well outside the models' comfortable range is scaled.
    const double appliedFactor = (factor < 0.8 || factor > 1.25) ? factor : 1.0;
    page.enlarged = appliedFactor > 1.0;
    if (appliedFactor != 1.0) {
        cv::Matx33d forward;
        gray = rescale(gray, appliedFactor, &forward);
        page.transform.appendForward(forward);
    }
    const cv::Mat binary = binarizeSauvola(gray, 41, 0.2);
    sink.save(QStringLiteral("binary"), binary);
    if (cancel.isCancelled())
        return std::nullopt;
    // Lines longer than any character are rulings (table lines, digit boxes); long vertical
    // ones also bound the table's columns.
    const double scaledHeight = textHeight > 0 ? textHeight * appliedFactor : kTargetTextHeight;
    const Rulings rulings = detectRulings(binary, int(scaledHeight * kMinHorizontalRulingHeights),
                                           int(scaledHeight * kMinVerticalRulingHeights));
    for (const Ruling& r : rulings.vertical) {
        if (r.length() > scaledHeight * 4)
            page.verticalRulings.append(r.position);
    }
    page.ocrImage = removeRulings(gray, rulings);
    sink.save(QStringLiteral("ocr"), page.ocrImage);
    return page;
}

std::optional<QString> PrescriptionReader::Impl::readDigits(const Page& page, const QRect& box, int minLen, int maxLen,
                                                            double* confidence)
{
    const QRect roi = box.adjusted(-4, -4, 4, 4);
    const OcrWord w = digits->readLine(page.ocrImage, roi, Segmentation::SingleLine);
    QString d = text::compact(w.text);
    d.remove(QLatin1Char('-'));
    d.remove(QLatin1Char('.'));
    *confidence = w.confidence;
    if (d.size() < minLen || d.size() > maxLen)
        return std::nullopt;
    return d;
}

namespace {

/// The column of `image` nearest to `x` (at most a third of `box`'s height away) that has no
/// ink in the middle half of `box`'s height: the space between two characters. At equal distance
/// the column in direction `outward` (-1 or +1) wins. nullopt when none.
std::optional<int> nearestGap(const cv::Mat& image, const QRect& box, int x, int outward = 1)
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

} // namespace

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

std::optional<QStringList> PrescriptionReader::Impl::readDiagnosisCodes(const Page& page, const QRect& box, double* confidence,
                                                                       Segmentation mode, bool* complete)
{
    digits->setWhitelist(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,"));
    const OcrWord w = digits->readIsolated(page.ocrImage, box.adjusted(-4, -4, 4, 4), mode);
    digits->setWhitelist(QLatin1String(kDigitWhitelist));
    *confidence = w.confidence;
    // Matched on the spaced text: a block holds one code per line ("N39.0 K30").
    QStringList codes;
    QString rest = w.text;
    for (const text::KcdCode& c : text::kcdCodes(w.text)) {
        codes.append(c.code);
        rest.replace(c.start, c.length, QString(c.length, QLatin1Char(' ')));
    }
    // Anything else read there, down to one letter or digit, may be what is left of a code
    // ("178.4" for T78.4; "0" for an I10 under a pen stroke, measured on a generated stamp
    // scan): the list is then possibly incomplete.
    static const QRegularExpression codeLike(QStringLiteral("[A-Z0-9]"));
    if (complete)
        *complete = !codeLike.match(text::compact(rest)).hasMatch();
    if (codes.isEmpty())
        return std::nullopt;
    return codes;
}


void PrescriptionReader::Impl::separateMergedNumbers(const Page& page, const QRect& box, core::PrescriptionItem& item)
{
    // Split the token's pixels at gaps wider than a quarter of its height (the spaces between
    // the three numbers; digits of one number sit closer), then read each part on its own with
    // both engines. Only three parts that both engines read alike become values.
    const QRect bounds = box.adjusted(-2, -2, 2, 2).intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
    if (bounds.isEmpty())
        return;
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
    if (parts.size() != 3)
        return;
    double confidence = 1.0;
    QStringList values;
    for (const auto& [from, to] : parts) {
        const QRect part(bounds.x() + from - 3, bounds.y(), to - from + 7, bounds.height());
        const OcrWord a = digits->readLine(page.ocrImage, part, Segmentation::SingleWord);
        const OcrWord b = general->readLine(page.ocrImage, part, Segmentation::SingleWord);
        const QString va = text::compact(a.text);
        if (va.isEmpty() || va != text::compact(b.text))
            confidence = 0.0;
        confidence = std::min(confidence, 1.0 - (1.0 - a.confidence) * (1.0 - b.confidence));
        values.append(va);
    }
    const auto dose = text::parseNumberWithUnit(values[0]);
    const auto times = text::parseCount(values[1]);
    const auto days = text::parseCount(values[2]);
    if (!dose || !times || !days || confidence <= 0.0)
        return;
    // Separated by geometry rather than printed columns: never above the two-engine cap.
    confidence = std::min(confidence, 0.93);
    item.dose = core::Field<double>::read(dose->value, confidence, box);
    item.timesPerDay = core::Field<int>::read(*times, confidence, box);
    item.days = core::Field<int>::read(*days, confidence, box);
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
        if (row.cells.contains(Column::Dose) || item.dose.hasValue()) {
            const QRect box = cellOr(item.dose, Column::Dose);
            QRect digitBox = box;
            if (item.dose.hasValue() && !item.doseUnit.isEmpty()) {
                digitBox = numberPart(page.ocrImage, box, row.doseText);
            } else if (!item.dose.hasValue()) {
                // Nothing read in the cell yet: where its number ends is found from a read of
                // the cell (a unit read as digits by the digit model: "1캡슐" → "148").
                const OcrWord cell = general->readLine(page.ocrImage, box.adjusted(-3, -3, 3, 3), Segmentation::SingleLine);
                if (!cell.box.isNull())
                    digitBox = numberPart(page.ocrImage, cell.box, cell.text);
            }
            settleNumber(page, item.dose, digitBox, box, &Impl::readDecimal);
        }
        if (row.cells.contains(Column::Times) || item.timesPerDay.hasValue()) {
            const QRect box = cellOr(item.timesPerDay, Column::Times);
            settleNumber(page, item.timesPerDay, box, box, &Impl::readCount);
        }
        if (row.cells.contains(Column::Days) || item.days.hasValue()) {
            const QRect box = cellOr(item.days, Column::Days);
            settleNumber(page, item.days, box, box, &Impl::readCount);
        }
    }
    core::Prescription& p = parsed.prescription;
    double conf = 0;
    const bool trustAgreement = !page.bilevel && !page.enlarged;
    if (p.institution.code.hasValue())
        confirmDigitField(p.institution.code, readDigits(page, p.institution.code.box, 8, 8, &conf), conf, trustAgreement);
    if (p.prescriber.licenseNumber.hasValue())
        confirmDigitField(p.prescriber.licenseNumber, readDigits(page, p.prescriber.licenseNumber.box, 3, 6, &conf), conf, trustAgreement);
    if (p.issueNumber.hasValue()) {
        // A number of any length: a neighbour's digit the second read takes in is not a better reading.
        confirmDigitField(p.issueNumber, readDigits(page, p.issueNumber.box, 1, 13, &conf), conf, trustAgreement,
                          /*keepFirstOnConflict=*/true);
    }
    if (p.institution.phone.hasValue()) {
        // Compared digit for digit: the dashes are the standard form's (text::formatPhone()).
        QString pageDigits = *p.institution.phone.value;
        pageDigits.remove(QLatin1Char('-'));
        const auto again = readDigits(page, p.institution.phone.box, 8, 11, &conf);
        core::Field<QString> digitsOnly = core::Field<QString>::read(pageDigits, p.institution.phone.confidence, p.institution.phone.box);
        const bool pageValid = text::formatPhone(pageDigits).has_value();
        confirmDigitField(digitsOnly, again, conf, trustAgreement);
        p.institution.phone.confidence = digitsOnly.confidence;
        // A number that does not exist is a misread however many readings agree. A second
        // reading that does exist ("02-635-3984" against "002-635-3984") is offered instead,
        // under review.
        if (!pageValid) {
            if (const auto standard = again ? text::formatPhone(*again) : std::nullopt)
                p.institution.phone.value = *standard;
            p.institution.phone.confidence = std::min(p.institution.phone.confidence, 0.5);
        }
    }
    if (p.issueDate.hasValue() && parsed.headerValueBoxes.contains(QStringLiteral("issue_date.1"))) {
        // Year, month and day read again alone by the digit model (the page read's 년/월/일
        // stay out of the boxes): all three the same is the second reading the date needs.
        const QDate date = *p.issueDate;
        std::optional<QDate> again;
        double least = 1.0;
        std::array<int, 3> parts {};
        bool read = true;
        for (int part = 0; part < 3 && read; ++part) {
            const QRect box = snappedToGaps(page.ocrImage, parsed.headerValueBoxes.value(QStringLiteral("issue_date.%1").arg(part + 1)));
            const OcrWord w = digits->readIsolated(page.ocrImage, box, Segmentation::SingleLine);
            // A point that closes the part ("2026.") is no digit.
            static const QRegularExpression digitsOnly(QStringLiteral("^[0-9]{1,4}(?=[.-]?$)"));
            const QString t = text::compact(w.text);
            const auto digitsMatch = digitsOnly.match(t);
            read = digitsMatch.hasMatch();
            parts[part] = read ? digitsMatch.captured(0).toInt() : 0;
            least = std::min(least, w.confidence);
        }
        if (read && QDate(parts[0], parts[1], parts[2]).isValid())
            again = QDate(parts[0], parts[1], parts[2]);
        const bool agree = again && *again == date;
        combineReads(p.issueDate, again, least, /*keepFirstOnConflict=*/true);
        if (agree && trustAgreement)
            p.issueDate.confidence = std::max(p.issueDate.confidence, 0.95);
    }
    if (p.validityDays.hasValue() && !p.validityDays.box.isNull()) {
        // "(7)일간": the digits cut out alone, so that brackets and syllables stay out.
        const OcrWord w = digits->readIsolated(page.ocrImage, snappedToGaps(page.ocrImage, p.validityDays.box), Segmentation::SingleLine);
        combineReads(p.validityDays, text::parseCount(w.text), w.confidence, /*keepFirstOnConflict=*/true);
    }
    const QRect kcdBox = p.diagnosisCodes.hasValue() ? p.diagnosisCodes.box : parsed.headerValueBoxes.value(QStringLiteral("diagnosis_codes"));
    const QRect kcdCell = parsed.headerValueBoxes.value(QStringLiteral("diagnosis_codes.cell"))
                              .intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
    if (!kcdCell.isEmpty()) {
        // The statutory form's codes stand on any of the three lines beside its split label. The
        // whole cell read as one block with the KCD character set is a second, independent
        // reading of every code there: only when it finds the same codes as the page read can
        // none have been missed. (Measured on the 300-image benchmark: the page read found no
        // code in 143 of 300 such cells, "H669" for "H66.9" beside a label read as "#2".)
        bool complete = false;
        const auto cellCodes = readDiagnosisCodes(page, kcdCell, &conf, Segmentation::Block, &complete);
        mergeCellCodes(p.diagnosisCodes, cellCodes, conf, complete, kcdCell);
    } else if (parsed.headerValueBoxes.contains(QStringLiteral("diagnosis_codes.split_label"))) {
        // Codes beside a label split over lines: whether one was missed cannot be checked.
        p.diagnosisCodes.confidence = std::min(p.diagnosisCodes.confidence, kBilevelNumberConfidence);
    } else if (!kcdBox.isNull()) {
        // Agreement on the codes both reads found proves nothing about a code neither could
        // read (measured: "K29.7" confirmed twice beside an unreadable I11.9).
        bool complete = false;
        const bool pageComplete = !parsed.headerValueBoxes.contains(QStringLiteral("diagnosis_codes.incomplete"));
        combineReads(p.diagnosisCodes, readDiagnosisCodes(page, kcdBox, &conf, Segmentation::SingleLine, &complete), conf,
                     /*keepFirstOnConflict=*/true);
        if (!complete || !pageComplete)
            p.diagnosisCodes.confidence = std::min(p.diagnosisCodes.confidence, kBilevelNumberConfidence);
    }
    if (!p.institution.code.hasValue() && parsed.headerValueBoxes.contains(QStringLiteral("institution.code"))) {
        const auto code = readDigits(page, parsed.headerValueBoxes.value(QStringLiteral("institution.code")), 8, 8, &conf);
        combineReads(p.institution.code, code, conf);
    }
    // A name the page read dropped or garbled: its place read alone, as one line, by the Korean
    // model first (the page read let Latin letters win: "BAM" for 류승서), then the page's
    // models. A name read this way has no second reading to agree with: it stays under the
    // threshold (see capUnverifiedHeaderFields) like every name.
    for (auto [field, key] : { std::pair { &p.prescriber.name, QStringLiteral("prescriber.name") },
                               std::pair { &p.patient.name, QStringLiteral("patient.name") } }) {
        if (field->hasValue() || !parsed.headerValueBoxes.contains(key))
            continue;
        const QRect box = parsed.headerValueBoxes.value(key).intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
        if (box.isEmpty())
            continue;
        for (TesseractEngine* engine : { koreanEngine(), general.get() }) {
            if (!engine)
                continue;
            const OcrWord line = engine->readLine(page.ocrImage, box, Segmentation::SingleLine);
            if (const auto name = personNameIn(line.text)) {
                *field = core::Field<QString>::read(*name, line.confidence, line.box);
                break;
            }
        }
    }
    if (p.patient.rrn.hasValue()) {
        std::optional<QString> rrn;
        if (p.patient.rrn->endsWith(QLatin1Char('*'))) {
            // Printed masked: the digit model's read of the box (the asterisks come out as
            // anything) is compared on the seven digits before them.
            if (const auto front = readDigits(page, p.patient.rrn.box, 7, 16, &conf))
                rrn = front->left(6) + QLatin1Char('-') + front->mid(6, 1) + QStringLiteral("******");
        } else if (const auto digits13 = readDigits(page, p.patient.rrn.box, 13, 13, &conf)) {
            rrn = core::rrn::normalize(*digits13);
        }
        // Thirteen digits read alike by two models, and a real birth date and sex digit: as
        // certain as the institution code (the digit model rates its own read low, often 0).
        confirmDigitField(p.patient.rrn, rrn, conf, trustAgreement);
    }
}

TesseractEngine* PrescriptionReader::Impl::koreanEngine()
{
    if (!korean && !koreanUnavailable) {
        auto created = TesseractEngine::create(tessdataDir, koreanModel);
        if (created)
            korean = std::move(created).value();
        else
            koreanUnavailable = true;
    }
    return korean.get();
}

TesseractEngine* PrescriptionReader::Impl::otherKoreanEngine()
{
    if (!otherKorean && !otherKoreanUnavailable) {
        const QString other = koreanModel == QLatin1String("kor") ? QStringLiteral("kor_best") : QStringLiteral("kor");
        auto created = TesseractEngine::create(tessdataDir, other);
        if (!created) {
            // The best model may live in another tessdata folder than the page's models.
            if (const auto dir = TessdataLocator(options.tessdataDir).locate({ other }))
                created = TesseractEngine::create(*dir, other);
        }
        if (created)
            otherKorean = std::move(created).value();
        else
            otherKoreanUnavailable = true;
    }
    return otherKorean.get();
}

QSet<QString> PrescriptionReader::Impl::confirmNames(const Page& page, const core::Prescription& p)
{
    QSet<QString> confirmed;
    // Measured on the 300-image benchmark: on 650-pixel scans, enlarged for reading, both models
    // agreed on a wrong vowel in 5 of 97 names (이효회 for 이효희, 오상은 for 오상온, with
    // confidences up to 0.88); faxes thin strokes the same way.
    if (page.bilevel || page.enlarged)
        return confirmed;
    const QRect image(0, 0, page.ocrImage.cols, page.ocrImage.rows);
    const std::array names = {
        std::tuple { &p.patient.name, QStringLiteral("patient.name"), NameKind::Person },
        std::tuple { &p.prescriber.name, QStringLiteral("prescriber.name"), NameKind::Person },
        std::tuple { &p.institution.name, QStringLiteral("institution.name"), NameKind::Institution },
    };
    for (const auto& [field, key, kind] : names) {
        if (!field->hasValue() || field->box.isNull() || field->confidence < kNameReadMinConfidence)
            continue;
        TesseractEngine* other = otherKoreanEngine();
        if (!other)
            break;
        // Widened so that a syllable the page read lost at either end shows in the second read.
        const int h = field->box.height();
        const QRect box = field->box.adjusted(-h, -h / 4, h, h / 4).intersected(image);
        const OcrWord again = other->readLine(page.ocrImage, box, Segmentation::SingleLine);
        if (again.confidence >= kNameReadMinConfidence && secondReadConfirmsName(*field->value, again.text, kind))
            confirmed.insert(key);
    }
    return confirmed;
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

void PrescriptionReader::Impl::mapBoxes(const PageTransform& t, core::Prescription& p) const
{
    auto map = [&](auto& field) { field.box = t.toSource(field.box); };
    map(p.issueDate);
    map(p.issueNumber);
    map(p.validityDays);
    map(p.institution.name);
    map(p.institution.code);
    map(p.institution.phone);
    map(p.prescriber.name);
    map(p.prescriber.licenseType);
    map(p.prescriber.licenseNumber);
    map(p.patient.name);
    map(p.patient.rrn);
    map(p.diagnosisCodes);
    for (core::PrescriptionItem& item : p.items) {
        item.box = t.toSource(item.box);
        map(item.ediCode);
        map(item.nameAsRead);
        map(item.dose);
        map(item.timesPerDay);
        map(item.days);
        map(item.usage);
    }
}

std::optional<Orientation> PrescriptionReader::Impl::detectOrientation(const cv::Mat& gray)
{
    if (orientationUnavailable)
        return std::nullopt;
    // Created for the page and released with it: the legacy engine behind the model holds some
    // 70 MB, and turned pages are rare (measured: kept per worker, a 200-image batch with 2 jobs
    // peaked 100+ MB higher).
    auto created = OrientationDetector::create(tessdataDir);
    if (!created) {
        orientationUnavailable = true;
        return std::nullopt;
    }
    const auto o = (*created)->detect(gray);
    if (!o || o->confidence < kMinOrientationConfidence)
        return std::nullopt;
    return o;
}

core::Result<PrescriptionReader::Impl::Attempt> PrescriptionReader::Impl::attempt(
    const cv::Mat& image, int clockwise, DebugImageSink& sink, const core::CancelToken& cancel,
    core::StageTimings& timings)
{
    QElapsedTimer stage;
    stage.start();
    auto page = preprocess(image, clockwise, sink, cancel);
    timings.preprocess += msSince(stage);
    if (!page || cancel.isCancelled())
        return makeError(ErrorCategory::Cancelled, QStringLiteral("Recognition was cancelled."));

    stage.restart();
    auto words = general->recognise(page->ocrImage, Segmentation::Block, {}, &cancel);
    if (!words)
        return words.error();
    PageText text;
    text.lines = groupIntoLines(*words);
    text.verticalRulings = page->verticalRulings;
    text.size = QSize(page->ocrImage.cols, page->ocrImage.rows);
    timings.ocr += msSince(stage);
    if (sink.enabled()) {
        QString dump;
        for (const OcrLine& line : text.lines) {
            dump += QStringLiteral("[%1,%2 %3x%4] ").arg(line.box.x()).arg(line.box.y()).arg(line.box.width()).arg(line.box.height());
            for (const OcrWord& w : line.words)
                dump += QStringLiteral("%1@%2(%3) ").arg(w.text).arg(w.box.x()).arg(qRound(w.confidence * 100));
            dump += QLatin1Char('\n');
        }
        // Debug output is still output: resident numbers only masked.
        static const QRegularExpression rrn(QStringLiteral("([0-9]{6}) ?-? ?([0-9])[0-9]{6}"));
        dump.replace(rrn, QStringLiteral("\\1-\\2******"));
        sink.saveText(QStringLiteral("lines"), dump);
    }

    stage.restart();
    Attempt a { std::move(*page), parsePage(text) };
    timings.parse += msSince(stage);
    return a;
}

namespace {

/// How much of a prescription an attempt found: drug lines weigh most, then header fields.
int foundScore(const ParsedPage& parsed)
{
    const core::Prescription& p = parsed.prescription;
    const int header = int(p.issueDate.hasValue()) + int(p.institution.name.hasValue()) + int(p.institution.code.hasValue())
        + int(p.patient.name.hasValue()) + int(p.patient.rrn.hasValue()) + int(p.prescriber.name.hasValue());
    return int(p.items.size()) * 10 + header;
}

} // namespace

core::ImportResult PrescriptionReader::read(const QString& path, const core::CancelToken& cancel)
{
    return read(path, 0, cancel);
}

core::ImportResult PrescriptionReader::read(const QString& path, int pageIndex, const core::CancelToken& cancel)
{
    core::ImportResult result;
    result.source = path;
    QElapsedTimer total;
    total.start();
    auto finish = [&](std::optional<core::Error> error) {
        if (error) {
            result.error = std::move(error);
            result.prescription.reset();
        }
        result.settleStatus();
        result.timings.total = msSince(total);
        releaseFreedMemory();
        return result;
    };

    try {
        QElapsedTimer stage;
        stage.start();
        LoadLimits limits;
        limits.maxPixels = d->options.maxPixels;
        auto loaded = loadImage(path, limits, &result.sha256, pageIndex);
        if (pageIndex > 0 || (loaded && loaded->pageCount > 1))
            result.page = pageIndex + 1;
        if (!loaded)
            return finish(loaded.error());
        result.timings.preprocess = msSince(stage);
        QString sinkName = QFileInfo(path).completeBaseName();
        if (result.page > 0)
            sinkName += QStringLiteral("-p%1").arg(result.page);
        DebugImageSink sink(d->options.debugImageDir, sinkName);

        auto tried = d->attempt(loaded->image, 0, sink, cancel, result.timings);
        if (!tried)
            return finish(tried.error());
        if (!tried->parsed.table || tried->parsed.prescription.items.isEmpty()) {
            // Nothing like a prescription on the page as it lies: it may be turned 90° or
            // upside down (a sheet fed the wrong way). Ask the orientation model, read again
            // turned, and keep whichever reading found more.
            if (const auto turn = d->detectOrientation(tried->page.flattened); turn && turn->clockwise != 0) {
                auto turned = d->attempt(loaded->image, turn->clockwise, sink, cancel, result.timings);
                if (!turned)
                    return finish(turned.error());
                if (foundScore(turned->parsed) > foundScore(tried->parsed))
                    tried = std::move(turned);
            }
        }
        const Impl::Page* page = &tried->page;
        ParsedPage& parsed = tried->parsed;
        if (cancel.isCancelled())
            return finish(makeError(ErrorCategory::Cancelled, QStringLiteral("Recognition was cancelled.")));

        stage.restart();
        d->rereadNumbers(*page, parsed);
        d->rereadNames(*page, parsed);
        // Units are printed for every line or for none: a line without one among lines with
        // one had its unit read as something else, perhaps as a digit of the dose.
        const bool someUnits = std::any_of(parsed.prescription.items.cbegin(), parsed.prescription.items.cend(),
                                           [](const core::PrescriptionItem& i) { return !i.doseUnit.isEmpty(); });
        for (core::PrescriptionItem& item : parsed.prescription.items) {
            if (someUnits && item.doseUnit.isEmpty())
                item.dose.confidence = std::min(item.dose.confidence, kBilevelNumberConfidence);
        }
        if (page->bilevel) {
            // Measured on generated faxes: both engines can agree on a wrong digit ("1" read
            // as "4") once a fax has thinned the strokes, so agreement is not certainty there.
            for (core::PrescriptionItem& item : parsed.prescription.items) {
                item.dose.confidence = std::min(item.dose.confidence, kBilevelNumberConfidence);
                item.timesPerDay.confidence = std::min(item.timesPerDay.confidence, kBilevelNumberConfidence);
                item.days.confidence = std::min(item.days.confidence, kBilevelNumberConfidence);
            }
        }
        result.timings.ocr += msSince(stage);

        stage.restart();
        core::Prescription& p = parsed.prescription;
        p.id = QUuid::createUuid();
        ReviewPolicy policy;
        policy.threshold = d->options.reviewThreshold;
        for (qsizetype i = 0; i < p.items.size(); ++i) {
            const auto& printed = parsed.rows[i].printedTotal;
            reviewItem(p.items[i], *d->catalog, policy, printed.hasValue() ? std::optional<double>(*printed) : std::nullopt);
        }
        const QSet<QString> confirmedNames = d->confirmNames(*page, p);
        capUnverifiedHeaderFields(p, page->bilevel, kBilevelNumberConfidence, confirmedNames);
        reviewHeader(p, policy);
        p.alerts = d->catalog->checkDur(p);
        d->mapBoxes(page->transform, p);
        result.prescription = std::move(p);
        result.timings.match = msSince(stage);
        return finish(std::nullopt);
    } catch (const cv::Exception& e) {
        return finish(makeError(ErrorCategory::Input, QStringLiteral("The image could not be processed."), QString::fromUtf8(e.what())));
    } catch (const std::exception& e) {
        return finish(makeError(ErrorCategory::Internal, QStringLiteral("Recognition failed unexpectedly."), QString::fromUtf8(e.what())));
    }
}

} // namespace pharmdesk::ocr
