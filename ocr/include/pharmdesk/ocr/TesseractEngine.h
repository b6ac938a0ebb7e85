// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/ocr/OcrTypes.h"

#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>

namespace pharmdesk::ocr {

/// Page segmentation modes used here (values are Tesseract's PSM numbers).
enum class Segmentation {
    Auto = 3,          ///< full layout analysis
    SingleColumn = 4,  ///< one column of text of variable sizes
    Block = 6,         ///< one uniform block of text
    SingleLine = 7,    ///< one text line (cells)
    SingleWord = 8,
    Sparse = 11,       ///< as much text as possible in no particular order
};

/// One Tesseract instance (TessBaseAPI), initialised once with a model set and reused.
///
/// Threading: an engine belongs to one thread at a time; create one per worker. Tesseract types
/// stay inside the implementation.
class TesseractEngine
{
public:
    /// `languages` like "kor+eng"; `whitelist` non-empty restricts the characters (e.g. digits).
    static core::Result<std::unique_ptr<TesseractEngine>> create(const QString& tessdataDir, const QString& languages,
                                                                 const QString& whitelist = {});
    ~TesseractEngine();
    TesseractEngine(const TesseractEngine&) = delete;
    TesseractEngine& operator=(const TesseractEngine&) = delete;

    QString languages() const;

    /// Restricts recognition to these characters from now on (empty: no restriction).
    void setWhitelist(const QString& characters);

    /// Recognises `image` (8-bit gray, text dark on light), restricted to `roi` when not null,
    /// and returns its words with boxes in `image` pixels and 0..1 confidences. Stops early (a
    /// Cancelled error) when `cancel` is set or `deadlineMs` (> 0) passes.
    core::Result<QList<OcrWord>> recognise(const cv::Mat& image, Segmentation mode, const QRect& roi = {},
                                           const core::CancelToken* cancel = nullptr, int deadlineMs = 0);

    /// Reads `roi` as one line and returns it as a single word: the text with inner spaces kept,
    /// the union box and the mean word confidence. Empty text when nothing was read.
    OcrWord readLine(const cv::Mat& image, const QRect& roi, Segmentation mode = Segmentation::SingleLine);

    /// Like readLine(), on `roi` cut out of `image`, enlarged to 48 pixels high when smaller,
    /// binarised (Otsu) and set on a white margin of half its height: nothing beside the box (a
    /// unit's first stroke, a ruling's remains) reaches the model, and a lone narrow glyph ("1")
    /// is read at a size and with the room around it the model was trained with. The box
    /// returned is in `image` pixels.
    OcrWord readIsolated(const cv::Mat& image, const QRect& roi, Segmentation mode = Segmentation::SingleLine);

private:
    TesseractEngine();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pharmdesk::ocr
