// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic prescriptions and an in-memory drug catalog for the guide tests. The e약은요 texts are
// the published MFDS texts of the shipped subset (resources), quoted as test data.
#pragma once

#include "pharmdesk/core/DrugCatalog.h"
#include "pharmdesk/core/Prescription.h"
#include "pharmdesk/core/Settings.h"

#include <QBuffer>
#include <QHash>
#include <QImage>
#include <QPainter>

namespace guidetest {

using namespace pharmdesk;

/// The resident number of the fixture patient; its digits must never reach a guide.
inline const QString kRrn = QStringLiteral("850412-1736284");

/// A test double of the drug cache seam: exact code and name lookups over a few products.
class FakeCatalog final : public core::DrugCatalog
{
public:
    void add(core::Product product, std::optional<core::GuideText> text = std::nullopt)
    {
        product.id = m_products.size() + 1;
        product.hasGuide = text.has_value();
        if (text)
            m_texts.insert(product.itemSeq, *text);
        m_products.append(product);
    }

    std::optional<core::Product> productByCode(const QString& ediCode) const override
    {
        for (const core::Product& p : m_products) {
            if (p.ediCodes.contains(ediCode))
                return p;
        }
        return std::nullopt;
    }
    QList<core::ProductMatch> matchName(const QString& query, int limit) const override
    {
        QList<core::ProductMatch> out;
        for (const core::Product& p : m_products) {
            const double s = nameSimilarity(query, p);
            if (s > 0 && out.size() < limit)
                out.append({ p, s, QStringLiteral("name") });
        }
        return out;
    }
    double nameSimilarity(const QString& query, const core::Product& product) const override
    {
        if (query == product.name)
            return 1.0;
        return product.name.startsWith(query.left(3)) ? 0.5 : 0.0;
    }
    std::optional<core::GuideText> guideFor(const core::Product& product) const override
    {
        const auto it = m_texts.constFind(product.itemSeq);
        if (it == m_texts.constEnd())
            return std::nullopt;
        return *it;
    }
    qsizetype productCount() const override { return m_products.size(); }
    QByteArray pillImage(const core::Product& product) const override { return m_pills.value(product.itemSeq); }

