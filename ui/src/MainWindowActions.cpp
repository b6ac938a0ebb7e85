// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's actions, menus, tool bar, docks and status bar: layout and wiring only.
#include "pharmdesk/ui/AlertsPanel.h"
#include "pharmdesk/ui/EditHistory.h"
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/PrescriptionPanel.h"
#include "pharmdesk/ui/PrescriptionQueue.h"
#include "pharmdesk/ui/QueueController.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>

namespace pharmdesk::ui {

namespace {
QAction* makeAction(QObject* parent, const QString& text, const QList<QKeySequence>& shortcuts,
    QStyle::StandardPixmap icon = QStyle::SP_CustomBase)
{
    auto* action = new QAction(text, parent);
    action->setShortcuts(shortcuts);
    action->setShortcutVisibleInContextMenu(true);
    if (icon != QStyle::SP_CustomBase)
        action->setIcon(QApplication::style()->standardIcon(icon));
    if (!shortcuts.isEmpty()) {
        // Visible shortcuts: in menus by Qt, on tool buttons through the tooltip.
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
            shortcuts.first().toString(QKeySequence::NativeText)));
    }
    return action;
}

void setName(QAction* action, const char* name)
{
    action->setObjectName(QLatin1String(name));
}
} // namespace

void MainWindow::createDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks);
    auto* queueDock = new QDockWidget(tr("처방전 대기열"), this);
    queueDock->setObjectName(QStringLiteral("queueDock"));
    queueDock->setFeatures(QDockWidget::DockWidgetMovable);
    m_queueView = new QTableView(queueDock);
    m_queueView->setObjectName(QStringLiteral("queueView"));
    m_queueView->setAccessibleName(tr("처방전 대기열"));
    m_queueView->setModel(m_controller->queue());
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queueView->verticalHeader()->hide();
    m_queueView->setWordWrap(false);
    // "fax-0412.pdf — 2/3": the page at the end must stay visible in a narrow column.
    m_queueView->setTextElideMode(Qt::ElideMiddle);
    m_queueView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_queueView->horizontalHeader()->setSectionResizeMode(PrescriptionQueue::SourceColumn, QHeaderView::Stretch);
    m_queueView->setMinimumWidth(260);
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid())
                showEntry(current.data(PrescriptionQueue::EntryIdRole).toULongLong());
        });
    queueDock->setWidget(m_queueView);
    addDockWidget(Qt::LeftDockWidgetArea, queueDock);

    auto* alertsDock = new QDockWidget(tr("DUR 점검"), this);
    alertsDock->setObjectName(QStringLiteral("alertsDock"));
    alertsDock->setFeatures(QDockWidget::DockWidgetMovable);
    m_alerts = new AlertsPanel(alertsDock);
    m_alerts->setObjectName(QStringLiteral("alertsPanel"));
    m_alerts->setMinimumWidth(220);
    alertsDock->setWidget(m_alerts);
    addDockWidget(Qt::RightDockWidgetArea, alertsDock);
    resizeDocks({ queueDock, alertsDock }, { 400, 230 }, Qt::Horizontal);
}

