// SPDX-License-Identifier: GPL-3.0-or-later
// The header's fields read again: numbers by the digit model and, where two readings disagree,
// by the other Korean model; dates by their parts; KCD codes by the cell; names by the other
// Korean model. How readings combine is in ReadAgreement.h.
#include "ReaderImpl.h"
#include "ReadAgreement.h"

#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/NameCheck.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include "pharmdesk/core/Rrn.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <tuple>

namespace pharmdesk::ocr {

using namespace reader;
using namespace agreement;

std::optional<QString> PrescriptionReader::Impl::readDigits(const Page& page, const QRect& box, int minLen, int maxLen,
                                                            double* confidence, TesseractEngine* engine, QString* raw)
{
    const QRect roi = box.adjusted(-4, -4, 4, 4);
    const OcrWord w = (engine ? engine : digits.get())->readLine(page.ocrImage, roi, Segmentation::SingleLine);
    if (raw)
        *raw = w.text;
    *confidence = w.confidence;
    const auto d = text::digitsOfNumber(w.text);
    if (!d || d->size() < minLen || d->size() > maxLen)
        return std::nullopt;
    return d;
}

std::optional<QString> PrescriptionReader::Impl::readRrnDigits(const Page& page, const QRect& box, double* confidence,
                                                              TesseractEngine* engine)
{
    QString raw;
    if (auto d = readDigits(page, box, 13, 13, confidence, engine, &raw))
        return d;
    // The dash places the birth date: six digits before it, seven after (a colon before the
    // number read as '1' by the digit model made fourteen).
    static const QRegularExpression dashed(QStringLiteral("([0-9]{6})-([0-9]{7})(?![0-9])"));
    const auto m = dashed.match(text::compact(raw));
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1) + m.captured(2);
}

void PrescriptionReader::Impl::confirmWithOtherModel(core::Field<QString>& field, const QString& pageValue, const char* key,
                                                     const std::optional<QString>& third, double thirdConfidence)
{
    const bool same = third && *third == QString(pageValue).remove(QLatin1Char('-'));
    const bool confirmed = confirmByThirdModel(field, pageValue, third);
    qCDebug(lcReads) << key << "third" << (third ? (same ? "same as the page" : "different") : "none") << thirdConfidence
                     << (confirmed ? "confirmed" : "not confirmed");
}

