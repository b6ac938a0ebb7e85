// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli records key-backup|key-restore: the record keys are not in any records backup, so
// a keychain user needs a way to keep a copy offline and to put it back on a new machine.
#include "cli/RecordsKeys.h"
#include "cli/RecordsCli.h"

#include "pharmdesk/store/KeySet.h"
#include "pharmdesk/store/RecordStore.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pharmdesk::cli {

core::Status writePrivateFile(const QString& path, const QByteArray& bytes)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0;
    for (qsizetype done = 0; ok && done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
        ok = n > 0 || (n < 0 && errno == EINTR);
        done += n > 0 ? n : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    const QString why = ok ? QString() : QString::fromLocal8Bit(std::strerror(errno));
    if (fd >= 0)
        ::close(fd);
    if (!ok)
        return core::makeError(core::ErrorCategory::Io, QStringLiteral("Cannot write the file."), path + QStringLiteral(": ") + why);
    return core::Done {};
}

int runKeyBackup(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Copies the record keys (all generations) into FILE, created 0600. Anyone "
                                            "with this file and a records backup can read the resident numbers: "
                                            "keep it offline, apart from the backups."));
    action.addPositional(QStringLiteral("FILE"), QStringLiteral("Where to write the keys."));
    if (auto code = action.parse(arguments, 1, QStringLiteral("exactly one file")))
        return *code;
    const QString path = action.positional(0);
    const auto dir = action.dataDir();
    if (!dir)
        return ExitFatal;
    const store::StoreOptions options = store::RecordStore::defaultOptions(*dir);
    auto records = store::RecordStore::open(options);  // proves the keys open the records
    if (!records) {
        printError(io, records.error());
        return ExitFatal;
    }
    const auto keys = options.keychain->read(store::KeySet::secretName());
    if (!keys || !*keys) {
        printError(io, keys ? core::makeError(core::ErrorCategory::Io, QStringLiteral("No record keys in the keychain."))
                            : keys.error());
        return ExitFatal;
    }
    if (const core::Status s = writePrivateFile(path, **keys); !s) {
        printError(io, s.error());
        return ExitFatal;
    }
    if (const core::Status s = (*records)->audit(recordsActor(), QStringLiteral("key-backup"), {}, path); !s) {
        printError(io, s.error());
        return ExitFatal;
    }
    io.err << "pharmdesk-cli: record keys (" << options.keychain->backendName() << ") copied to " << path << "\n";
    io.err.flush();
    return ExitOk;
}

int runKeyRestore(const QStringList& arguments, CliIo& io)
{
    RecordsAction action(io, QStringLiteral("Puts record keys saved by key-backup into the keychain (or key file), "
                                            "e.g. on a new PC before 'records restore'. Refuses to replace other "
                                            "keys unless --force."));
    action.addPositional(QStringLiteral("FILE"), QStringLiteral("A file written by key-backup."));
    action.addOption({ QStringLiteral("force"), QStringLiteral("Replace keys already in the keychain.") });
    if (auto code = action.parse(arguments, 1, QStringLiteral("exactly one file")))
        return *code;
    const QString path = action.positional(0);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        io.err << "pharmdesk-cli: cannot read " << path << "\n";
        io.err.flush();
        return ExitUsage;
    }
    const QByteArray bytes = f.readAll();
    if (const auto parsed = store::KeySet::fromBytes(bytes); !parsed) {
        printError(io, parsed.error());
        return ExitUsage;
    }
    const auto dir = action.dataDir();
    if (!dir)
        return ExitFatal;
    const store::StoreOptions options = store::RecordStore::defaultOptions(*dir);
    const auto existing = options.keychain->read(store::KeySet::secretName());
    if (!existing) {
        printError(io, existing.error());
        return ExitFatal;
    }
    if (*existing && **existing != bytes && !action.isSet(QStringLiteral("force"))) {
        io.err << "pharmdesk-cli: other record keys are already in the keychain; --force replaces them\n";
        io.err.flush();
        return ExitUsage;
    }
    if (const core::Status s = options.keychain->write(store::KeySet::secretName(), bytes); !s) {
        printError(io, s.error());
        return ExitFatal;
    }
    auto records = store::RecordStore::open(options);
    if (!records) {
        printError(io, records.error());
        return ExitFatal;
    }
    if (const core::Status s = (*records)->audit(recordsActor(), QStringLiteral("key-restore"), {}, path); !s) {
        printError(io, s.error());
        return ExitFatal;
    }
    io.err << "pharmdesk-cli: record keys restored into " << options.keychain->backendName() << "\n";
    io.err.flush();
    return ExitOk;
}

} // namespace pharmdesk::cli
