// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/core/ResultJson.h"
#include "pharmdesk/core/Rrn.h"
#include "pharmdesk/gen/PrescriptionSynth.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTest>

using namespace pharmdesk;
using namespace pharmdesk::gen;

class TestPrescriptionSynth : public QObject
{
    Q_OBJECT
private:
    std::optional<DrugPool> m_pool;

private Q_SLOTS:
    void initTestCase()
    {
        auto pool = DrugPool::load(QStringLiteral(PHARMDESK_RESOURCES_DIR "/drugs/permits.csv"));
        QVERIFY(pool.ok());
        m_pool = std::move(pool).value();
    }

    void sameSeedSameTruth_data()
    {
        QTest::addColumn<int>("layout");
        QTest::newRow("statutory") << int(Layout::Statutory);
        QTest::newRow("hospital") << int(Layout::Hospital);
    }
    void sameSeedSameTruth()
    {
        QFETCH(int, layout);
        const PrescriptionSynth synth(*m_pool);
        for (std::uint64_t seed : { 1ULL, 42ULL, 0xFFFFFFFFFFFFULL }) {
            const auto a = synth.generate(seed, Layout(layout));
            const auto b = synth.generate(seed, Layout(layout));
            QCOMPARE(QJsonDocument(core::json::toJson(a.truth)).toJson(), QJsonDocument(core::json::toJson(b.truth)).toJson());
            QCOMPARE(a.lines.size(), b.lines.size());
            QCOMPARE(a.fax, b.fax);
        }
        const auto x = synth.generate(1, Layout(layout));
        const auto y = synth.generate(2, Layout(layout));
        QVERIFY(core::json::toJson(x.truth) != core::json::toJson(y.truth));
    }

