// SPDX-License-Identifier: GPL-3.0-or-later
// Test doubles at the window's seams: a RecognitionService answering on a pool thread with the
// synthetic prescriptions, and a GuideService that records what it was asked to put out.
#pragma once

#include "SyntheticPrescription.h"
#include "pharmdesk/ui/GuideService.h"
#include "pharmdesk/ui/RecognitionService.h"

#include <QFile>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>

namespace pharmdesk::ui::test {

/// The synthetic prescription with nothing left to review: one clean line, every header value
/// read with confidence.
inline core::Prescription cleanPrescription()
{
    core::Prescription p = syntheticPrescription();
    p.issueNumber.confidence = 0.97;
    p.reviewReasons.clear();
    p.items = { cleanItem() };
    return p;
}

/// Answers on a pool thread after `delayMs` with the synthetic prescription (flagged), the clean
/// one, a failure, or (WaitForCancel) only once the token is cancelled. ByName picks per file:
/// "clean" in the name → clean, "fail" → failure, else flagged.
class FakeRecognition final : public RecognitionService
{
public:
    enum class Mode { Synthetic, Clean, Fail, WaitForCancel, ByName };
    Mode mode = Mode::Synthetic;
    int delayMs = 30;
    QStringList paths;
    QList<int> pages; ///< page asked for, with each path
    QList<core::CancelToken> tokens;
    std::shared_ptr<std::atomic_int> running = std::make_shared<std::atomic_int>(0);
    std::shared_ptr<std::atomic_int> maxRunning = std::make_shared<std::atomic_int>(0);

    using RecognitionService::recognise;
    QFuture<core::ImportResult> recognise(const QString& path, int page, const core::CancelToken& cancel) override
    {
        paths.append(path);
        pages.append(page);
        tokens.append(cancel);
        Mode m = mode;
        if (m == Mode::ByName) {
            m = path.contains(QLatin1String("clean")) ? Mode::Clean
                : path.contains(QLatin1String("fail")) ? Mode::Fail
                                                        : Mode::Synthetic;
        }
        return QtConcurrent::run([m, path, page, cancel, delay = delayMs, running = running, maxRunning = maxRunning] {
            const int now = ++*running;
            int seen = maxRunning->load();
            while (now > seen && !maxRunning->compare_exchange_weak(seen, now)) { }
            QThread::msleep(delay);
            core::ImportResult r;
            r.source = path;
            r.page = page > 0 ? page + 1 : 0;
            if (m == Mode::WaitForCancel) {
                while (!cancel.isCancelled())
                    QThread::msleep(5);
            }
            if (cancel.isCancelled()) {
                r.error = core::makeError(core::ErrorCategory::Cancelled, QStringLiteral("cancelled"));
            } else if (m == Mode::Fail) {
                r.error = core::makeError(
                    core::ErrorCategory::Input, QStringLiteral("이미지 파일이 아닙니다."), QStringLiteral("no decoder"));
            } else {
                r.prescription = m == Mode::Clean ? cleanPrescription() : syntheticPrescription();
                r.timings.total = 1234;
            }
            r.settleStatus();
            --*running;
            return r;
        });
    }
};

/// Records what the window asked for; exportPdf writes a marker file off the GUI thread.
class FakeGuide final : public GuideService
{
public:
    QList<core::Prescription> exported;
    QStringList paths;
    int painted = 0;
    core::Settings settings;

    core::Status paint(const core::Prescription&, QPagedPaintDevice* device) override
    {
        ++painted;
        QPainter painter(device);
        painter.drawText(100, 100, QStringLiteral("guide"));
        return core::Done {};
    }

    QFuture<core::Status> exportPdf(const core::Prescription& prescription, const QString& path) override
    {
        exported.append(prescription);
        paths.append(path);
        return QtConcurrent::run([path]() -> core::Status {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return core::makeError(core::ErrorCategory::Io, QStringLiteral("cannot write"));
            file.write("%PDF-1.4\n");
            return core::Done {};
        });
    }

    void applySettings(const core::Settings& s) override { settings = s; }
};

} // namespace pharmdesk::ui::test
