// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/PrescriptionItemsModel.h"

#include "pharmdesk/ui/ReviewText.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QRegularExpression>
#include <QStyle>
#include <algorithm>

namespace pharmdesk::ui {

namespace {

using Kind = core::ReviewReason::Kind;

bool isProductKind(Kind kind)
{
    return kind == Kind::CodeNameMismatch || kind == Kind::NameAmbiguous || kind == Kind::NoMatch;
}

/// The last dotted part of a reason's field: "items.3.dose" and "dose" both name the dose.
QString shortKey(const QString& field)
{
    const qsizetype dot = field.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? field : field.mid(dot + 1);
}

template<typename T>
std::optional<double> confidenceOf(const core::Field<T>& f)
{
    return f.hasValue() ? std::optional<double>(f.confidence) : std::nullopt;
}

template<typename T>
void setByHand(core::Field<T>& f, std::optional<T> value)
{
    f.value = std::move(value);
    f.confidence = 1.0; // the box is kept: the region stays findable on the image
}

QString numberText(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace

PrescriptionItemsModel::PrescriptionItemsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

PrescriptionItemsModel::~PrescriptionItemsModel() = default;

void PrescriptionItemsModel::setItems(const QList<core::PrescriptionItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
    Q_EMIT reviewStateChanged();
}

void PrescriptionItemsModel::renumber()
{
    for (int row = 0; row < m_items.size(); ++row)
        m_items[row].line = row + 1;
}

int PrescriptionItemsModel::addLine(int row)
{
    row = std::clamp(row, 0, int(m_items.size()));
    core::PrescriptionItem item;
    // Typed by the pharmacist from the paper: nothing is known until each value is entered.
    for (const char* field : { "name", "dose", "times_per_day", "days" }) {
        item.reviewReasons.append(
            { core::ReviewReason::Kind::Missing, QString::fromLatin1(field), tr("직접 추가한 줄") });
    }
    item.line = row + 1;
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    endInsertRows();
    // Renumbered after the insertion is announced: views see the move first, then the new numbers.
    renumber();
    if (row + 1 < m_items.size())
        Q_EMIT dataChanged(index(row + 1, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT linesEdited();
    Q_EMIT reviewStateChanged();
    return row;
}

bool PrescriptionItemsModel::removeLine(int row)
{
    if (row < 0 || row >= m_items.size())
        return false;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    renumber();
    if (row < m_items.size())
        Q_EMIT dataChanged(index(row, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT linesEdited();
    Q_EMIT reviewStateChanged();
    return true;
}

bool PrescriptionItemsModel::moveLine(int row, int delta)
{
    const int to = row + delta;
    if ((delta != -1 && delta != 1) || row < 0 || row >= m_items.size() || to < 0 || to >= m_items.size())
        return false;
    // beginMoveRows wants the destination as "insert before": one further when moving down.
    beginMoveRows({}, row, row, {}, delta > 0 ? to + 1 : to);
    m_items.move(row, to);
    renumber();
    endMoveRows();
    Q_EMIT dataChanged(index(std::min(row, to), 0), index(std::max(row, to), ColumnCount - 1));
    Q_EMIT linesEdited();
    Q_EMIT reviewStateChanged();
    return true;
}

void PrescriptionItemsModel::setReviewThreshold(double threshold)
{
    if (qFuzzyCompare(threshold, m_threshold))
        return;
    m_threshold = threshold;
    if (!m_items.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT reviewStateChanged();
}

void PrescriptionItemsModel::setCatalog(std::shared_ptr<const core::DrugCatalog> catalog)
{
    m_catalog = std::move(catalog);
}

QString PrescriptionItemsModel::fieldKey(int column)
{
    switch (column) {
    case CodeColumn:
        return QStringLiteral("edi_code");
    case NameColumn:
        return QStringLiteral("name");
    case DoseColumn:
        return QStringLiteral("dose");
    case TimesPerDayColumn:
        return QStringLiteral("times_per_day");
    case DaysColumn:
        return QStringLiteral("days");
    case UsageColumn:
        return QStringLiteral("usage");
    default:
        return {};
    }
}

int PrescriptionItemsModel::columnForReason(const core::ReviewReason& reason)
{
    const QString key = shortKey(reason.field);
    if (key == QLatin1String("edi_code") || key == QLatin1String("code"))
        return CodeColumn;
    if (key == QLatin1String("name") || key == QLatin1String("product")
        || key == QLatin1String("product_name") || key == QLatin1String("name_as_read"))
        return NameColumn;
    if (key == QLatin1String("dose") || key == QLatin1String("dose_unit"))
        return DoseColumn;
    if (key == QLatin1String("times_per_day"))
        return TimesPerDayColumn;
    if (key == QLatin1String("days"))
        return DaysColumn;
    if (key == QLatin1String("usage"))
        return UsageColumn;
    if (key.isEmpty() && reason.kind == Kind::CodeNotFound)
        return CodeColumn;
    if (key.isEmpty() && isProductKind(reason.kind))
        return NameColumn;
    return StatusColumn;
}

QList<core::ReviewReason> PrescriptionItemsModel::cellReasons(int row, int column) const
{
    QList<core::ReviewReason> reasons;
    const auto& all = m_items.at(row).reviewReasons;
    std::copy_if(all.cbegin(), all.cend(), std::back_inserter(reasons),
        [column](const core::ReviewReason& r) { return columnForReason(r) == column; });
    return reasons;
}

std::optional<double> PrescriptionItemsModel::cellConfidence(int row, int column) const
{
    const core::PrescriptionItem& item = m_items.at(row);
    switch (column) {
    case CodeColumn:
        return confidenceOf(item.ediCode);
    case NameColumn:
        // A decided product is as good as its match; an undecided name as good as its reading.
        return item.product ? std::optional<double>(item.matchScore) : confidenceOf(item.nameAsRead);
    case DoseColumn:
        return confidenceOf(item.dose);
    case TimesPerDayColumn:
        return confidenceOf(item.timesPerDay);
    case DaysColumn:
        return confidenceOf(item.days);
    case UsageColumn:
        return confidenceOf(item.usage);
    default:
        return std::nullopt;
    }
}

bool PrescriptionItemsModel::isFlagged(int row, int column) const
{
    if (row < 0 || row >= m_items.size() || column < 0 || column >= ColumnCount || column == ConfidenceColumn)
        return false;
    const auto confidence = cellConfidence(row, column);
    if (confidence && *confidence < m_threshold)
        return true;
    const auto& all = m_items.at(row).reviewReasons;
    return std::any_of(all.cbegin(), all.cend(),
        [column](const core::ReviewReason& r) { return columnForReason(r) == column; });
}

bool PrescriptionItemsModel::lineNeedsReview(int row) const
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (isFlagged(row, column))
            return true;
    }
    return false;
}

int PrescriptionItemsModel::flaggedCellCount() const
{
    int count = 0;
    for (int row = 0; row < m_items.size(); ++row) {
        for (int column = 0; column < ColumnCount; ++column)
            count += isFlagged(row, column) ? 1 : 0;
    }
    return count;
}

int PrescriptionItemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int PrescriptionItemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PrescriptionItemsModel::cellText(int row, int column) const
{
    const core::PrescriptionItem& item = m_items.at(row);
    switch (column) {
    case StatusColumn:
        return QString::number(item.line > 0 ? item.line : row + 1);
    case CodeColumn:
        return item.ediCode.valueOr({});
    case NameColumn:
        return item.product ? item.product->name : item.nameAsRead.valueOr({});
    case DoseColumn:
        return item.dose.hasValue() ? numberText(*item.dose) + item.doseUnit : QString();
    case TimesPerDayColumn:
        return item.timesPerDay.hasValue() ? QString::number(*item.timesPerDay) : QString();
    case DaysColumn:
        return item.days.hasValue() ? QString::number(*item.days) : QString();
    case UsageColumn:
        return item.usage.valueOr({});
    case ConfidenceColumn:
        return percentText(item.confidence);
    default:
        return {};
    }
}

QString PrescriptionItemsModel::cellToolTip(int row, int column) const
{
    const core::PrescriptionItem& item = m_items.at(row);
    QStringList lines;
    if (column == StatusColumn) {
        // The whole line: every reason, so the status icon explains itself.
        const QString all = reviewTooltip(item.reviewReasons, std::nullopt, m_threshold);
        if (!all.isEmpty())
            lines.append(all);
        if (!item.rawText.isEmpty())
            lines.append(tr("인식된 줄: %1").arg(item.rawText));
        return lines.join(QLatin1Char('\n'));
    }
    const QString review = reviewTooltip(cellReasons(row, column), cellConfidence(row, column), m_threshold);
    if (!review.isEmpty())
        lines.append(review);
    if (column == NameColumn && item.product && item.nameAsRead.hasValue()
        && *item.nameAsRead != item.product->name)
        lines.append(tr("처방전 표기: %1").arg(*item.nameAsRead));
    if (column == NameColumn && item.product && !item.product->company.isEmpty())
        lines.append(tr("업체: %1").arg(item.product->company));
    return lines.join(QLatin1Char('\n'));
}

QRect PrescriptionItemsModel::cellBox(int row, int column) const
{
    const core::PrescriptionItem& item = m_items.at(row);
    QRect box;
    switch (column) {
    case CodeColumn:
        box = item.ediCode.box;
        break;
    case NameColumn:
        box = item.nameAsRead.box;
        break;
    case DoseColumn:
        box = item.dose.box;
        break;
    case TimesPerDayColumn:
        box = item.timesPerDay.box;
        break;
    case DaysColumn:
        box = item.days.box;
        break;
    case UsageColumn:
        box = item.usage.box;
        break;
    default:
        break;
    }
    return box.isNull() ? item.box : box;
}

QVariant PrescriptionItemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return cellText(row, column);
    case Qt::ToolTipRole: {
        const QString tip = cellToolTip(row, column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::BackgroundRole:
        return isFlagged(row, column) ? QVariant(QBrush(reviewHighlightColor())) : QVariant();
    case Qt::ForegroundRole:
        // Amber is a light background: keep the text dark whatever the palette.
        return isFlagged(row, column) ? QVariant(QBrush(Qt::black)) : QVariant();
    case Qt::DecorationRole:
        if (column != StatusColumn)
            return {};
        return QApplication::style()->standardIcon(
            lineNeedsReview(row) ? QStyle::SP_MessageBoxWarning : QStyle::SP_DialogApplyButton);
    case Qt::AccessibleDescriptionRole:
        if (column == StatusColumn)
            return lineNeedsReview(row) ? tr("확인 필요") : tr("확인됨");
        return isFlagged(row, column) ? tr("확인 필요") : QVariant();
    case Qt::FontRole:
        if (column == NameColumn && !m_items.at(row).product) {
            QFont font;
            font.setItalic(true); // not decided: what OCR read, no product behind it
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == NameColumn || column == UsageColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    case FlaggedRole:
        return column == StatusColumn ? lineNeedsReview(row) : isFlagged(row, column);
    case ReviewReasonsRole: {
        QStringList codes;
        const auto reasons
            = column == StatusColumn ? m_items.at(row).reviewReasons : cellReasons(row, column);
        for (const core::ReviewReason& r : reasons)
            codes.append(r.code());
        return codes;
    }
    case BoxRole:
        return cellBox(row, column);
    default:
        return {};
    }
}

QVariant PrescriptionItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case StatusColumn:
            return tr("#");
        case CodeColumn:
            return tr("코드");
        case NameColumn:
            return tr("약품명");
        case DoseColumn:
            return tr("1회 투약량");
        case TimesPerDayColumn:
            return tr("1일 횟수");
        case DaysColumn:
            return tr("총 일수");
        case UsageColumn:
            return tr("용법");
        case ConfidenceColumn:
            return tr("신뢰도");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StatusColumn:
            return tr("줄 번호와 상태");
        case CodeColumn:
            return tr("보험 약품코드 (9자리)");
        case ConfidenceColumn:
            return tr("줄 전체 인식 신뢰도");
        default:
            return {};
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags PrescriptionItemsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (!fieldKey(index.column()).isEmpty())
        f |= Qt::ItemIsEditable;
    return f;
}

bool PrescriptionItemsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || fieldKey(index.column()).isEmpty())
        return false;
    core::PrescriptionItem edited = m_items.at(index.row());
    if (!applyEdit(edited, index.column(), value.toString().trimmed()))
        return false;
    m_items[index.row()] = std::move(edited);
    // A code or name edit can change the product, hence every cell of the line.
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT cellEdited();
    Q_EMIT reviewStateChanged();
    return true;
}

bool PrescriptionItemsModel::applyEdit(core::PrescriptionItem& item, int column, const QString& text) const
{
    const auto dropReasons = [&item](auto predicate) { item.reviewReasons.removeIf(predicate); };
    const auto inColumn
        = [](int c) { return [c](const core::ReviewReason& r) { return columnForReason(r) == c; }; };
    bool ok = false;
    switch (column) {
    case CodeColumn: {
        QString digits = text;
        digits.remove(QRegularExpression(QStringLiteral("[\\s-]")));
        static const QRegularExpression nineDigits(QStringLiteral("^\\d{9}$"));
        if (!digits.isEmpty() && !nineDigits.match(digits).hasMatch())
            return false;
        setByHand(item.ediCode, digits.isEmpty() ? std::nullopt : std::optional<QString>(digits));
        dropReasons(inColumn(CodeColumn));
        if (!digits.isEmpty())
            rematchCode(item);
        return true;
    }
    case NameColumn:
        if (text.isEmpty())
            return false;
        setByHand(item.nameAsRead, std::optional<QString>(text));
        dropReasons(inColumn(NameColumn));
        rematchName(item);
        return true;
    case DoseColumn: {
        // "1", "0.5", "1/2", each optionally followed by its unit ("1정", "2.5 mL").
        static const QRegularExpression re(QStringLiteral("^(\\d+(?:[.,]\\d+)?|\\d+/\\d+)\\s*(\\D*)$"));
        const QRegularExpressionMatch m = re.match(text);
        if (!m.hasMatch())
            return false;
        QString number = m.captured(1);
        number.replace(QLatin1Char(','), QLatin1Char('.'));
        double dose = 0.0;
        if (number.contains(QLatin1Char('/'))) {
            const QStringList parts = number.split(QLatin1Char('/'));
            const double denominator = parts.at(1).toDouble();
            dose = denominator > 0 ? parts.at(0).toDouble() / denominator : 0.0;
        } else {
            dose = number.toDouble(&ok);
        }
        if (dose <= 0.0 || dose > 1000.0)
            return false;
        setByHand(item.dose, std::optional<double>(dose));
        if (!m.captured(2).trimmed().isEmpty())
            item.doseUnit = m.captured(2).trimmed();
        break;
    }
    case TimesPerDayColumn:
    case DaysColumn: {
        const int n = text.toInt(&ok);
        const int max = column == TimesPerDayColumn ? 24 : 999;
        if (!ok || n < 1 || n > max)
            return false;
        setByHand(column == TimesPerDayColumn ? item.timesPerDay : item.days, std::optional<int>(n));
        break;
    }
    case UsageColumn:
        setByHand(item.usage, text.isEmpty() ? std::nullopt : std::optional<QString>(text));
        dropReasons(inColumn(UsageColumn));
        return true;
    default:
        return false;
    }
    // Dose, times or days: the printed total no longer says anything about the corrected line.
    dropReasons(inColumn(column));
    dropReasons([](const core::ReviewReason& r) { return r.kind == Kind::TotalMismatch; });
    return true;
}

void PrescriptionItemsModel::rematchCode(core::PrescriptionItem& item) const
{
    if (!m_catalog)
        return;
    if (auto product = m_catalog->productByCode(*item.ediCode)) {
        // The pharmacist's code decides the product; name disagreements no longer apply.
        item.product = std::move(product);
        item.matchScore = 1.0;
        item.reviewReasons.removeIf(
            [](const core::ReviewReason& r) { return columnForReason(r) == NameColumn; });
    } else {
        item.reviewReasons.append({ Kind::CodeNotFound, QStringLiteral("edi_code"), {} });
    }
}

void PrescriptionItemsModel::rematchName(core::PrescriptionItem& item) const
{
    if (!m_catalog) {
        // Without a catalog nothing can be decided: show what was typed, not a stale product.
        item.product.reset();
        item.matchScore = 0.0;
        return;
    }
    const QString& name = *item.nameAsRead;
    std::optional<core::Product> chosen;
    double score = 0.0;
    // The product of the line's code, when the typed name is exactly its name.
    if (item.ediCode.hasValue()) {
        if (auto byCode = m_catalog->productByCode(*item.ediCode); byCode && byCode->name == name) {
            chosen = std::move(byCode);
            score = 1.0;
        }
    }
    if (!chosen) {
        // Else a product with exactly that name, or a clear best match.
        const QList<core::ProductMatch> matches = m_catalog->matchName(name, 10);
        const auto exact = std::find_if(matches.cbegin(), matches.cend(),
            [&name](const core::ProductMatch& m) { return m.product.name == name; });
        if (exact != matches.cend()) {
            chosen = exact->product;
            score = 1.0;
        } else if (!matches.isEmpty() && matches.first().score >= m_threshold) {
            chosen = matches.first().product;
            score = matches.first().score;
        }
    }
    if (chosen) {
        item.product = std::move(chosen);
        item.matchScore = score;
        item.reviewReasons.removeIf([](const core::ReviewReason& r) {
            return r.kind == Kind::CodeNameMismatch || r.kind == Kind::CodeNotFound;
        });
        return;
    }
    item.product.reset();
    item.matchScore = 0.0;
    item.reviewReasons.append({ Kind::NoMatch, QStringLiteral("name"), {} });
}

} // namespace pharmdesk::ui
