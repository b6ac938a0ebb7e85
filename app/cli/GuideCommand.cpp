// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli guide RESULT.json --out FILE.pdf [--data-dir DIR] [--format a4|a5|receipt|label] [--large]
//                    [--high-contrast] [--qr] [--lang ko|en] [--date YYYY-MM-DD]
#include "cli/CliCommon.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Settings.h"
#include "pharmdesk/drugdb/DrugCache.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include <QDir>
#include <QFileInfo>

namespace pharmdesk::cli {

namespace {

/// The option's value, else the setting's when it is a supported choice, else the first choice.
QString choice(const QCommandLineParser& parser, const QString& option, const QString& setting,
               const QStringList& supported)
{
    if (parser.isSet(option))
        return parser.value(option).toLower();
    return supported.contains(setting) ? setting : supported.first();
}

} // namespace

int runGuide(const QStringList& arguments, CliIo& io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write the medication guide (복약안내문) of an import result as PDF with embedded fonts."));
    parser.addPositionalArgument(QStringLiteral("RESULT"), QStringLiteral("A result file written by 'pharmdesk-cli import'."),
                                 QStringLiteral("RESULT.json"));
    parser.addOption({ QStringLiteral("out"), QStringLiteral("The PDF to write (replaced atomically)."),
                       QStringLiteral("FILE.pdf") });
    parser.addOption({ QStringLiteral("format"),
                       QStringLiteral("Paper: %1 (default: settings, else a4). receipt: 80 mm thermal roll, one "
                                      "page as long as the guide; label: 100 x 150 mm medicine-bag label, dosing only.")
                           .arg(guide::GuideOptions::supportedFormats().join(QStringLiteral(", "))),
                       QStringLiteral("FORMAT") });
    parser.addOption({ QStringLiteral("large"), QStringLiteral("Large print: body text 14 pt instead of 12 pt.") });
    parser.addOption({ QStringLiteral("high-contrast"),
                       QStringLiteral("Black on white only, no tints (receipt and label always are).") });
    parser.addOption({ QStringLiteral("qr"), QStringLiteral("A QR code per drug linking to its public MFDS page.") });
    parser.addOption({ QStringLiteral("lang"),
                       QStringLiteral("Language of the guide's wording: %1 (default: settings, else ko). "
                                      "Drug texts stay as published.")
                           .arg(guide::GuideOptions::supportedLanguages().join(QStringLiteral(", "))),
                       QStringLiteral("LANG") });
    parser.addOption({ QStringLiteral("date"), QStringLiteral("Dispensing date printed on the guide (default: today)."),
                       QStringLiteral("YYYY-MM-DD") });
    addDataDirOption(parser);
    if (const auto code = parseOrExit(parser, arguments, io))
        return *code;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(QStringLiteral("out"))) {
        io.err << "pharmdesk-cli guide: give one RESULT.json and --out FILE.pdf\n" << parser.helpText();
        return ExitUsage;
    }
    const QString resultPath = positional.first();
    const QString outPath = parser.value(QStringLiteral("out"));
    QDate date = QDate::currentDate();
    if (parser.isSet(QStringLiteral("date"))) {
        date = QDate::fromString(parser.value(QStringLiteral("date")), Qt::ISODate);
        if (!date.isValid()) {
            io.err << "pharmdesk-cli guide: --date must be a date like 2026-11-22\n";
            return ExitUsage;
        }
    }
    if (!QFileInfo::exists(resultPath)) {
        io.err << "pharmdesk-cli guide: no such file: " << resultPath << "\n";
        return ExitUsage;
    }

    const auto dataDir = openDataDir(parser, io);
    if (!dataDir)
        return ExitFatal;
    const core::Settings settings = core::Settings::load(dataDir->path());

    guide::GuideOptions options;
    options.format = choice(parser, QStringLiteral("format"), settings.guideFormat, guide::GuideOptions::supportedFormats());
    options.language = choice(parser, QStringLiteral("lang"), settings.language, guide::GuideOptions::supportedLanguages());
    options.largePrint = parser.isSet(QStringLiteral("large"));
    options.highContrast = parser.isSet(QStringLiteral("high-contrast"));
    options.qrCodes = parser.isSet(QStringLiteral("qr"));
    if (!guide::GuideOptions::supportedFormats().contains(options.format)) {
        io.err << "pharmdesk-cli guide: --format must be one of "
               << guide::GuideOptions::supportedFormats().join(QStringLiteral(", ")) << "\n";
        return ExitUsage;
    }
    if (!guide::GuideOptions::supportedLanguages().contains(options.language)) {
        io.err << "pharmdesk-cli guide: --lang must be one of "
               << guide::GuideOptions::supportedLanguages().join(QStringLiteral(", ")) << "\n";
        return ExitUsage;
    }

    const auto result = core::json::readImportResult(resultPath);
    if (!result) {
        printError(io, result.error());
        return ExitItemsFailed;
    }
    if (result->status == core::ImportResult::Status::Failed || !result->prescription) {
        io.err << "pharmdesk-cli guide: " << resultPath << ": the import failed";
        if (result->error)
            io.err << " (" << result->error->message << ")";
        io.err << "; there is no prescription to print a guide for\n";
        return ExitItemsFailed;
    }
    const core::Prescription& prescription = *result->prescription;
    if (prescription.items.isEmpty()) {
        io.err << "pharmdesk-cli guide: " << resultPath << ": the prescription has no drug lines\n";
        return ExitItemsFailed;
    }

    const auto cache = drugdb::DrugCache::open(dataDir->drugCachePath());
    if (!cache) {
        printError(io, cache.error());
        return ExitFatal;
    }
    const guide::GuideInput input = guide::makeGuideInput(prescription, cache->get(), settings.pharmacy, date);

    // The guide prints every line as read; the pharmacist should know which ones nobody confirmed.
    int unreviewed = 0;
    for (const core::PrescriptionItem& item : prescription.items)
        unreviewed += item.needsReview() ? 1 : 0;
    if (unreviewed > 0)
        io.err << "pharmdesk-cli guide: note: " << unreviewed << " of " << prescription.items.size()
               << " drug line(s) still need review; the guide prints them as read\n";
    const qsizetype withoutText = prescription.items.size() - input.texts.size();
    if (withoutText > 0)
        io.err << "pharmdesk-cli guide: " << withoutText
               << " drug(s) have no e약은요 text; their guide asks the patient to ask the pharmacist\n";

    const core::Status written = guide::GuideRenderer(options).writePdf(input, outPath);
    if (!written) {
        printError(io, written.error());
        return written.error().category == core::ErrorCategory::Input ? ExitItemsFailed : ExitFatal;
    }
    io.out << QFileInfo(outPath).absoluteFilePath() << "\n";
    io.out.flush();
    io.err.flush();
    return ExitOk;
}

} // namespace pharmdesk::cli
