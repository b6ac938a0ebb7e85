// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"
#include "pharmdesk/store/KeySet.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pharmdesk::store {

/// Sealed prescription images, content-addressed: images/<first 2 hex>/<sha256>.img, each an
/// envelope (crypto::seal) whose associated data is the digest, so a file renamed to another
/// digest fails to open. Files are written to a temporary name, fsync'ed and renamed, so a crash
/// leaves either no file or a whole one. Thread-safe (no state but the folder).
class ImageVault
{
public:
    explicit ImageVault(QString directory) : m_directory(std::move(directory)) { }

    QString directory() const { return m_directory; }
    QString pathOf(const QString& sha256) const;
    bool contains(const QString& sha256, const KeySet& keys) const;  ///< a whole file sealed with a known key

    core::Status put(const QString& sha256, const QByteArray& plain, const DataKey& key) const;
    core::Result<QByteArray> get(const QString& sha256, const KeySet& keys) const;
    core::Status remove(const QString& sha256) const;
    /// Digests of every stored file.
    QStringList digests() const;
    /// Re-seals one file under `key` when it is sealed under another; true when it rewrote it.
    core::Result<bool> reseal(const QString& sha256, const KeySet& keys, const DataKey& key) const;

private:
    QString m_directory;
};

/// Writes `data` to `path` atomically and durably (temp file, fsync, rename, fsync folder).
core::Status writeFileDurably(const QString& path, const QByteArray& data);

} // namespace pharmdesk::store
