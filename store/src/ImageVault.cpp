// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageVault.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace pharmdesk::store {

namespace {

bool isDigest(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

QByteArray aadOf(const QString& sha256)
{
    return QByteArrayLiteral("pharmdesk-image:") + sha256.toLatin1();
}

core::Error ioError(const QString& message, const QString& path)
{
    return core::makeError(core::ErrorCategory::Io, message,
                           QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
}

void fsyncDir(const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

core::Status writeFileDurably(const QString& path, const QByteArray& data)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return ioError(QStringLiteral("Cannot create a record folder."), info.absolutePath());
    const QString temp = path + QStringLiteral(".tmp");
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError(QStringLiteral("Cannot write a record file."), temp);
    qsizetype done = 0;
    bool ok = true;
    while (ok && done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, static_cast<size_t>(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += ok ? n : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0) {
        const core::Error e = ioError(QStringLiteral("Cannot write a record file."), path);
        ::unlink(tempName.constData());
        return e;
    }
    fsyncDir(info.absolutePath());
    return core::Done {};
}

QString ImageVault::pathOf(const QString& sha256) const
{
    return QDir(m_directory).filePath(sha256.left(2) + u'/' + sha256 + QStringLiteral(".img"));
}

bool ImageVault::contains(const QString& sha256, const KeySet& keys) const
{
    QFile f(pathOf(sha256));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const auto header = crypto::peek(f.read(64));
    return header && keys.find(header->keyId) != nullptr;
}

core::Status ImageVault::put(const QString& sha256, const QByteArray& plain, const DataKey& key) const
{
    if (!isDigest(sha256))
        return core::makeError(core::ErrorCategory::Internal, QStringLiteral("Invalid image digest."), sha256);
    const auto sealed = crypto::seal(key.cipher, key.encryptionKey, key.id, plain, aadOf(sha256));
    if (!sealed)
        return sealed.error();
    return writeFileDurably(pathOf(sha256), *sealed);
}

core::Result<QByteArray> ImageVault::get(const QString& sha256, const KeySet& keys) const
{
    QFile f(pathOf(sha256));
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The stored image is missing."), f.fileName());
    const QByteArray envelope = f.readAll();
    const auto header = crypto::peek(envelope);
    const DataKey* key = header ? keys.find(header->keyId) : nullptr;
    if (!key)
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The stored image cannot be opened with the record keys."),
                               f.fileName());
    return crypto::open(key->encryptionKey, envelope, aadOf(sha256));
}

core::Status ImageVault::remove(const QString& sha256) const
{
    const QByteArray path = QFile::encodeName(pathOf(sha256));
    if (::unlink(path.constData()) != 0 && errno != ENOENT)
        return ioError(QStringLiteral("Cannot remove a stored image."), pathOf(sha256));
    return core::Done {};
}

QStringList ImageVault::digests() const
{
    QStringList out;
    QDirIterator it(m_directory, { QStringLiteral("*.img") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString name = QFileInfo(it.next()).completeBaseName();
        if (isDigest(name))
            out.append(name);
    }
    out.sort();
    return out;
}

core::Result<bool> ImageVault::reseal(const QString& sha256, const KeySet& keys, const DataKey& key) const
{
    QFile f(pathOf(sha256));
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("The stored image is missing."), f.fileName());
    const auto header = crypto::peek(f.read(64));
    f.close();
    if (header && header->keyId == key.id)
        return false;
    const auto plain = get(sha256, keys);
    if (!plain)
        return plain.error();
    if (const core::Status s = put(sha256, *plain, key); !s)
        return s.error();
    return true;
}

} // namespace pharmdesk::store
