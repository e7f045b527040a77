// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Application.h"
#include "FontWarmUp.h"
#include "Localization.h"
#include "StartupTrace.h"

#include "crypto/QcaInit.h"
#include "storage/Database.h"
#include "storage/RosterPreload.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLockFile>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

struct Options
{
    QString profileDir;
    QString language;
    QString chatWith;   // an xmpp: URI or JID given on the command line: open a chat with it
};

QCommandLineOption profileOption()
{
    return QCommandLineOption(u"profile"_s, QCoreApplication::translate("main", "Keep all settings and data in <dir>."),
                              QCoreApplication::translate("main", "dir"));
}

QCommandLineOption languageOption()
{
    return QCommandLineOption(u"lang"_s,
                              QCoreApplication::translate("main", "User interface language, e.g. zh_CN or en "
                                                                  "(default: the system's)."),
                              QCoreApplication::translate("main", "language"));
}

// --lang has to be known before the real parser exists, so that --help is in that language too.
QString languageFromArguments(const QStringList &arguments)
{
    QCommandLineParser early;
    early.addOption(profileOption());
    early.addOption(languageOption());
    early.parse(arguments);   // errors are reported by the real parser
    return early.value(u"lang"_s);
}

Options parseArguments(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Xin, an XMPP instant messenger."));
    parser.addHelpOption();
    parser.addOption(profileOption());
    parser.addOption(languageOption());
    parser.addPositionalArgument(u"address"_s,
                                 QCoreApplication::translate("main", "Open a chat with this address, e.g. "
                                                                     "xmpp:bob@example.org?message (RFC 5122)."),
                                 u"[xmpp:JID]"_s);
    parser.process(app);

    Options options;
    options.language = parser.value(u"lang"_s);
    options.profileDir = parser.value(u"profile"_s);
    if (options.profileDir.isEmpty())
        options.profileDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.profileDir = QDir(options.profileDir).absolutePath();
    options.chatWith = parser.positionalArguments().value(0);
    return options;
}

void applyLook(QApplication &app)
{
    // Fusion renders the style sheet the same on every platform; the native styles each ignore parts of it.
    QApplication::setStyle(u"Fusion"_s);
    QFile sheet(u":/xin/style/xin.qss"_s);
    if (sheet.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(sheet.readAll()));

    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(u":/xin/icons/xin-%1.png"_s.arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
}

}   // namespace

int main(int argc, char *argv[])
{
    StartupTrace trace;   // opt-in (XIN_TRACE_FILE), for tests/bench; first, as it may start its clock here
    FontWarmUp fonts;
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"xin"_s);
    QApplication::setDesktopFileName(u"xin"_s);
    // The windows hide to the tray; Application decides when the program ends.
    QApplication::setQuitOnLastWindowClosed(false);
    trace.mark(u"qapplication"_s);

    const QString language = languageFromArguments(QCoreApplication::arguments());
    const QLocale locale = Localization::select(language);
    if (!Localization::install(&app, locale) && !language.isEmpty() && locale.language() != QLocale::English)
        qWarning("xin: no translation for %s, using English", qPrintable(language));

    const Options options = parseArguments(app);
    if (!QDir().mkpath(options.profileDir)) {
        qCritical("xin: cannot create the profile directory %s", qPrintable(options.profileDir));
        return 1;
    }
    // Every QSettings anywhere in the program lands in the profile too, not in ~/.config.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, options.profileDir);

    // The cached contacts are read on a worker meanwhile (thousands of rows): the style and the main window
    // are built in that time.
    RosterPreload rosterPreload(Database::filePath(options.profileDir));
    QcaInit::ensure();
    trace.mark(u"crypto"_s);
    applyLook(app);
    trace.mark(u"look"_s);

    // Two instances on one profile would fight over its files and kick each other off the server.
    QLockFile lock(QDir(options.profileDir).filePath(u"xin.lock"_s));
    if (!lock.tryLock(100)) {
        QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("main", "Xin"),
                        QCoreApplication::translate("main", "Xin is already running with this profile:\n%1")
                            .arg(QDir::toNativeSeparators(options.profileDir)));
        box.setTextFormat(Qt::PlainText);   // a path may contain '<'
        box.exec();
        return 1;
    }

    Application application(options.profileDir, &rosterPreload);
    trace.mark(u"application"_s);
    trace.attach(&application);
    application.start();
    trace.mark(u"started"_s);
    if (!options.chatWith.isEmpty() && !application.openChat(options.chatWith))
        qWarning("xin: not an XMPP address: %s", qPrintable(options.chatWith));
    return app.exec();
}
