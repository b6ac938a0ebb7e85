// SPDX-License-Identifier: GPL-3.0-or-later
// pharmdesk-cli: batch import, drug cache and guide commands over the same libraries as the GUI.
#include "cli/CliCommon.h"

#include "pharmdesk/ocr/OpenMpLimit.h"

#include <QGuiApplication>

#include <cstdio>
#include <unistd.h>

namespace {

/// Qt's own notice about a missing XDG_RUNTIME_DIR (common on servers and in CI) is noise on a
/// pharmacist's terminal; everything else goes to the default handler.
QtMessageHandler g_defaultHandler = nullptr;
void filterMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    g_defaultHandler(type, context, message);
}

void printUsage(QTextStream& s)
{
    s << "Usage: pharmdesk-cli <command> [options]\n\n"
         "Commands:\n"
         "  import PATH... --out DIR   recognise prescriptions (images, PDF and TIFF pages; files or folders)\n"
         "  guide RESULT.json --out FILE.pdf [--format a4|a5|receipt|label]   write the medication guide of a result\n"
         "  drugs search|show|match|stats|rebuild|update|import   the local drug cache and its MFDS downloads\n"
         "  eval SET_DIR                measure recognition against generated ground truth\n"
         "  records list|show|export|verify-audit|backup|restore|purge|rotate-key|key-backup|key-restore\n"
         "                              the dispensing records\n\n"
         "Run 'pharmdesk-cli <command> --help' for a command's options.\n";
    s.flush();
}

} // namespace

int main(int argc, char* argv[])
{
    pharmdesk::ocr::enforceSingleThreadedOpenMp(argv);  // may re-execute: keep it first
    pharmdesk::ocr::releaseLargeBuffersEagerly();
    // Guides need fonts, hence a QGuiApplication; without a display the offscreen platform serves.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_defaultHandler = qInstallMessageHandler(filterMessages);
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PharmDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("pharmdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PHARMDESK_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    pharmdesk::cli::CliIo io { out, err, isatty(fileno(stderr)) == 1 };

    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command == QLatin1String("import"))
        return pharmdesk::cli::runImport(args, io);
    if (command == QLatin1String("guide"))
        return pharmdesk::cli::runGuide(args, io);
    if (command == QLatin1String("drugs"))
        return pharmdesk::cli::runDrugs(args, io);
    if (command == QLatin1String("eval"))
        return pharmdesk::cli::runEval(args, io);
    if (command == QLatin1String("records"))
        return pharmdesk::cli::runRecords(args, io);
    if (command == QLatin1String("--version")) {
        out << "pharmdesk-cli " << PHARMDESK_VERSION << "\n";
        return pharmdesk::cli::ExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        printUsage(out);
        return pharmdesk::cli::ExitOk;
    }
    if (!command.isEmpty())
        err << "pharmdesk-cli: unknown command '" << command << "'\n";
    printUsage(err);
    return pharmdesk::cli::ExitUsage;
}
