// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/PrescriptionPanel.h"

#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ui/PrescriptionItemsModel.h"
#include "pharmdesk/ui/ReviewNavigation.h"
#include "pharmdesk/ui/ReviewText.h"

#include <QApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace pharmdesk::ui {

namespace {
constexpr int kFieldsPerRow = 3;
constexpr int kStopColumns = PrescriptionItemsModel::ColumnCount;
} // namespace

PrescriptionPanel::PrescriptionPanel(QWidget* parent)
    : QWidget(parent)
    , m_order(headerFields())
    , m_model(new PrescriptionItemsModel(this))
    , m_threshold(core::Settings::kDefaultReviewThreshold)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* headerBox = new QGroupBox(tr("처방 정보"), this);
    headerBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    buildHeader(headerBox);
    layout->addWidget(headerBox);

    auto* itemsBox = new QGroupBox(tr("처방 의약품"), this);
    auto* itemsLayout = new QVBoxLayout(itemsBox);
    m_table = new QTableView(itemsBox); // after the header fields: the tab order follows the form
    m_table->setModel(m_model);
    m_delegate = new DrugNameDelegate(PrescriptionItemsModel::NameColumn, m_table);
    m_table->setItemDelegate(m_delegate);
    m_table->setObjectName(QStringLiteral("itemsTable"));
    m_table->setAccessibleName(tr("처방 의약품 목록"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PrescriptionItemsModel::NameColumn, QHeaderView::Stretch);
    m_table->installEventFilter(this);
    itemsLayout->addWidget(m_table);
    // Why the value under the cursor needs review, readable without a mouse (tooltips need one).
    m_reasonLabel = new QLabel(itemsBox);
    m_reasonLabel->setObjectName(QStringLiteral("reviewReasons"));
    m_reasonLabel->setAccessibleName(tr("확인 사유"));
    m_reasonLabel->setWordWrap(true);
    m_reasonLabel->setTextFormat(Qt::PlainText);
    m_reasonLabel->setMinimumHeight(m_reasonLabel->fontMetrics().lineSpacing() * 2);
    itemsLayout->addWidget(m_reasonLabel);
    layout->addWidget(itemsBox, 1);

    connect(m_model, &PrescriptionItemsModel::reviewStateChanged, this, [this] {
        updateReasonLabel();
        Q_EMIT reviewStateChanged(flaggedCount());
    });
    connect(m_model, &PrescriptionItemsModel::cellEdited, this, [this] { Q_EMIT edited(); });
    connect(m_model, &PrescriptionItemsModel::linesEdited, this, [this] { Q_EMIT edited(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& current) {
            updateReasonLabel();
            Q_EMIT regionSelected(
                current.isValid() ? current.data(PrescriptionItemsModel::BoxRole).toRect() : QRect());
        });
    connect(qApp, &QApplication::focusChanged, this, &PrescriptionPanel::onFocusChanged);
    clear();
}

PrescriptionPanel::~PrescriptionPanel()
{
    // ~QWidget still moves the focus; this object must not hear about it any more.
    disconnect(qApp, &QApplication::focusChanged, this, &PrescriptionPanel::onFocusChanged);
}

bool PrescriptionPanel::eventFilter(QObject* watched, QEvent* event)
{
    // Enter on a cell that is not being edited confirms the value as it stands (as in the header).
    // While a cell is edited the focus is in its editor, whose unhandled keys reach the table too.
    if (watched == m_table && event->type() == QEvent::KeyPress && m_table->hasFocus()) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const QModelIndex current = m_table->currentIndex();
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers() == Qt::NoModifier && current.isValid()
            && (current.flags() & Qt::ItemIsEditable)) {
            m_model->setData(current, current.data(Qt::EditRole));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PrescriptionPanel::buildHeader(QWidget* container)
{
    auto* grid = new QGridLayout(container);
    m_edits.resize(m_order.size());
    for (int i = 0; i < m_order.size(); ++i) {
        const HeaderField field = m_order.at(i);
        auto* edit = new QLineEdit(container);
        edit->setObjectName(QStringLiteral("field_") + headerFieldKey(field));
        edit->setAccessibleName(headerFieldLabel(field));
        edit->setReadOnly(!headerFieldEditable(field));
        auto* label = new QLabel(headerFieldLabel(field), container);
        label->setBuddy(edit);
        const int row = i / kFieldsPerRow;
        const int column = (i % kFieldsPerRow) * 2;
        grid->addWidget(label, row, column);
        grid->addWidget(edit, row, column + 1);
        grid->setColumnStretch(column + 1, 1);
        m_edits[static_cast<int>(field)] = edit;
        // Enter commits and, on an unchanged value, confirms it; leaving the field commits changes.
        connect(edit, &QLineEdit::returnPressed, this, [this, field] { commitHeaderField(field, true); });
        connect(edit, &QLineEdit::editingFinished, this, [this, field] { commitHeaderField(field, false); });
    }
    // The name of the institution is the longest value: give its column more room.
    grid->setColumnStretch(1, 2);
}

void PrescriptionPanel::setPrescription(const core::Prescription& prescription)
{
    m_prescription = prescription;
    m_prescription->items.clear();
    m_model->setItems(prescription.items);
    for (HeaderField field : std::as_const(m_order)) {
        fieldEdit(field)->setEnabled(true);
        refreshHeaderField(field);
    }
    m_table->setEnabled(true);
    Q_EMIT reviewStateChanged(flaggedCount());
}

void PrescriptionPanel::restorePrescription(const core::Prescription& prescription)
{
    const int stop = currentStop();
    const int stopCount = int(m_order.size()) + int(prescription.items.size()) * kStopColumns;
    setPrescription(prescription);
    if (stop >= 0 && stop < stopCount)
        focusStop(stop);
    Q_EMIT edited();
}

void PrescriptionPanel::setAlerts(const QList<core::DurAlert>& alerts)
{
    if (m_prescription)
        m_prescription->alerts = alerts;
}

bool PrescriptionPanel::addLine()
{
    if (!m_prescription)
        return false;
    const QModelIndex current = m_table->currentIndex();
    const int row = m_model->addLine(current.isValid() ? current.row() + 1 : m_model->rowCount());
    m_table->setFocus(Qt::ShortcutFocusReason);
    m_table->setCurrentIndex(m_model->index(row, PrescriptionItemsModel::NameColumn));
    return true;
}

bool PrescriptionPanel::removeCurrentLine()
{
    const QModelIndex current = m_table->currentIndex();
    if (!m_prescription || !current.isValid())
        return false;
    const int column = current.column();
    if (!m_model->removeLine(current.row()))
        return false;
    const int row = std::min(current.row(), m_model->rowCount() - 1);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, column));
    return true;
}

