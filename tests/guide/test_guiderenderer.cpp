// SPDX-License-Identifier: GPL-3.0-or-later
// The rendered guide read back with poppler: content, privacy, fonts, pagination, printable area.
#include "GuideFixtures.h"
#include "Poppler.h"

#include "pharmdesk/guide/GuideContent.h"
#include "pharmdesk/guide/GuideRenderer.h"

#include <QBuffer>
#include <QFile>
#include <QPdfWriter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pharmdesk;
using namespace pharmdesk::guide;

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

/// Twelve drugs with long names and long published texts: more than one page in any format.
core::Prescription longPrescription()
{
    const core::Prescription base = guidetest::samplePrescription();
    core::Prescription rx = base;
    rx.items.clear();
    const QStringList extra = { QStringLiteral("서방형"), QStringLiteral("장용코팅"), QStringLiteral("고함량") };
    for (int i = 0; i < 12; ++i) {
        core::PrescriptionItem item = base.items.at(i % 3);
        item.line = i + 1;
        if (!item.product)
            item.nameAsRead.value = QStringLiteral("%1로수젯정10/5밀리그램 처방%2번 %3")
                                        .arg(extra.at(i % 3))
                                        .arg(i + 1)
                                        .arg(QStringLiteral("아주 긴 이름의 약으로 줄바꿈이 필요합니다"));
        rx.items.append(item);
    }
    return rx;
}

GuideInput sampleInput(const core::Prescription& rx = guidetest::samplePrescription())
{
    const guidetest::FakeCatalog catalog = guidetest::sampleCatalog();
    return makeGuideInput(rx, &catalog, guidetest::samplePharmacy(), QDate(2026, 11, 22));
}

QString render(const GuideInput& input, const GuideOptions& options, const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    const core::Status st = GuideRenderer(options).writePdf(input, path);
    if (!st.ok())
        qWarning("%s", qPrintable(st.error().toString()));
    return st.ok() ? path : QString();
}

QString layoutText(const QString& pdf, int page = 0)
{
    QStringList args = { QStringLiteral("-layout") };
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l") << QString::number(page);
    return guidetest::runTool(QStringLiteral("pdftotext"), args << pdf << QStringLiteral("-"));
}

} // namespace

class TestGuideRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char* tool : { "pdftotext", "pdffonts", "pdfinfo" })
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     "poppler-utils are needed (scripts/setup-deps.sh installs them)");
        QVERIFY(m_dir.isValid());
    }

    void sampleGuideShowsDrugsDosingAndPatient()
    {
        const GuideInput input = sampleInput();
        const QString pdf = render(input, {}, m_dir, QStringLiteral("sample.pdf"));
        QVERIFY(!pdf.isEmpty());
        const QString text = guidetest::squeezed(layoutText(pdf));
        QVERIFY(!text.isEmpty());
        for (const core::PrescriptionItem& item : input.prescription.items) {
            QVERIFY2(text.contains(guidetest::squeezed(displayName(item))), qPrintable(displayName(item)));
            const QString dosing = GuideRenderer::dosingSentence(item);
            QVERIFY2(text.contains(guidetest::squeezed(dosing)), qPrintable(dosing));
        }
        QVERIFY(text.contains(QStringLiteral("김하늘")));
        QVERIFY(text.contains(QStringLiteral("행복한온누리약국")));
        QVERIFY(text.contains(QStringLiteral("02-123-4567")));
        QVERIFY(text.contains(QStringLiteral("이정민")));
        QVERIFY(text.contains(QStringLiteral("서울밝은내과의원")));
        QVERIFY(text.contains(QStringLiteral("2026년11월22일")));
        // Published texts where they exist, and only there.
        QVERIFY(text.contains(guidetest::squeezed(QStringLiteral("이 약은 위·십이지장궤양, 위염"))));
        QVERIFY(text.contains(guidetest::squeezed(QStringLiteral("습기와 빛을 피해 실온에서 보관하십시오."))));
        const QString askPharmacist = guidetest::squeezed(QStringLiteral("이 약에 대한 자세한 설명은 약사에게 문의하세요."));
        QCOMPARE(text.count(askPharmacist), 1);
        QVERIFY(text.contains(QStringLiteral("자기전")));  // the timetable row
        // The resident number never appears, not even masked.
        QVERIFY(!text.contains(QStringLiteral("1736284")));
        QVERIFY(!text.contains(QStringLiteral("850412")));
        QVERIFY(!text.contains(QStringLiteral("******")));
    }

    void draftBannerOnlyWhileReviewIsPending()
    {
        const QString banner = QStringLiteral("[확인전초안]");
        core::Prescription checked = guidetest::samplePrescription();
        checked.reviewReasons.clear();
        for (core::PrescriptionItem& item : checked.items)
            item.reviewReasons.clear();
        const QString clean = render(sampleInput(checked), {}, m_dir, QStringLiteral("checked.pdf"));
        QVERIFY(!guidetest::squeezed(layoutText(clean)).contains(banner));

        core::Prescription pending = checked;
        pending.items[1].reviewReasons.append({ core::ReviewReason::Kind::LowConfidence, QStringLiteral("dose"), {} });
        const QString draft = render(sampleInput(pending), {}, m_dir, QStringLiteral("pending.pdf"));
        QVERIFY(guidetest::squeezed(layoutText(draft)).contains(banner));

        core::Prescription headerPending = checked;
        headerPending.reviewReasons.append({ core::ReviewReason::Kind::Missing, QStringLiteral("patient.name"), {} });
        GuideOptions english;
        english.language = QStringLiteral("en");
        const QString draftEn = render(sampleInput(headerPending), english, m_dir, QStringLiteral("pending-en.pdf"));
        QVERIFY(guidetest::squeezed(layoutText(draftEn)).contains(QStringLiteral("[Uncheckeddraft]")));
    }

    void publishedInteractionsAndSideEffectsAreShown()
    {
        // The full e약은요 service also has interactions and side effects (the shipped subset does not).
        GuideInput input = sampleInput();
        input.texts[1].interaction = QStringLiteral("다른 소염진통제와 함께 복용하지 마십시오.");
        input.texts[1].sideEffects = QStringLiteral("속쓰림, 구역, 발진이 나타날 수 있습니다.");
        const QString pdf = render(input, {}, m_dir, QStringLiteral("full-text.pdf"));
        QVERIFY(!pdf.isEmpty());
        const QString text = guidetest::squeezed(layoutText(pdf));
        QVERIFY(text.contains(QStringLiteral("상호작용")));
        QVERIFY(text.contains(QStringLiteral("다른소염진통제와함께복용하지마십시오.")));
        QVERIFY(text.contains(QStringLiteral("부작용")));
        QVERIFY(text.contains(QStringLiteral("속쓰림,구역,발진이나타날수있습니다.")));
    }

    void emptyPharmacyLinesAreOmitted()
    {
        GuideInput input = sampleInput();
        input.pharmacy = {};
        input.pharmacy.name = QStringLiteral("새봄약국");
        const QString pdf = render(input, {}, m_dir, QStringLiteral("nophone.pdf"));
        QVERIFY(!pdf.isEmpty());
        const QString text = layoutText(pdf);
        QVERIFY(text.contains(QStringLiteral("새봄약국")));
        QVERIFY(!text.contains(QStringLiteral("전화")));
        QVERIFY(!text.contains(QStringLiteral("·  약사")));
    }

    void fontsAreEmbeddedKoreanFonts()
    {
        const QString pdf = render(sampleInput(), {}, m_dir, QStringLiteral("fonts.pdf"));
        QVERIFY(!pdf.isEmpty());
        const QList<guidetest::PdfFont> fonts = guidetest::pdfFonts(pdf);
        QVERIFY(!fonts.isEmpty());
        static const QRegularExpression korean(QStringLiteral("CJK|Nanum|UnDotum|UnBatang|Baekmuk"));
        bool anyKorean = false;
        for (const guidetest::PdfFont& f : fonts) {
            QVERIFY2(f.embedded, qPrintable(f.name + QStringLiteral(" is not embedded")));
            anyKorean = anyKorean || (korean.match(f.name).hasMatch() && f.type.contains(QStringLiteral("CID")));
        }
        QVERIFY2(anyKorean, qPrintable(fonts.first().name));
    }

    void longGuideFlowsWithinPrintableArea_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("large");
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("minPages");
        QTest::addColumn<bool>("hugeCard");   // one card taller than a page
        QTest::addColumn<bool>("continues");  // some card must continue on a next page
        QTest::newRow("a4") << QStringLiteral("a4") << false << QStringLiteral("ko") << 2 << false << false;
        QTest::newRow("a4 large print") << QStringLiteral("a4") << true << QStringLiteral("ko") << 3 << false << true;
        QTest::newRow("a5: cards split rather than leave pages half empty")
            << QStringLiteral("a5") << false << QStringLiteral("ko") << 4 << false << true;
        QTest::newRow("a4 english labels") << QStringLiteral("a4") << false << QStringLiteral("en") << 2 << false << false;
        QTest::newRow("a5 large print, card taller than a page")
            << QStringLiteral("a5") << true << QStringLiteral("ko") << 5 << true << true;
    }

    void longGuideFlowsWithinPrintableArea()
    {
        QFETCH(QString, format);
        QFETCH(bool, large);
        QFETCH(QString, language);
        QFETCH(int, minPages);
        QFETCH(bool, hugeCard);
        QFETCH(bool, continues);
        GuideOptions options;
        options.format = format;
        options.largePrint = large;
        options.language = language;
        GuideInput input = sampleInput(longPrescription());
        if (hugeCard) {
            // A combination product listing many ingredients (ingredients are printed whole).
            QStringList parts;
            for (int i = 1; i <= 60; ++i)
                parts << QStringLiteral("성분%1번 복합비타민 %2 mg").arg(i).arg(i * 5);
            input.ingredients.insert(2, parts.join(QStringLiteral(", ")));
        }
        const QString pdf = render(input, options, m_dir, QStringLiteral("long-%1.pdf").arg(QString::fromUtf8(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        QVERIFY(!pdf.isEmpty());

        const int pages = guidetest::pdfPageCount(pdf);
        QVERIFY2(pages >= minPages, qPrintable(QString::number(pages)));
        // The layout does not depend on the device's resolution: a printer or a screen preview gets
        // the same pages as the PDF.
        for (const int dpi : { 96, 300, 1200 }) {
            QBuffer buffer;
            QVERIFY(buffer.open(QIODevice::WriteOnly));
            QPdfWriter probe(&buffer);
            probe.setResolution(dpi);
            probe.setPageLayout(QPageLayout(format == QStringLiteral("a5") ? QPageSize(QPageSize::A5) : QPageSize(QPageSize::A4),
                                            QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
            QCOMPARE(GuideRenderer(options).pageCount(input, &probe), pages);
        }

        const QList<guidetest::PdfPage> words = guidetest::pdfWords(pdf);
        QCOMPARE(words.size(), pages);
        const double margin = options.marginMm * kPointsPerMm - 0.5;  // half a point of rounding
        for (const guidetest::PdfPage& page : words) {
            const QRectF printable(margin, margin, page.size.width() - 2 * margin, page.size.height() - 2 * margin);
            QVERIFY(page.words.size() > 5);
            for (qsizetype i = 0; i < page.words.size(); ++i) {
                const guidetest::PdfWord& w = page.words.at(i);
                QVERIFY2(printable.contains(w.box),
                         qPrintable(QStringLiteral("page %1: '%2' at (%3, %4)-(%5, %6) outside the printable area")
                                        .arg(w.page)
                                        .arg(w.text)
                                        .arg(w.box.left())
                                        .arg(w.box.top())
                                        .arg(w.box.right())
                                        .arg(w.box.bottom())));
                for (qsizetype j = i + 1; j < page.words.size(); ++j) {
                    const QRectF overlap = w.box.intersected(page.words.at(j).box);
                    QVERIFY2(overlap.width() < 0.5 || overlap.height() < 0.5,
                             qPrintable(QStringLiteral("page %1: '%2' overlaps '%3'")
                                            .arg(w.page)
                                            .arg(w.text, page.words.at(j).text)));
                }
            }
        }
        // Every drug and dosing sentence made it, and every page says which page of how many it is.
        const QString all = guidetest::squeezed(layoutText(pdf));
        for (const core::PrescriptionItem& item : input.prescription.items) {
            QVERIFY2(all.contains(guidetest::squeezed(displayName(item))), qPrintable(displayName(item)));
            QVERIFY(all.contains(guidetest::squeezed(GuideRenderer::dosingSentence(item, language))));
        }
        for (int p = 1; p <= pages; ++p)
            QVERIFY(guidetest::squeezed(layoutText(pdf, p)).contains(QStringLiteral("%1/%2").arg(p).arg(pages)));
        QCOMPARE(all.contains(QStringLiteral("(계속)")), continues);
        if (hugeCard)
            QVERIFY(all.contains(QStringLiteral("성분60번복합비타민300mg")));
    }

    void largePrintIsLarger()
    {
        const GuideInput input = sampleInput();
        GuideOptions large;
        large.largePrint = true;
        auto medianHeight = [](const QString& pdf) {
            QList<double> heights;
            for (const guidetest::PdfPage& page : guidetest::pdfWords(pdf)) {
                for (const guidetest::PdfWord& w : page.words)
                    heights.append(w.box.height());
            }
            std::sort(heights.begin(), heights.end());
            return heights.isEmpty() ? 0.0 : heights.at(heights.size() / 2);
        };
        const double normal = medianHeight(render(input, {}, m_dir, QStringLiteral("normal.pdf")));
        const double big = medianHeight(render(input, large, m_dir, QStringLiteral("large.pdf")));
        QVERIFY(normal > 0);
        // Body text is 12 pt normally (a word box is about 1.45 em high) and 14 pt in large print.
        QVERIFY2(normal >= 12 * 1.3, qPrintable(QString::number(normal)));
        QVERIFY2(big / normal > 1.12, qPrintable(QStringLiteral("%1 vs %2").arg(big).arg(normal)));
    }

    void paintHonoursDeviceMargins()
    {
        // A device with its own (printer-like) margins larger than the guide's: nothing may be
        // painted in them.
        const QString path = m_dir.filePath(QStringLiteral("margins.pdf"));
        {
            QPdfWriter writer(path);
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                             QMarginsF(25, 30, 10, 10), QPageLayout::Millimeter));
            const core::Status st = GuideRenderer().paint(sampleInput(longPrescription()), &writer);
            QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));
        }
        const QList<guidetest::PdfPage> pages = guidetest::pdfWords(path);
        QVERIFY(pages.size() >= 2);
        for (const guidetest::PdfPage& page : pages) {
            for (const guidetest::PdfWord& w : page.words) {
                QVERIFY2(w.box.left() >= 25 * kPointsPerMm - 0.5, qPrintable(w.text));
                QVERIFY2(w.box.top() >= 30 * kPointsPerMm - 0.5, qPrintable(w.text));
                QVERIFY2(w.box.right() <= page.size.width() - 15 * kPointsPerMm + 0.5, qPrintable(w.text));
            }
        }
    }

    void failedRenderLeavesExistingFileAlone()
    {
        const QString path = m_dir.filePath(QStringLiteral("keep.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("previous guide");
        f.close();
        GuideInput empty = sampleInput();
        empty.prescription.items.clear();
        const core::Status st = GuideRenderer().writePdf(empty, path);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().category, core::ErrorCategory::Input);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous guide"));
    }

    void badOutputsAreErrors()
    {
        const core::Status noDir = GuideRenderer().writePdf(sampleInput(), m_dir.filePath(QStringLiteral("missing/x.pdf")));
        QVERIFY(!noDir.ok());
        QCOMPARE(noDir.error().category, core::ErrorCategory::Io);
        GuideOptions letter;
        letter.format = QStringLiteral("letter");
        const core::Status unknown = GuideRenderer(letter).writePdf(sampleInput(), m_dir.filePath(QStringLiteral("r.pdf")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().category, core::ErrorCategory::Usage);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("r.pdf"))));
        QCOMPARE(GuideRenderer().pageCount(sampleInput(), nullptr), 0);
        QVERIFY(!GuideRenderer().paint(sampleInput(), nullptr).ok());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestGuideRenderer)
#include "test_guiderenderer.moc"
