// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/GuideOutput.h"

#include "pharmdesk/ui/GuideService.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPrinter>
#include <QTime>

namespace pharmdesk::ui {

GuideOutput::GuideOutput(std::shared_ptr<GuideService> guide, QObject* parent)
    : QObject(parent)
    , m_guide(std::move(guide))
{ }

QString GuideOutput::pdfPathFor(const QString& baseName) const
{
    const QDir folder(QDir(m_settings.guideFolder).filePath(QDate::currentDate().toString(Qt::ISODate)));
    const QString stem = QTime::currentTime().toString(QStringLiteral("HHmmss")) + QLatin1Char('-') + baseName;
    QString path = folder.filePath(stem + QStringLiteral(".pdf"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = folder.filePath(QStringLiteral("%1-%2.pdf").arg(stem).arg(n));
    return path;
}

bool GuideOutput::deliver(quint64 id, const core::Prescription& prescription, const QString& baseName)
{
    if (m_busy)
        return false;
    if (m_settings.guideOutput == CounterSettings::GuideOutput::Printer) {
        print(id, prescription);
        return true;
    }
    const QString path = pdfPathFor(baseName);
    // One small mkdir a day; the PDF itself is laid out and written on a worker.
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        Q_EMIT delivered(id, false, path,
            core::makeError(core::ErrorCategory::Io, tr("안내문 폴더를 만들 수 없습니다."),
                QDir::toNativeSeparators(QFileInfo(path).absolutePath())));
        return true;
    }
    m_busy = true;
    auto* watcher = new QFutureWatcher<core::Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, path] {
        watcher->deleteLater();
        m_busy = false;
        if (watcher->future().resultCount() == 0) {
            Q_EMIT delivered(id, false, path,
                core::makeError(core::ErrorCategory::Cancelled, tr("PDF 저장이 중단되었습니다.")));
            return;
        }
        const core::Status status = watcher->result();
        Q_EMIT delivered(id, status.ok(), path, status.ok() ? core::Error {} : status.error());
    });
    watcher->setFuture(m_guide->exportPdf(prescription, path));
    return true;
}

void GuideOutput::print(quint64 id, const core::Prescription& prescription)
{
    QPrinter printer(QPrinter::HighResolution);
    if (!m_settings.printerName.isEmpty())
        printer.setPrinterName(m_settings.printerName);
    printer.setDocName(tr("복약안내문"));
    if (!printer.isValid() || printer.outputFormat() != QPrinter::NativeFormat) {
        Q_EMIT delivered(id, false, m_settings.printerName,
            core::makeError(core::ErrorCategory::Io, tr("프린터를 찾을 수 없습니다."),
                m_settings.printerName.isEmpty() ? tr("기본 프린터가 없습니다.") : m_settings.printerName));
        return;
    }
    const core::Status status = m_guide->paint(prescription, &printer);
    Q_EMIT delivered(id, status.ok(), printer.printerName(), status.ok() ? core::Error {} : status.error());
}

} // namespace pharmdesk::ui
