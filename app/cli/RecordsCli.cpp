// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RecordsCli.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <termios.h>
#include <unistd.h>

namespace pharmdesk::cli {

RecordsAction::RecordsAction(CliIo& io, const QString& description)
    : m_io(io)
{
    m_parser.setApplicationDescription(description);
}

void RecordsAction::addJsonOption()
{
    m_parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON instead of text.") });
    m_hasJson = true;
}

std::optional<int> RecordsAction::parse(const QStringList& arguments, int positionals, const QString& expected)
{
    addDataDirOption(m_parser);
    if (auto code = parseOrExit(m_parser, arguments, m_io))
        return code;
    if (positionals >= 0 && m_parser.positionalArguments().size() != positionals)
        return usage(QStringLiteral("expected ") + expected);
    return std::nullopt;
}

std::optional<core::DataDirectory> RecordsAction::dataDir()
{
    return openDataDir(m_parser, m_io);
}

store::RecordStore* RecordsAction::openStore()
{
    const auto dir = dataDir();
    if (!dir)
        return nullptr;
    auto opened = store::RecordStore::open(store::RecordStore::defaultOptions(*dir));
    if (!opened) {
        printError(m_io, opened.error());
        return nullptr;
    }
    m_store = std::move(opened).value();
    return m_store.get();
}

int RecordsAction::usage(const QString& message)
{
    m_io.err << "pharmdesk-cli: " << message << "\n" << m_parser.helpText();
    m_io.err.flush();
    return ExitUsage;
}

int RecordsAction::fail(const core::Error& error)
{
    printError(m_io, error);
    switch (error.category) {
    case core::ErrorCategory::Usage:
        return ExitUsage;
    case core::ErrorCategory::Input:
        return ExitItemsFailed;
    default:
        return ExitFatal;
    }
}

void RecordsAction::printJson(const QJsonValue& v)
{
    m_io.out << QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact))
             << "\n";
    m_io.out.flush();
}

std::optional<QString> readSecret(const QString& file, QTextStream& in, QTextStream& prompt, const QString& what)
{
    QString line;
    if (file.isEmpty() || file == QLatin1String("-")) {
        // Typed at a terminal: ask, and do not echo it.
        termios saved {};
        const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
        if (tty) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
            prompt << what << ": ";
            prompt.flush();
        }
        const bool read = in.readLineInto(&line);
        if (tty) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            prompt << "\n";
            prompt.flush();
        }
        if (!read)
            return std::nullopt;
    } else {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return std::nullopt;
        line = QString::fromUtf8(f.readLine());
    }
    while (line.endsWith(u'\n') || line.endsWith(u'\r'))
        line.chop(1);
    return line;
}

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonValue textOrNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QStringList actionArguments(const QStringList& arguments, int depth)
{
    QStringList args = arguments.mid(depth + 1);
    args.prepend(arguments.mid(1, depth).join(u' '));
    args.prepend(arguments.at(0));
    return args;
}

} // namespace pharmdesk::cli