    /// Caches a picture (encoded bytes) for the product with `itemSeq`.
    void setPillImage(const QString& itemSeq, const QByteArray& bytes) { m_pills.insert(itemSeq, bytes); }

private:
    QList<core::Product> m_products;
    QHash<QString, core::GuideText> m_texts;
    QHash<QString, QByteArray> m_pills;
};

inline core::Product ibuprofen()
{
    core::Product p;
    p.itemSeq = QStringLiteral("197700120");
    p.name = QStringLiteral("부루펜정200밀리그램(이부프로펜)");
    p.ediCodes = { QStringLiteral("643900470") };
    p.ingredients = QStringLiteral("이부프로펜 200 mg");
    p.form = QStringLiteral("정");
    return p;
}

inline core::GuideText ibuprofenText()
{
    core::GuideText t;
    t.itemSeq = QStringLiteral("197700120");
    t.itemName = QStringLiteral("부루펜정200밀리그램(이부프로펜)");
    t.efficacy = QStringLiteral(
        "이 약은 류마티양 관절염, 연소성 류마티양 관절염, 골관절염(퇴행성 관절질환), 감기로 인한 발열 및 동통, 요통, "
        "월경곤란증, 수술후 동통과 강직성 척추염, 두통, 치통, 근육통, 신경통, 급성통풍, 건선성 관절염, "
        "연조직손상(염좌, 좌상), 비관절 류마티스질환(건염, 건초염, 활액낭염)에 사용합니다.\n");
    t.caution = QStringLiteral(
        "이 약에 과민증 환자, 위장관궤양, 위장관출혈, 심한 혈액이상, 심한 간장애, 심한 신장장애, 심한 심장기능부전, "
        "심한 고혈압, 기관지천식, 아스피린 또는 다른 소염진통제에 의한 천식, 두드러기, 알레르기 반응 경험 환자, "
        "임신 말기 3개월 기간의 임부, 수유부는 이 약을 복용하지 마십시오.\n\n"
        "권장용량을 초과하여 복용하지 마십시오.\n\n"
        "이 약을 복용하기 전에 혈액이상, 출혈경향 환자, 간장애, 신장장애, 심장기능부전, 고혈압, 노인, 임부, 수유부, "
        "저용량 아스피린을 복용하는 사람은 의사 또는 약사와 상의하십시오.\n\n"
        "감기에 복용할 경우에는 원칙적으로 5일 이내로 복용합니다.\n");
    t.storage = QStringLiteral("실온에서 보관하십시오.\n\n어린이의 손이 닿지 않는 곳에 보관하십시오.\n");
    return t;
}

inline core::Product almagel()
{
    core::Product p;
    p.itemSeq = QStringLiteral("198700430");
    p.name = QStringLiteral("알마겔정(알마게이트)(수출명:유한가스트라겔정)");
    p.ediCodes = { QStringLiteral("642101080") };
    return p;
}

inline core::GuideText almagelText()
{
    core::GuideText t;
    t.itemSeq = QStringLiteral("198700430");
    t.itemName = QStringLiteral("알마겔정(알마게이트)(수출명:유한가스트라겔정)");
    t.efficacy = QStringLiteral(
        "이 약은 위·십이지장궤양, 위염, 위산과다, 속쓰림, 구역, 구토, 위통, 신트림의 제산작용 및 증상의 개선에 사용합니다.");
    t.caution = QStringLiteral(
        "이 약에 과민증 환자, 알츠하이머병, 치질, 체액저류(부기), 임신중독증, 설사, 진단되지 않은 소화기관출혈 환자는 이 약을 "
        "복용하지 마십시오.이 약을 복용하기 전에 신장애, 신체 허약자, 고령자, 임부 또는 임신하고 있을 가능성이 있는 여성 및 "
        "수유부는 의사 또는 약사와 상담하십시오.정해진 용법과 용량을 잘 지키십시오.어린이에게 투여할 경우 보호자의 지도 "
        "감독하에 투여하십시오.2주정도 복용하여도 증상의 개선이 없을 경우 복용을 즉각 중지하고 의사 또는 약사와 상의하십시오.");
    t.storage = QStringLiteral("습기와 빛을 피해 실온에서 보관하십시오.어린이의 손이 닿지 않는 곳에 보관하십시오.");
    return t;
}

inline core::Product cetirizine()
{
    core::Product p;
    p.itemSeq = QStringLiteral("199700120");
    p.name = QStringLiteral("세트린정(세티리진염산염)(수출명:ANTIRIZINtab)");
    p.ediCodes = { QStringLiteral("649100430") };
    return p;
}

inline core::GuideText cetirizineText()
{
    core::GuideText t;
    t.itemSeq = QStringLiteral("199700120");
    t.efficacy = QStringLiteral(
        "이 약은 계절성 및 다년성 알레르기성 비염, 알레르기성 결막염, 만성 특발성 두드러기, 피부소양증과 하이드로코티손 "
        "외용제와 병용에 의한 습진, 피부염에 사용합니다.\n");
    t.caution = QStringLiteral(
        "이 약 및 히드록시진 또는 피페라진 유도체에 과민증 환자, 신부전, 임부 및 임신하고 있을 가능성이 있는 여성 및 수유부, "
        "6세 미만의 유아는 이 약을 복용하지 마십시오.\n\n이 약을 복용하기 전에 신장애, 간장애, 노인, 간질 환자 및 발작 "
        "위험성이 있는 환자는 의사 또는 약사와 상의하십시오.\n");
    t.storage = QStringLiteral("실온에서 보관하십시오.\n\n어린이의 손이 닿지 않는 곳에 보관하십시오.\n");
    return t;
}

inline FakeCatalog sampleCatalog()
{
    FakeCatalog c;
    c.add(ibuprofen(), ibuprofenText());
    c.add(almagel(), almagelText());
    c.add(cetirizine(), cetirizineText());
    return c;
}

inline core::PrescriptionItem item(int line, const std::optional<core::Product>& product, const QString& nameRead,
                                   double dose, int times, int days, const QString& usage)
{
    core::PrescriptionItem i;
    i.line = line;
    i.nameAsRead = core::Field<QString>::read(nameRead, 0.9);
    i.rawText = nameRead;
    if (product) {
        // As read back from a result file: name, item_seq and codes only (no cache id).
        core::Product p;
        p.name = product->name;
        p.itemSeq = product->itemSeq;
        p.ediCodes = product->ediCodes;
        i.product = p;
        i.ediCode = core::Field<QString>::read(product->ediCodes.value(0), 0.95);
    }
    i.dose = core::Field<double>::read(dose, 0.95);
    i.timesPerDay = core::Field<int>::read(times, 0.95);
    i.days = core::Field<int>::read(days, 0.95);
    if (!usage.isEmpty())
        i.usage = core::Field<QString>::read(usage, 0.9);
    return i;
}

/// Three drugs: two with e약은요 texts, one line that matched no product (no source text).
inline core::Prescription samplePrescription()
{
    core::Prescription p;
    p.issueDate = core::Field<QDate>::read(QDate(2026, 11, 21), 0.97);
    p.patient.name = core::Field<QString>::read(QStringLiteral("김하늘"), 0.95);
    p.patient.rrn = core::Field<QString>::read(kRrn, 0.99);
    p.institution.name = core::Field<QString>::read(QStringLiteral("서울밝은내과의원"), 0.93);
    p.items = {
        item(1, ibuprofen(), QStringLiteral("부루펜정200밀리그램"), 1, 3, 5, QStringLiteral("식후 30분")),
        item(2, almagel(), QStringLiteral("알마겔정"), 2, 3, 5, QStringLiteral("식후30분")),
        item(3, std::nullopt, QStringLiteral("로수젯정10/5밀리그램"), 0.5, 1, 30, QStringLiteral("저녁 식후")),
    };
    return p;
}

/// The sample plus a drug taken at bedtime, for the reviewers' picture.
inline core::Prescription showcasePrescription()
{
    core::Prescription p = samplePrescription();
    p.items.insert(2, item(3, cetirizine(), QStringLiteral("세트린정"), 1, 1, 5, QStringLiteral("취침 전")));
    p.items[3].line = 4;
    return p;
}

/// A synthetic pill photograph (front and back of a white round tablet on grey), PNG-encoded, as
/// the cache would hold a downloaded 낱알식별 image.
inline QByteArray syntheticPillPng()
{
    QImage image(240, 120, QImage::Format_RGB32);
    image.fill(QColor(0xd8, 0xd8, 0xd8));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0x90, 0x90, 0x90), 2));
    p.setBrush(QColor(0xfb, 0xfb, 0xf8));
    p.drawEllipse(QRectF(14, 14, 92, 92));
    p.drawEllipse(QRectF(134, 14, 92, 92));
    p.drawLine(QPointF(180, 22), QPointF(180, 98));  // score line on the back
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

