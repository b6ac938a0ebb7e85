// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/HeaderFields.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>

namespace pharmdesk::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pharmdesk::ui", text);
}

/// What every Field<T> has in common, whatever T is.
struct FieldState
{
    bool hasValue = false;
    double confidence = 0.0;
    QRect box;
};

template<typename T>
FieldState stateOf(const core::Field<T>& f)
{
    return FieldState { f.hasValue(), f.confidence, f.box };
}

FieldState fieldState(const core::Prescription& p, HeaderField field)
{
    switch (field) {
    case HeaderField::IssueDate:
        return stateOf(p.issueDate);
    case HeaderField::IssueNumber:
        return stateOf(p.issueNumber);
    case HeaderField::ValidityDays:
        return stateOf(p.validityDays);
    case HeaderField::InstitutionName:
        return stateOf(p.institution.name);
    case HeaderField::InstitutionCode:
        return stateOf(p.institution.code);
    case HeaderField::InstitutionPhone:
        return stateOf(p.institution.phone);
    case HeaderField::PrescriberName:
        return stateOf(p.prescriber.name);
    case HeaderField::PrescriberLicenseType:
        return stateOf(p.prescriber.licenseType);
    case HeaderField::PrescriberLicenseNumber:
        return stateOf(p.prescriber.licenseNumber);
    case HeaderField::PatientName:
        return stateOf(p.patient.name);
    case HeaderField::PatientRrn:
        return stateOf(p.patient.rrn);
    case HeaderField::DiagnosisCodes:
        return stateOf(p.diagnosisCodes);
    }
    return {};
}

/// Stores a hand-entered value: certain, keeping where it was read.
template<typename T>
void assign(core::Field<T>& f, std::optional<T> value)
{
    f.value = std::move(value);
    f.confidence = 1.0;
}

bool assignText(core::Field<QString>& f, const QString& text)
{
    assign(f, text.isEmpty() ? std::nullopt : std::optional<QString>(text));
    return true;
}

std::optional<QDate> parseDate(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})\\D?(\\d{1,2})\\D?(\\d{1,2})\\D?$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

} // namespace

QList<HeaderField> headerFields()
{
    return { HeaderField::IssueDate, HeaderField::IssueNumber, HeaderField::ValidityDays,
        HeaderField::InstitutionName, HeaderField::InstitutionCode, HeaderField::InstitutionPhone,
        HeaderField::PrescriberName, HeaderField::PrescriberLicenseType, HeaderField::PrescriberLicenseNumber,
        HeaderField::PatientName, HeaderField::PatientRrn, HeaderField::DiagnosisCodes };
}

QString headerFieldLabel(HeaderField field)
{
    switch (field) {
    case HeaderField::IssueDate:
        return tr("교부일");
    case HeaderField::IssueNumber:
        return tr("교부번호");
    case HeaderField::ValidityDays:
        return tr("사용기간(일)");
    case HeaderField::InstitutionName:
        return tr("의료기관");
    case HeaderField::InstitutionCode:
        return tr("요양기관기호");
    case HeaderField::InstitutionPhone:
        return tr("전화번호");
    case HeaderField::PrescriberName:
        return tr("처방의");
    case HeaderField::PrescriberLicenseType:
        return tr("면허종별");
    case HeaderField::PrescriberLicenseNumber:
        return tr("면허번호");
    case HeaderField::PatientName:
        return tr("환자 성명");
    case HeaderField::PatientRrn:
        return tr("주민등록번호");
    case HeaderField::DiagnosisCodes:
        return tr("질병분류기호");
    }
    return {};
}

QString headerFieldKey(HeaderField field)
{
    switch (field) {
    case HeaderField::IssueDate:
        return QStringLiteral("issue_date");
    case HeaderField::IssueNumber:
        return QStringLiteral("issue_number");
    case HeaderField::ValidityDays:
        return QStringLiteral("validity_days");
    case HeaderField::InstitutionName:
        return QStringLiteral("institution.name");
    case HeaderField::InstitutionCode:
        return QStringLiteral("institution.code");
    case HeaderField::InstitutionPhone:
        return QStringLiteral("institution.phone");
    case HeaderField::PrescriberName:
        return QStringLiteral("prescriber.name");
    case HeaderField::PrescriberLicenseType:
        return QStringLiteral("prescriber.license_type");
    case HeaderField::PrescriberLicenseNumber:
        return QStringLiteral("prescriber.license_number");
    case HeaderField::PatientName:
        return QStringLiteral("patient.name");
    case HeaderField::PatientRrn:
        return QStringLiteral("patient.rrn");
    case HeaderField::DiagnosisCodes:
        return QStringLiteral("diagnosis_codes");
    }
    return {};
}

