// SPDX-License-Identifier: GPL-3.0-or-later
// Every guide format and language read back with poppler (and zbar for the QR codes): pages and
// paper, embedded Korean fonts, every drug and dosing sentence, DUR alerts, nothing outside the
// printable area or overlapping, receipts never broken inside a drug, black-only thermal output.
#include "GuideFixtures.h"
#include "Poppler.h"

#include "pharmdesk/guide/GuideContent.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include "PageFlow.h"    // guide/src: internal parts of the layout
#include "GuideLayout.h"
#include "Pictograms.h"

#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <thread>
#include <vector>

using namespace pharmdesk;
using namespace pharmdesk::guide;

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

GuideInput showcaseInput(bool withPill = true)
{
    guidetest::FakeCatalog catalog = guidetest::sampleCatalog();
    if (withPill)
        catalog.setPillImage(guidetest::ibuprofen().itemSeq, guidetest::syntheticPillPng());
    core::Prescription rx = guidetest::showcasePrescription();
    rx.alerts = guidetest::sampleAlerts();
    return makeGuideInput(rx, &catalog, guidetest::samplePharmacy(), QDate(2026, 11, 22));
}

QString allText(const QString& pdf, int page = 0)
{
    QStringList args;
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l") << QString::number(page);
    return guidetest::squeezed(guidetest::runTool(QStringLiteral("pdftotext"), args << pdf << QStringLiteral("-")));
}

/// True when every pixel of the rendered pages is a shade of grey (black-only printing).
bool onlyGrey(const QString& pdf, const QString& prefix, QString* where)
{
    guidetest::runTool(QStringLiteral("pdftoppm"), { QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-png"), pdf, prefix });
    const QFileInfo info(prefix);
    const QStringList pngs = info.dir().entryList({ info.fileName() + QStringLiteral("*.png") });
    if (pngs.isEmpty()) {
        *where = QStringLiteral("no page rendered");
        return false;
    }
    for (const QString& png : pngs) {
        const QImage image(info.dir().filePath(png));
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::abs(c.red() - c.green()) > 3 || std::abs(c.green() - c.blue()) > 3) {
                    *where = QStringLiteral("%1 (%2, %3): %4").arg(png).arg(x).arg(y).arg(c.name());
                    return false;
                }
            }
        }
    }
    return true;
}

} // namespace

class TestGuideFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char* tool : { "pdftotext", "pdffonts", "pdfinfo", "pdftoppm", "pdfimages" })
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     "poppler-utils are needed (scripts/setup-deps.sh installs them)");
        QVERIFY(m_dir.isValid());
    }

    void everyFormatAndLanguage_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("large");
        QTest::addColumn<QSizeF>("paperMm");  // height 0: continuous (as long as the content)
        for (const char* lang : { "ko", "en" }) {
            const QString l = QLatin1String(lang);
            QTest::addRow("a4 %s", lang) << QStringLiteral("a4") << l << false << QSizeF(210, 297);
            QTest::addRow("a5 %s", lang) << QStringLiteral("a5") << l << false << QSizeF(148, 210);
            QTest::addRow("receipt %s", lang) << QStringLiteral("receipt") << l << false << QSizeF(80, 0);
            QTest::addRow("label %s", lang) << QStringLiteral("label") << l << false << QSizeF(100, 150);
        }
        QTest::newRow("receipt large print") << QStringLiteral("receipt") << QStringLiteral("ko") << true << QSizeF(80, 0);
        QTest::newRow("label large print") << QStringLiteral("label") << QStringLiteral("ko") << true << QSizeF(100, 150);
    }

    void everyFormatAndLanguage()
    {
        QFETCH(QString, format);
        QFETCH(QString, language);
        QFETCH(bool, large);
        QFETCH(QSizeF, paperMm);
        GuideOptions options;
        options.format = format;
        options.language = language;
        options.largePrint = large;
        options.qrCodes = true;
        const GuideInput input = showcaseInput();
        const QString pdf = m_dir.filePath(QString::fromUtf8(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')) + QStringLiteral(".pdf"));
        const core::Status st = GuideRenderer(options).writePdf(input, pdf);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));

        // Paper and pages.
        const QList<guidetest::PdfPage> pages = guidetest::pdfWords(pdf);
        QCOMPARE(pages.size(), guidetest::pdfPageCount(pdf));
        QVERIFY(!pages.isEmpty());
        for (const guidetest::PdfPage& page : pages) {
            QVERIFY2(std::abs(page.size.width() - paperMm.width() * kPointsPerMm) < 1.5, qPrintable(QString::number(page.size.width())));
            if (paperMm.height() > 0)
                QVERIFY(std::abs(page.size.height() - paperMm.height() * kPointsPerMm) < 1.5);
        }
        if (paperMm.height() == 0) {
            QCOMPARE(pages.size(), 1);  // a receipt is one continuous page ...
            const double lastWord = std::max_element(pages.first().words.cbegin(), pages.first().words.cend(),
                                                     [](const auto& a, const auto& b) { return a.box.bottom() < b.box.bottom(); })
                                        ->box.bottom();
            // ... cut a little under its last line.
            QVERIFY2(pages.first().size.height() - lastWord < 15 * kPointsPerMm, qPrintable(QString::number(lastWord)));
        }

        // Embedded fonts, Korean among them.
        const QList<guidetest::PdfFont> fonts = guidetest::pdfFonts(pdf);
        QVERIFY(!fonts.isEmpty());
        bool korean = false;
        for (const guidetest::PdfFont& f : fonts) {
            QVERIFY2(f.embedded, qPrintable(f.name));
            korean = korean || (f.name.contains(QStringLiteral("CJK")) && f.type.contains(QStringLiteral("CID")));
        }
        QVERIFY(korean);

        // Every drug name and dosing sentence; the patient; the alerts the patient may see, and not the other one.
        const QString text = allText(pdf);
        for (const core::PrescriptionItem& item : input.prescription.items) {
            QVERIFY2(text.contains(guidetest::squeezed(displayName(item))), qPrintable(displayName(item)));
            QVERIFY2(text.contains(guidetest::squeezed(dosingSentence(item, language))), qPrintable(dosingSentence(item, language)));
        }
        QVERIFY(text.contains(QStringLiteral("김하늘")));
        QVERIFY(!text.contains(QStringLiteral("1736284")));
        const QList<PatientAlert> alerts = patientAlerts(input.prescription, language);
        QCOMPARE(alerts.size(), 2);
        for (const PatientAlert& a : alerts)
            QVERIFY2(text.contains(guidetest::squeezed(a.sentence)), qPrintable(a.sentence));
        QVERIFY(!text.contains(QStringLiteral("임부금기자료없음")));
        // The rule's own text as published, on every format with room for it.
        if (format != QStringLiteral("label"))
            QVERIFY(text.contains(guidetest::squeezed(alerts.first().ruleText)));
        // A drug without a published text: what is known, and the line asking the pharmacist
        // (a label carries no drug texts at all, and says whom to ask at its foot).
        const QString ask = guidetest::squeezed(Labels(language).noSource);
        const QString labelAsk = guidetest::squeezed(Labels(language).askPharmacist);
        if (format == QStringLiteral("label")) {
            QVERIFY(!text.contains(ask));
            QCOMPARE(text.count(labelAsk), pages.size());
        } else {
            QCOMPARE(text.count(ask), 1);
            QVERIFY(text.contains(guidetest::squeezed(QStringLiteral("습기와 빛을 피해 실온에서 보관하십시오."))));
        }

        // Nothing outside the printable area, nothing overlapping.
        const QMarginsF m = options.marginsMm();
        for (const guidetest::PdfPage& page : pages) {
            const QRectF printable = QRectF(QPointF(0, 0), page.size)
                                         .adjusted(m.left() * kPointsPerMm - 0.5, m.top() * kPointsPerMm - 0.5,
                                                   -m.right() * kPointsPerMm + 0.5, -m.bottom() * kPointsPerMm + 0.5);
            for (qsizetype i = 0; i < page.words.size(); ++i) {
                const guidetest::PdfWord& w = page.words.at(i);
                QVERIFY2(printable.contains(w.box), qPrintable(QStringLiteral("page %1: '%2' outside").arg(w.page).arg(w.text)));
                for (qsizetype j = i + 1; j < page.words.size(); ++j) {
                    const QRectF overlap = w.box.intersected(page.words.at(j).box);
                    QVERIFY2(overlap.width() < 0.5 || overlap.height() < 0.5,
                             qPrintable(QStringLiteral("page %1: '%2' overlaps '%3'").arg(w.page).arg(w.text, page.words.at(j).text)));
                }
            }
        }
    }

    void quantitiesStayWhole()
    {
        QFont font;
        font.setFamilies(detail::guideFontFamilies());
        font.setPixelSize(100);
        QImage reference(1, 1, QImage::Format_Mono);
        const detail::TextMetrics metrics(font, &reference, 1.0);
        // Room for "성분: 이부프로펜 200" but not for its unit as well.
        const qreal width = metrics.horizontalAdvance(QStringLiteral("성분: 이부프로펜 200 m")) / 0.99;
        QCOMPARE(detail::wrapText(QStringLiteral("성분: 이부프로펜 200 mg, 카페인 50 mg"), metrics, width),
                 (QStringList { QStringLiteral("성분: 이부프로펜"), QStringLiteral("200 mg, 카페인 50 mg") }));
    }

    void draftBannerOnEveryFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("banner");
        for (const char* format : { "a5", "receipt", "label" }) {
            QTest::addRow("%s ko", format) << QString::fromLatin1(format) << QStringLiteral("ko") << QStringLiteral("[확인전초안]");
            QTest::addRow("%s en", format) << QString::fromLatin1(format) << QStringLiteral("en") << QStringLiteral("[Uncheckeddraft]");
        }
    }

    void draftBannerOnEveryFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, language);
        QFETCH(QString, banner);
        GuideInput input = showcaseInput(false);
        GuideOptions options;
        options.format = format;
        options.language = language;
        const QString checked = m_dir.filePath(QStringLiteral("checked-%1-%2.pdf").arg(format, language));
        QVERIFY(GuideRenderer(options).writePdf(input, checked).ok());
        QVERIFY(!allText(checked).contains(banner));
        input.prescription.items[0].reviewReasons.append({ core::ReviewReason::Kind::LowConfidence, QStringLiteral("dose"), {} });
        const QString draft = m_dir.filePath(QStringLiteral("draft-%1-%2.pdf").arg(format, language));
        QVERIFY(GuideRenderer(options).writePdf(input, draft).ok());
        QVERIFY(allText(draft, 1).contains(banner));  // where the patient reads first
    }

    void concurrentRendersWithQrCodesAndPictograms()
    {
        // The batch import renders guides on its worker threads at the same time.
        GuideOptions options;
        options.format = QStringLiteral("receipt");
        options.qrCodes = true;
        const GuideInput input = showcaseInput();
        const GuideRenderer renderer(options);
        std::array<std::optional<core::Status>, 4> results;
        std::array<QString, 4> paths;
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            paths[i] = m_dir.filePath(QStringLiteral("thread-%1.pdf").arg(i));
            threads.emplace_back([&, i] { results[i] = renderer.writePdf(input, paths[i]); });
        }
        for (std::thread& t : threads)
            t.join();
        const QString first = allText(paths[0]);
        QVERIFY(first.contains(guidetest::squeezed(dosingSentence(input.prescription.items.first()))));
        for (int i = 0; i < 4; ++i) {
            QVERIFY(results[i].has_value());
            QVERIFY2(results[i]->ok(), results[i]->ok() ? "" : qPrintable(results[i]->error().toString()));
            QCOMPARE(allText(paths[i]), first);
        }
    }

    void pageSizeForPrinters()
    {
        GuideOptions options;
        const QList<std::pair<QString, QSizeF>> sizes = { { QStringLiteral("a4"), QSizeF(210, 297) },
                                                          { QStringLiteral("a5"), QSizeF(148, 210) },
                                                          { QStringLiteral("receipt"), QSizeF(80, 297) },
                                                          { QStringLiteral("label"), QSizeF(100, 150) } };
        for (const auto& [format, mm] : sizes) {
            options.format = format;
            const QSizeF got = GuideRenderer(options).pageSize().size(QPageSize::Millimeter);
            QVERIFY2(std::abs(got.width() - mm.width()) < 0.5 && std::abs(got.height() - mm.height()) < 0.5, qPrintable(format));
        }
        options.format = QStringLiteral("letter");
        QVERIFY(!GuideRenderer(options).pageSize().isValid());
    }

    void receiptOnFixedPagesNeverBreaksInsideADrug()
    {
        // A receipt printer driver with a fixed page length: a drug moves whole to the next page.
        GuideOptions options;
        options.format = QStringLiteral("receipt");
        const GuideInput input = showcaseInput();
        const QString path = m_dir.filePath(QStringLiteral("receipt-paged.pdf"));
        {
            QPdfWriter writer(path);
            writer.setPageLayout(QPageLayout(QPageSize(QSizeF(80, 300), QPageSize::Millimeter), QPageLayout::Portrait, QMarginsF()));
            const core::Status st = GuideRenderer(options).paint(input, &writer);
            QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));
        }
        const int pages = guidetest::pdfPageCount(path);
        QVERIFY(pages >= 3);
        for (const core::PrescriptionItem& item : input.prescription.items) {
            // The page with its dosing sentence (its name also appears in the alerts box on page 1).
            int dosingPage = 0;
            for (int p = 1; p <= pages && dosingPage == 0; ++p)
                dosingPage = allText(path, p).contains(guidetest::squeezed(dosingSentence(item))) ? p : 0;
            QVERIFY(dosingPage > 0);
            const QString page = allText(path, dosingPage);
            QVERIFY2(page.contains(guidetest::squeezed(displayName(item))), qPrintable(displayName(item)));
            if (input.texts.contains(item.line))
                QVERIFY2(page.contains(guidetest::squeezed(shortenAtSentence(input.texts.value(item.line).storage, 110))),
                         qPrintable(displayName(item)));
            QVERIFY(!allText(path).contains(QStringLiteral("(계속)")));
        }
    }

    void qrCodesDecodeToTheMfdsPages_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("a4") << QStringLiteral("a4");
        QTest::newRow("receipt") << QStringLiteral("receipt");
        QTest::newRow("label") << QStringLiteral("label");
    }

    void qrCodesDecodeToTheMfdsPages()
    {
        QFETCH(QString, format);
        if (QStandardPaths::findExecutable(QStringLiteral("zbarimg")).isEmpty())
            QSKIP("zbarimg (zbar-tools, scripts/setup-deps.sh) is needed to decode the codes");
        GuideOptions options;
        options.format = format;
        options.qrCodes = true;
        const GuideInput input = showcaseInput();
        const QString pdf = m_dir.filePath(QStringLiteral("qr-%1.pdf").arg(format));
        QVERIFY(GuideRenderer(options).writePdf(input, pdf).ok());
        const QString prefix = m_dir.filePath(QStringLiteral("qr-%1").arg(format));
        guidetest::runTool(QStringLiteral("pdftoppm"), { QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-gray"), pdf, prefix });
        QSet<QString> decoded;
        const QStringList pngs = QDir(m_dir.path()).entryList({ QStringLiteral("qr-%1*.pgm").arg(format) });
        QVERIFY(!pngs.isEmpty());
        for (const QString& png : pngs) {
            QProcess zbar;
            zbar.start(QStringLiteral("zbarimg"), { QStringLiteral("--quiet"), QStringLiteral("--raw"), m_dir.filePath(png) });
            QVERIFY(zbar.waitForFinished(60000));
            for (const QString& line : QString::fromUtf8(zbar.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                decoded.insert(line.trimmed());
        }
        QSet<QString> expected;
        for (const core::PrescriptionItem& item : input.prescription.items) {
            if (item.product && !item.product->itemSeq.isEmpty())
                expected.insert(mfdsItemUrl(item.product->itemSeq));
        }
        QCOMPARE(expected.size(), 3);  // the unmatched line has no page to link to
        QCOMPARE(decoded, expected);
    }

    void pillPictureOnlyWhereCached()
    {
        auto imageCount = [](const QString& pdf) {
            const QStringList lines = guidetest::runTool(QStringLiteral("pdfimages"), { QStringLiteral("-list"), pdf })
                                          .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            return lines.size() - 2;  // two header lines
        };
        const QString with = m_dir.filePath(QStringLiteral("pill.pdf"));
        const QString without = m_dir.filePath(QStringLiteral("nopill.pdf"));
        QVERIFY(GuideRenderer().writePdf(showcaseInput(true), with).ok());
        QVERIFY(GuideRenderer().writePdf(showcaseInput(false), without).ok());
        QCOMPARE(imageCount(with), 1);     // one cached picture, for one of four drugs
        QCOMPARE(imageCount(without), 0);  // no placeholder
    }

    void thermalAndHighContrastPrintBlackOnly_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("highContrast");
        QTest::addColumn<bool>("grey");
        QTest::newRow("a4: blue accent") << QStringLiteral("a4") << false << false;
        QTest::newRow("a4 high contrast") << QStringLiteral("a4") << true << true;
        QTest::newRow("a5 high contrast") << QStringLiteral("a5") << true << true;
        QTest::newRow("receipt") << QStringLiteral("receipt") << false << true;
        QTest::newRow("label") << QStringLiteral("label") << false << true;
    }

    void thermalAndHighContrastPrintBlackOnly()
    {
        QFETCH(QString, format);
        QFETCH(bool, highContrast);
        QFETCH(bool, grey);
        GuideOptions options;
        options.format = format;
        options.highContrast = highContrast;
        options.qrCodes = true;
        const QString name = QString::fromUtf8(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')).remove(QLatin1Char(':'));
        const QString pdf = m_dir.filePath(name + QStringLiteral(".pdf"));
        QVERIFY(GuideRenderer(options).writePdf(showcaseInput(false), pdf).ok());
        QString where;
        QCOMPARE(onlyGrey(pdf, m_dir.filePath(QStringLiteral("grey-") + name), &where), grey);
    }

    void pictogramsAreDrawnFromTheirSvg()
    {
        using detail::Pictogram;
        const QList<Pictogram> all = { Pictogram::Morning,    Pictogram::Noon,       Pictogram::Evening,
                                       Pictogram::Bedtime,    Pictogram::BeforeMeals, Pictogram::AfterMeals,
                                       Pictogram::BetweenMeals, Pictogram::Alert };
        QList<QImage> drawn;
        for (const Pictogram p : all) {
            QImage image(96, 96, QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            QVERIFY(detail::paintPictogram(painter, p, QRectF(0, 0, 96, 96), QColor(0xb0, 0x1c, 0x1c)));
            painter.end();
            int ink = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (c != Qt::white) {
                        ++ink;
                        // Only the requested colour (and its antialiased blends with white).
                        QVERIFY2(c.red() >= c.green() && c.green() == c.blue(), qPrintable(c.name()));
                    }
                }
            }
            // A clear mark: neither a speck nor a blot.
            QVERIFY2(ink > 96 * 96 / 12 && ink < 96 * 96 * 6 / 10, qPrintable(QString::number(ink)));
            for (const QImage& other : std::as_const(drawn))
                QVERIFY(other != image);  // every meaning has its own picture
            drawn.append(image);
        }
        QCOMPARE(detail::slotPictogram(3), Pictogram::Bedtime);
        QCOMPARE(detail::mealPictogram(MealTiming::BetweenMeals), Pictogram::BetweenMeals);
    }

    void longNamesBreakBeforeParentheses_data()
    {
        // The line width is that of the widest expected line (whatever the font's advances).
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("head and parenthesis each fit")
            << QStringLiteral("엔유린오디프스산0.2밀리그램(데스모프레신아세트산염)")
            << QStringList { QStringLiteral("엔유린오디프스산0.2밀리그램"), QStringLiteral("(데스모프레신아세트산염)") };
        QTest::newRow("two parentheses, the first pair fits")
            << QStringLiteral("알마겔정(알마게이트)(수출명:유한가스트라겔정)")
            << QStringList { QStringLiteral("알마겔정(알마게이트)"), QStringLiteral("(수출명:유한가스트라겔정)") };
        QTest::newRow("no parenthesis: between characters")
            << QStringLiteral("가나다라마바사아자차카타")
            << QStringList { QStringLiteral("가나다라마"), QStringLiteral("바사아자차"), QStringLiteral("카타") };
        QTest::newRow("spaces first") << QStringLiteral("하루 3번 (식후 30분)")
                                      << QStringList { QStringLiteral("하루 3번"), QStringLiteral("(식후 30분)") };
    }

    void longNamesBreakBeforeParentheses()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, lines);
        QFont font;
        font.setFamilies(detail::guideFontFamilies());
        font.setPixelSize(100);
        font.setHintingPreference(QFont::PreferNoHinting);
        QImage reference(1, 1, QImage::Format_Mono);
        const detail::TextMetrics metrics(font, &reference, 1.0);
        qreal width = 0;
        for (const QString& l : std::as_const(lines))
            width = std::max(width, metrics.horizontalAdvance(l));
        QCOMPARE(detail::wrapText(text, metrics, width / 0.99 + 1), lines);  // 0.99: wrapText's reserve
    }

private:
    /// The guide's fixed wording, read back from a rendered guide's perspective (Labels is private).
    struct Labels
    {
        explicit Labels(const QString& language)
        {
            const bool en = language == QStringLiteral("en");
            noSource = en ? QStringLiteral("Ask your pharmacist for details about this medicine.")
                          : QStringLiteral("이 약에 대한 자세한 설명은 약사에게 문의하세요.");
            askPharmacist = en ? QStringLiteral("Questions? Ask your pharmacist.") : QStringLiteral("궁금한 점은 약사에게 문의하세요.");
        }
        QString noSource, askPharmacist;
    };

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestGuideFormats)
#include "test_guideformats.moc"
