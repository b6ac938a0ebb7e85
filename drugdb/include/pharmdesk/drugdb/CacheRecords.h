// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/CancelToken.h"
#include "pharmdesk/core/Error.h"
#include "pharmdesk/drugdb/MfdsClient.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

/// Records of the drug cache that are read on demand rather than held in DrugCache's memory: the
/// permit details (with their long documents), pill identification and pill images.
///
/// Threading: every function blocks (SQLite, network) and opens its own connection; call them off
/// the GUI thread. Any thread.
namespace pharmdesk::drugdb {

/// The permit detail of a product, when it was downloaded or imported.
core::Result<std::optional<MfdsPermitDetail>> readPermitDetail(const QString& cachePath, const QString& itemSeq);

/// The pill identification of a product, when it was downloaded or imported.
core::Result<std::optional<MfdsPill>> readPill(const QString& cachePath, const QString& itemSeq);

/// A cached pill image.
struct PillImage
{
    QByteArray data;      ///< JPEG, PNG or GIF bytes as served
    QString contentType;  ///< "image/jpeg", ...
    QString url;          ///< where it came from (ITEM_IMAGE)
};

/// The cached image of a pill; std::nullopt when none was fetched.
core::Result<std::optional<PillImage>> readPillImage(const QString& cachePath, const QString& itemSeq);

/// How a fetchPillImages() run went.
struct PillImageReport
{
    int wanted = 0;   ///< pills with an image URL and no cached image (up to the limit)
    int fetched = 0;  ///< stored by this run
    int failed = 0;   ///< not stored (HTTP or transport failure, not an image); a later run retries them
    core::Error lastError;  ///< the last failure, when failed > 0
};

struct PillImageOptions
{
    QStringList itemSeqs;  ///< only these pills; empty = every pill without a cached image
    int limit = 0;         ///< at most this many downloads; 0 = no limit
    int connectTimeoutMs = 10000;
    int totalTimeoutMs = 30000;
    core::CancelToken cancel;
    std::function<void(int done, int wanted)> progress;  ///< on the run's thread after each image
};

/// Downloads the ITEM_IMAGE of pills that have none cached yet, each stored (by ITEM_SEQ) in its own
/// transaction once it is a complete JPEG/PNG/GIF — an error page, a cut transfer or an HTTP error
/// stores nothing. Already cached images are never fetched again, so an interrupted run resumes.
/// Errors of the cache itself fail the run; download failures are counted in the report.
core::Result<PillImageReport> fetchPillImages(const QString& cachePath, HttpClient& http,
                                              const PillImageOptions& options = {});

} // namespace pharmdesk::drugdb
