// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/gen/Generator.h"

#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/gen/PrescriptionSynth.h"
#include "pharmdesk/gen/Random.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <leptonica/allheaders.h>

#include <vector>

namespace pharmdesk::gen {

namespace {

core::Error usage(const QString& message, const QString& detail = {})
{
    return core::makeError(core::ErrorCategory::Usage, message, detail);
}

core::Error ioError(const QString& path, const QString& detail)
{
    return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot write a generated file."),
                           path + QStringLiteral(": ") + detail);
}

QStringList splitList(const QString& value)
{
    QStringList out;
    for (const QString& s : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.append(s.trimmed());
    return out;
}

/// Encodes with OpenCV: PNG (compression 6) or JPEG at `quality`; the bytes are deterministic.
QByteArray encode(const QImage& image, bool jpeg, int quality)
{
    cv::Mat mat;
    if (image.format() == QImage::Format_Grayscale8) {
        mat = cv::Mat(image.height(), image.width(), CV_8UC1, const_cast<uchar*>(image.constBits()),
                      static_cast<size_t>(image.bytesPerLine()));
    } else {
        const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
        cv::cvtColor(cv::Mat(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                             static_cast<size_t>(rgb.bytesPerLine())),
                     mat, cv::COLOR_RGB2BGR);
    }
    std::vector<uchar> buf;
    if (jpeg)
        cv::imencode(".jpg", mat, buf, { cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_OPTIMIZE, 1 });
    else
        cv::imencode(".png", mat, buf, { cv::IMWRITE_PNG_COMPRESSION, 6 });
    return QByteArray(reinterpret_cast<const char*>(buf.data()), static_cast<qsizetype>(buf.size()));
}

/// A bilevel page (0 = ink, anything else paper) as a one-page CCITT G4 TIFF that declares
/// `dpi` (horizontal × vertical), as fax servers store received pages. Empty on failure.
QByteArray encodeFaxTiff(const QImage& page, QSize dpi)
{
    const QImage gray = page.convertToFormat(QImage::Format_Grayscale8);
    PIX* pix = pixCreate(gray.width(), gray.height(), 1);
    if (!pix)
        return {};
    l_uint32* data = pixGetData(pix);
    const int wpl = pixGetWpl(pix);
    for (int y = 0; y < gray.height(); ++y) {
        const uchar* in = gray.constScanLine(y);
        l_uint32* line = data + qsizetype(y) * wpl;
        for (int x = 0; x < gray.width(); ++x) {
            if (in[x] < 128)
                SET_DATA_BIT(line, x);  // 1 = black in a 1-bit leptonica image
        }
    }
    pixSetResolution(pix, dpi.width(), dpi.height());
    l_uint8* bytes = nullptr;
    size_t size = 0;
    const bool written = pixWriteMemTiff(&bytes, &size, pix, IFF_TIFF_G4) == 0 && bytes;
    pixDestroy(&pix);
    QByteArray out;
    if (written)
        out = QByteArray(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(size));
    lept_free(bytes);
    return out;
}

core::Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return ioError(path, f.errorString());
    return core::Done {};
}

/// A crop of the drug table shows no header: the truth keeps only the id and the lines.
core::Prescription itemsOnly(const core::Prescription& full)
{
    core::Prescription p;
    p.id = full.id;
    p.items = full.items;
    return p;
}

QJsonArray pointsJson(const QList<QPointF>& points)
{
    QJsonArray a;
    for (const QPointF& p : points)
        a.append(QJsonArray { qRound(p.x() * 10.0) / 10.0, qRound(p.y() * 10.0) / 10.0 });
    return a;
}

} // namespace

void addGeneratorOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        { QStringLiteral("out"), QStringLiteral("Output directory (created if missing)."), QStringLiteral("dir") },
        { QStringLiteral("count"), QStringLiteral("Number of prescriptions, each written once per condition (default 10)."),
          QStringLiteral("n"), QStringLiteral("10") },
        { QStringLiteral("seed"), QStringLiteral("Seed; the same seed gives the same files (default 1)."), QStringLiteral("s"),
          QStringLiteral("1") },
        { QStringLiteral("layouts"), QStringLiteral("Comma-separated: statutory, hospital, telemedicine (an app's e-prescription image), table (a crop of the drug table only) (default statutory,hospital, alternating)."), QStringLiteral("list"),
          QStringLiteral("statutory,hospital") },
        { QStringLiteral("conditions"), QStringLiteral("Comma-separated: clean, scan, photo, fax, turned (upside down or sideways), lowres (650 px wide), stamp (a scan with rubber stamps and pen marks over the table), dotmatrix (impact-printer dots, faint ribbon, light scan), faxfile (the fax as a fax server stores it: G4 TIFF, 204×98 or 204×196 dpi) (default clean)."),
          QStringLiteral("list"), QStringLiteral("clean") },
        { QStringLiteral("fonts"), QStringLiteral("Comma-separated font families (default: the installed Korean set)."),
          QStringLiteral("list") },
        { QStringLiteral("dpi"), QStringLiteral("Page resolution, 100-600 (default 200)."), QStringLiteral("dpi"), QStringLiteral("200") },
        { QStringLiteral("format"), QStringLiteral("png, jpg or auto: png for clean/fax, jpg for scan/photo (default auto); faxfile is always TIFF."),
          QStringLiteral("fmt"), QStringLiteral("auto") },
        { QStringLiteral("permits"), QStringLiteral("Product list CSV (default: the bundled permits.csv)."),
          QStringLiteral("csv") },
        { QStringLiteral("name"),
          QStringLiteral("File name template with {n} (0001...), {layout}, {condition}, {font} (default rx{n}-{condition})."),
          QStringLiteral("template"), QStringLiteral("rx{n}-{condition}") },
    });
}

core::Result<GeneratorOptions> generatorOptionsFrom(const QCommandLineParser& parser, const QString& defaultPermits)
{
    GeneratorOptions o;
    o.outDir = parser.value(QStringLiteral("out"));
    if (o.outDir.isEmpty())
        return usage(QStringLiteral("--out is required."));
    bool ok = false;
    o.count = parser.value(QStringLiteral("count")).toInt(&ok);
    if (!ok || o.count < 1 || o.count > 100000)
        return usage(QStringLiteral("--count must be a number from 1 to 100000."));
    o.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("--seed must be a non-negative integer."));
    o.dpi = parser.value(QStringLiteral("dpi")).toInt(&ok);
    if (!ok || o.dpi < 100 || o.dpi > 600)
        return usage(QStringLiteral("--dpi must be from 100 to 600."));

    o.layouts.clear();
    for (const QString& name : splitList(parser.value(QStringLiteral("layouts")))) {
        const auto l = layoutFromName(name);
        if (!l)
            return usage(QStringLiteral("Unknown layout \"%1\" (statutory, hospital, telemedicine, table).").arg(name));
        o.layouts.append(*l);
    }
    o.conditions.clear();
    for (const QString& name : splitList(parser.value(QStringLiteral("conditions")))) {
        const auto c = conditionFromName(name);
        if (!c)
            return usage(QStringLiteral("Unknown condition \"%1\" (clean, scan, photo, fax, turned, lowres, stamp, dotmatrix, faxfile).").arg(name));
        if (!o.conditions.contains(*c))
            o.conditions.append(*c);
    }
    if (o.layouts.isEmpty() || o.conditions.isEmpty())
        return usage(QStringLiteral("--layouts and --conditions need at least one value."));
    o.fonts = splitList(parser.value(QStringLiteral("fonts")));

    const QString fmt = parser.value(QStringLiteral("format"));
    if (fmt == QLatin1String("png"))
        o.format = ImageFormat::Png;
    else if (fmt == QLatin1String("jpg") || fmt == QLatin1String("jpeg"))
        o.format = ImageFormat::Jpg;
    else if (fmt == QLatin1String("auto"))
        o.format = ImageFormat::Auto;
    else
        return usage(QStringLiteral("--format must be png, jpg or auto."));
    o.nameTemplate = parser.value(QStringLiteral("name"));
    o.permitsCsv = parser.isSet(QStringLiteral("permits")) ? parser.value(QStringLiteral("permits")) : defaultPermits;
    return o;
}

Generator::Generator(const DrugPool& pool, GeneratorOptions options)
    : m_pool(pool)
    , m_options(std::move(options))
{
}

QString Generator::formatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Auto: return QStringLiteral("auto");
    case ImageFormat::Png: return QStringLiteral("png");
    case ImageFormat::Jpg: return QStringLiteral("jpg");
    }
    return {};
}