std::optional<QStringList> PrescriptionReader::Impl::readDiagnosisCodes(const Page& page, const QRect& box, double* confidence,
                                                                       Segmentation mode, bool* complete,
                                                                       TesseractEngine* engine)
{
    OcrWord w;
    if (engine) {
        w = engine->readIsolated(page.ocrImage, box.adjusted(-4, -4, 4, 4), mode);
    } else {
        digits->setWhitelist(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,"));
        w = digits->readIsolated(page.ocrImage, box.adjusted(-4, -4, 4, 4), mode);
        digits->setWhitelist(QLatin1String(kDigitWhitelist));
    }
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

void PrescriptionReader::Impl::repairCodeLetters(const Page& page, const QRect& region, Segmentation mode,
                                                  core::Field<QStringList>& codes)
{
    // A code whose letter was read as a digit or a mark ("178.4" for T78.4, "$93.4" for S93.4,
    // "1166.9" for H66.9: measured on clean prints in Myeongjo and Gothic faces) is no code to
    // any read. Its digits are where a code's must be, so the glyphs before them are read alone
    // by two models that may only answer a capital letter; the same letter from both makes the
    // code a candidate. The region's words are read by the digit model with the KCD character
    // set (a fourth reading, with word boxes); codes it finds beyond those already found are
    // offered too ("S93.4" beside an M51.2 the others read alone). Always under review.
    const QRect image(0, 0, page.ocrImage.cols, page.ocrImage.rows);
    digits->setWhitelist(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789."));
    const auto words = digits->recognise(page.ocrImage, mode, region.adjusted(-4, -4, 4, 4).intersected(image));
    digits->setWhitelist(QLatin1String(kDigitWhitelist));
    if (!words)
        return;
    QStringList found;
    bool repaired = false;
    for (const OcrWord& w : *words) {
        const QString t = text::compact(w.text);
        if (t.isEmpty() || w.box.isEmpty())
            continue;
        for (const text::KcdPiece& piece : text::kcdPieces(t)) {
            if (!piece.code.isEmpty()) {
                // A code of two digits alone is what specks and the strokes of neighbouring
                // words make (measured: "H27", "S71" beside two codes on a scan): one no other
                // read found must have its point.
                if (piece.code.contains(QLatin1Char('.')) || codes.value.value_or(QStringList()).contains(piece.code))
                    found.append(piece.code);
                continue;
            }
            // The lost letter's share of the word: one capital, about 1.3 digits wide, however
            // many marks it was read as ("11" for H). Characters placed in proportion.
            const double perChar = double(w.box.width()) / double(t.size());
            constexpr double lead = 1.3;
            const int left = w.box.left() + int(perChar * double(piece.start));
            const QRect cut(left, w.box.top(), std::max(4, int(perChar * lead)), w.box.height());
            const QRect glyph = snappedToGaps(page.ocrImage, cut);
            QStringList letters;
            for (TesseractEngine* engine : { digits.get(), englishBestEngine() }) {
                if (!engine)
                    break;
                engine->setWhitelist(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
                letters.append(text::compact(engine->readIsolated(page.ocrImage, glyph, Segmentation::SingleWord).text));
                engine->setWhitelist(engine == digits.get() ? QLatin1String(kDigitWhitelist) : QString());
            }
            bool agreed = letters.size() == 2 && letters[0] == letters[1] && letters[0].size() == 1;
            QString letter = agreed ? letters[0] : QString();
            // A lone upright stroke is no letter to either model, but the only capital it can
            // be is I ("110" for I10, measured on clean prints); so when neither read another.
            // Not on faxes and enlarged scans, where a J's hook is lost too (measured: "106.9"
            // for J06.9 on a 650-pixel scan).
            if (!agreed && !page.bilevel && !page.enlarged && QStringLiteral("1l|!").contains(piece.lead.back())
                && std::all_of(letters.cbegin(), letters.cend(), [](const QString& l) { return l.isEmpty() || l == u'I'; })) {
                letter = QStringLiteral("I");
                agreed = true;
            }
            qCDebug(lcReads) << "diagnosis_codes letter" << piece.lead + piece.rest << "read alone" << letters
                             << (agreed ? "agreed" : "not agreed");
            const auto code = agreed ? text::kcdCodes(letter + piece.rest) : QList<text::KcdCode> {};
            if (code.size() == 1) {
                found.append(code.first().code);
                repaired = true;
            }
        }
    }
    // Taken only with every code already found among them and one more: a repair or this read
    // adds, it never replaces.
    found.removeDuplicates();
    const QStringList before = codes.value.value_or(QStringList());
    const bool covers = std::all_of(before.cbegin(), before.cend(), [&](const QString& c) { return found.contains(c); });
    if (!covers || found.size() <= before.size())
        return;
    qCDebug(lcReads) << "diagnosis_codes region" << found << (repaired ? "with a letter read alone" : "");
    codes.value = found;
    codes.box = region;
    codes.confidence = std::min(codes.confidence, kBilevelNumberConfidence);
}
void PrescriptionReader::Impl::confirmHeader(const Page& page, ParsedPage& parsed)
{
    core::Prescription& p = parsed.prescription;
    double conf = 0;
    const bool trustAgreement = !page.bilevel && !page.enlarged;
    // A header number the digit model read otherwise (or not at all) is read a third time by the
    // other Korean model (the digit model doubled the 0 of a clean "02-282-4687" and read a colon
    // before a number as 1). Not on faxes and enlarged scans, where models agree on wrong digits.
    const auto isCertain = [](const core::Field<QString>& f) { return f.confidence >= kModelsAgreed; };
    // The other Korean model's digits in `field`'s box.
    const auto otherModelDigits = [&](const core::Field<QString>& field, int minLen, int maxLen, double* confidence) {
        TesseractEngine* other = otherKoreanEngine();
        return other && !field.box.isNull() ? readDigits(page, field.box, minLen, maxLen, confidence, other) : std::nullopt;
    };
    const auto confirmNumber = [&](core::Field<QString>& field, const char* key, int minLen, int maxLen, bool keepFirstOnConflict) {
        if (!field.hasValue())
            return;
        const QString pageValue = *field;
        // Read first: the confidence it sets must be the one passed (argument order is unspecified).
        const auto again = readDigits(page, field.box, minLen, maxLen, &conf);
        confirmDigitField(field, again, conf, trustAgreement, keepFirstOnConflict);
        if (trustAgreement && !isCertain(field)) {
            const auto third = otherModelDigits(field, minLen, maxLen, &conf);
            confirmWithOtherModel(field, pageValue, key, third, conf);
        }
    };
    confirmNumber(p.institution.code, "institution.code", 8, 8, false);
    confirmNumber(p.prescriber.licenseNumber, "prescriber.license_number", 3, 6, false);
    // A number of any length: a neighbour's digit the second read takes in is not a better reading.
    confirmNumber(p.issueNumber, "issue_number", 1, 13, true);
    if (p.institution.phone.hasValue()) {
        // Compared digit for digit: the dashes are the standard form's (text::formatPhone()).
        QString pageDigits = *p.institution.phone.value;
        pageDigits.remove(QLatin1Char('-'));
        const auto again = readDigits(page, p.institution.phone.box, 8, 11, &conf);
        qCDebug(lcReads) << "institution.phone page" << pageDigits << p.institution.phone.confidence << "second"
                         << again.value_or(QString()) << conf;
        core::Field<QString> digitsOnly = core::Field<QString>::read(pageDigits, p.institution.phone.confidence, p.institution.phone.box);
        const bool pageValid = text::formatPhone(pageDigits).has_value();
        confirmDigitField(digitsOnly, again, conf, trustAgreement);
        p.institution.phone.confidence = digitsOnly.confidence;
        // A number that does not exist is a misread however many readings agree. A second
        // reading that does exist ("02-635-3984" against "002-635-3984") is offered instead,
        // under review.
        if (!pageValid) {
            const auto standard = again ? text::formatPhone(*again) : std::nullopt;
            if (standard)
                p.institution.phone.value = *standard;
            p.institution.phone.confidence = std::min(p.institution.phone.confidence, 0.5);
            // The page read took in a zero ("0026353984"): the other Korean model reading the
            // digit model's number makes two models agreeing on it.
            if (standard && trustAgreement) {
                const auto third = otherModelDigits(p.institution.phone, 8, 11, &conf);
                confirmWithOtherModel(p.institution.phone, *standard, "institution.phone", third, conf);
            }
        } else if (trustAgreement && !isCertain(p.institution.phone)) {
            const auto third = otherModelDigits(p.institution.phone, 8, 11, &conf);
            confirmWithOtherModel(p.institution.phone, *p.institution.phone.value, "institution.phone", third, conf);
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
        qCDebug(lcReads) << "issue_date page" << date << p.issueDate.confidence << "parts" << parts[0] << parts[1]
                         << parts[2] << least;
        combineReads(p.issueDate, again, least, /*keepFirstOnConflict=*/true);
        if (agree && trustAgreement)
            p.issueDate.confidence = std::max(p.issueDate.confidence, kModelsAgreed);
        if (!agree && trustAgreement && !p.issueDate.box.isNull() && !parsed.headerValueBoxes.contains(QStringLiteral("issue_date.incomplete"))) {
            // A part the digit model lost or misread ("26" for a 2026 cut at its box): the other
            // Korean model reads the whole date; the same date from it makes two models agreeing.
            if (TesseractEngine* other = otherKoreanEngine()) {
                // Widened by a text height each side: a digit the page read's box left out
                // (rx0034-photo: "2025-05-1" for 2025-05-13 read alike from the same box by both
                // models) must show in this reading.
                const int h = p.issueDate.box.height();
                const QRect box = p.issueDate.box.adjusted(-h, -4, h, 4).intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
                const OcrWord w = other->readLine(page.ocrImage, box, Segmentation::SingleLine);
                const auto third = text::parseDate(w.text);
                const bool confirmed = third && *third == date;
                if (confirmed) {
                    p.issueDate.value = date;
                    p.issueDate.confidence = kModelsAgreed;
                }
                qCDebug(lcReads) << "issue_date third" << w.text << w.confidence << (confirmed ? "confirmed" : "not confirmed");
            }
        }
    }
    if (p.validityDays.hasValue() && !p.validityDays.box.isNull()) {
        // "(7)일간": the digits cut out alone, so that brackets and syllables stay out.
        const OcrWord w = digits->readIsolated(page.ocrImage, snappedToGaps(page.ocrImage, p.validityDays.box), Segmentation::SingleLine);
        qCDebug(lcReads) << "validity_days page" << *p.validityDays << p.validityDays.confidence << "second" << w.text
                         << w.confidence;
        const int pageDays = *p.validityDays;
        const auto again = text::parseCount(w.text);
        combineReads(p.validityDays, again, w.confidence, /*keepFirstOnConflict=*/true);
        if (trustAgreement && again == pageDays && p.validityDays.confidence < kModelsAgreed) {
            // Two readings alike but rated low (the digit model rates a lone "7" 0.19): a third
            // model reading the same number makes it certain; a count of one or two digits
            // needs all three.
            if (TesseractEngine* other = otherKoreanEngine()) {
                const OcrWord third = other->readIsolated(page.ocrImage, snappedToGaps(page.ocrImage, p.validityDays.box),
                                                          Segmentation::SingleLine);
                const bool agreed = text::parseCount(third.text) == pageDays;
                if (agreed)
                    p.validityDays.confidence = kModelsAgreed;
                qCDebug(lcReads) << "validity_days third" << third.text << third.confidence << (agreed ? "confirmed" : "not confirmed");
            }
        }
    }
    // The third reading of codes that two readings left in doubt: the English best model, then
    // the page's (poor at Latin letters in Korean fonts, "851" for R51, but it read a J20.9 the
    // English model lost in a cell). Either must find exactly the second reading's codes.
    const auto thirdReading = [&](const std::optional<QStringList>& first, const std::optional<QStringList>& second,
                                  bool secondComplete, const QRect& box, Segmentation mode) {
        for (TesseractEngine* engine : { englishBestEngine(), general.get() }) {
            if (!engine)
                continue;
            bool thirdComplete = false;
            double thirdConf = 0;
            const auto third = readDiagnosisCodes(page, box, &thirdConf, mode, &thirdComplete, engine);
            const bool confirmed = confirmCodesByThirdRead(p.diagnosisCodes, first, second, secondComplete, third, thirdComplete, box);
            qCDebug(lcReads) << "diagnosis_codes third" << engine->languages() << third.value_or(QStringList()) << thirdConf
                             << (thirdComplete ? "complete" : "incomplete") << (confirmed ? "confirmed" : "not confirmed");
            if (confirmed)
                return;
        }
    };
    const QRect kcdBox = p.diagnosisCodes.hasValue() ? p.diagnosisCodes.box : parsed.headerValueBoxes.value(QStringLiteral("diagnosis_codes"));
    const QRect kcdCell = parsed.headerValueBoxes.value(QStringLiteral("diagnosis_codes.cell"))
                              .intersected(QRect(0, 0, page.ocrImage.cols, page.ocrImage.rows));
    QRect kcdRegion;  // where the codes were read again, for codes whose letter no read made out
    Segmentation kcdMode = Segmentation::SingleLine;
    if (!kcdCell.isEmpty()) {
        kcdRegion = kcdCell;
        kcdMode = Segmentation::Block;
        // The statutory form's codes stand on any of the three lines beside its split label. The
        // whole cell read as one block with the KCD character set is a second, independent
        // reading of every code there: only when it finds the same codes as the page read can
        // none have been missed. (Measured on the 300-image benchmark: the page read found no
        // code in 143 of 300 such cells, "H669" for "H66.9" beside a label read as "#2".)
        bool complete = false;
        const auto cellCodes = readDiagnosisCodes(page, kcdCell, &conf, Segmentation::Block, &complete);
        qCDebug(lcReads) << "diagnosis_codes page" << p.diagnosisCodes.value.value_or(QStringList()) << p.diagnosisCodes.confidence
                         << "cell" << cellCodes.value_or(QStringList()) << conf << (complete ? "complete" : "incomplete");
        const auto pageCodes = p.diagnosisCodes.value;
        mergeCellCodes(p.diagnosisCodes, cellCodes, conf, complete, kcdCell);
        if (trustAgreement && complete && sameCodes(pageCodes, cellCodes)) {
            // Two models found the same codes, and nothing else code-like is in the cell: as
            // certain as a header number both read alike, however low each rated itself.
            p.diagnosisCodes.confidence = std::max(p.diagnosisCodes.confidence, kModelsAgreed);
        } else if (trustAgreement && complete && p.diagnosisCodes.confidence < kBilevelNumberConfidence) {
            thirdReading(pageCodes, cellCodes, complete, kcdCell, Segmentation::Block);
        }
    } else if (parsed.headerValueBoxes.contains(QStringLiteral("diagnosis_codes.split_label"))) {
        // Codes beside a label split over lines: whether one was missed cannot be checked.
        p.diagnosisCodes.confidence = std::min(p.diagnosisCodes.confidence, kBilevelNumberConfidence);
    } else if (!kcdBox.isNull()) {
        // Agreement on the codes both reads found proves nothing about a code neither could
        // read (measured: "K29.7" confirmed twice beside an unreadable I11.9).
        bool complete = false;
        const bool pageComplete = !parsed.headerValueBoxes.contains(QStringLiteral("diagnosis_codes.incomplete"));
        const auto lineCodes = readDiagnosisCodes(page, kcdBox, &conf, Segmentation::SingleLine, &complete);
        qCDebug(lcReads) << "diagnosis_codes page" << p.diagnosisCodes.value.value_or(QStringList()) << p.diagnosisCodes.confidence
                         << "line" << lineCodes.value_or(QStringList()) << conf << (complete ? "complete" : "incomplete")
                         << (pageComplete ? "" : "page incomplete");
        const auto pageCodes = p.diagnosisCodes.value;
        const bool agree = sameCodes(pageCodes, lineCodes);
        combineReads(p.diagnosisCodes, lineCodes, conf, /*keepFirstOnConflict=*/true);
        if (!complete || !pageComplete)
            p.diagnosisCodes.confidence = std::min(p.diagnosisCodes.confidence, kBilevelNumberConfidence);
        // The page read's box is the whole value after the label when it found codes; without
        // them it is the value's first words, and reads agreeing there say nothing about a code
        // beyond it (measured: R51 confirmed twice, S93.4 after it unread): the whole value, as
        // the parser marked it, is then read again by both models.
        const QRect valueBox = pageCodes ? kcdBox : parsed.headerValueBoxes.value(QStringLiteral("diagnosis_codes.value"));
        kcdRegion = valueBox.isNull() ? kcdBox : valueBox;
        if (trustAgreement && agree && complete && pageComplete) {
            p.diagnosisCodes.confidence = std::max(p.diagnosisCodes.confidence, kModelsAgreed);
        } else if (trustAgreement && !agree && !valueBox.isNull()) {
            bool secondComplete = complete;
            auto second = lineCodes;
            if (!pageCodes)
                second = readDiagnosisCodes(page, valueBox, &conf, Segmentation::SingleLine, &secondComplete);
            qCDebug(lcReads) << "diagnosis_codes value" << second.value_or(QStringList()) << (secondComplete ? "complete" : "incomplete");
            thirdReading(pageCodes, second, secondComplete, valueBox, Segmentation::SingleLine);
        }
    }
    if (!kcdRegion.isEmpty() && p.diagnosisCodes.confidence < kModelsAgreed)
        repairCodeLetters(page, kcdRegion, kcdMode, p.diagnosisCodes);
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
        } else if (const auto digits13 = readRrnDigits(page, p.patient.rrn.box, &conf)) {
            rrn = core::rrn::normalize(*digits13);
        }
        // Thirteen digits read alike by two models, and a real birth date and sex digit: as
        // certain as the institution code (the digit model rates its own read low, often 0).
        const QString pageValue = *p.patient.rrn;
        confirmDigitField(p.patient.rrn, rrn, conf, trustAgreement);
        if (trustAgreement && !isCertain(p.patient.rrn) && !pageValue.endsWith(QLatin1Char('*'))) {
            std::optional<QString> third;
            if (TesseractEngine* other = otherKoreanEngine())
                third = readRrnDigits(page, p.patient.rrn.box, &conf, other);
            confirmWithOtherModel(p.patient.rrn, pageValue, "patient.rrn", third, conf);
        }
    }
}

QSet<QString> PrescriptionReader::Impl::confirmNames(const Page& page, core::Prescription& p)
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
        if (!field->hasValue() || field->box.isNull())
            continue;
        TesseractEngine* other = otherKoreanEngine();
        TesseractEngine* own = koreanEngine();
        if (!other || !own)
            break;
        const QRect ownBox = field->box.adjusted(-3, -3, 3, 3).intersected(image);
        // Widened so that a syllable the page read lost at either end shows in the second read.
        const int h = field->box.height();
        const QRect box = field->box.adjusted(-h, -h / 4, h, h / 4).intersected(image);
        const OcrWord wide = other->readLine(page.ocrImage, box, Segmentation::SingleLine);
        if (field->confidence < kNameReadMinConfidence) {
            // Rated low in the page read (its neighbours on the line weigh in): the page's Korean
            // model reads the name's box alone, and that reading stands for the page's when it
            // is rated 0.85 or more. When it is another name ("심주길" alone, 0.95, where the
            // page read "시주길", 0.11: a final consonant lost among the line's neighbours) and
            // the other model reads it too, that name replaces the page's.
            const OcrWord alone = own->readLine(page.ocrImage, ownBox, Segmentation::SingleLine);
            qCDebug(lcReads) << key << "page" << *field->value << field->confidence << "alone" << alone.text << alone.confidence;
            if (alone.confidence < kNameReadMinConfidence)
                continue;
            // A colon the box took in (": 하 늘 병 원" where the page read "sey\"") is no part
            // of the name.
            QString candidate = text::compact(alone.text);
            while (!candidate.isEmpty() && !candidate.front().isLetterOrNumber())
                candidate.remove(0, 1);
            while (!candidate.isEmpty() && !candidate.back().isLetterOrNumber())
                candidate.chop(1);
            if (candidate != text::compact(*field->value)) {
                // Only when the other model reads it the same way, in the widened box too: alone,
                // the page's model also drops final consonants (measured: 소선율 for 손선율, 0.9),
                // and a box cut tight takes a stroke off a syllable (기세우 for 이세우, both models).
                const bool plausible = kind == NameKind::Person ? personNameIn(candidate) == candidate
                                                                : secondReadConfirmsName(candidate, candidate, kind);
                const OcrWord again = plausible ? other->readLine(page.ocrImage, ownBox, Segmentation::SingleLine) : OcrWord {};
                qCDebug(lcReads) << key << "other model alone" << again.text << again.confidence;
                if (!plausible || again.confidence < kNameReadMinConfidence || !secondReadConfirmsName(candidate, again.text, kind)
                    || !secondReadConfirmsName(candidate, wide.text, kind))
                    continue;
                field->value = candidate;
            }
        }
        // The second reading must show the name as a whole run in the widened box and read the
        // name's own box alike and with a rating of 0.85 or more.
        // Rated on the name's own box: a colon or point the widened box takes in ("： 장 연 온")
        // is read with a low rating that is none of the name's.
        const OcrWord ownRead = other->readLine(page.ocrImage, ownBox, Segmentation::SingleLine);
        const bool agrees = ownRead.confidence >= kNameReadMinConfidence && secondReadConfirmsName(*field->value, wide.text, kind)
                            && secondReadConfirmsName(*field->value, ownRead.text, kind);
        qCDebug(lcReads) << key << "page" << *field->value << field->confidence << "second" << wide.text << wide.confidence
                         << "own box" << ownRead.text << ownRead.confidence << (agrees ? "confirmed" : "not confirmed");
        if (agrees)
            confirmed.insert(key);
    }
    return confirmed;
}

} // namespace pharmdesk::ocr
