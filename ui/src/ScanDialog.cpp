// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/ScanDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pharmdesk::ui {

/// Carries a scanning worker's reports to the GUI thread (queued signals). Lives on the GUI
/// thread; shared by the dialog and the worker, deleted with deleteLater by the last of them.
class ScanRelay : public QObject
{
    Q_OBJECT

Q_SIGNALS:
    void progress(int page, int percent);
    void page(const QImage& image);
    void done(bool failed, const pharmdesk::core::Error& error);
};

namespace {
QString withShortcut(const QString& text, const QKeySequence& key)
{
    return QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}
} // namespace

ScanDialog::ScanDialog(const QString& device, bool feeder, QWidget* parent)
    : QDialog(parent)
    , m_preferredDevice(device)
{
    setObjectName(QStringLiteral("scanDialog"));
    setWindowTitle(tr("스캐너로 스캔"));

    m_devices = new QComboBox(this);
    m_devices->setObjectName(QStringLiteral("scannerDevices"));
    m_devices->setAccessibleName(tr("스캐너"));
    m_devices->setMinimumContentsLength(28);
    const QKeySequence refreshKey(Qt::Key_F5);
    m_refresh = new QPushButton(withShortcut(tr("새로 고침"), refreshKey), this);
    m_refresh->setObjectName(QStringLiteral("refreshScanners"));
    m_refresh->setAccessibleName(tr("스캐너 다시 찾기"));
    m_refresh->setAutoDefault(false);
    auto* refreshShortcut = new QShortcut(refreshKey, this);
    connect(refreshShortcut, &QShortcut::activated, this, &ScanDialog::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &ScanDialog::refresh);
    auto* deviceRow = new QHBoxLayout;
    deviceRow->addWidget(m_devices, 1);
    deviceRow->addWidget(m_refresh);

    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("scanSource"));
    m_source->setAccessibleName(tr("급지 방식"));
    m_source->addItem(tr("평판 (유리면, 한 장)"), false);
    m_source->addItem(tr("자동 급지기 (ADF, 여러 장)"), true);
    m_source->setCurrentIndex(feeder ? 1 : 0);

    auto* quality = new QLabel(tr("%1 dpi 회색").arg(kDpi), this);
    quality->setObjectName(QStringLiteral("scanQuality"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("scanProgress"));
    m_progress->setAccessibleName(tr("스캔 진행"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("scanStatus"));
    m_status->setAccessibleName(tr("스캔 상태"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("스캐너(&D):"), deviceRow);
    form->addRow(tr("급지(&F):"), m_source);
    form->addRow(tr("품질:"), quality);

    m_scan = new QPushButton(tr("스캔(&S)"), this);
    m_scan->setObjectName(QStringLiteral("startScan"));
    m_scan->setAccessibleName(tr("스캔 시작"));
    m_scan->setDefault(true);
    m_cancel = new QPushButton(withShortcut(tr("스캔 취소"), QKeySequence(Qt::Key_Escape)), this);
    m_cancel->setObjectName(QStringLiteral("cancelScan"));
    m_cancel->setAccessibleName(tr("스캔 취소"));
    m_cancel->setAutoDefault(false);
    m_close = new QPushButton(tr("닫기"), this);
    m_close->setObjectName(QStringLiteral("closeScan"));
    m_close->setAutoDefault(false);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_scan, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(m_scan, &QPushButton::clicked, this, &ScanDialog::startScan);
    connect(m_cancel, &QPushButton::clicked, this, &ScanDialog::cancelScan);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status, 1);
    layout->addWidget(buttons);

    connect(&m_listing, &QFutureWatcherBase::finished, this, &ScanDialog::onListed);
    resize(520, 260);
    refresh();
}

ScanDialog::~ScanDialog()
{
    // The worker stops at once (sane_cancel); its last reports go to a relay nobody listens to.
    m_cancelToken.cancel();
}

QString ScanDialog::device() const
{
    return m_devices->currentIndex() >= 0 ? m_devices->currentData().toString() : m_preferredDevice;
}

bool ScanDialog::feeder() const
{
    return m_source->currentData().toBool();
}

int ScanDialog::deviceCount() const
{
    return m_listPending ? 0 : m_devices->count();
}

void ScanDialog::refresh()
{
    if (m_listPending || m_relay)
        return;
    m_listPending = true;
    if (m_devices->currentIndex() >= 0)
        m_preferredDevice = m_devices->currentData().toString();
    m_devices->clear();
    setStatus(tr("스캐너를 찾는 중…"));
    // Probing USB and the network takes seconds: never on the GUI thread.
    m_listing.setFuture(QtConcurrent::run([] { return ocr::SaneScanner().devices(); }));
    updateState();
}

void ScanDialog::onListed()
{
    m_listPending = false;
    const auto listed = m_listing.result();
    if (!listed) {
        setStatus(tr("스캐너 목록을 읽을 수 없습니다: %1 (%2)").arg(listed.error().message, listed.error().detail));
        updateState();
        Q_EMIT devicesListed(0);
        return;
    }
    for (const ocr::ScannerDevice& d : listed.value())
        m_devices->addItem(d.displayName(), d.name);
    const int preferred = m_devices->findData(m_preferredDevice);
    if (preferred >= 0)
        m_devices->setCurrentIndex(preferred);
    // No scanner is a normal state at a counter without one.
    setStatus(listed->isEmpty() ? tr("스캐너가 없습니다. 스캐너를 연결하고 켠 뒤 새로 고침(F5)을 누르세요.")
                                : tr("스캐너 %1대를 찾았습니다.").arg(int(listed->size())));
    updateState();
    Q_EMIT devicesListed(int(listed->size()));
}

void ScanDialog::startScan()
{
    if (m_relay || m_listPending || m_devices->count() == 0)
        return;
    const QString name = device();
    const bool batch = feeder();
    Q_EMIT deviceChosen(name, batch);
    m_cancelToken = core::CancelToken();
    m_pages = 0;
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    setStatus(tr("스캔을 시작합니다…"));

    m_relay = std::shared_ptr<ScanRelay>(new ScanRelay, [](ScanRelay* relay) { relay->deleteLater(); });
    connect(m_relay.get(), &ScanRelay::progress, this, &ScanDialog::onProgress);
    connect(m_relay.get(), &ScanRelay::page, this, &ScanDialog::onPage);
    connect(m_relay.get(), &ScanRelay::done, this, &ScanDialog::onScanDone);
    const ocr::ScanSettings settings { kDpi, true, batch ? ocr::ScanSource::Feeder : ocr::ScanSource::Flatbed };
    // The worker owns copies of everything it uses; it never touches the dialog.
    QThreadPool::globalInstance()->start([relay = m_relay, name, settings, batch, cancel = m_cancelToken] {
        ocr::ScanObserver observer;
        observer.progress = [&relay](int page, int percent) { Q_EMIT relay->progress(page, percent); };
        observer.pageDone = [&relay](const QImage& image, int) { Q_EMIT relay->page(image); };
        const ocr::ScanOutcome outcome = ocr::scanWithSane(name, settings, batch, cancel, observer);
        Q_EMIT relay->done(outcome.error.has_value(), outcome.error.value_or(core::Error {}));
    });
    updateState();
}

void ScanDialog::onProgress(int page, int percent)
{
    if (!m_relay)
        return;
    if (percent < 0) {
        m_progress->setRange(0, 0); // the scanner does not say how long the page is
    } else {
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
    }
    setStatus(tr("%1쪽 스캔 중…").arg(page + 1));
}

void ScanDialog::onPage(const QImage& page)
{
    ++m_pages;
    setStatus(tr("%1쪽을 대기열에 넣었습니다.").arg(m_pages));
    Q_EMIT pageScanned(page);
}

void ScanDialog::onScanDone(bool failed, const core::Error& error)
{
    m_relay.reset();
    m_progress->setRange(0, 100);
    if (!failed) {
        m_progress->setValue(100);
        setStatus(tr("스캔을 마쳤습니다: %1쪽을 대기열에 넣었습니다.").arg(m_pages));
    } else if (error.category == core::ErrorCategory::Cancelled) {
        setStatus(tr("스캔을 취소했습니다 (%1쪽은 대기열에 있습니다).").arg(m_pages));
    } else {
        setStatus(tr("스캔하지 못했습니다: %1 (%2) — 대기열에 넣은 쪽: %3").arg(error.message, error.detail).arg(m_pages));
    }
    updateState();
    Q_EMIT scanFinished(m_pages, failed ? std::optional<core::Error>(error) : std::nullopt);
}

void ScanDialog::cancelScan()
{
    if (!m_relay)
        return;
    m_cancelToken.cancel();
    setStatus(tr("스캔을 취소하는 중…"));
}

void ScanDialog::reject()
{
    // Esc while the scanner runs stops the scan; the dialog stays for the next one.
    if (m_relay) {
        cancelScan();
        return;
    }
    QDialog::reject();
}

void ScanDialog::updateState()
{
    const bool listing = m_listPending;
    const bool idle = !listing && !m_relay;
    m_devices->setEnabled(idle && m_devices->count() > 0);
    m_source->setEnabled(idle);
    m_refresh->setEnabled(idle);
    m_scan->setEnabled(idle && m_devices->count() > 0);
    m_cancel->setEnabled(m_relay != nullptr);
    if (listing)
        m_progress->setRange(0, 0);
    else if (!m_relay && m_progress->maximum() == 0)
        m_progress->setRange(0, 100);
}

void ScanDialog::setStatus(const QString& text)
{
    m_status->setText(text);
}

} // namespace pharmdesk::ui

#include "ScanDialog.moc"
