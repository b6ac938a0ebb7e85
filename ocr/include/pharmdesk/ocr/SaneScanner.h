// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace pharmdesk::ocr {

/// A scanner as SANE lists it.
struct ScannerDevice
{
    QString name;   ///< SANE device name ("test:0", "genesys:libusb:001:004"); what settings keep
    QString vendor;
    QString model;
    QString type;   ///< "flatbed scanner", "sheetfed scanner", "virtual device", ...

    /// "vendor model (name)", for device choosers.
    QString displayName() const;
};

/// Where the paper is: on the glass or in the automatic document feeder.
enum class ScanSource { Flatbed, Feeder };

/// What to ask the device for. Values the device cannot take exactly are brought to the nearest
/// it allows (see ScanSetup for what was set).
struct ScanSettings
{
    int dpi = 300;     ///< dots per inch
    bool grey = true;  ///< 8-bit grey ("Gray" mode, depth 8) where the device offers it
    ScanSource source = ScanSource::Flatbed;
};

/// What the device was set to by SaneDevice::configure().
struct ScanSetup
{
    int dpi = 0;          ///< resolution in effect; 0 when the device has no resolution option
    QString mode;         ///< SANE scan mode in effect ("Gray"); empty when the device has none
    QString source;       ///< SANE source in effect ("Flatbed", "Automatic Document Feeder"); may be empty
};

/// Called on the scanning thread while a scan runs. Either may be empty.
struct ScanObserver
{
    /// `page` (0-based) is `percent` (0..100) read; -1 when the device does not know the page length.
    std::function<void(int page, int percent)> progress;
    /// Page `page` (0-based) is complete; called before the next page is started.
    std::function<void(const QImage& image, int page)> pageDone;
};

/// The pages a scan produced and, when it stopped early, why.
struct ScanOutcome
{
    QList<QImage> pages;              ///< complete pages in feed order (Grayscale8 for grey scans)
    std::optional<core::Error> error; ///< nullopt: the page, or the feeder batch, ended normally
};

class SaneDevice;

/// A SANE session: sane_init() on construction, sane_exit() on destruction.
///
/// Thread contract: every SANE call blocks (listing devices probes USB and the network for
/// seconds; a page takes as long as the scanner needs), so sessions live on worker threads and
/// never on the GUI thread. SANE is process-global and not reentrant: constructing a session
/// waits until any other session in the process is destroyed, so at most one exists at a time
/// (never create a second one on a thread that already holds one). A session and the devices it
/// opened are used by one thread at a time; only a CancelToken is meant to cross threads.
/// Backend configuration files are read at each session start, but libsane looks up the
/// folder they are in (`SANE_CONFIG_DIR`, else /etc/sane.d) once per process, at the first
/// session: tests point `SANE_CONFIG_DIR` at a folder of their own before any SANE call.
class SaneScanner
{
public:
    SaneScanner();
    ~SaneScanner();
    SaneScanner(const SaneScanner&) = delete;
    SaneScanner& operator=(const SaneScanner&) = delete;

    /// The error sane_init() gave; nullopt when the session is usable.
    const std::optional<core::Error>& initError() const { return m_initError; }

    /// The scanners attached. No scanner is an empty list, not an error.
    /// `localOnly` skips network scanners (faster). Errors carry sane_strstatus() in `detail`.
    core::Result<QList<ScannerDevice>> devices(bool localOnly = false) const;

    /// Opens `name` (a ScannerDevice::name; empty: the first device SANE finds). The device must
    /// be destroyed before this session.
    core::Result<std::unique_ptr<SaneDevice>> open(const QString& name) const;

private:
    std::unique_lock<std::mutex> m_lock;
    std::optional<core::Error> m_initError;
};

/// An open scanner (sane_open … sane_close). Same thread contract as SaneScanner.
class SaneDevice
{
public:
    ~SaneDevice();
    SaneDevice(const SaneDevice&) = delete;
    SaneDevice& operator=(const SaneDevice&) = delete;

    QString name() const { return m_name; }
    /// The device's paper sources as SANE names them; empty when it has no source option.
    QStringList sources() const;
    /// The device has an automatic document feeder source.
    bool hasFeeder() const;

    /// Sets resolution, mode and source: `dpi` or the nearest allowed, "Gray" (or the device's
    /// grey mode) at depth 8 when `grey`. A Feeder request on a device without one is a Usage error.
    core::Result<ScanSetup> configure(const ScanSettings& settings);

    /// Scans one page, or with `batch` every page in the feeder until it reports it is empty
    /// (SANE_STATUS_NO_DOCS after at least one page). Blocks until done. Cancelling `cancel`, from
    /// any thread, calls sane_cancel() at once, interrupting a page being read; pages already
    /// complete are kept in the outcome and its error is Cancelled. An empty feeder at the first
    /// page is an Input error.
    ScanOutcome scan(bool batch, const core::CancelToken& cancel, const ScanObserver& observer = {});

private:
    friend class SaneScanner;
    SaneDevice(void* handle, QString name);

    void* m_handle = nullptr; ///< SANE_Handle
    QString m_name;
    int m_dpi = 0;            ///< resolution set by configure(); stamped on the pages
};

/// Convenience for one worker job: session, open `device` (empty: the first), configure, scan.
ScanOutcome scanWithSane(const QString& device, const ScanSettings& settings, bool batch,
    const core::CancelToken& cancel, const ScanObserver& observer = {});

} // namespace pharmdesk::ocr