bool PrescriptionPanel::moveCurrentLine(int delta)
{
    const QModelIndex current = m_table->currentIndex();
    if (!m_prescription || !current.isValid())
        return false;
    const int row = current.row();
    const int column = current.column();
    if (!m_model->moveLine(row, delta))
        return false;
    m_table->setCurrentIndex(m_model->index(row + delta, column));
    return true;
}

void PrescriptionPanel::focusLine(int line)
{
    if (!m_prescription || line < 1 || line > m_model->rowCount())
        return;
    m_table->setFocus(Qt::OtherFocusReason);
    m_table->setCurrentIndex(m_model->index(line - 1, PrescriptionItemsModel::NameColumn));
    m_table->scrollTo(m_table->currentIndex());
}

void PrescriptionPanel::clear()
{
    m_prescription.reset();
    m_model->setItems({});
    for (HeaderField field : std::as_const(m_order)) {
        QLineEdit* edit = fieldEdit(field);
        edit->clear();
        edit->setPalette(QPalette());
        edit->setToolTip(QString());
        edit->setProperty("reviewFlagged", false);
        edit->setEnabled(false);
    }
    m_table->setEnabled(false);
    m_reasonLabel->clear();
    Q_EMIT reviewStateChanged(0);
}

core::Prescription PrescriptionPanel::prescription() const
{
    if (!m_prescription)
        return {};
    core::Prescription p = *m_prescription;
    p.items = m_model->items();
    return p;
}

