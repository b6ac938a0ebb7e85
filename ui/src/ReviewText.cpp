// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/ReviewText.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace pharmdesk::ui {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("pharmdesk::ui", text);
}

QString kindText(core::ReviewReason::Kind kind)
{
    using Kind = core::ReviewReason::Kind;
    switch (kind) {
    case Kind::LowConfidence:
        return tr("인식 신뢰도 낮음");
    case Kind::Missing:
        return tr("값을 읽지 못함");
    case Kind::Invalid:
        return tr("형식이 올바르지 않음");
    case Kind::Implausible:
        return tr("있을 수 없는 값");
    case Kind::CodeNotFound:
        return tr("약품 DB에 없는 보험코드");
    case Kind::CodeNameMismatch:
        return tr("보험코드와 약품명이 서로 다른 약품을 가리킴");
    case Kind::NameAmbiguous:
        return tr("약품 후보가 여럿이라 정할 수 없음");
    case Kind::NoMatch:
        return tr("일치하는 약품 없음");
    case Kind::TotalMismatch:
        return tr("투약량 × 횟수 × 일수가 총량과 다름");
    }
    return tr("확인 필요");
}
} // namespace

QColor reviewHighlightColor()
{
    return QColor(0xFF, 0xE0, 0x8A);
}

QString percentText(double confidence)
{
    // Rounded down, so a value just under the review threshold never reads as equal to it
    // ("89% (기준 90%)", not "90% (기준 90%)" beside a flag).
    return QStringLiteral("%1%").arg(static_cast<int>(std::floor(qBound(0.0, confidence, 1.0) * 100.0 + 1e-9)));
}

QString reviewReasonText(const core::ReviewReason& reason)
{
    const QString text = kindText(reason.kind);
    return reason.detail.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, reason.detail);
}

QString reviewTooltip(
    const QList<core::ReviewReason>& reasons, std::optional<double> confidence, double threshold)
{
    QStringList lines;
    for (const core::ReviewReason& reason : reasons)
        lines.append(QStringLiteral("• ") + reviewReasonText(reason));
    if (confidence && *confidence < threshold) {
        lines.append(QStringLiteral("• ")
            + tr("인식 신뢰도 %1 (기준 %2)").arg(percentText(*confidence), percentText(threshold)));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace pharmdesk::ui
