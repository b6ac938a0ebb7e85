// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/gen/CaptureSimulator.h"
#include "pharmdesk/gen/DrugPool.h"
#include "pharmdesk/gen/FormRenderer.h"
#include "pharmdesk/gen/SyntheticPrescription.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace pharmdesk::gen {

/// Image file format: Auto writes PNG for clean and fax, JPEG for the conditions that compress
/// (scan, photo, turned, lowres, stamp, dotmatrix: their JPEG artefacts are part of the condition,
/// so the JPEG is written as compressed, not recompressed). A faxfile is always a G4 TIFF (.tif):
/// its resolution tags are part of the condition.
enum class ImageFormat { Auto, Png, Jpg };

/// What one run of the generator produces.
struct GeneratorOptions
{
    QString outDir;
    int count = 10;               ///< prescriptions; each is rendered once per condition
    std::uint64_t seed = 1;
    QList<Layout> layouts { Layout::Statutory, Layout::Hospital };
    QList<Condition> conditions { Condition::Clean };
    QStringList fonts;            ///< empty: FormRenderer::defaultFonts()
    int dpi = 200;
    ImageFormat format = ImageFormat::Auto;
    QString permitsCsv;           ///< resources/drugs/permits.csv
    /// File stem of each image: {n} (4-digit number from 0001), {layout}, {condition}, {font}.
    QString nameTemplate = QStringLiteral("rx{n}-{condition}");
};

/// One written image and its truth.
struct GeneratedImage
{
    QString id;          ///< file stem from the name template, e.g. "rx0001-clean"
    QString imageFile;   ///< file name inside outDir
    QString truthFile;   ///< "<id>.truth.json"
    Layout layout = Layout::Statutory;
    QString font;
    Condition condition = Condition::Clean;
    int index = 0;       ///< 0-based prescription number in the run
};

/// Adds pharmdesk-gen's options to `parser` and reads them; testable without a process.
/// `defaultPermits` is used when --permits is not given.
void addGeneratorOptions(QCommandLineParser& parser);
core::Result<GeneratorOptions> generatorOptionsFrom(const QCommandLineParser& parser, const QString& defaultPermits);

/// Generates a set: for prescription i (0-based) the layout is layouts[i % L] and the font
/// fonts[(i / L) % F], so every combination appears; each condition's degradation has its own seed
/// derived from (seed, i, condition), so asking for fewer conditions never changes the others.
/// Needs a QGuiApplication (fonts); not thread-safe.
class Generator
{
public:
    Generator(const DrugPool& pool, GeneratorOptions options);

    /// Validates the options (fonts installed, dpi range, unique names, output directory creatable).
    core::Status prepare();

    /// Renders prescription `index` in every requested condition and writes images and truth files.
    core::Result<QList<GeneratedImage>> generate(int index);

    /// prepare(), every prescription, then manifest.json. `progress(done, total)` after each one.
    core::Result<QList<GeneratedImage>> run(const std::function<void(int, int)>& progress = {});

    /// The truth for one capture: the ImportResult (status ok, every field certain) as result JSON,
    /// plus the top-level "generator" object. Exposed for tests.
    static QJsonObject truthJson(const core::ImportResult& truth, const GeneratedImage& image,
                                 const GeneratorOptions& options, const Capture& capture);

    static QString formatName(ImageFormat format);

    const GeneratorOptions& options() const { return m_options; }

private:
    core::Status writeManifest(const QList<GeneratedImage>& images) const;

    const DrugPool& m_pool;
    GeneratorOptions m_options;
};

} // namespace pharmdesk::gen