core::Status Generator::prepare()
{
    if (m_options.fonts.isEmpty())
        m_options.fonts = FormRenderer::defaultFonts();
    if (m_options.fonts.isEmpty())
        return usage(QStringLiteral("No Korean font is installed (NanumGothic, UnDotum, Noto Sans CJK KR, ...)."));
    for (const QString& f : std::as_const(m_options.fonts)) {
        if (!FormRenderer::hasFont(f))
            return usage(QStringLiteral("Font family \"%1\" is not installed.").arg(f));
    }
    if (m_options.layouts.isEmpty() || m_options.conditions.isEmpty() || m_options.count < 1)
        return usage(QStringLiteral("Nothing to generate."));
    // Names must tell the images apart: a number when there are several prescriptions (unless the
    // layout alone does), the condition when there are several conditions.
    const QString& t = m_options.nameTemplate;
    const bool byNumber = t.contains(QStringLiteral("{n}"));
    const bool byLayout = t.contains(QStringLiteral("{layout}")) && m_options.count <= m_options.layouts.size();
    if (t.isEmpty() || t.contains(QLatin1Char('/')) || (m_options.count > 1 && !byNumber && !byLayout)
        || (m_options.conditions.size() > 1 && !t.contains(QStringLiteral("{condition}")))) {
        return usage(QStringLiteral("The name template \"%1\" would give several images the same name.").arg(t),
                     QStringLiteral("use {n} and {condition}"));
    }
    if (!QDir().mkpath(m_options.outDir))
        return ioError(m_options.outDir, QStringLiteral("cannot create the directory"));
    return core::Done {};
}

core::Result<QList<GeneratedImage>> Generator::generate(int index)
{
    const std::uint64_t rxSeed = Random::derive(m_options.seed, static_cast<std::uint64_t>(index));
    const int nLayouts = static_cast<int>(m_options.layouts.size());
    const Layout layout = m_options.layouts.at(index % nLayouts);
    const QString font = m_options.fonts.at((index / nLayouts) % m_options.fonts.size());

    const SyntheticPrescription rx = PrescriptionSynth(m_pool).generate(rxSeed, layout);
    const RenderedPage page = FormRenderer::render(rx, { layout, font, m_options.dpi });

    QList<GeneratedImage> written;
    const QDir dir(m_options.outDir);
    for (Condition condition : std::as_const(m_options.conditions)) {
        // A faxfile is the fax condition's transmission stored as is: the same seed.
        const Condition seedCondition = condition == Condition::FaxFile ? Condition::Fax : condition;
        const Capture cap = CaptureSimulator::apply(
            page.image, condition, Random::derive(rxSeed, 100 + static_cast<std::uint64_t>(seedCondition)), page.itemBoxes);
        GeneratedImage g;
        g.index = index;
        g.layout = layout;
        g.font = font;
        g.condition = condition;
        g.id = QString(m_options.nameTemplate)
                   .replace(QStringLiteral("{n}"), QStringLiteral("%1").arg(index + 1, 4, 10, QLatin1Char('0')))
                   .replace(QStringLiteral("{layout}"), layoutName(layout))
                   .replace(QStringLiteral("{condition}"), conditionName(condition))
                   .replace(QStringLiteral("{font}"), QString(font).remove(QLatin1Char(' ')));

        const bool compressed = !cap.jpegBytes.isEmpty();
        const bool tiff = cap.faxDpi.isValid();
        const bool jpeg = !tiff && (m_options.format == ImageFormat::Jpg || (m_options.format == ImageFormat::Auto && compressed));
        g.imageFile = g.id + (tiff ? QStringLiteral(".tif") : jpeg ? QStringLiteral(".jpg") : QStringLiteral(".png"));
        g.truthFile = g.id + QStringLiteral(".truth.json");
        const QByteArray bytes = tiff ? encodeFaxTiff(cap.image, cap.faxDpi)
                                      : jpeg && compressed ? cap.jpegBytes : encode(cap.image, jpeg, 92);
        if (bytes.isEmpty())
            return ioError(dir.filePath(g.imageFile), QStringLiteral("the image could not be encoded"));
        if (auto st = writeFile(dir.filePath(g.imageFile), bytes); !st)
            return st.error();

        core::ImportResult truth;
        truth.source = g.imageFile;
        truth.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        truth.status = core::ImportResult::Status::Ok;
        core::Prescription p = layout == Layout::Table ? itemsOnly(rx.truth) : rx.truth;
        for (int i = 0; i < p.items.size(); ++i) {
            core::PrescriptionItem& item = p.items[i];
            item.rawText = page.rawLines.at(i);
            item.nameAsRead = core::Field<QString>::certain(page.printedNames.at(i));
            item.box = CaptureSimulator::mapBox(cap, page.itemBoxes.at(i));
        }
        truth.prescription = p;
        if (auto st = core::json::writeJsonFile(dir.filePath(g.truthFile), truthJson(truth, g, m_options, cap)); !st)
            return st.error();
        written.append(g);
    }
    return written;
}

