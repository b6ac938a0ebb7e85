// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/DurAlert.h"
#include "pharmdesk/core/Field.h"
#include "pharmdesk/core/Product.h"
#include "pharmdesk/core/ReviewReason.h"

#include <QDate>
#include <QList>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace pharmdesk::core {

/// 요양기관 (prescribing institution).
struct Institution
{
    Field<QString> name;
    Field<QString> code;   ///< 8-digit 요양기관기호
    Field<QString> phone;
};

/// 처방 의료인.
struct Prescriber
{
    Field<QString> name;
    Field<QString> licenseType;    ///< 의사, 치과의사, 한의사
    Field<QString> licenseNumber;  ///< 면허번호, digits
};

/// The patient. The resident registration number is held in clear only in memory; every output
/// (JSON, logs, lists, printouts) uses maskedRrn().
struct Patient
{
    Field<QString> name;
    Field<QString> rrn;  ///< "YYMMDD-SNNNNNN" as read; sensitive
    bool pregnant = false;  ///< marked by the pharmacist (never read from the form); enables 임부금기

    QString maskedRrn() const;                  ///< "YYMMDD-S******", empty when unread/invalid
    std::optional<QDate> birthDate() const;     ///< from the RRN, when it is valid
    std::optional<QChar> sex() const;           ///< 'M' or 'F', from the RRN
};

/// One drug line of the prescription (처방 의약품).
struct PrescriptionItem
{
    int line = 0;                  ///< 1-based position in the prescription
    QString rawText;               ///< the whole line as OCR read it
    QRect box;                     ///< the line in source-image pixels
    Field<QString> ediCode;        ///< 9-digit code as read (validated form), no guess
    Field<QString> nameAsRead;     ///< drug name as OCR read it
    std::optional<Product> product;  ///< the matched product; absent when not decided
    double matchScore = 0.0;       ///< score of `product` (0..1)
    Field<double> dose;            ///< 1회 투약량
    QString doseUnit;              ///< 정, 캡슐, mL, 포 ... when printed
    Field<int> timesPerDay;        ///< 1일 투여횟수
    Field<int> days;               ///< 총 투약일수
    Field<QString> usage;          ///< 용법 (식후 30분 ...)
    bool injection = false;        ///< from the 주사제 section
    double confidence = 0.0;       ///< calibrated line confidence: the product, dose, times and days right
    QList<ReviewReason> reviewReasons;

    bool needsReview() const { return !reviewReasons.isEmpty(); }
};

/// A prescription (처방전, 별지 제9호서식) as recognised and, later, as confirmed by the pharmacist.
struct Prescription
{
    QUuid id;                              ///< assigned on creation; the sync key
    Field<QDate> issueDate;                ///< 교부 연월일
    Field<QString> issueNumber;            ///< 교부번호
    Field<int> validityDays;               ///< 사용기간 (days from issue)
    Institution institution;
    Prescriber prescriber;
    Patient patient;
    Field<QStringList> diagnosisCodes;     ///< KCD codes (질병분류기호)
    QList<PrescriptionItem> items;
    QList<ReviewReason> reviewReasons;     ///< header-level reasons
    QList<DurAlert> alerts;                ///< DUR findings (drugdb's checks); not review reasons

    /// True when the header or any item needs review.
    bool needsReview() const;
};

} // namespace pharmdesk::core
