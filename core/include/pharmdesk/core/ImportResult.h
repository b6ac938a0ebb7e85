// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/core/Prescription.h"

#include <QString>

#include <optional>

namespace pharmdesk::core {

/// Wall-clock milliseconds spent in each stage of recognising one image.
struct StageTimings
{
    double preprocess = 0;
    double ocr = 0;
    double parse = 0;
    double match = 0;
    double total = 0;
};

/// The outcome of importing one image: what `pharmdesk-cli import` writes as `<stem>.json`.
struct ImportResult
{
    enum class Status { Ok, NeedsReview, Failed };

    QString source;      ///< path as given
    QString sha256;      ///< hex digest of the file bytes; empty when unreadable
    int page = 0;        ///< 1-based page of a multi-page source (PDF, TIFF); 0 for a one-page file
    Status status = Status::Failed;
    std::optional<Error> error;              ///< set iff status == Failed
    std::optional<Prescription> prescription;  ///< absent when failed
    StageTimings timings;

    static QString statusName(Status status);   ///< "ok", "needs_review", "failed"
    static std::optional<Status> statusFromName(const QString& name);

    /// Sets status from the prescription: Ok only when nothing at all needs review.
    void settleStatus();
};

} // namespace pharmdesk::core