void PrescriptionPanel::setReviewThreshold(double threshold)
{
    m_threshold = threshold;
    m_model->setReviewThreshold(threshold);
    if (m_prescription) {
        for (HeaderField field : std::as_const(m_order))
            refreshHeaderField(field);
    }
    Q_EMIT reviewStateChanged(flaggedCount());
}

void PrescriptionPanel::setCatalog(std::shared_ptr<const core::DrugCatalog> catalog)
{
    m_model->setCatalog(std::move(catalog));
}

void PrescriptionPanel::setDrugSearch(DrugSearch search)
{
    m_delegate->setDrugSearch(std::move(search));
}

bool PrescriptionPanel::isFieldFlagged(HeaderField field) const
{
    return m_prescription && headerFieldFlagged(*m_prescription, field, m_threshold);
}

int PrescriptionPanel::flaggedCount() const
{
    int count = m_model->flaggedCellCount();
    for (HeaderField field : m_order)
        count += isFieldFlagged(field) ? 1 : 0;
    return count;
}

QList<ImageRegion> PrescriptionPanel::regions() const
{
    QList<ImageRegion> regions;
    if (!m_prescription)
        return regions;
    for (HeaderField field : m_order) {
        const QRect box = headerFieldBox(*m_prescription, field);
        if (!box.isNull())
            regions.append({ box, isFieldFlagged(field) });
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QRect lineBox = m_model->items().at(row).box;
        if (!lineBox.isNull())
            regions.append({ lineBox, m_model->lineNeedsReview(row) });
        for (int column = PrescriptionItemsModel::CodeColumn; column <= PrescriptionItemsModel::UsageColumn;
             ++column) {
            const QRect box = m_model->index(row, column).data(PrescriptionItemsModel::BoxRole).toRect();
            if (box != lineBox && !box.isNull() && m_model->isFlagged(row, column))
                regions.append({ box, true });
        }
    }
    return regions;
}

void PrescriptionPanel::refreshHeaderField(HeaderField field)
{
    QLineEdit* edit = fieldEdit(field);
    const core::Prescription& p = *m_prescription;
    edit->setText(headerFieldText(p, field));
    edit->setCursorPosition(0);
    const bool flagged = headerFieldFlagged(p, field, m_threshold);
    edit->setProperty("reviewFlagged", flagged);
    if (flagged) {
        QPalette palette = edit->palette();
        palette.setColor(QPalette::Base, reviewHighlightColor());
        palette.setColor(QPalette::Text, Qt::black);
        edit->setPalette(palette);
        const QString tip
            = reviewTooltip(headerFieldReasons(p, field), headerFieldConfidence(p, field), m_threshold);
        edit->setToolTip(tip);
        edit->setAccessibleDescription(tr("확인 필요") + QLatin1Char('\n') + tip);
    } else {
        edit->setPalette(QPalette());
        edit->setToolTip(QString());
        edit->setAccessibleDescription(QString());
    }
}

void PrescriptionPanel::commitHeaderField(HeaderField field, bool confirmUnchanged)
{
    if (!m_prescription || !headerFieldEditable(field))
        return;
    QLineEdit* edit = fieldEdit(field);
    const bool unchanged = edit->text() == headerFieldText(*m_prescription, field);
    if (unchanged && !(confirmUnchanged && isFieldFlagged(field)))
        return;
    if (!setHeaderFieldText(*m_prescription, field, edit->text())) {
        Q_EMIT editRejected(
            tr("%1: 올바른 값이 아니어서 이전 값으로 되돌렸습니다.").arg(headerFieldLabel(field)));
        refreshHeaderField(field);
        return;
    }
    refreshHeaderField(field);
    updateReasonLabel();
    Q_EMIT edited();
    Q_EMIT reviewStateChanged(flaggedCount());
}

