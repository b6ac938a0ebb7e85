// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/SaneScanner.h"

#include "SaneImage.h"

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <QByteArray>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <thread>
#include <vector>

namespace pharmdesk::ocr {

using core::ErrorCategory;
using core::makeError;

namespace {

/// SANE is process-global: one session at a time (see the SaneScanner contract).
std::mutex& sessionMutex()
{
    static std::mutex mutex;
    return mutex;
}

QString statusText(SANE_Status status)
{
    return QString::fromUtf8(sane_strstatus(status));
}

core::Error saneError(ErrorCategory category, const QString& message, SANE_Status status)
{
    return makeError(category, message, statusText(status));
}

/// Errors that are about the paper or the device state rather than the program.
ErrorCategory categoryOf(SANE_Status status)
{
    switch (status) {
    case SANE_STATUS_CANCELLED:
        return ErrorCategory::Cancelled;
    case SANE_STATUS_NO_DOCS:
    case SANE_STATUS_JAMMED:
    case SANE_STATUS_COVER_OPEN:
        return ErrorCategory::Input;
    case SANE_STATUS_INVAL:
    case SANE_STATUS_UNSUPPORTED:
        return ErrorCategory::Usage;
    default:
        return ErrorCategory::Io;
    }
}

QString fromSane(SANE_String_Const text)
{
    return text ? QString::fromUtf8(text) : QString();
}

/// Index of the option called `name`, or -1 (also when it is inactive).
int findOption(SANE_Handle handle, const char* name, const SANE_Option_Descriptor** descriptorOut)
{
    for (int i = 1;; ++i) {
        const SANE_Option_Descriptor* d = sane_get_option_descriptor(handle, i);
        if (!d)
            return -1;
        if (d->name && qstrcmp(d->name, name) == 0) {
            if (!SANE_OPTION_IS_ACTIVE(d->cap) || !SANE_OPTION_IS_SETTABLE(d->cap))
                return -1;
            *descriptorOut = d;
            return i;
        }
    }
}

/// The value of a string option; empty when the device has none.
QString currentString(SANE_Handle handle, const char* name)
{
    const SANE_Option_Descriptor* d = nullptr;
    const int index = findOption(handle, name, &d);
    if (index < 0 || d->type != SANE_TYPE_STRING)
        return {};
    QByteArray current(qMax<SANE_Int>(d->size, 1), '\0');
    if (sane_control_option(handle, index, SANE_ACTION_GET_VALUE, current.data(), nullptr) != SANE_STATUS_GOOD)
        return {};
    return QString::fromUtf8(current.constData());
}

QStringList stringList(const SANE_Option_Descriptor* d)
{
    QStringList list;
    if (d->type == SANE_TYPE_STRING && d->constraint_type == SANE_CONSTRAINT_STRING_LIST)
        for (const SANE_String_Const* s = d->constraint.string_list; s && *s; ++s)
            list.append(QString::fromUtf8(*s));
    return list;
}

/// Sets a string option; the value in effect afterwards is read back.
std::optional<QString> setString(SANE_Handle handle, const char* name, const QString& value)
{
    const SANE_Option_Descriptor* d = nullptr;
    const int index = findOption(handle, name, &d);
    if (index < 0)
        return std::nullopt;
    QByteArray buffer = value.toUtf8();
    buffer.resize(qMax<qsizetype>(d->size, buffer.size() + 1), '\0');
    if (sane_control_option(handle, index, SANE_ACTION_SET_VALUE, buffer.data(), nullptr) != SANE_STATUS_GOOD)
        return std::nullopt;
    QByteArray current(qMax<SANE_Int>(d->size, 1), '\0');
    if (sane_control_option(handle, index, SANE_ACTION_GET_VALUE, current.data(), nullptr) != SANE_STATUS_GOOD)
        return std::nullopt;
    return QString::fromUtf8(current.constData());
}

/// The allowed value of a numeric option nearest `wanted` (in the option's own unit).
double nearestAllowed(const SANE_Option_Descriptor* d, double wanted)
{
    const bool fixed = d->type == SANE_TYPE_FIXED;
    const auto toDouble = [fixed](SANE_Word w) { return fixed ? SANE_UNFIX(w) : double(w); };
    if (d->constraint_type == SANE_CONSTRAINT_RANGE && d->constraint.range) {
        const SANE_Range* r = d->constraint.range;
        const double lo = toDouble(r->min);
        const double hi = toDouble(r->max);
        double value = std::clamp(wanted, lo, hi);
        const double quant = toDouble(r->quant);
        if (quant > 0)
            value = std::clamp(lo + std::round((value - lo) / quant) * quant, lo, hi);
        return value;
    }
    if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST && d->constraint.word_list) {
        const SANE_Word* list = d->constraint.word_list; // list[0] is the count
        double best = wanted;
        double bestDistance = -1;
        for (SANE_Word i = 1; i <= list[0]; ++i) {
            const double candidate = toDouble(list[i]);
            const double distance = std::abs(candidate - wanted);
            if (bestDistance < 0 || distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
    return wanted;
}

/// Sets a numeric (int or fixed) option to the allowed value nearest `wanted`; returns the value
/// in effect, rounded, or nullopt when the device has no such option.
std::optional<int> setNumber(SANE_Handle handle, const char* name, double wanted)
{
    const SANE_Option_Descriptor* d = nullptr;
    const int index = findOption(handle, name, &d);
    if (index < 0 || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED) || d->size < SANE_Int(sizeof(SANE_Word)))
        return std::nullopt;
    const bool fixed = d->type == SANE_TYPE_FIXED;
    const double value = nearestAllowed(d, wanted);
    // A resolution option may be an array (x and y): set every element.
    std::vector<SANE_Word> words(size_t(d->size) / sizeof(SANE_Word),
        fixed ? SANE_FIX(value) : SANE_Word(std::lround(value)));
    sane_control_option(handle, index, SANE_ACTION_SET_VALUE, words.data(), nullptr);
    if (sane_control_option(handle, index, SANE_ACTION_GET_VALUE, words.data(), nullptr) != SANE_STATUS_GOOD)
        return std::nullopt;
    return int(std::lround(fixed ? SANE_UNFIX(words.front()) : double(words.front())));
}

bool isFeeder(const QString& source)
{
    return source.contains(QLatin1String("feeder"), Qt::CaseInsensitive)
        || source.contains(QLatin1String("adf"), Qt::CaseInsensitive);
}

/// The device's name for `source`: for the feeder, a one-sided one in preference to duplex.
QString pickSource(const QStringList& sources, ScanSource source)
{
    QString duplex;
    for (const QString& s : sources) {
        if (source == ScanSource::Flatbed && !isFeeder(s))
            return s;
        if (source == ScanSource::Feeder && isFeeder(s)) {
            if (!s.contains(QLatin1String("duplex"), Qt::CaseInsensitive))
                return s;
            if (duplex.isEmpty())
                duplex = s;
        }
    }
    return duplex;
}

/// The grey mode among the device's modes: the standard "Gray", else one that says grey.
QString pickGreyMode(const QStringList& modes)
{
    if (modes.contains(QLatin1String(SANE_VALUE_SCAN_MODE_GRAY)))
        return QStringLiteral(SANE_VALUE_SCAN_MODE_GRAY);
    for (const QString& mode : modes)
        if (mode.contains(QLatin1String("gray"), Qt::CaseInsensitive) || mode.contains(QLatin1String("grey"), Qt::CaseInsensitive))
            return mode;
    return {};
}

/// While alive, calls sane_cancel() on `handle` as soon as `token` is cancelled (sane_cancel may
/// be called asynchronously to interrupt a blocking sane_start or sane_read).
class CancelWatch
{
public:
    CancelWatch(SANE_Handle handle, core::CancelToken token)
        : m_thread([this, handle, token] {
            std::unique_lock lock(m_mutex);
            while (!m_done) {
                if (token.isCancelled()) {
                    sane_cancel(handle);
                    return;
                }
                m_wake.wait_for(lock, std::chrono::milliseconds(20));
            }
        })
    {
    }
    ~CancelWatch()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    std::thread m_thread; // last: starts after the members it uses exist
};

} // namespace

QString ScannerDevice::displayName() const
{
    const QString label = QStringList { vendor, model }.join(QLatin1Char(' ')).trimmed();
    return label.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(label, name);
}

SaneScanner::SaneScanner()
    : m_lock(sessionMutex())
{
    SANE_Int version = 0;
    const SANE_Status status = sane_init(&version, nullptr);
    if (status != SANE_STATUS_GOOD)
        m_initError = saneError(ErrorCategory::Io, QStringLiteral("The scanner library could not be started."), status);
}

SaneScanner::~SaneScanner()
{
    if (!m_initError)
        sane_exit();
}

core::Result<QList<ScannerDevice>> SaneScanner::devices(bool localOnly) const
{
    if (m_initError)
        return *m_initError;
    const SANE_Device** list = nullptr;
    const SANE_Status status = sane_get_devices(&list, localOnly ? SANE_TRUE : SANE_FALSE);
    if (status != SANE_STATUS_GOOD)
        return saneError(categoryOf(status), QStringLiteral("The scanners could not be listed."), status);
    QList<ScannerDevice> devices;
    for (const SANE_Device** d = list; d && *d; ++d)
        devices.append({ fromSane((*d)->name), fromSane((*d)->vendor), fromSane((*d)->model), fromSane((*d)->type) });
    return devices;
}

core::Result<std::unique_ptr<SaneDevice>> SaneScanner::open(const QString& name) const
{
    if (m_initError)
        return *m_initError;
    SANE_Handle handle = nullptr;
    const QByteArray utf8 = name.toUtf8();
    const SANE_Status status = sane_open(utf8.constData(), &handle);
    if (status != SANE_STATUS_GOOD) {
        return makeError(categoryOf(status) == ErrorCategory::Usage ? ErrorCategory::Usage : ErrorCategory::Io,
            QStringLiteral("The scanner could not be opened."),
            QStringLiteral("%1: %2").arg(name.isEmpty() ? QStringLiteral("(default)") : name, statusText(status)));
    }
    return std::unique_ptr<SaneDevice>(new SaneDevice(handle, name));
}

SaneDevice::SaneDevice(void* handle, QString name)
    : m_handle(handle)
    , m_name(std::move(name))
{
}

SaneDevice::~SaneDevice()
{
    sane_close(m_handle);
}

QStringList SaneDevice::sources() const
{
    const SANE_Option_Descriptor* d = nullptr;
    return findOption(m_handle, SANE_NAME_SCAN_SOURCE, &d) < 0 ? QStringList() : stringList(d);
}

bool SaneDevice::hasFeeder() const
{
    return !pickSource(sources(), ScanSource::Feeder).isEmpty();
}

core::Result<ScanSetup> SaneDevice::configure(const ScanSettings& settings)
{
    ScanSetup setup;
    // Source first: on many devices it changes which resolutions are allowed.
    const QStringList sources = this->sources();
    const QString source = pickSource(sources, settings.source);
    if (settings.source == ScanSource::Feeder && source.isEmpty())
        return makeError(ErrorCategory::Usage, QStringLiteral("This scanner has no document feeder."), m_name);
    if (!source.isEmpty())
        setup.source = setString(m_handle, SANE_NAME_SCAN_SOURCE, source).value_or(QString());

    if (settings.grey) {
        const SANE_Option_Descriptor* d = nullptr;
        if (findOption(m_handle, SANE_NAME_SCAN_MODE, &d) >= 0) {
            const QString grey = pickGreyMode(stringList(d));
            if (!grey.isEmpty())
                setup.mode = setString(m_handle, SANE_NAME_SCAN_MODE, grey).value_or(QString());
        }
        setNumber(m_handle, SANE_NAME_BIT_DEPTH, 8);
    }
    if (setup.mode.isEmpty())
        setup.mode = currentString(m_handle, SANE_NAME_SCAN_MODE);

    if (const auto dpi = setNumber(m_handle, SANE_NAME_SCAN_RESOLUTION, settings.dpi)) {
        setup.dpi = *dpi;
    } else {
        // Some backends set the two directions apart.
        const auto x = setNumber(m_handle, SANE_NAME_SCAN_X_RESOLUTION, settings.dpi);
        setNumber(m_handle, SANE_NAME_SCAN_Y_RESOLUTION, x.value_or(settings.dpi));
        setup.dpi = x.value_or(0);
    }
    m_dpi = setup.dpi;
    return setup;
}

ScanOutcome SaneDevice::scan(bool batch, const core::CancelToken& cancel, const ScanObserver& observer)
{
    ScanOutcome outcome;
    // Only a feeder runs out of paper; a flatbed would scan the same glass for ever.
    batch = batch && isFeeder(currentString(m_handle, SANE_NAME_SCAN_SOURCE));
    const CancelWatch watch(m_handle, cancel);
    const auto cancelled = [] {
        return makeError(ErrorCategory::Cancelled, QStringLiteral("Scanning was cancelled."));
    };
    for (int page = 0;; ++page) {
        if (cancel.isCancelled()) {
            outcome.error = cancelled();
            break;
        }
        SaneFrameReader reader(m_handle, page, observer.progress);
        const SANE_Status status = reader.read();
        if (status == SANE_STATUS_NO_DOCS && batch && page > 0)
            break; // the feeder is empty: the batch is complete
        if (status != SANE_STATUS_GOOD) {
            if (status == SANE_STATUS_CANCELLED || cancel.isCancelled())
                outcome.error = cancelled();
            else if (status == SANE_STATUS_NO_DOCS)
                outcome.error = saneError(ErrorCategory::Input, QStringLiteral("There is no paper in the scanner."), status);
            else
                outcome.error = saneError(categoryOf(status), QStringLiteral("The page could not be scanned."), status);
            break;
        }
        if (!reader.isComplete()) {
            // Interrupted: a part of a page is not a page.
            outcome.error = cancel.isCancelled()
                ? cancelled()
                : makeError(ErrorCategory::Io, QStringLiteral("The scanner stopped before the end of the page."),
                    reader.formatDescription());
            break;
        }
        QImage image = reader.image();
        if (image.isNull()) {
            outcome.error = makeError(ErrorCategory::Io, QStringLiteral("The scanner sent an image in a format PharmDesk cannot read."),
                reader.formatDescription());
            break;
        }
        if (m_dpi > 0) {
            const int dotsPerMetre = int(std::lround(m_dpi / 0.0254));
            image.setDotsPerMeterX(dotsPerMetre);
            image.setDotsPerMeterY(dotsPerMetre);
        }
        outcome.pages.append(image);
        if (observer.pageDone)
            observer.pageDone(image, page);
        if (!batch)
            break;
    }
    // Ends the batch (or the interrupted page) and returns the device to idle.
    sane_cancel(m_handle);
    return outcome;
}

ScanOutcome scanWithSane(const QString& device, const ScanSettings& settings, bool batch,
    const core::CancelToken& cancel, const ScanObserver& observer)
{
    ScanOutcome outcome;
    const SaneScanner session;
    auto opened = session.open(device);
    if (!opened) {
        outcome.error = opened.error();
        return outcome;
    }
    std::unique_ptr<SaneDevice> scanner = std::move(opened).value();
    if (const auto setup = scanner->configure(settings); !setup) {
        outcome.error = setup.error();
        return outcome;
    }
    return scanner->scan(batch, cancel, observer);
}

} // namespace pharmdesk::ocr
