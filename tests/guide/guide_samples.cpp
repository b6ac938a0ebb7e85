// SPDX-License-Identifier: GPL-3.0-or-later
// guide_samples OUT_DIR: renders the showcase prescription (fixtures) in every guide format and
// language as PDF, for reviewers (docs/guide-*.png are these, converted with `pdftoppm -png`).
#include "GuideFixtures.h"

#include "pharmdesk/guide/GuideRenderer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTextStream>

using namespace pharmdesk;

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Render sample medication guides as PDF."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("OUT_DIR"), QStringLiteral("Folder for guide-<variant>.pdf"));
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.positionalArguments().size() != 1) {
        err << parser.helpText();
        return 2;
    }
    const QDir dir(parser.positionalArguments().first());
    if (!QDir().mkpath(dir.path())) {
        err << "cannot create " << dir.path() << "\n";
        return 1;
    }

    guidetest::FakeCatalog catalog = guidetest::sampleCatalog();
    catalog.setPillImage(guidetest::ibuprofen().itemSeq, guidetest::syntheticPillPng());
    core::Prescription rx = guidetest::showcasePrescription();
    rx.alerts = guidetest::sampleAlerts();
    const guide::GuideInput input = guide::makeGuideInput(rx, &catalog, guidetest::samplePharmacy(), QDate(2026, 11, 22));
    struct Variant { const char* name; const char* format; bool large; const char* language; bool contrast; bool qr; };
    const Variant variants[] = {
        { "a4", "a4", false, "ko", false, false },
        { "a4-large", "a4", true, "ko", false, false },
        { "a5", "a5", false, "ko", false, false },
        { "a4-en", "a4", false, "en", false, false },
        { "a4-contrast-qr", "a4", false, "ko", true, true },
        { "receipt", "receipt", false, "ko", false, true },
        { "receipt-en", "receipt", false, "en", false, false },
        { "label", "label", false, "ko", false, false },
        { "label-en", "label", false, "en", false, false },
    };
    int failures = 0;
    for (const Variant& v : variants) {
        guide::GuideOptions options;
        options.format = QLatin1String(v.format);
        options.largePrint = v.large;
        options.language = QLatin1String(v.language);
        options.highContrast = v.contrast;
        options.qrCodes = v.qr;
        const QString path = dir.filePath(QStringLiteral("guide-%1.pdf").arg(QLatin1String(v.name)));
        QElapsedTimer timer;
        timer.start();
        const core::Status st = guide::GuideRenderer(options).writePdf(input, path);
        if (!st) {
            err << path << ": " << st.error().toString() << "\n";
            ++failures;
            continue;
        }
        out << path << "  (" << timer.elapsed() << " ms)\n";
    }
    return failures == 0 ? 0 : 1;
}
