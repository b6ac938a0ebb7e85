// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/SettingsDialog.h"

#include "pharmdesk/guide/GuideRenderer.h"
#include "pharmdesk/ui/CaptureSettingsPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrinterInfo>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace pharmdesk::ui {

namespace {
QLineEdit* lineEdit(QWidget* parent, const QString& text, const QString& accessibleName, const char* name)
{
    auto* edit = new QLineEdit(text, parent);
    edit->setAccessibleName(accessibleName);
    edit->setObjectName(QLatin1String(name));
    return edit;
}

QString formatText(const QString& format)
{
    if (format == QLatin1String("a4"))
        return SettingsDialog::tr("A4 (안내문)");
    if (format == QLatin1String("a5"))
        return SettingsDialog::tr("A5 (안내문)");
    if (format == QLatin1String("receipt"))
        return SettingsDialog::tr("영수증 프린터 (80 mm)");
    if (format == QLatin1String("label"))
        return SettingsDialog::tr("약봉투 라벨");
    return format;
}
} // namespace

SettingsDialog::SettingsDialog(const core::Settings& settings, const CounterSettings& counter, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_counter(counter)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("설정"));
    auto* tabs = new QTabWidget(this);

    // Pharmacy: printed on every guide.
    auto* pharmacy = new QWidget(tabs);
    auto* pharmacyForm = new QFormLayout(pharmacy);
    m_pharmacyName = lineEdit(pharmacy, settings.pharmacy.name, tr("약국 이름"), "pharmacyName");
    m_pharmacyPhone = lineEdit(pharmacy, settings.pharmacy.phone, tr("전화번호"), "pharmacyPhone");
    m_pharmacist = lineEdit(pharmacy, settings.pharmacy.pharmacist, tr("약사"), "pharmacist");
    m_address = lineEdit(pharmacy, settings.pharmacy.address, tr("주소"), "pharmacyAddress");
    pharmacyForm->addRow(tr("약국 이름(&N):"), m_pharmacyName);
    pharmacyForm->addRow(tr("전화번호(&P):"), m_pharmacyPhone);
    pharmacyForm->addRow(tr("약사(&H):"), m_pharmacist);
    pharmacyForm->addRow(tr("주소(&A):"), m_address);
    tabs->addTab(pharmacy, tr("약국"));

    // Guide: what F12 puts out.
    auto* guide = new QWidget(tabs);
    auto* guideForm = new QFormLayout(guide);
    m_format = new QComboBox(guide);
    m_format->setObjectName(QStringLiteral("guideFormat"));
    m_format->setAccessibleName(tr("안내문 형식"));
    for (const QString& format : guide::GuideOptions::supportedFormats())
        m_format->addItem(formatText(format), format);
    m_format->setCurrentIndex(std::max(0, m_format->findData(settings.guideFormat)));
    m_guideLanguage = new QComboBox(guide);
    m_guideLanguage->setObjectName(QStringLiteral("guideLanguage"));
    m_guideLanguage->setAccessibleName(tr("안내문 언어"));
    m_guideLanguage->addItem(tr("한국어"), QStringLiteral("ko"));
    m_guideLanguage->addItem(tr("영어"), QStringLiteral("en"));
    m_guideLanguage->setCurrentIndex(std::max(0, m_guideLanguage->findData(settings.language)));
    m_output = new QComboBox(guide);
    m_output->setObjectName(QStringLiteral("guideOutput"));
    m_output->setAccessibleName(tr("출력 방법"));
    m_output->addItem(tr("PDF 파일로 저장"), int(CounterSettings::GuideOutput::Pdf));
    m_output->addItem(tr("프린터로 인쇄"), int(CounterSettings::GuideOutput::Printer));
    m_output->setCurrentIndex(counter.guideOutput == CounterSettings::GuideOutput::Printer ? 1 : 0);
    m_guideFolder = lineEdit(guide, counter.guideFolder, tr("안내문 폴더"), "guideFolder");
    auto* browseGuide = new QPushButton(tr("찾아보기…"), guide);
    connect(browseGuide, &QPushButton::clicked, this, [this] { chooseFolder(m_guideFolder, tr("안내문 폴더")); });
    auto* guideFolderRow = new QHBoxLayout;
    guideFolderRow->addWidget(m_guideFolder, 1);
    guideFolderRow->addWidget(browseGuide);
    m_printer = new QComboBox(guide);
    m_printer->setObjectName(QStringLiteral("printer"));
    m_printer->setAccessibleName(tr("프린터"));
    m_printer->addItem(tr("기본 프린터"), QString());
    for (const QString& name : QPrinterInfo::availablePrinterNames())
        m_printer->addItem(name, name);
    m_printer->setCurrentIndex(std::max(0, m_printer->findData(counter.printerName)));
    m_advance = new QCheckBox(tr("출력 후 다음 처방전으로 이동"), guide);
    m_advance->setChecked(counter.advanceAfterGuide);
    guideForm->addRow(tr("형식(&F):"), m_format);
    guideForm->addRow(tr("언어(&L):"), m_guideLanguage);
    guideForm->addRow(tr("출력(&O):"), m_output);
    guideForm->addRow(tr("PDF 폴더(&D):"), guideFolderRow);
    guideForm->addRow(tr("프린터(&R):"), m_printer);
    guideForm->addRow(QString(), m_advance);
    tabs->addTab(guide, tr("복약안내문"));

    // Capture and review.
    auto* review = new QWidget(tabs);
    auto* reviewForm = new QFormLayout(review);
    m_inbox = lineEdit(review, counter.inboxFolder, tr("받은 편지함 폴더"), "inboxFolder");
    m_inbox->setPlaceholderText(tr("비워 두면 감시하지 않음"));
    auto* browseInbox = new QPushButton(tr("찾아보기…"), review);
    connect(browseInbox, &QPushButton::clicked, this, [this] { chooseFolder(m_inbox, tr("받은 편지함 폴더")); });
    auto* inboxRow = new QHBoxLayout;
    inboxRow->addWidget(m_inbox, 1);
    inboxRow->addWidget(browseInbox);
    m_settle = new QSpinBox(review);
    m_settle->setObjectName(QStringLiteral("inboxSettle"));
    m_settle->setAccessibleName(tr("파일 안정 대기 시간"));
    m_settle->setRange(0, 60000);
    m_settle->setSingleStep(250);
    m_settle->setSuffix(tr(" ms"));
    m_settle->setValue(counter.inboxSettleMs);
    m_keepProcessed = new QCheckBox(tr("처리한 파일을 processed 폴더에 보관"), review);
    m_keepProcessed->setObjectName(QStringLiteral("keepProcessedFiles"));
    m_keepProcessed->setAccessibleName(tr("처리한 받은 편지함 파일 보관"));
    m_keepProcessed->setToolTip(tr("끄면 기록 저장소에 암호화되어 저장된 파일은 받은 편지함에서 지웁니다."));
    m_keepProcessed->setChecked(counter.keepProcessedFiles);
    m_threshold = new QDoubleSpinBox(review);
    m_threshold->setObjectName(QStringLiteral("reviewThreshold"));
    m_threshold->setAccessibleName(tr("확인 기준 신뢰도"));
    m_threshold->setRange(50, 99);
    m_threshold->setDecimals(0);
    m_threshold->setSuffix(QStringLiteral(" %"));
    m_threshold->setValue(settings.reviewThreshold * 100.0);
    m_uiLanguage = new QComboBox(review);
    m_uiLanguage->setObjectName(QStringLiteral("uiLanguage"));
    m_uiLanguage->setAccessibleName(tr("화면 언어"));
    m_uiLanguage->addItem(tr("한국어"), QStringLiteral("ko"));
    m_uiLanguage->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_uiLanguage->setCurrentIndex(std::max(0, m_uiLanguage->findData(counter.uiLanguage)));
    reviewForm->addRow(tr("받은 편지함(&I):"), inboxRow);
    reviewForm->addRow(tr("파일 안정 대기(&W):"), m_settle);
    reviewForm->addRow(QString(), m_keepProcessed);
    reviewForm->addRow(tr("확인 기준 신뢰도(&T):"), m_threshold);
    reviewForm->addRow(tr("화면 언어(&U):"), m_uiLanguage);
    tabs->addTab(review, tr("접수와 검토"));

    // Scanner and camera: the devices the capture dialogs start with.
    tabs->addTab(new CaptureSettingsPage(settings, tabs), tr("스캐너/카메라"));

    // MFDS open-data key: kept in the keychain, never in settings.ini.
    auto* service = new QWidget(tabs);
    auto* serviceForm = new QFormLayout(service);
    m_serviceKey = new QLineEdit(service);
    m_serviceKey->setObjectName(QStringLiteral("serviceKey"));
    m_serviceKey->setAccessibleName(tr("식약처 서비스 키"));
    m_serviceKey->setEchoMode(QLineEdit::Password);
    m_keyState = new QLabel(service);
    m_keyState->setObjectName(QStringLiteral("serviceKeyState"));
    m_keyState->setWordWrap(true);
    serviceForm->addRow(tr("서비스 키(&K):"), m_serviceKey);
    serviceForm->addRow(QString(), m_keyState);
    tabs->addTab(service, tr("식약처 API"));
    setKeychainState(QString(), false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    resize(620, 420);
}

