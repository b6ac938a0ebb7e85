// SPDX-License-Identifier: GPL-3.0-or-later
// Points SANE at a private configuration folder holding only the "test" backend (never /etc).
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace pharmdesk::test {

/// The test backend's page at its default geometry (80 × 100 mm) in pixels at `dpi`, as the
/// backend computes it (millimetres to inches, truncated).
inline int saneTestPagePixels(double millimetres, int dpi)
{
    return int(millimetres / 25.4 * dpi);
}

/// A SANE configuration folder for the whole test process. libsane reads SANE_CONFIG_DIR once,
/// at the first sane_init() of the process, so create this before any SANE call (initTestCase)
/// and keep it to the end; setConfig() rewrites dll.conf and test.conf for the next session.
class SaneTestBackend
{
public:
    SaneTestBackend()
    {
        qputenv("SANE_CONFIG_DIR", QFile::encodeName(m_dir.path()));
        setConfig();
    }
    SaneTestBackend(const SaneTestBackend&) = delete;
    SaneTestBackend& operator=(const SaneTestBackend&) = delete;

    /// dll.conf naming `backends`; test.conf with `testConf` (none: the backend's defaults).
    /// Read by the next SANE session. False when a file could not be written.
    bool setConfig(const QByteArray& testConf = {}, const QByteArray& backends = "test\n")
    {
        const QDir dir(m_dir.path());
        QFile::remove(dir.filePath(QStringLiteral("test.conf")));
        return m_dir.isValid() && write(dir.filePath(QStringLiteral("dll.conf")), backends)
            && (testConf.isEmpty() || write(dir.filePath(QStringLiteral("test.conf")), testConf));
    }
    QString path() const { return m_dir.path(); }

private:
    static bool write(const QString& path, const QByteArray& text)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
    }

    QTemporaryDir m_dir;
};

} // namespace pharmdesk::test