    void truthIsValid_data()
    {
        QTest::addColumn<int>("layout");
        QTest::newRow("statutory") << int(Layout::Statutory);
        QTest::newRow("hospital") << int(Layout::Hospital);
    }
    void truthIsValid()
    {
        QFETCH(int, layout);
        const PrescriptionSynth synth(*m_pool);
        static const QRegularExpression phone(QStringLiteral("^02-\\d{3,4}-\\d{4}$"));
        static const QRegularExpression kcd(QStringLiteral("^[A-Z]\\d{2}(\\.\\d{1,2})?$"));
        static const QRegularExpression digits(QStringLiteral("^\\d+$"));
        int sawInjection = 0, sawHalfDose = 0, sawSyrup = 0;
        for (std::uint64_t seed = 0; seed < 300; ++seed) {
            const SyntheticPrescription rx = synth.generate(seed, Layout(layout));
            const core::Prescription& p = rx.truth;
            // Header: every field present and plausible.
            QVERIFY(p.issueDate.hasValue() && p.issueDate->isValid());
            QCOMPARE(p.issueDate.confidence, 1.0);
            QVERIFY(p.issueNumber->size() == 5 && digits.match(*p.issueNumber).hasMatch());
            QVERIFY(QList<int>({ 3, 7, 14, 30 }).contains(*p.validityDays));
            QVERIFY(p.institution.code->size() == 8 && digits.match(*p.institution.code).hasMatch());
            QVERIFY2(phone.match(*p.institution.phone).hasMatch(), qPrintable(*p.institution.phone));
            QVERIFY(!p.institution.name->isEmpty());
            QVERIFY(p.prescriber.name->size() >= 2);
            QCOMPARE(*p.prescriber.licenseType, QString::fromUtf8("의사"));
            QVERIFY(p.prescriber.licenseNumber->size() >= 5 && p.prescriber.licenseNumber->size() <= 6);
            QVERIFY(p.patient.name->size() >= 2 && p.patient.name->size() <= 4);
            // RRN: real birth date, sex digit 1-4 matching the century, born before the issue date.
            const QString rrn = *p.patient.rrn;
            QVERIFY2(core::rrn::isValid(rrn), "invalid RRN");
            const QChar sexDigit = rrn.at(7);
            QVERIFY(sexDigit >= QLatin1Char('1') && sexDigit <= QLatin1Char('4'));
            QVERIFY(*p.patient.birthDate() < *p.issueDate);
            QVERIFY(!p.diagnosisCodes->isEmpty() && p.diagnosisCodes->size() <= 2);
            for (const QString& c : *p.diagnosisCodes)
                QVERIFY2(kcd.match(c).hasMatch(), qPrintable(c));

            // Items: 1-8 table lines (+ rarely one injection), codes from the shipped list.
            QCOMPARE(rx.lines.size(), p.items.size());
            int table = 0;
            for (int i = 0; i < p.items.size(); ++i) {
                const core::PrescriptionItem& item = p.items.at(i);
                QCOMPARE(item.line, i + 1);
                QVERIFY(item.product.has_value());
                QVERIFY(item.ediCode->size() == 9 && digits.match(*item.ediCode).hasMatch());
                QVERIFY(item.product->ediCodes.contains(*item.ediCode));
                QVERIFY2(m_pool->allCodes().value(*item.ediCode).contains(item.product->name), qPrintable(*item.ediCode));
                QCOMPARE(rx.lines.at(i).code, *item.ediCode);
                QCOMPARE(rx.lines.at(i).dose.toDouble(), *item.dose);
                QVERIFY(*item.dose > 0 && *item.dose <= 10);
                QVERIFY(*item.timesPerDay >= 1 && *item.timesPerDay <= 4);
                QVERIFY(*item.days >= 1 && *item.days <= 30);
                QVERIFY(!item.usage->isEmpty());
                QCOMPARE(item.confidence, 1.0);
                QVERIFY(!item.needsReview());
                if (item.injection) {
                    ++sawInjection;
                    QCOMPARE(i, p.items.size() - 1);
                } else {
                    ++table;
                    QVERIFY2(!item.product->name.section(QLatin1Char('('), 0, 0).contains(QString::fromUtf8("주사")),
                             qPrintable(item.product->name));
                }
                sawHalfDose += *item.dose < 1.0 ? 1 : 0;
                sawSyrup += item.product->name.contains(QString::fromUtf8("시럽")) ? 1 : 0;
            }
            QVERIFY(table >= 1 && table <= 8);
        }
        // The distribution covers the cases the parser must handle.
        QVERIFY(sawInjection > 0);
        QVERIFY(sawHalfDose > 10);
        QVERIFY(sawSyrup > 5);
    }

    void smallPoolStillTerminates()
    {
        // Two distinct codes only: prescriptions asking for more lines get what exists, no hang.
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(QString::fromUtf8("row_index,item_name,permit_no,edi_codes\n0,가나정,1,012345678\n1,다라캡슐,2,123456789\n").toUtf8());
        file.close();
        const auto pool = DrugPool::load(file.fileName());
        QVERIFY(pool.ok());
        const PrescriptionSynth synth(pool.value());
        for (std::uint64_t seed = 0; seed < 40; ++seed) {
            const SyntheticPrescription rx = synth.generate(seed, Layout::Statutory);
            QVERIFY(!rx.truth.items.isEmpty() && rx.truth.items.size() <= 2);
        }
    }

    void maskedInJson()
    {
        const SyntheticPrescription rx = PrescriptionSynth(*m_pool).generate(5, Layout::Statutory);
        const QString rrn = *rx.truth.patient.rrn;
        const QByteArray json = QJsonDocument(core::json::toJson(rx.truth)).toJson();
        QVERIFY(!json.contains(rrn.toUtf8()));
        QVERIFY(!json.contains(rrn.mid(7).toUtf8()));
        QVERIFY(json.contains(core::rrn::mask(rrn).toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestPrescriptionSynth)
#include "test_prescriptionsynth.moc"