void SettingsDialog::chooseFolder(QLineEdit* edit, const QString& title)
{
    const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
    if (!folder.isEmpty())
        edit->setText(QDir::toNativeSeparators(folder));
}

void SettingsDialog::setKeychainState(const QString& backend, bool keyStored)
{
    m_serviceKey->setEnabled(!backend.isEmpty());
    if (backend.isEmpty()) {
        m_keyState->setText(tr("키 저장소를 열 수 없어 서비스 키를 저장할 수 없습니다."));
        return;
    }
    m_serviceKey->setPlaceholderText(keyStored ? tr("저장되어 있음 (바꾸려면 새 키 입력)") : tr("없음"));
    m_keyState->setText(tr("키는 설정 파일이 아니라 키 저장소(%1)에 보관됩니다.").arg(backend));
}

std::optional<QString> SettingsDialog::newServiceKey() const
{
    const QString key = m_serviceKey->text().trimmed();
    return key.isEmpty() ? std::nullopt : std::optional<QString>(key);
}

core::Settings SettingsDialog::settings() const
{
    core::Settings s = m_settings;
    s.pharmacy.name = m_pharmacyName->text().trimmed();
    s.pharmacy.phone = m_pharmacyPhone->text().trimmed();
    s.pharmacy.pharmacist = m_pharmacist->text().trimmed();
    s.pharmacy.address = m_address->text().trimmed();
    s.guideFormat = m_format->currentData().toString();
    s.language = m_guideLanguage->currentData().toString();
    s.reviewThreshold = m_threshold->value() / 100.0;
    if (const auto* capture = findChild<CaptureSettingsPage*>())
        capture->apply(s);
    return s;
}

CounterSettings SettingsDialog::counterSettings() const
{
    CounterSettings c = m_counter;
    c.guideOutput = CounterSettings::GuideOutput(m_output->currentData().toInt());
    const QString guideFolder = QDir::fromNativeSeparators(m_guideFolder->text().trimmed());
    c.guideFolder = guideFolder.isEmpty() ? m_counter.guideFolder : guideFolder;
    c.printerName = m_printer->currentData().toString();
    c.advanceAfterGuide = m_advance->isChecked();
    c.inboxFolder = QDir::fromNativeSeparators(m_inbox->text().trimmed());
    c.inboxSettleMs = m_settle->value();
    c.keepProcessedFiles = m_keepProcessed->isChecked();
    c.uiLanguage = m_uiLanguage->currentData().toString();
    return c;
}

} // namespace pharmdesk::ui
