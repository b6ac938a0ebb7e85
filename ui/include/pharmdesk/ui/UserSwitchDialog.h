// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/store/Records.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace pharmdesk::ui {

class CounterRecords;

/// The quick switch at the counter (Ctrl+L): pick a pharmacist, type the PIN. A wrong PIN says
/// so and how many tries are left; after CounterRecords::kPinAttempts wrong PINs (or for an
/// account without a PIN) the dialog asks for the password instead. The check runs on the
/// records worker (a memory-hard KDF); the dialog stays responsive meanwhile.
/// Threading: GUI thread only.
class UserSwitchDialog : public QDialog
{
    Q_OBJECT

public:
    /// `current`: the user switched to last (selected first); may be empty.
    UserSwitchDialog(CounterRecords* records, const QList<store::Account>& accounts, const QString& current,
        QWidget* parent = nullptr);

    QListWidget* userList() const { return m_users; }
    QLineEdit* secretEdit() const { return m_secret; }
    QLabel* messageLabel() const { return m_message; }
    /// The selected account needs its password (PIN locked or none set).
    bool passwordMode() const { return m_passwordMode; }
    /// Checks what was typed for the selected user; the outcome arrives later (switched() and
    /// accept(), or a message and attempted()).
    void submit();

Q_SIGNALS:
    void switched(const pharmdesk::store::Account& account);
    /// A check ended without a switch (wrong PIN or password, or the store failed).
    void attempted();

private:
    void userChanged();
    void setPasswordMode(bool password);

    CounterRecords* m_records;
    QList<store::Account> m_accounts;
    QListWidget* m_users = nullptr;
    QLabel* m_secretLabel = nullptr;
    QLineEdit* m_secret = nullptr;
    QLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_passwordMode = false;
    bool m_checking = false;
};

} // namespace pharmdesk::ui
