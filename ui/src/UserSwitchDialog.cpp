// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/UserSwitchDialog.h"

#include "pharmdesk/ui/CounterRecords.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace pharmdesk::ui {

UserSwitchDialog::UserSwitchDialog(
    CounterRecords* records, const QList<store::Account>& accounts, const QString& current, QWidget* parent)
    : QDialog(parent)
    , m_records(records)
    , m_accounts(accounts)
{
    setObjectName(QStringLiteral("userSwitchDialog"));
    setWindowTitle(tr("사용자 전환"));
    m_users = new QListWidget(this);
    m_users->setObjectName(QStringLiteral("switchUsers"));
    m_users->setAccessibleName(tr("약사 목록"));
    for (const store::Account& account : m_accounts) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 (%2)").arg(account.displayName, account.user), m_users);
        item->setData(Qt::UserRole, account.user);
        if (account.user == current)
            m_users->setCurrentItem(item);
    }
    if (!m_users->currentItem() && m_users->count() > 0)
        m_users->setCurrentRow(0);
    auto* usersLabel = new QLabel(tr("약사(&U):"), this);
    usersLabel->setBuddy(m_users);

    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("switchSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretLabel = new QLabel(this);
    m_secretLabel->setBuddy(m_secret);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("switchMessage"));
    m_message->setAccessibleName(tr("전환 안내"));
    m_message->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("전환"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("취소"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserSwitchDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_users, &QListWidget::currentRowChanged, this, &UserSwitchDialog::userChanged);
    // Enter in the list moves on to the PIN; Enter in the PIN field submits (default button).
    connect(m_users, &QListWidget::itemActivated, this, [this] { m_secret->setFocus(Qt::OtherFocusReason); });

    auto* form = new QFormLayout;
    form->addRow(usersLabel, m_users);
    form->addRow(m_secretLabel, m_secret);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    userChanged();
    m_secret->setFocus(Qt::OtherFocusReason);
    resize(380, 320);
}

void UserSwitchDialog::setPasswordMode(bool password)
{
    m_passwordMode = password;
    m_secretLabel->setText(password ? tr("비밀번호(&P):") : tr("PIN(&P):"));
    m_secret->setAccessibleName(password ? tr("비밀번호") : tr("PIN"));
    m_secret->setInputMethodHints(password ? Qt::ImhHiddenText : Qt::ImhDigitsOnly | Qt::ImhHiddenText);
}

void UserSwitchDialog::userChanged()
{
    const int row = m_users->currentRow();
    m_secret->clear();
    m_message->clear();
    if (row < 0 || row >= m_accounts.size())
        return;
    const store::Account& account = m_accounts.at(row);
    const bool locked = account.failedAttempts >= CounterRecords::kPinAttempts;
    setPasswordMode(!account.hasPin || locked);
    if (locked)
        m_message->setText(tr("PIN을 %1번 틀려 잠겼습니다. 비밀번호를 입력하세요.").arg(CounterRecords::kPinAttempts));
    else if (!account.hasPin)
        m_message->setText(tr("이 계정은 PIN이 없습니다. 비밀번호를 입력하세요."));
}

void UserSwitchDialog::submit()
{
    const int row = m_users->currentRow();
    if (m_checking || row < 0 || row >= m_accounts.size() || m_secret->text().isEmpty())
        return;
    m_checking = true;
    m_buttons->setEnabled(false);
    m_message->setText(tr("확인 중…"));
    const QString user = m_accounts.at(row).user;
    auto* watcher = new QFutureWatcher<CounterRecords::SwitchOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, row] {
        watcher->deleteLater();
        m_checking = false;
        m_buttons->setEnabled(true);
        const CounterRecords::SwitchOutcome out = watcher->result();
        if (out.account) {
            m_message->clear();
            Q_EMIT switched(*out.account);
            accept();
            return;
        }
        m_secret->clear();
        m_secret->setFocus(Qt::OtherFocusReason);
        if (row < m_accounts.size())
            m_accounts[row].failedAttempts = out.failedAttempts;
        if (!out.error.isEmpty()) {
            m_message->setText(out.error);
        } else if (m_passwordMode) {
            m_message->setText(tr("비밀번호가 틀렸습니다."));
        } else if (out.passwordRequired) {
            setPasswordMode(true);
            m_message->setText(tr("PIN을 %1번 틀려 잠겼습니다. 비밀번호를 입력하세요.").arg(CounterRecords::kPinAttempts));
        } else {
            m_message->setText(tr("PIN이 틀렸습니다. %1번 더 틀리면 비밀번호가 필요합니다.")
                                   .arg(CounterRecords::kPinAttempts - out.failedAttempts));
        }
        Q_EMIT attempted();
    });
    watcher->setFuture(m_records->switchUser(user, m_secret->text(), m_passwordMode));
}

} // namespace pharmdesk::ui
