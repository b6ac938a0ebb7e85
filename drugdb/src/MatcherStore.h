// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace pharmdesk::drugdb {
class NameMatcher;
}

/// The name matcher's index stored in the cache file (table matcher_index, schema 3), so that an
/// open cache matches at once instead of normalising every name again. Internal to drugdb.
///
/// The stored index is keyed by a fingerprint of the product names in id order and of the index
/// format: when products change (a download, an import) or the program's matcher does, the
/// fingerprint differs, the stored index is ignored, and the cache rebuilds and stores it again.
namespace pharmdesk::drugdb::detail {

/// Fingerprint of `names` (the product names in id order) and of kMatcherIndexFormat.
QByteArray matcherFingerprint(const QStringList& names);

/// The stored matcher of `sqlitePath` when its fingerprint is `fingerprint` and it reads back whole;
/// null otherwise (none stored, stale, damaged, unreadable). Its own read-only connection; any thread.
std::unique_ptr<NameMatcher> loadStoredMatcher(const QString& sqlitePath, const QByteArray& fingerprint,
                                               int productCount, const std::vector<bool>& preferred);

/// Stores `matcher` under `fingerprint` in `sqlitePath` (replacing any stored one). Its own
/// connection; any thread. Fails (Database) on a read-only or locked file; callers may ignore that:
/// the index is then rebuilt at the next open.
core::Status storeMatcher(const QString& sqlitePath, const QByteArray& fingerprint, const NameMatcher& matcher);

} // namespace pharmdesk::drugdb::detail