QString headerFieldText(const core::Prescription& p, HeaderField field)
{
    switch (field) {
    case HeaderField::IssueDate:
        return p.issueDate.hasValue() ? p.issueDate->toString(Qt::ISODate) : QString();
    case HeaderField::IssueNumber:
        return p.issueNumber.valueOr({});
    case HeaderField::ValidityDays:
        return p.validityDays.hasValue() ? QString::number(*p.validityDays) : QString();
    case HeaderField::InstitutionName:
        return p.institution.name.valueOr({});
    case HeaderField::InstitutionCode:
        return p.institution.code.valueOr({});
    case HeaderField::InstitutionPhone:
        return p.institution.phone.valueOr({});
    case HeaderField::PrescriberName:
        return p.prescriber.name.valueOr({});
    case HeaderField::PrescriberLicenseType:
        return p.prescriber.licenseType.valueOr({});
    case HeaderField::PrescriberLicenseNumber:
        return p.prescriber.licenseNumber.valueOr({});
    case HeaderField::PatientName:
        return p.patient.name.valueOr({});
    case HeaderField::PatientRrn:
        return p.patient.maskedRrn();
    case HeaderField::DiagnosisCodes:
        return p.diagnosisCodes.valueOr({}).join(QStringLiteral(", "));
    }
    return {};
}

bool headerFieldEditable(HeaderField field)
{
    return field != HeaderField::PatientRrn;
}

bool setHeaderFieldText(core::Prescription& p, HeaderField field, const QString& rawText)
{
    const QString text = rawText.trimmed();
    bool ok = true;
    switch (field) {
    case HeaderField::IssueDate: {
        const auto date = parseDate(text);
        if (!text.isEmpty() && !date)
            return false;
        assign(p.issueDate, date);
        break;
    }
    case HeaderField::ValidityDays: {
        const int days = text.toInt(&ok);
        if (!text.isEmpty() && (!ok || days <= 0 || days > 365))
            return false;
        assign(p.validityDays, text.isEmpty() ? std::nullopt : std::optional<int>(days));
        break;
    }
    case HeaderField::DiagnosisCodes: {
        static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
        const QStringList codes = text.toUpper().split(separators, Qt::SkipEmptyParts);
        assign(p.diagnosisCodes, codes.isEmpty() ? std::nullopt : std::optional<QStringList>(codes));
        break;
    }
    case HeaderField::IssueNumber:
        assignText(p.issueNumber, text);
        break;
    case HeaderField::InstitutionName:
        assignText(p.institution.name, text);
        break;
    case HeaderField::InstitutionCode:
        assignText(p.institution.code, text);
        break;
    case HeaderField::InstitutionPhone:
        assignText(p.institution.phone, text);
        break;
    case HeaderField::PrescriberName:
        assignText(p.prescriber.name, text);
        break;
    case HeaderField::PrescriberLicenseType:
        assignText(p.prescriber.licenseType, text);
        break;
    case HeaderField::PrescriberLicenseNumber:
        assignText(p.prescriber.licenseNumber, text);
        break;
    case HeaderField::PatientName:
        assignText(p.patient.name, text);
        break;
    case HeaderField::PatientRrn:
        return false;
    }
    const QString key = headerFieldKey(field);
    p.reviewReasons.removeIf([&key](const core::ReviewReason& r) { return r.field == key; });
    return true;
}

QList<core::ReviewReason> headerFieldReasons(const core::Prescription& p, HeaderField field)
{
    const QString key = headerFieldKey(field);
    QList<core::ReviewReason> reasons;
    std::copy_if(p.reviewReasons.cbegin(), p.reviewReasons.cend(), std::back_inserter(reasons),
        [&key](const core::ReviewReason& r) { return r.field == key; });
    return reasons;
}

std::optional<double> headerFieldConfidence(const core::Prescription& p, HeaderField field)
{
    const FieldState s = fieldState(p, field);
    return s.hasValue ? std::optional<double>(s.confidence) : std::nullopt;
}

QRect headerFieldBox(const core::Prescription& p, HeaderField field)
{
    return fieldState(p, field).box;
}

bool headerFieldFlagged(const core::Prescription& p, HeaderField field, double threshold)
{
    const FieldState s = fieldState(p, field);
    if (s.hasValue && s.confidence < threshold)
        return true;
    const QString key = headerFieldKey(field);
    return std::any_of(p.reviewReasons.cbegin(), p.reviewReasons.cend(),
        [&key](const core::ReviewReason& r) { return r.field == key; });
}

} // namespace pharmdesk::ui
