// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/PrescriptionReader.h"

#include "pharmdesk/ocr/DebugImageSink.h"
#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/ImageLoader.h"
#include "pharmdesk/ocr/LineReview.h"
#include "pharmdesk/ocr/Preprocess.h"
#include "pharmdesk/ocr/TableRulings.h"
#include "pharmdesk/ocr/TessdataLocator.h"
#include "pharmdesk/ocr/TesseractEngine.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include "pharmdesk/core/Rrn.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QUuid>

#include <opencv2/imgproc.hpp>

namespace pharmdesk::ocr {

namespace {

using core::ErrorCategory;
using core::makeError;

/// Character height (pixels) the page is scaled to before OCR: Tesseract's LSTM models read
/// best around 20-30 px; smaller text loses strokes, larger text only costs time.
constexpr double kTargetTextHeight = 26.0;

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Combines the general read of a digit field with the digit-only re-read: agreement raises the
/// confidence (two independent readings), disagreement sinks it under any review threshold.
template<typename T>
void combineReads(core::Field<T>& field, const std::optional<T>& digitValue, double digitConfidence)
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
    if (digitConfidence > field.confidence)
        field.value = digitValue;
    field.confidence = std::min(field.confidence, digitConfidence) * 0.5;
}

} // namespace

struct PrescriptionReader::Impl
{
    ReaderOptions options;
    std::shared_ptr<const core::DrugCatalog> catalog;
    std::unique_ptr<TesseractEngine> general;   ///< kor+eng, the whole page
    std::unique_ptr<TesseractEngine> digits;    ///< eng with a digit whitelist, cells and fields

    struct Page
    {
        cv::Mat ocrImage;      ///< normalised grey, rescaled, rulings whitened
        PageTransform transform;
        QList<int> verticalRulings;
    };

    std::optional<Page> preprocess(const cv::Mat& image, DebugImageSink& sink, const core::CancelToken& cancel) const;
    std::optional<int> readCount(const Page& page, const QRect& box, double* confidence);
    std::optional<double> readDecimal(const Page& page, const QRect& box, double* confidence);
    std::optional<QString> readDigits(const Page& page, const QRect& box, int minLen, int maxLen, double* confidence);
    void rereadNumbers(const Page& page, ParsedPage& parsed);
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
    auto digits = TesseractEngine::create(*dir, QStringLiteral("eng"), QStringLiteral("0123456789.-"));
    if (!digits)
        return digits.error();
    std::unique_ptr<PrescriptionReader> reader(new PrescriptionReader());
    reader->d->options = options;
    reader->d->catalog = std::move(catalog);
    reader->d->general = std::move(general).value();
    reader->d->digits = std::move(digits).value();
    return reader;
}

