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
#include "ReaderImpl.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
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

Q_LOGGING_CATEGORY(lcReads, "pharmdesk.ocr.reads", QtWarningMsg)

using namespace reader;
using namespace agreement;

namespace {

using core::ErrorCategory;
using core::makeError;

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

TesseractEngine* PrescriptionReader::Impl::optionalEngine(OptionalEngine& slot, const QString& model)
{
    if (!slot.engine && !slot.unavailable) {
        auto created = TesseractEngine::create(tessdataDir, model);
        if (!created) {
            // The best models may live in another tessdata folder than the page's models.
            if (const auto dir = TessdataLocator(options.tessdataDir).locate({ model }))
                created = TesseractEngine::create(*dir, model);
        }
        if (created)
            slot.engine = std::move(created).value();
        else
            slot.unavailable = true;
    }
    return slot.engine.get();
}

TesseractEngine* PrescriptionReader::Impl::otherKoreanEngine()
{
    return optionalEngine(otherKorean, koreanModel == QLatin1String("kor") ? QStringLiteral("kor_best") : QStringLiteral("kor"));
}

TesseractEngine* PrescriptionReader::Impl::englishBestEngine()
{
    return optionalEngine(englishBest, QStringLiteral("eng_best"));
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
    rescueLabels(*page, text);
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
        d->confirmHeader(*page, parsed);
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
