// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow and the record store at start and between pharmacists: unfinished prescriptions
// queued again, the pharmacist accounts and the PIN switch.
#include "pharmdesk/ui/CounterRecords.h"
#include "pharmdesk/ui/MainWindow.h"
#include "pharmdesk/ui/QueueController.h"
#include "pharmdesk/ui/UserSwitchDialog.h"

#include <QAction>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QStatusBar>
#include <algorithm>
#include <iterator>

namespace pharmdesk::ui {

namespace {
/// Disabled accounts stay in the store for the audit trail but cannot switch in.
QList<store::Account> activeAccounts(const QList<store::Account>& accounts)
{
    QList<store::Account> active;
    std::copy_if(accounts.cbegin(), accounts.cend(), std::back_inserter(active),
        [](const store::Account& account) { return !account.disabled; });
    return active;
}
} // namespace

void MainWindow::recoverUnfinished()
{
    auto* watcher = new QFutureWatcher<core::Result<QList<CounterRecords::Unfinished>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const auto found = watcher->result();
        if (!found) {
            statusBar()->showMessage(tr("끝나지 않은 처방전을 찾을 수 없습니다: %1").arg(found.error().message), 15000);
            return;
        }
        for (const CounterRecords::Unfinished& u : *found) {
            // The same record, recognised again: adopted, never taken in a second time. The
            // store has the image sealed already: the queue lets it go at once, recognition and
            // display keep it only while they read it.
            const quint64 id = m_controller->enqueueHeld(u.image, u.page, QueueEntry::Origin::Recovered,
                                                         QFileInfo(u.sourceName).fileName());
            m_records->adopt(id, u.record);
            m_controller->releaseImage(id);
        }
        if (!found->isEmpty()) {
            statusBar()->showMessage(
                tr("지난번에 끝나지 않은 처방전 %1건을 다시 인식합니다.").arg(found->size()), 15000);
        }
        Q_EMIT recoveryQueued(int(found->size()));
    });
    watcher->setFuture(m_records->unfinished());
}

void MainWindow::loadAccounts()
{
    auto* watcher = new QFutureWatcher<core::Result<QList<store::Account>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const auto read = watcher->result();
        m_accounts = read ? activeAccounts(*read) : QList<store::Account> {};
        updateUserLabel();
        updateActions();
        // Accounts exist: whoever is at the counter says who they are before working.
        if (!m_accounts.isEmpty() && m_currentUser.isEmpty())
            openUserSwitch();
        Q_EMIT accountsLoaded(int(m_accounts.size()));
    });
    watcher->setFuture(m_records->accounts());
}

void MainWindow::updateUserLabel()
{
    m_userLabel->setVisible(!m_accounts.isEmpty());
    if (m_currentUser.isEmpty()) {
        m_userLabel->setText(tr("약사: 없음 (Ctrl+L)"));
        return;
    }
    QString name = m_currentUser;
    for (const store::Account& account : m_accounts) {
        if (account.user == m_currentUser)
            name = QStringLiteral("%1 (%2)").arg(account.displayName, account.user);
    }
    m_userLabel->setText(tr("약사: %1").arg(name));
}

void MainWindow::openUserSwitch()
{
    if (!m_records || m_accounts.isEmpty() || findChild<UserSwitchDialog*>())
        return;
    auto* dialog = new UserSwitchDialog(m_records.get(), m_accounts, m_currentUser, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserSwitchDialog::switched, this, [this](const store::Account& account) {
        m_currentUser = account.user;
        m_records->setActor(QStringLiteral("pharmacist:%1").arg(account.user));
        for (store::Account& known : m_accounts) {
            if (known.user == account.user)
                known.failedAttempts = 0;
        }
        updateUserLabel();
        statusBar()->showMessage(tr("%1 약사로 전환했습니다.").arg(account.displayName), 6000);
        Q_EMIT userSwitched(account.user);
    });
    // Wrong PINs are counted by the store: read the accounts again when the dialog closes.
    connect(dialog, &QDialog::finished, this, [this] {
        auto* watcher = new QFutureWatcher<core::Result<QList<store::Account>>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            if (const auto read = watcher->result())
                m_accounts = activeAccounts(*read);
        });
        watcher->setFuture(m_records->accounts());
    });
    dialog->open();
}

} // namespace pharmdesk::ui
