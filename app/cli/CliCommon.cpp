// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"

namespace pharmdesk::cli {

void addDataDirOption(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("data-dir"),
                       QStringLiteral("Folder for the drug cache, settings and records (default: $PHARMDESK_DATA_DIR, "
                                      "else ~/.local/share/pharmdesk)."),
                       QStringLiteral("DIR") });
}

std::optional<int> parseOrExit(QCommandLineParser& parser, const QStringList& arguments, CliIo& io)
{
    parser.addHelpOption();
    // The subcommand name is not a positional argument of its own parser.
    QStringList args = arguments;
    if (args.size() >= 2)
        args[0] = args[0] + QLatin1Char(' ') + args.takeAt(1);
    if (!parser.parse(args)) {
        io.err << "pharmdesk-cli: " << parser.errorText() << "\n" << parser.helpText();
        io.err.flush();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        io.out.flush();
        return ExitOk;
    }
    return std::nullopt;
}

std::optional<core::DataDirectory> openDataDir(const QCommandLineParser& parser, CliIo& io)
{
    auto dir = core::DataDirectory::open(parser.value(QStringLiteral("data-dir")));
    if (!dir) {
        printError(io, dir.error());
        return std::nullopt;
    }
    return *dir;
}

void printError(CliIo& io, const core::Error& error)
{
    io.err << "pharmdesk-cli: " << error.message;
    if (!error.detail.isEmpty())
        io.err << " (" << error.detail << ")";
    io.err << "\n";
    io.err.flush();
}

} // namespace pharmdesk::cli
