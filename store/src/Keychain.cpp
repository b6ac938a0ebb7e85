// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/store/Keychain.h"

#include "SecretServiceKeychain.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pharmdesk::store {

namespace {

bool validName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

core::Error ioError(const QString& message, const QString& path)
{
    return core::makeError(core::ErrorCategory::Io, message,
                           QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, static_cast<size_t>(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace

std::unique_ptr<Keychain> Keychain::openDefault(const QString& fallbackDir, QString* note)
{
    const QString wanted = qEnvironmentVariable("PHARMDESK_KEYCHAIN").toLower();
    QString why;
    if (wanted != QLatin1String("file")) {
        if (auto service = SecretServiceKeychain::connect(QDir(fallbackDir).absolutePath(), &why)) {
            if (note)
                *note = QStringLiteral("keys in the system keychain (Secret Service)");
            return service;
        }
    } else {
        why = QStringLiteral("PHARMDESK_KEYCHAIN=file");
    }
    if (note)
        *note = QStringLiteral("keys in the key file folder %1 (%2)").arg(fallbackDir, why);
    return std::make_unique<FileKeychain>(fallbackDir);
}

FileKeychain::FileKeychain(QString directory)
    : m_directory(QDir(directory).absolutePath())
{
}

QString FileKeychain::filePath(const QString& name) const
{
    return QDir(m_directory).filePath(name + QStringLiteral(".key"));
}

core::Result<std::optional<QByteArray>> FileKeychain::read(const QString& name) const
{
    if (!validName(name))
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Invalid secret name."), name);
    QFile f(filePath(name));
    if (!f.exists())
        return std::optional<QByteArray>();
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot read the key file."), f.fileName());
    // A key readable by others is a leak already: say so rather than use it silently.
    if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The key file is readable by other users."),
                               QStringLiteral("%1 (chmod 600 it)").arg(f.fileName()));
    return std::optional<QByteArray>(f.readAll());
}

core::Status FileKeychain::write(const QString& name, const QByteArray& secret)
{
    if (!validName(name))
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Invalid secret name."), name);
    const QByteArray dir = QFile::encodeName(m_directory);
    if (::mkdir(dir.constData(), 0700) != 0 && errno != EEXIST)
        return ioError(QStringLiteral("Cannot create the key folder."), m_directory);
    ::chmod(dir.constData(), 0700);
    const QString target = filePath(name);
    const QString temp = target + QStringLiteral(".tmp");
    const QByteArray tempName = QFile::encodeName(temp);
    ::unlink(tempName.constData());
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError(QStringLiteral("Cannot write the key file."), temp);
    const bool ok = writeAll(fd, secret) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tempName.constData(), QFile::encodeName(target).constData()) != 0) {
        ::unlink(tempName.constData());
        return ioError(QStringLiteral("Cannot write the key file."), target);
    }
    const int dirFd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return core::Done {};
}

core::Status FileKeychain::remove(const QString& name)
{
    if (!validName(name))
        return core::makeError(core::ErrorCategory::Usage, QStringLiteral("Invalid secret name."), name);
    const QByteArray path = QFile::encodeName(filePath(name));
    if (::unlink(path.constData()) != 0 && errno != ENOENT)
        return ioError(QStringLiteral("Cannot remove the key file."), filePath(name));
    return core::Done {};
}

} // namespace pharmdesk::store
