// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/PrescriptionReader.h"

#include "pharmdesk/ocr/DebugImageSink.h"
#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ocr/LineReview.h"
#include "pharmdesk/ocr/OrientationDetector.h"
#include "pharmdesk/ocr/Preprocess.h"
#include "pharmdesk/ocr/TableRulings.h"
#include "pharmdesk/ocr/TessdataLocator.h"
#include "pharmdesk/ocr/TesseractEngine.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include "pharmdesk/core/Rrn.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include <opencv2/imgproc.hpp>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pharmdesk::ocr {

namespace {

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

/// Combines the general read of a digit field with the digit-only re-read: agreement raises the
/// confidence (two independent readings), disagreement sinks it under any review threshold.
template<typename T>
void combineReads(core::Field<T>& field, const std::optional<T>& digitValue, double digitConfidence,
                  bool keepFirstOnConflict = false)
{
    if (!digitValue) {
        field.confidence *= 0.9;  // a single reading
        return;
    }
    if (!field.hasValue()) {
        field.value = digitValue;
        field.confidence = digitConfidence * 0.85;
        return;
    }
    if (*field.value == *digitValue) {
        field.confidence = std::min(0.995, 1.0 - (1.0 - field.confidence) * (1.0 - digitConfidence));
        return;
    }
    if (digitConfidence > field.confidence && !keepFirstOnConflict)
        field.value = digitValue;
    field.confidence = std::min(field.confidence, digitConfidence) * 0.5;
}

/// A header number of several digits (요양기관기호, 면허번호, 교부번호, a phone number) read by the
/// page and again alone by the digit model. Two different models reading the same digit string
/// is strong evidence however low the page read rated itself (a colon glued to the number,
/// "：:31221122", takes its word confidence to 0.02, and a digit whitelist keeps the second
/// read's own rating low): the agreement of four or more digits counts as certain, unless
/// `trustAgreement` is false — faxes and enlarged low-resolution scans, where both models were
/// measured agreeing on a wrong digit.
void confirmDigitField(core::Field<QString>& field, const std::optional<QString>& again, double againConfidence,
                       bool trustAgreement, bool keepFirstOnConflict = false)
{
    constexpr double kAgreed = 0.95;
    const bool agree = field.hasValue() && again && *field.value == *again;
    combineReads(field, again, againConfidence, keepFirstOnConflict);
    if (agree && trustAgreement && field.value->size() >= 4)
        field.confidence = std::max(field.confidence, kAgreed);
}

/// The codes read beside the statutory form's split label (`field`, the page read) and those
/// read from the whole cell (`cell`). Only the same codes from both, with nothing else in the
/// cell that could be a misread code, leave the field certain. Otherwise the cell's reading
/// (it sees every line of the cell) is offered for review when it holds all the page read's.
void mergeCellCodes(core::Field<QStringList>& field, const std::optional<QStringList>& cell, double cellConfidence,
                    bool cellComplete, const QRect& cellBox)
{
    constexpr double kUnconfirmed = 0.85;  // under any sensible review threshold
    if (!cell) {
        field.confidence = std::min(field.confidence, kUnconfirmed);
        return;
    }
    const bool same = field.hasValue() && QSet<QString>(field.value->cbegin(), field.value->cend())
                                              == QSet<QString>(cell->cbegin(), cell->cend());
    if (same) {
        field.confidence = std::min(0.995, 1.0 - (1.0 - field.confidence) * (1.0 - cellConfidence));
        if (!cellComplete)
            field.confidence = std::min(field.confidence, kUnconfirmed);
        return;
    }
    const bool cellHasAll = !field.hasValue() || std::all_of(field.value->cbegin(), field.value->cend(), [&](const QString& c) {
        return cell->contains(c);
    });
    const double before = field.hasValue() ? field.confidence : cellConfidence;
    if (cellHasAll) {
        field.value = cell;
        field.box = cellBox;
    }
    field.confidence = std::min({ before, cellConfidence, kUnconfirmed }) * 0.5;
}

/// When the page read and the digit re-read disagree, a third read of the cell by the general
/// engine decides: with the digit read it makes two independent models agreeing; with the page
/// read it is the same model twice, which stays under review.
template<typename T>
void voteReads(core::Field<T>& field, const std::optional<T>& digitValue, double digitConfidence,
               const std::optional<T>& cellValue, double cellConfidence)
{
    const bool pageAgrees = field.hasValue() && cellValue && *field.value == *cellValue;
    const bool digitAgrees = digitValue && cellValue && *digitValue == *cellValue;
    if (digitAgrees) {
        // Two of three readings agree; the page read, when it had a value, dissents. Measured
        // (300-image benchmark, a 650-pixel Gulim scan): the digit and cell reads agreed on "4"
        // where the page read the printed "1". A dissent keeps the field under review.
        const bool pageDissents = field.hasValue() && *field.value != *digitValue;
        field.value = digitValue;
        field.confidence = std::min(pageDissents ? 0.85 : 0.93, 1.0 - (1.0 - digitConfidence) * (1.0 - cellConfidence));
    } else if (pageAgrees) {
        field.confidence = std::min(0.85, 1.0 - (1.0 - field.confidence) * (1.0 - cellConfidence));
    } else {
        if (!field.hasValue())
            field.value = digitValue ? digitValue : cellValue;
        field.confidence = std::min({ field.confidence, digitConfidence, cellConfidence }) * 0.5;
    }
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

std::optional<int> PrescriptionReader::Impl::readCount(const Page& page, const QRect& box, double* confidence,
                                                      TesseractEngine* engine)
{
    const OcrWord w = (engine ? engine : digits.get())->readLine(page.ocrImage, box.adjusted(-3, -3, 3, 3), Segmentation::SingleLine);
    *confidence = w.confidence;
    return text::parseCount(w.text);
}

std::optional<double> PrescriptionReader::Impl::readDecimal(const Page& page, const QRect& box, double* confidence,
                                                           TesseractEngine* engine)
{
    const OcrWord w = (engine ? engine : digits.get())->readLine(page.ocrImage, box.adjusted(-3, -3, 3, 3), Segmentation::SingleLine);
    *confidence = w.confidence;
    const auto n = text::parseNumberWithUnit(w.text);
    return n ? std::optional<double>(n->value) : std::nullopt;
}

std::optional<QStringList> PrescriptionReader::Impl::readDiagnosisCodes(const Page& page, const QRect& box, double* confidence,
                                                                       Segmentation mode, bool* complete)
{
    digits->setWhitelist(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,"));
    const OcrWord w = digits->readLine(page.ocrImage, box.adjusted(-4, -4, 4, 4), mode);
    digits->setWhitelist(QLatin1String(kDigitWhitelist));
    *confidence = w.confidence;
    // Matched on the spaced text: a block holds one code per line ("N39.0 K30").
    QStringList codes;
    QString rest = w.text;
    for (const text::KcdCode& c : text::kcdCodes(w.text)) {
        codes.append(c.code);
        rest.replace(c.start, c.length, QString(c.length, QLatin1Char(' ')));
    }
    // Anything else read there that could be a code misread ("178.4" for T78.4) leaves the
    // list possibly incomplete.
    static const QRegularExpression codeLike(QStringLiteral("[A-Z0-9]{3}"));
    if (complete)
        *complete = !codeLike.match(text::compact(rest)).hasMatch();
    if (codes.isEmpty())
        return std::nullopt;
    return codes;
}

namespace {

/// The part of a cell's box that holds the number of "1캡슐": Hangul is about twice as wide as
/// a digit, so the cut is proportional to the characters' typical widths.
QRect numberPart(const QRect& box, const QString& text)
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
    if (total <= 0 || numberWidth >= total)
        return box;
    QRect r = box;
    r.setWidth(std::max(4, int(box.width() * numberWidth / total) + box.height() / 6));
    return r;
}

} // namespace

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
            const auto code = readDigits(page, item.ediCode.box, 9, 9, &conf);
            combineReads(item.ediCode, code, conf);
        } else if (!item.ediCode.hasValue() && row.cells.contains(Column::Code)) {
            const auto code = readDigits(page, row.cells.value(Column::Code), 9, 9, &conf);
            combineReads(item.ediCode, code, conf);
        }
        if (!row.mergedNumbers.isNull())
            continue;
        if (row.cells.contains(Column::Dose) || item.dose.hasValue()) {
            const QRect box = cellOr(item.dose, Column::Dose);
            const QRect digitBox = item.dose.hasValue() && !item.doseUnit.isEmpty() ? numberPart(box, row.doseText) : box;
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
        // Compared digit for digit: the dashes are the page read's to keep.
        QString pageDigits = *p.institution.phone.value;
        pageDigits.remove(QLatin1Char('-'));
        const auto again = readDigits(page, p.institution.phone.box, 9, 11, &conf);
        core::Field<QString> digitsOnly = core::Field<QString>::read(pageDigits, p.institution.phone.confidence, p.institution.phone.box);
        confirmDigitField(digitsOnly, again, conf, trustAgreement);
        p.institution.phone.confidence = digitsOnly.confidence;
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
        combineReads(p.diagnosisCodes, readDiagnosisCodes(page, kcdBox, &conf), conf, /*keepFirstOnConflict=*/true);
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
        if (const auto digits13 = readDigits(page, p.patient.rrn.box, 13, 13, &conf))
            rrn = core::rrn::normalize(*digits13);
        combineReads(p.patient.rrn, rrn, conf);
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
        capUnverifiedHeaderFields(p, page->bilevel, kBilevelNumberConfidence);
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