std::optional<PrescriptionReader::Impl::Page> PrescriptionReader::Impl::preprocess(const cv::Mat& image, DebugImageSink& sink,
                                                                                 const core::CancelToken& cancel) const
{
    Page page;
    cv::Mat gray = toGray(image);
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
    const double skew = estimateSkew(gray);
    if (std::abs(skew) >= 0.05) {
        cv::Matx33d forward;
        gray = rotate(gray, -skew, &forward);
        page.transform.appendForward(forward);
        sink.save(QStringLiteral("deskew"), gray);
    }
    if (cancel.isCancelled())
        return std::nullopt;
    cv::Mat binary = binarizeSauvola(gray);
    const double textHeight = estimateTextHeight(binary);
    const double factor = textScaleFactor(textHeight, kTargetTextHeight, 0.6, 2.0);
    const double appliedFactor = std::abs(factor - 1.0) > 0.1 ? factor : 1.0;
    if (appliedFactor != 1.0) {
        cv::Matx33d forward;
        gray = rescale(gray, factor, &forward);
        page.transform.appendForward(forward);
        binary = binarizeSauvola(gray);
    }
    sink.save(QStringLiteral("binary"), binary);
    if (cancel.isCancelled())
        return std::nullopt;
    // Lines longer than any character are rulings (table lines, digit boxes); long vertical
    // ones also bound the table's columns.
    const double scaledHeight = textHeight > 0 ? textHeight * appliedFactor : kTargetTextHeight;
    const Rulings rulings = detectRulings(binary, int(scaledHeight * 2.5), int(scaledHeight * 1.3));
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

std::optional<int> PrescriptionReader::Impl::readCount(const Page& page, const QRect& box, double* confidence)
{
    const OcrWord w = digits->readLine(page.ocrImage, box.adjusted(-3, -3, 3, 3), Segmentation::SingleLine);
    *confidence = w.confidence;
    return text::parseCount(w.text);
}

std::optional<double> PrescriptionReader::Impl::readDecimal(const Page& page, const QRect& box, double* confidence)
{
    const OcrWord w = digits->readLine(page.ocrImage, box.adjusted(-3, -3, 3, 3), Segmentation::SingleLine);
    *confidence = w.confidence;
    const auto n = text::parseNumberWithUnit(w.text);
    return n ? std::optional<double>(n->value) : std::nullopt;
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
        if (item.ediCode.hasValue() && !item.ediCode->at(0).isLetter()) {
            const auto code = readDigits(page, item.ediCode.box, 9, 9, &conf);
            combineReads(item.ediCode, code, conf);
        } else if (!item.ediCode.hasValue() && row.cells.contains(Column::Code)) {
            const auto code = readDigits(page, row.cells.value(Column::Code), 9, 9, &conf);
            combineReads(item.ediCode, code, conf);
        }
        if (row.cells.contains(Column::Dose) || item.dose.hasValue()) {
            const auto v = readDecimal(page, cellOr(item.dose, Column::Dose), &conf);
            combineReads(item.dose, v, conf);
        }
        if (row.cells.contains(Column::Times) || item.timesPerDay.hasValue()) {
            const auto v = readCount(page, cellOr(item.timesPerDay, Column::Times), &conf);
            combineReads(item.timesPerDay, v, conf);
        }
        if (row.cells.contains(Column::Days) || item.days.hasValue()) {
            const auto v = readCount(page, cellOr(item.days, Column::Days), &conf);
            combineReads(item.days, v, conf);
        }
    }
    core::Prescription& p = parsed.prescription;
    double conf = 0;
    if (p.institution.code.hasValue())
        combineReads(p.institution.code, readDigits(page, p.institution.code.box, 8, 8, &conf), conf);
    if (p.prescriber.licenseNumber.hasValue())
        combineReads(p.prescriber.licenseNumber, readDigits(page, p.prescriber.licenseNumber.box, 3, 7, &conf), conf);
    if (p.patient.rrn.hasValue()) {
        std::optional<QString> rrn;
        if (const auto digits13 = readDigits(page, p.patient.rrn.box, 13, 13, &conf))
            rrn = core::rrn::normalize(*digits13);
        combineReads(p.patient.rrn, rrn, conf);
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

core::ImportResult PrescriptionReader::read(const QString& path, const core::CancelToken& cancel)
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
        return result;
    };

    try {
        QElapsedTimer stage;
        stage.start();
        LoadLimits limits;
        limits.maxPixels = d->options.maxPixels;
        auto loaded = loadImage(path, limits, &result.sha256);
        if (!loaded)
            return finish(loaded.error());
        DebugImageSink sink(d->options.debugImageDir, QFileInfo(path).completeBaseName());
        const auto page = d->preprocess(loaded->image, sink, cancel);
        result.timings.preprocess = msSince(stage);
        if (!page || cancel.isCancelled())
            return finish(makeError(ErrorCategory::Cancelled, QStringLiteral("Recognition was cancelled.")));

        stage.restart();
        auto words = d->general->recognise(page->ocrImage, Segmentation::Block, {}, &cancel);
        if (!words)
            return finish(words.error());
        PageText text;
        text.lines = groupIntoLines(*words);
        text.verticalRulings = page->verticalRulings;
        text.size = QSize(page->ocrImage.cols, page->ocrImage.rows);
        result.timings.ocr = msSince(stage);
        if (sink.enabled()) {
            QString dump;
            for (const OcrLine& line : text.lines) {
                dump += QStringLiteral("[%1,%2 %3x%4] ").arg(line.box.x()).arg(line.box.y()).arg(line.box.width()).arg(line.box.height());
                for (const OcrWord& w : line.words)
                    dump += QStringLiteral("%1@%2(%3) ").arg(w.text).arg(w.box.x()).arg(qRound(w.confidence * 100));
                dump += QLatin1Char('\n');
            }
            sink.saveText(QStringLiteral("lines"), dump);
        }

        stage.restart();
        ParsedPage parsed = parsePage(text);
        result.timings.parse = msSince(stage);
        if (cancel.isCancelled())
            return finish(makeError(ErrorCategory::Cancelled, QStringLiteral("Recognition was cancelled.")));

        stage.restart();
        d->rereadNumbers(*page, parsed);
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
        reviewHeader(p, policy);
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
