// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// xin-cli: a headless, scriptable XMPP client on Xin's core (scripts, bots, tests).
#include "CliOptions.h"
#include "CliSession.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimer>
#include <QTranslator>

#include <csignal>
#include <cstdio>

namespace {
volatile std::sig_atomic_t stopRequested = 0;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xin-cli"));
    // stderr carries one clear line per problem; the core's diagnostics only when asked for with
    // QT_LOGGING_RULES (e.g. "xin.*=true"), which overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("xin.*=false"));
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("xin"), QStringLiteral("_"), QStringLiteral(":/xin/i18n")))
        QCoreApplication::installTranslator(&translator);

    QString error;
    const auto options = CliOptions::parse(app.arguments().mid(1), &error);
    if (!options) {
        const QByteArray text = "xin-cli: " + error.toUtf8() + "\n" + CliOptions::usage().toUtf8();
        std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
        return CliSession::UsageError;
    }

    // Ctrl+C / SIGTERM end `listen` cleanly with exit code 0. A signal handler may only set a flag
    // (async-signal-safety); the event loop looks at it.
    std::signal(SIGINT, [](int) { stopRequested = 1; });
    std::signal(SIGTERM, [](int) { stopRequested = 1; });
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &app, [] {
        if (stopRequested)
            QCoreApplication::exit(0);
    });
    stopPoll.start(100);

    CliSession session(*options);
    int exitCode = 0;
    QObject::connect(&session, &CliSession::finished, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    QTimer::singleShot(0, &session, [&session] { session.start(); });
    const int loopCode = app.exec();
    return exitCode ? exitCode : loopCode;
}
