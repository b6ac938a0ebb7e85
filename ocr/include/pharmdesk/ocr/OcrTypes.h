// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRect>
#include <QString>

namespace pharmdesk::ocr {

/// One word as the OCR engine read it. `confidence` is 0..1 (Tesseract's 0-100 word confidence
/// divided by 100); `box` is in pixels of the image that was recognised.
struct OcrWord
{
    QString text;
    QRect box;
    double confidence = 0.0;

    bool operator==(const OcrWord&) const = default;
};

/// Words on one visual text line, left to right.
struct OcrLine
{
    QList<OcrWord> words;
    QRect box;

    /// Words joined by single spaces.
    QString text() const;
    /// Minimum word confidence; 0 for an empty line.
    double confidence() const;
};

/// Groups words into lines by vertical overlap (a word joins a line when at least half of the
/// smaller height overlaps), lines sorted top to bottom and words left to right. Pure.
QList<OcrLine> groupIntoLines(const QList<OcrWord>& words);

/// A substring of a line's text with the words it came from: box is their union, confidence
/// their minimum.
struct TextSpan
{
    QString text;
    QRect box;
    double confidence = 0.0;
};

/// The words of `line` that overlap characters [from, from + length) of line.text().
TextSpan spanOf(const OcrLine& line, qsizetype from, qsizetype length);

} // namespace pharmdesk::ocr