QJsonObject Generator::truthJson(const core::ImportResult& truth, const GeneratedImage& image,
                                 const GeneratorOptions& options, const Capture& capture)
{
    QJsonObject o = core::json::toJson(truth);
    QJsonArray cut;
    if (truth.prescription) {
        for (const core::PrescriptionItem& item : truth.prescription->items) {
            if (item.product && item.nameAsRead.valueOr(QString()) != item.product->name)
                cut.append(item.line);
        }
    }
    QJsonObject generator {
        { QStringLiteral("layout"), layoutName(image.layout) },
        { QStringLiteral("font"), image.font },
        { QStringLiteral("condition"), conditionName(image.condition) },
        { QStringLiteral("seed"), static_cast<qint64>(options.seed) },
        { QStringLiteral("index"), image.index },
        { QStringLiteral("dpi"), options.dpi },
        { QStringLiteral("image_size"), QJsonArray { capture.image.width(), capture.image.height() } },
        { QStringLiteral("page_corners"), pointsJson(capture.pageCorners) },
        { QStringLiteral("jpeg_quality"), capture.jpegQuality },
        { QStringLiteral("truncated_lines"), cut },
    };
    // Only the newer conditions add keys, so the older ones' truth files stay as they were.
    if (!capture.marks.isEmpty()) {
        QJsonArray marks;
        for (const PageMark& m : capture.marks) {
            marks.append(QJsonObject { { QStringLiteral("kind"), m.kind },
                                       { QStringLiteral("box"), QJsonArray { m.box.x(), m.box.y(), m.box.width(), m.box.height() } } });
        }
        generator.insert(QStringLiteral("marks"), marks);
    }
    if (capture.dotPitch > 0)
        generator.insert(QStringLiteral("dot_pitch"), capture.dotPitch);
    if (capture.faxDpi.isValid())
        generator.insert(QStringLiteral("fax_dpi"), QJsonArray { capture.faxDpi.width(), capture.faxDpi.height() });
    o.insert(QStringLiteral("generator"), generator);
    return o;
}

core::Status Generator::writeManifest(const QList<GeneratedImage>& images) const
{
    QJsonArray items;
    QJsonArray ids;
    for (const GeneratedImage& g : images) {
        ids.append(g.id);
        items.append(QJsonObject { { QStringLiteral("id"), g.id },
                                   { QStringLiteral("image"), g.imageFile },
                                   { QStringLiteral("truth"), g.truthFile },
                                   { QStringLiteral("layout"), layoutName(g.layout) },
                                   { QStringLiteral("font"), g.font },
                                   { QStringLiteral("condition"), conditionName(g.condition) },
                                   { QStringLiteral("index"), g.index } });
    }
    QJsonArray layouts, conditions;
    for (Layout l : m_options.layouts)
        layouts.append(layoutName(l));
    for (Condition c : m_options.conditions)
        conditions.append(conditionName(c));
    const QJsonObject manifest {
        { QStringLiteral("generator"), QStringLiteral("pharmdesk-gen") },
        { QStringLiteral("seed"), static_cast<qint64>(m_options.seed) },
        { QStringLiteral("count"), m_options.count },
        { QStringLiteral("dpi"), m_options.dpi },
        { QStringLiteral("format"), formatName(m_options.format) },
        { QStringLiteral("layouts"), layouts },
        { QStringLiteral("conditions"), conditions },
        { QStringLiteral("fonts"), QJsonArray::fromStringList(m_options.fonts) },
        { QStringLiteral("ids"), ids },
        { QStringLiteral("items"), items },
    };
    return core::json::writeJsonFile(QDir(m_options.outDir).filePath(QStringLiteral("manifest.json")), manifest);
}

core::Result<QList<GeneratedImage>> Generator::run(const std::function<void(int, int)>& progress)
{
    if (auto st = prepare(); !st)
        return st.error();
    QList<GeneratedImage> all;
    for (int i = 0; i < m_options.count; ++i) {
        auto r = generate(i);
        if (!r)
            return r.error();
        all.append(r.value());
        if (progress)
            progress(i + 1, m_options.count);
    }
    if (auto st = writeManifest(all); !st)
        return st.error();
    return all;
}

} // namespace pharmdesk::gen