/// DUR findings on the sample prescription: one for the patient (elderly caution on line 1), one
/// pair (lines 1 and 2, same-class duplicate) and one the patient must not see (rules unavailable).
inline QList<core::DurAlert> sampleAlerts()
{
    core::DurAlert elderly;
    elderly.kind = core::DurAlert::Kind::ElderlyCaution;
    elderly.severity = core::DurAlert::Severity::Warning;
    elderly.lines = { 1 };
    elderly.text = QStringLiteral("고령자에서 위장관 출혈 위험이 증가할 수 있으므로 신중히 투여.");  // fixture wording
    elderly.source = QStringLiteral("DUR 노인주의 (fixture)");
    core::DurAlert duplicate;
    duplicate.kind = core::DurAlert::Kind::TherapeuticDuplicate;
    duplicate.severity = core::DurAlert::Severity::Warning;
    duplicate.lines = { 1, 2 };
    core::DurAlert unavailable;
    unavailable.kind = core::DurAlert::Kind::RulesUnavailable;
    unavailable.severity = core::DurAlert::Severity::Info;
    unavailable.text = QStringLiteral("임부금기 자료 없음");
    return { elderly, duplicate, unavailable };
}

inline core::PharmacyInfo samplePharmacy()
{
    core::PharmacyInfo ph;
    ph.name = QStringLiteral("행복한온누리약국");
    ph.phone = QStringLiteral("02-123-4567");
    ph.pharmacist = QStringLiteral("이정민");
    return ph;
}

} // namespace guidetest