void MainWindow::createActions()
{
    m_openAction = makeAction(this, tr("열기(&O)…"), { QKeySequence::Open }, QStyle::SP_DialogOpenButton);
    setName(m_openAction, "openAction");
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openImageDialog);

    m_pasteAction = makeAction(this, tr("이미지 붙여넣기(&V)"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), QKeySequence::Paste }, QStyle::SP_FileDialogNewFolder);
    setName(m_pasteAction, "pasteAction");
    connect(m_pasteAction, &QAction::triggered, this, &MainWindow::pasteImage);

    m_batchAction = makeAction(this, tr("일괄 가져오기(&B)…"), { QKeySequence(Qt::CTRL | Qt::Key_B) },
        QStyle::SP_DirOpenIcon);
    setName(m_batchAction, "batchAction");
    connect(m_batchAction, &QAction::triggered, this, &MainWindow::openBatchImport);

    m_historyAction = makeAction(this, tr("처방 기록(&H)…"), { QKeySequence(Qt::CTRL | Qt::Key_H) });
    setName(m_historyAction, "historyAction");
    connect(m_historyAction, &QAction::triggered, this, &MainWindow::openHistory);

    m_switchUserAction = makeAction(this, tr("사용자 전환(&L)…"), { QKeySequence(Qt::CTRL | Qt::Key_L) });
    setName(m_switchUserAction, "switchUserAction");
    connect(m_switchUserAction, &QAction::triggered, this, &MainWindow::openUserSwitch);

    m_cancelAction = makeAction(this, tr("인식 취소"), { QKeySequence(Qt::Key_Escape) }, QStyle::SP_BrowserStop);
    setName(m_cancelAction, "cancelAction");
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelRecognition);

    m_confirmAction
        = makeAction(this, tr("처방 확정(&C)"), { QKeySequence(Qt::Key_F9) }, QStyle::SP_DialogApplyButton);
    setName(m_confirmAction, "confirmAction");
    connect(m_confirmAction, &QAction::triggered, this, &MainWindow::confirmCurrent);

    m_guideAction
        = makeAction(this, tr("복약안내문 출력(&G)"), { QKeySequence(Qt::Key_F12) }, QStyle::SP_DialogSaveButton);
    setName(m_guideAction, "guideAction");
    connect(m_guideAction, &QAction::triggered, this, &MainWindow::outputGuide);

    m_printPreviewAction = makeAction(
        this, tr("인쇄 미리보기(&P)…"), { QKeySequence::Print }, QStyle::SP_FileDialogContentsView);
    setName(m_printPreviewAction, "printPreviewAction");
    connect(m_printPreviewAction, &QAction::triggered, this, &MainWindow::printPreview);

    m_exportPdfAction = makeAction(this, tr("PDF로 내보내기(&E)…"), { QKeySequence(Qt::CTRL | Qt::Key_E) });
    setName(m_exportPdfAction, "exportPdfAction");
    connect(m_exportPdfAction, &QAction::triggered, this, &MainWindow::exportGuidePdfDialog);

    m_settingsAction = makeAction(this, tr("설정(&S)…"), { QKeySequence(Qt::CTRL | Qt::Key_Comma) });
    setName(m_settingsAction, "settingsAction");
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);

    m_quitAction = makeAction(this, tr("종료(&Q)"), { QKeySequence::Quit });
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_history->stack()->createUndoAction(this, tr("실행 취소"));
    m_undoAction->setText(tr("실행 취소(&U)"));
    m_undoAction->setShortcuts({ QKeySequence::Undo });
    m_undoAction->setShortcutVisibleInContextMenu(true);
    setName(m_undoAction, "undoAction");
    m_redoAction = m_history->stack()->createRedoAction(this, tr("다시 실행"));
    m_redoAction->setText(tr("다시 실행(&R)"));
    m_redoAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
    m_redoAction->setShortcutVisibleInContextMenu(true);
    setName(m_redoAction, "redoAction");

    m_addLineAction = makeAction(this, tr("약품 줄 추가(&A)"), { QKeySequence(Qt::CTRL | Qt::Key_Insert) });
    setName(m_addLineAction, "addLineAction");
    connect(m_addLineAction, &QAction::triggered, m_panel, &PrescriptionPanel::addLine);
    m_removeLineAction = makeAction(this, tr("약품 줄 삭제(&D)"), { QKeySequence(Qt::CTRL | Qt::Key_Delete) });
    setName(m_removeLineAction, "removeLineAction");
    connect(m_removeLineAction, &QAction::triggered, m_panel, &PrescriptionPanel::removeCurrentLine);
    m_lineUpAction = makeAction(this, tr("줄 위로"), { QKeySequence(Qt::ALT | Qt::Key_Up) });
    setName(m_lineUpAction, "lineUpAction");
    connect(m_lineUpAction, &QAction::triggered, this, [this] { m_panel->moveCurrentLine(-1); });
    m_lineDownAction = makeAction(this, tr("줄 아래로"), { QKeySequence(Qt::ALT | Qt::Key_Down) });
    setName(m_lineDownAction, "lineDownAction");
    connect(m_lineDownAction, &QAction::triggered, this, [this] { m_panel->moveCurrentLine(1); });

    m_nextUncertainAction = makeAction(this, tr("다음 확인 필요 항목(&N)"),
        { QKeySequence(Qt::Key_F8), QKeySequence(Qt::CTRL | Qt::Key_Period) }, QStyle::SP_ArrowForward);
    setName(m_nextUncertainAction, "nextUncertainAction");
    connect(m_nextUncertainAction, &QAction::triggered, this, &MainWindow::nextUncertain);

    m_nextEntryAction = makeAction(this, tr("다음 대기 처방전(&W)"), { QKeySequence(Qt::Key_F6) });
    setName(m_nextEntryAction, "nextEntryAction");
    connect(m_nextEntryAction, &QAction::triggered, this, [this] {
        const quint64 next = m_controller->queue()->nextAwaitingReview(m_current);
        if (next != 0)
            showEntry(next);
        else
            statusBar()->showMessage(tr("검토를 기다리는 처방전이 없습니다."), 4000);
    });

    m_zoomInAction
        = makeAction(this, tr("확대(&I)"), { QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    connect(m_zoomInAction, &QAction::triggered, m_imageView, &ImageView::zoomIn);
    m_zoomOutAction = makeAction(this, tr("축소(&U)"), { QKeySequence::ZoomOut });
    connect(m_zoomOutAction, &QAction::triggered, m_imageView, &ImageView::zoomOut);
    m_fitAction = makeAction(this, tr("창에 맞추기(&F)"), { QKeySequence(Qt::CTRL | Qt::Key_0) });
    connect(m_fitAction, &QAction::triggered, m_imageView, &ImageView::fitToWindow);
    m_rotateAction = makeAction(this, tr("시계 방향으로 90° 회전(&R)"), { QKeySequence(Qt::CTRL | Qt::Key_R) });
    connect(m_rotateAction, &QAction::triggered, m_imageView, &ImageView::rotateClockwise);

    m_aboutAction = new QAction(tr("PharmDesk 정보(&A)"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("PharmDesk 정보"),
            tr("PharmDesk %1\n처방전 이미지를 인식해 약품 목록과 복약안내문을 만듭니다.")
                .arg(QApplication::applicationVersion()),
            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("파일(&F)"));
    file->addAction(m_openAction);
    file->addAction(m_pasteAction);
    file->addAction(m_batchAction);
    file->addAction(m_historyAction);
    file->addAction(m_switchUserAction);
    file->addAction(m_cancelAction);
    file->addSeparator();
    file->addAction(m_printPreviewAction);
    file->addAction(m_exportPdfAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("편집(&E)"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_addLineAction);
    edit->addAction(m_removeLineAction);
    edit->addAction(m_lineUpAction);
    edit->addAction(m_lineDownAction);

    QMenu* review = menuBar()->addMenu(tr("검토(&R)"));
    review->addAction(m_nextUncertainAction);
    review->addAction(m_confirmAction);
    review->addAction(m_guideAction);
    review->addSeparator();
    review->addAction(m_nextEntryAction);

    QMenu* view = menuBar()->addMenu(tr("보기(&V)"));
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addSeparator();
    view->addAction(m_rotateAction);

    QMenu* help = menuBar()->addMenu(tr("도움말(&H)"));
    help->addAction(m_aboutAction);

    QToolBar* tools = addToolBar(tr("기본 도구"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setMovable(false);
    tools->addAction(m_openAction);
    tools->addAction(m_nextUncertainAction);
    tools->addAction(m_confirmAction);
    tools->addAction(m_guideAction);
    tools->addSeparator();
    tools->addAction(m_undoAction);
    tools->addAction(m_redoAction);
    tools->addSeparator();
    tools->addAction(m_cancelAction);
    // Tool buttons show the key beside the name: nothing to learn from a tooltip first.
    for (QAction* action : { m_nextUncertainAction, m_confirmAction, m_guideAction }) {
        action->setIconText(QStringLiteral("%1 [%2]").arg(
            action->text().remove(QLatin1Char('&')).section(QLatin1Char('('), 0, 0),
            action->shortcut().toString(QKeySequence::NativeText)));
    }
}

void MainWindow::createStatusBar()
{
    m_recognitionLabel = new QLabel(tr("처방전 이미지를 여세요 (Ctrl+O, 끌어다 놓기, 붙여넣기)"), this);
    m_recognitionLabel->setObjectName(QStringLiteral("recognitionStatus"));
    m_recognitionLabel->setAccessibleName(tr("인식 상태"));
    m_queueLabel = new QLabel(this);
    m_queueLabel->setObjectName(QStringLiteral("queueStatus"));
    m_queueLabel->setAccessibleName(tr("대기열 상태"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("recognitionProgress"));
    m_progress->setAccessibleName(tr("인식 진행"));
    m_progress->setRange(0, 0); // busy: recognition reports no steps
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cacheLabel = new QLabel(tr("약품 DB 여는 중…"), this);
    m_cacheLabel->setObjectName(QStringLiteral("drugCacheStatus"));
    m_cacheLabel->setAccessibleName(tr("약품 DB 상태"));
    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("userStatus"));
    m_userLabel->setAccessibleName(tr("현재 약사"));
    m_userLabel->hide(); // shown once the store has accounts
    statusBar()->addWidget(m_recognitionLabel, 1);
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_queueLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cacheLabel);
}

void MainWindow::updateActions()
{
    const bool loaded = m_panel->hasPrescription();
    const QueueEntry* e = m_controller->queue()->entry(m_current);
    const bool confirmedEntry = e && (e->status == QueueEntry::Status::Confirmed
                                         || e->status == QueueEntry::Status::GuidePrinted);
    m_cancelAction->setEnabled(isRecognising());
    m_historyAction->setEnabled(m_records != nullptr);
    m_switchUserAction->setEnabled(m_records != nullptr && !m_accounts.isEmpty());
    m_confirmAction->setEnabled(loaded);
    m_guideAction->setEnabled(loaded); // unconfirmed: F12 says to confirm first
    m_guideAction->setProperty("ready", confirmedEntry);
    m_printPreviewAction->setEnabled(loaded);
    m_exportPdfAction->setEnabled(loaded && !m_exporting);
    m_nextUncertainAction->setEnabled(loaded);
    for (QAction* action : { m_addLineAction, m_removeLineAction, m_lineUpAction, m_lineDownAction })
        action->setEnabled(loaded);
    const bool image = e != nullptr;
    m_zoomInAction->setEnabled(image);
    m_zoomOutAction->setEnabled(image);
    m_fitAction->setEnabled(image);
    m_rotateAction->setEnabled(image);
}

} // namespace pharmdesk::ui
