// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/Error.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace pharmdesk::store {

/// Bytes held in an anonymous memory file (memfd), readable by path (`/proc/self/fd/N`) by code
/// that wants a path, and gone when this object is destroyed: never a file on disk. For the
/// images the store keeps sealed, which show the resident number, when they are unsealed to be
/// recognised again.
///
/// Threads: any thread may create or destroy it (the destructor only closes the descriptor), and
/// any thread of this process may read path() while the object lives; share it (shared_ptr) with
/// every reader so it lives until the last one is done.
class MemoryFile
{
public:
    static core::Result<std::unique_ptr<MemoryFile>> create(const QByteArray& bytes);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;

    QString path() const;

private:
    explicit MemoryFile(int fd);
    int m_fd;
};

} // namespace pharmdesk::store
