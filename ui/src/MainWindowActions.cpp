// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's actions, menus, tool bar and status bar: layout only, no behaviour.
#include "pharmdesk/ui/ImageView.h"
#include "pharmdesk/ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

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
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            QString(text).remove(QLatin1Char('&')), shortcuts.first().toString(QKeySequence::NativeText)));
    }
    return action;
}
} // namespace

void MainWindow::createActions()
{
    m_openAction = makeAction(this, tr("열기(&O)…"), { QKeySequence::Open }, QStyle::SP_DialogOpenButton);
    m_openAction->setObjectName(QStringLiteral("openAction"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openImageDialog);

    m_cancelAction
        = makeAction(this, tr("인식 취소"), { QKeySequence(Qt::Key_Escape) }, QStyle::SP_BrowserStop);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelRecognition);

    m_printPreviewAction = makeAction(
        this, tr("인쇄 미리보기(&P)…"), { QKeySequence::Print }, QStyle::SP_FileDialogContentsView);
    m_printPreviewAction->setObjectName(QStringLiteral("printPreviewAction"));
    connect(m_printPreviewAction, &QAction::triggered, this, &MainWindow::printPreview);

    m_exportPdfAction = makeAction(
        this, tr("PDF로 내보내기(&E)…"), { QKeySequence(Qt::CTRL | Qt::Key_E) }, QStyle::SP_DialogSaveButton);
    m_exportPdfAction->setObjectName(QStringLiteral("exportPdfAction"));
    connect(m_exportPdfAction, &QAction::triggered, this, &MainWindow::exportGuidePdfDialog);

    m_quitAction = makeAction(this, tr("종료(&Q)"), { QKeySequence::Quit });
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_nextUncertainAction = makeAction(this, tr("다음 확인 필요 항목(&N)"),
        { QKeySequence(Qt::Key_F8), QKeySequence(Qt::CTRL | Qt::Key_Period) }, QStyle::SP_ArrowForward);
    m_nextUncertainAction->setObjectName(QStringLiteral("nextUncertainAction"));
    connect(m_nextUncertainAction, &QAction::triggered, this, &MainWindow::nextUncertain);

    m_zoomInAction
        = makeAction(this, tr("확대(&I)"), { QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    connect(m_zoomInAction, &QAction::triggered, m_imageView, &ImageView::zoomIn);
    m_zoomOutAction = makeAction(this, tr("축소(&U)"), { QKeySequence::ZoomOut });
    connect(m_zoomOutAction, &QAction::triggered, m_imageView, &ImageView::zoomOut);
    m_fitAction = makeAction(this, tr("창에 맞추기(&F)"), { QKeySequence(Qt::CTRL | Qt::Key_0) });
    connect(m_fitAction, &QAction::triggered, m_imageView, &ImageView::fitToWindow);
    m_rotateAction
        = makeAction(this, tr("시계 방향으로 90° 회전(&R)"), { QKeySequence(Qt::CTRL | Qt::Key_R) });
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
    file->addAction(m_cancelAction);
    file->addSeparator();
    file->addAction(m_printPreviewAction);
    file->addAction(m_exportPdfAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* review = menuBar()->addMenu(tr("검토(&R)"));
    review->addAction(m_nextUncertainAction);

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
    tools->addAction(m_printPreviewAction);
    tools->addAction(m_exportPdfAction);
    tools->addSeparator();
    tools->addAction(m_cancelAction);
}

void MainWindow::createStatusBar()
{
    m_recognitionLabel = new QLabel(tr("처방전 이미지를 여세요 (Ctrl+O 또는 끌어다 놓기)"), this);
    m_recognitionLabel->setObjectName(QStringLiteral("recognitionStatus"));
    m_recognitionLabel->setAccessibleName(tr("인식 상태"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("recognitionProgress"));
    m_progress->setAccessibleName(tr("인식 진행"));
    m_progress->setRange(0, 0); // busy: recognition reports no steps
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cacheLabel = new QLabel(tr("약품 DB 여는 중…"), this);
    m_cacheLabel->setObjectName(QStringLiteral("drugCacheStatus"));
    m_cacheLabel->setAccessibleName(tr("약품 DB 상태"));
    statusBar()->addWidget(m_recognitionLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cacheLabel);
}

} // namespace pharmdesk::ui
