// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/TesseractEngine.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <opencv2/imgproc.hpp>

#include <QRectF>

namespace pharmdesk::ocr {

namespace {

/// Tesseract hands out new[]-allocated strings.
using TessText = std::unique_ptr<char[]>;

QString takeText(char* raw)
{
    const TessText owned(raw);
    return owned ? QString::fromUtf8(owned.get()).trimmed() : QString();
}

bool cancelRequested(void* token, int /*words*/)
{
    return static_cast<const core::CancelToken*>(token)->isCancelled();
}

} // namespace

struct TesseractEngine::Impl
{
    tesseract::TessBaseAPI api;
    QString languages;
};

TesseractEngine::TesseractEngine() : d(std::make_unique<Impl>()) { }
TesseractEngine::~TesseractEngine()
{
    d->api.End();
}

QString TesseractEngine::languages() const
{
    return d->languages;
}

core::Result<std::unique_ptr<TesseractEngine>> TesseractEngine::create(const QString& tessdataDir,
                                                                       const QString& languages,
                                                                       const QString& whitelist)
{
    std::unique_ptr<TesseractEngine> engine(new TesseractEngine());
    const QByteArray dir = tessdataDir.toLocal8Bit();
    const QByteArray langs = languages.toUtf8();
    if (engine->d->api.Init(dir.constData(), langs.constData(), tesseract::OEM_LSTM_ONLY) != 0) {
        return core::makeError(core::ErrorCategory::Recognition,
                               QStringLiteral("The OCR engine could not load its models (%1).").arg(languages),
                               QStringLiteral("tessdata: ") + tessdataDir);
    }
    engine->d->languages = languages;
    if (!whitelist.isEmpty())
        engine->d->api.SetVariable("tessedit_char_whitelist", whitelist.toUtf8().constData());
    // Quiet: no debug output on stderr from the library.
    engine->d->api.SetVariable("debug_file", "/dev/null");
    return engine;
}

void TesseractEngine::setWhitelist(const QString& characters)
{
    d->api.SetVariable("tessedit_char_whitelist", characters.toUtf8().constData());
}

core::Result<QList<OcrWord>> TesseractEngine::recognise(const cv::Mat& image, Segmentation mode, const QRect& roi,
                                                        const core::CancelToken* cancel, int deadlineMs)
{
    if (image.empty() || image.type() != CV_8UC1)
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("OCR needs an 8-bit grey image."));
    tesseract::TessBaseAPI& api = d->api;
    api.Clear();
    api.SetPageSegMode(static_cast<tesseract::PageSegMode>(int(mode)));
    api.SetImage(image.data, image.cols, image.rows, 1, int(image.step));
    api.SetSourceResolution(300);
    if (!roi.isNull()) {
        const QRect r = roi.intersected(QRect(0, 0, image.cols, image.rows));
        if (r.isEmpty())
            return QList<OcrWord>();
        api.SetRectangle(r.x(), r.y(), r.width(), r.height());
    }
    tesseract::ETEXT_DESC monitor;
    if (cancel) {
        monitor.cancel = &cancelRequested;
        monitor.cancel_this = const_cast<core::CancelToken*>(cancel);
    }
    if (deadlineMs > 0)
        monitor.set_deadline_msecs(deadlineMs);
    const int rc = api.Recognize(&monitor);
    if (cancel && cancel->isCancelled())
        return core::makeError(core::ErrorCategory::Cancelled, QStringLiteral("Recognition was cancelled."));
    if (rc != 0)
        return core::makeError(core::ErrorCategory::Recognition, QStringLiteral("The OCR engine failed on this image."));

    QList<OcrWord> words;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it)
        return words;
    const auto level = tesseract::RIL_WORD;
    do {
        if (it->Empty(level))
            continue;
        OcrWord w;
        w.text = takeText(it->GetUTF8Text(level));
        if (w.text.isEmpty())
            continue;
        int l = 0, t = 0, r = 0, b = 0;
        it->BoundingBox(level, &l, &t, &r, &b);
        w.box = QRect(QPoint(l, t), QPoint(r - 1, b - 1));
        // Word confidence is on Tesseract's 0-100 scale.
        w.confidence = std::clamp(double(it->Confidence(level)) / 100.0, 0.0, 1.0);
        words.append(w);
    } while (it->Next(level));
    return words;
}

OcrWord TesseractEngine::readLine(const cv::Mat& image, const QRect& roi, Segmentation mode)
{
    OcrWord line;
    auto words = recognise(image, mode, roi);
    if (!words || words->isEmpty())
        return line;
    double sum = 0;
    for (const OcrWord& w : *words) {
        if (!line.text.isEmpty())
            line.text.append(QLatin1Char(' '));
        line.text.append(w.text);
        line.box = line.box.united(w.box);
        sum += w.confidence;
    }
    line.confidence = sum / double(words->size());
    return line;
}

OcrWord TesseractEngine::readIsolated(const cv::Mat& image, const QRect& roi, Segmentation mode)
{
    const QRect r = roi.intersected(QRect(0, 0, image.cols, image.rows));
    if (r.isEmpty())
        return {};
    // Small glyphs are enlarged and made black on white: measured on the 300-image benchmark, the
    // digit model read a lone 21-pixel "1" as nothing, or "2", in grey, and right once either done.
    // (Binarised after a margin of paper was added, the dates' digits were read worse: issue
    // dates confirmed fell from 158 to 13 of 300.)
    constexpr int kMinHeight = 48;
    const double scale = r.height() < kMinHeight ? double(kMinHeight) / r.height() : 1.0;
    cv::Mat cut;
    cv::resize(image(cv::Rect(r.x(), r.y(), r.width(), r.height())), cut, cv::Size(), scale, scale, cv::INTER_CUBIC);
    cv::threshold(cut, cut, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const int margin = std::max(8, cut.rows / 2);
    cv::copyMakeBorder(cut, cut, margin, margin, margin, margin, cv::BORDER_CONSTANT, cv::Scalar(255));
    OcrWord word = readLine(cut, QRect(), mode);
    if (!word.box.isNull()) {
        const QRectF b(word.box);
        word.box = QRectF((b.x() - margin) / scale + r.x(), (b.y() - margin) / scale + r.y(), b.width() / scale,
                          b.height() / scale)
                       .toAlignedRect()
                       .intersected(r.adjusted(-1, -1, 1, 1));
    }
    return word;
}

} // namespace pharmdesk::ocr
