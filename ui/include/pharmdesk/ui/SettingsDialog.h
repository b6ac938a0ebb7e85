// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Settings.h"
#include "pharmdesk/ui/CounterSettings.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace pharmdesk::ui {

/// Settings: pharmacy details, guide format, language and output (PDF folder or printer), inbox
/// folder, review threshold, screen language, and the MFDS service key. The key is never put in
/// settings.ini: the dialog only collects it (newServiceKey()) and the window stores it in the
/// system keychain. Threading: GUI thread only.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const core::Settings& settings, const CounterSettings& counter, QWidget* parent = nullptr);

    core::Settings settings() const;
    CounterSettings counterSettings() const;

    /// Says where the key is kept ("secret-service", "file: /path") and whether one is stored;
    /// an empty backend disables the key field (no keychain available).
    void setKeychainState(const QString& backend, bool keyStored);
    /// The key typed into the dialog; nullopt when the field was left alone.
    std::optional<QString> newServiceKey() const;

private:
    void chooseFolder(QLineEdit* edit, const QString& title);

    core::Settings m_settings;
    CounterSettings m_counter;
    QLineEdit* m_pharmacyName = nullptr;
    QLineEdit* m_pharmacyPhone = nullptr;
    QLineEdit* m_pharmacist = nullptr;
    QLineEdit* m_address = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_guideLanguage = nullptr;
    QComboBox* m_output = nullptr;
    QLineEdit* m_guideFolder = nullptr;
    QComboBox* m_printer = nullptr;
    QCheckBox* m_advance = nullptr;
    QCheckBox* m_keepProcessed = nullptr;
    QLineEdit* m_inbox = nullptr;
    QSpinBox* m_settle = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QComboBox* m_uiLanguage = nullptr;
    QLineEdit* m_serviceKey = nullptr;
    QLabel* m_keyState = nullptr;
};

} // namespace pharmdesk::ui