void PrescriptionPanel::updateReasonLabel()
{
    const int stop = m_prescription ? currentStop() : -1;
    QString text;
    if (stop >= 0 && stop < m_order.size()) {
        const HeaderField field = m_order.at(stop);
        if (isFieldFlagged(field)) {
            text = headerFieldLabel(field) + QLatin1Char('\n')
                + reviewTooltip(headerFieldReasons(*m_prescription, field),
                    headerFieldConfidence(*m_prescription, field), m_threshold);
        }
    } else if (stop >= m_order.size()) {
        const int cell = stop - int(m_order.size());
        const QModelIndex index = m_model->index(cell / kStopColumns, cell % kStopColumns);
        if (index.data(PrescriptionItemsModel::FlaggedRole).toBool()) {
            text = tr("%1번 줄 %2")
                       .arg(index.row() + 1)
                       .arg(m_model->headerData(index.column(), Qt::Horizontal).toString())
                + QLatin1Char('\n') + index.data(Qt::ToolTipRole).toString();
        }
    }
    m_reasonLabel->setText(text);
}

void PrescriptionPanel::onFocusChanged(QWidget* /*old*/, QWidget* now)
{
    updateReasonLabel();
    if (!m_prescription || !now)
        return;
    for (HeaderField field : std::as_const(m_order)) {
        if (fieldEdit(field) == now) {
            Q_EMIT regionSelected(headerFieldBox(*m_prescription, field));
            return;
        }
    }
}

int PrescriptionPanel::currentStop() const
{
    // The window's focus child, not the application's: right after opening, the window may not
    // be active yet and the application has no focus widget at all.
    QWidget* focus = window()->focusWidget();
    for (int i = 0; i < m_order.size(); ++i) {
        if (fieldEdit(m_order.at(i)) == focus)
            return i;
    }
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid() && (focus == m_table || m_table->isAncestorOf(focus)))
        return int(m_order.size()) + current.row() * kStopColumns + current.column();
    return -1;
}

bool PrescriptionPanel::isStopFlagged(int stop) const
{
    if (stop < m_order.size())
        return isFieldFlagged(m_order.at(stop));
    const int cell = stop - int(m_order.size());
    return m_model->isFlagged(cell / kStopColumns, cell % kStopColumns);
}

void PrescriptionPanel::focusStop(int stop)
{
    if (stop < m_order.size()) {
        const HeaderField field = m_order.at(stop);
        QLineEdit* edit = fieldEdit(field);
        edit->setFocus(Qt::ShortcutFocusReason);
        edit->selectAll();
        // Said here too: an inactive window (just opened, not yet focused by the window manager)
        // gets no focusChanged until it is activated.
        Q_EMIT regionSelected(headerFieldBox(*m_prescription, field));
        updateReasonLabel();
        return;
    }
    const int cell = stop - int(m_order.size());
    const QModelIndex index = m_model->index(cell / kStopColumns, cell % kStopColumns);
    // Taking the focus from an open cell editor commits it (the delegate commits on focus out).
    m_table->setFocus(Qt::ShortcutFocusReason);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

bool PrescriptionPanel::focusNextUncertain()
{
    if (!m_prescription)
        return false;
    const int stopCount = int(m_order.size()) + m_model->rowCount() * kStopColumns;
    const int next
        = nextFlaggedStop(stopCount, currentStop(), [this](int stop) { return isStopFlagged(stop); });
    if (next < 0)
        return false;
    focusStop(next);
    return true;
}

} // namespace pharmdesk::ui
