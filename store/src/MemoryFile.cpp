// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/store/MemoryFile.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pharmdesk::store {

core::Result<std::unique_ptr<MemoryFile>> MemoryFile::create(const QByteArray& bytes)
{
    const int fd = ::memfd_create("pharmdesk-image", MFD_CLOEXEC);
    if (fd < 0)
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot hold the image in memory."),
                               QString::fromLocal8Bit(std::strerror(errno)));
    std::unique_ptr<MemoryFile> file(new MemoryFile(fd));
    // Only this user's processes can open /proc/<pid>/fd at all; the mode says so too.
    if (::fchmod(fd, 0600) != 0)
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot hold the image in memory."),
                               QString::fromLocal8Bit(std::strerror(errno)));
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot hold the image in memory."),
                                   QString::fromLocal8Bit(std::strerror(errno)));
        done += n;
    }
    return file;
}

MemoryFile::MemoryFile(int fd) : m_fd(fd) { }

MemoryFile::~MemoryFile()
{
    ::close(m_fd);
}

QString MemoryFile::path() const
{
    return QStringLiteral("/proc/self/fd/%1").arg(m_fd);
}

} // namespace pharmdesk::store
