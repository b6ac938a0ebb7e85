// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-gen: writes synthetic prescriptions (images + truth JSON) for tests and the benchmark.
#include "pharmdesk/gen/Generator.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    // Rendering needs fonts, not a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("pharmdesk-gen"));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes synthetic Korean prescriptions (처방전) with ground truth: DIR/<id>.png|jpg, "
        "DIR/<id>.truth.json and DIR/manifest.json. All names and numbers are invented."));
    parser.addHelpOption();
    pharmdesk::gen::addGeneratorOptions(parser);
    parser.process(app);

    const auto options = pharmdesk::gen::generatorOptionsFrom(parser, QStringLiteral(PHARMDESK_GEN_PERMITS_CSV));
    if (!options) {
        err << "pharmdesk-gen: " << options.error().toString() << "\nSee pharmdesk-gen --help.\n";
        return 2;
    }
    const auto pool = pharmdesk::gen::DrugPool::load(options->permitsCsv);
    if (!pool) {
        err << "pharmdesk-gen: " << pool.error().toString() << '\n';
        return 3;
    }
    pharmdesk::gen::Generator generator(pool.value(), options.value());
    const auto written = generator.run([&err](int done, int total) {
        err << "\rgenerated " << done << '/' << total << Qt::flush;
    });
    err << '\n';
    if (!written) {
        err << "pharmdesk-gen: " << written.error().toString() << '\n';
        return written.error().category == pharmdesk::core::ErrorCategory::Usage ? 2 : 3;
    }
    QTextStream(stdout) << written->size() << " images in " << options->outDir << '\n';
    return 0;
}
