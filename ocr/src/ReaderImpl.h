// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The prescription reader's internals, shared by its three sources: PrescriptionReader.cpp (the
// pipeline: preprocess, read the page, parse, review), TableRereads.cpp (the drug table's codes
// and numbers read again alone) and HeaderRereads.cpp (the header's fields read a second and a
// third time). Private to the ocr module; one Impl per reader, used by one thread at a time.

#include "pharmdesk/ocr/DebugImageSink.h"
#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/OrientationDetector.h"
#include "pharmdesk/ocr/Preprocess.h"
#include "pharmdesk/ocr/PrescriptionReader.h"
#include "pharmdesk/ocr/TesseractEngine.h"

#include "pharmdesk/core/DrugCatalog.h"

#include <QLoggingCategory>
#include <QRect>
#include <QSet>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>
#include <optional>

namespace pharmdesk::ocr {

/// Every second and third reading of a header field and how it was combined, for whoever tunes
/// the reader: QT_LOGGING_RULES="pharmdesk.ocr.reads.debug=true". Off by default. Names and
/// numbers of the header are written as read; the resident number never is (only whether the
/// readings agreed).
Q_DECLARE_LOGGING_CATEGORY(lcReads)

namespace reader {

/// Character height (pixels) the page is scaled to before OCR: Tesseract's LSTM models read
/// best around 20-30 px; smaller text loses strokes, larger text only costs time.
inline constexpr double kTargetTextHeight = 26.0;

/// Highest confidence a table number read from a bilevel (fax) capture, or a dose whose unit
/// went missing, can have: under the default review threshold.
inline constexpr double kBilevelNumberConfidence = 0.85;

/// Orientation confidence (Tesseract's OSD scale) from which a page is read turned. Upright and
/// turned sample pages scored 3-14; text-free or noisy pages score under 1.
inline constexpr double kMinOrientationConfidence = 1.5;

/// Lowest OCR confidence of each of the two readings of a name for their agreement to count.
/// Measured on the 300-image benchmark: every agreement on a wrong three-syllable name (a vowel
/// misread by both models: 이효회, 권건을, 오상은) had one reading under 0.85; so had the 오철을
/// for 오철율 on a dot-matrix print. From 0.85 on, the only wrong agreements left (6 of 321)
/// were two-syllable fragments and clinic names without 의원, which secondReadConfirmsName() refuses.
inline constexpr double kNameReadMinConfidence = 0.85;

/// Lowest rating of each of two readings of a usage that agree on one of the common usages
/// (text::isCommonUsage()) for the agreement to count; other usages need kNameReadMinConfidence.
inline constexpr double kCommonUsageMinConfidence = 0.6;

/// Characters of the digit-only re-reads (codes, doses, counts, numbers in the header).
inline constexpr const char* kDigitWhitelist = "0123456789.-";

/// The column of `image` nearest to `x` (at most a third of `box`'s height away) that has no
/// ink in the middle half of `box`'s height: the space between two characters. At equal distance
/// the column in direction `outward` (-1 or +1) wins. nullopt when none.
std::optional<int> nearestGap(const cv::Mat& image, const QRect& box, int x, int outward = 1);

/// `box` with its left and right edges moved to the nearest gaps between characters, so that
/// a part cut out of a word in proportion ("2026" of "2026년") holds whole glyphs only.
QRect snappedToGaps(const cv::Mat& image, const QRect& box);

/// The part of a cell's box that holds the number of "1캡슐": Hangul is about twice as wide as
/// a digit, so the cut is first placed in proportion to the characters' typical widths, then
/// moved to the nearest gap between characters, so that no stroke of the unit is read as a
/// digit (measured: "1 정" read again as "12", "0.5 정" as "0.52").
QRect numberPart(const cv::Mat& image, const QRect& box, const QString& text);

} // namespace reader

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
    /// A model loaded on first need, or marked unavailable when it is not installed.
    struct OptionalEngine
    {
        std::unique_ptr<TesseractEngine> engine;
        bool unavailable = false;
    };
    OptionalEngine otherKorean;  ///< the other Korean model (kor_best for kor): names and numbers read a third time
    OptionalEngine englishBest;  ///< eng_best (tessdata_best, integer): KCD codes read a third time
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
    /// `complete` (optional) tells whether nothing but codes was read in `box`. Read by the digit
    /// engine with the KCD character set, or by `engine` as it reads everything.
    std::optional<QStringList> readDiagnosisCodes(const Page& page, const QRect& box, double* confidence,
                                                  Segmentation mode = Segmentation::SingleLine, bool* complete = nullptr,
                                                  TesseractEngine* engine = nullptr);
    /// The digits `engine` (the digit engine when null) reads in `box`: dashes and points
    /// dropped, anything else around them cut off (a colon read as ':' by a Korean model);
    /// nullopt when something else is left or the count is out of [minLen, maxLen]. `raw`
    /// (optional) receives the text as read.
    std::optional<QString> readDigits(const Page& page, const QRect& box, int minLen, int maxLen, double* confidence,
                                      TesseractEngine* engine = nullptr, QString* raw = nullptr);
    /// A resident number's 13 digits in `box`, read by `engine` (the digit engine when null).
    std::optional<QString> readRrnDigits(const Page& page, const QRect& box, double* confidence, TesseractEngine* engine = nullptr);
    /// Header number `field` (digits, or a phone's dashed form) whose page reading `pageValue`
    /// the digit model did not confirm, with `third`, its digits as another model read them
    /// (confidence `thirdConfidence`): the same digits make two different models agreeing
    /// (confirmByThirdModel()). The trace says only whether they agreed, never the digits.
    void confirmWithOtherModel(core::Field<QString>& field, const QString& pageValue, const char* key,
                               const std::optional<QString>& third, double thirdConfidence);
    /// Header words the page read as Latin letters where a label stands ("DHHS" for a bold
    /// 교부번호) read again by the Korean model alone, and replaced by the label when that reading
    /// is one of headerLabels() (LabelRescue.cpp). Values are never changed here.
    void rescueLabels(const Page& page, PageText& text);
    /// The drug table's codes and numbers read again alone (TableRereads.cpp).
    void rereadNumbers(const Page& page, ParsedPage& parsed);
    /// A usage cell read again by the other Korean model; certain when both readings agree.
    void confirmUsage(const Page& page, core::Field<QString>& usage);
    /// The header's numbers, dates and codes read again, by the digit model and, where the first
    /// two readings disagree, by the other Korean model (HeaderRereads.cpp).
    void confirmHeader(const Page& page, ParsedPage& parsed);
    /// KCD codes in `region` the reads missed, or whose letter every read lost ("178.4" for
    /// T78.4: the glyphs before the digits read alone, letters only, by two models), added to
    /// `codes` under review (HeaderRereads.cpp).
    void repairCodeLetters(const Page& page, const QRect& region, Segmentation mode, core::Field<QStringList>& codes);
    void rereadNames(const Page& page, ParsedPage& parsed);
    /// The Korean-only engine, created on first need; null when its model cannot be loaded.
    TesseractEngine* koreanEngine();
    /// The Korean model the page was not read with ("kor_best" when it was "kor", and the other
    /// way round), created on first need; null when not installed.
    TesseractEngine* otherKoreanEngine();
    /// The English best model ("eng_best"), a network independent of the page's and the digit
    /// engine's fast ones, created on first need; null when not installed.
    TesseractEngine* englishBestEngine();
    TesseractEngine* optionalEngine(OptionalEngine& slot, const QString& model);
    /// Reads each name (patient, prescriber, institution) again with otherKoreanEngine() and
    /// returns the keys of those the second reading confirms (see secondReadConfirmsName()).
    /// A name the page rated low is replaced by what the page's Korean model reads in its box
    /// alone when the other model reads the same (and the name is then confirmed).
    QSet<QString> confirmNames(const Page& page, core::Prescription& p);
    /// A token holding `count` numbers printed close together (3: dose, times and days; 2: dose
    /// and times) split at the gaps in its ink and read part by part; false when it does not
    /// split into `count` parts that two of three models read alike (the item is then left as it was).
    bool separateMergedNumbers(const Page& page, const QRect& box, core::PrescriptionItem& item, int count = 3);
    void mapBoxes(const PageTransform& transform, core::Prescription& p) const;
};

} // namespace pharmdesk::ocr
