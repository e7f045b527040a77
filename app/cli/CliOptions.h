// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/ConnectionConfiguration.h"

#include <QStringList>

#include <optional>

/// The command line of xin-cli: global options, then a command and its arguments.
///
///   xin-cli [--jid JID] [--password-file F | --password-env VAR] [--host H] [--port P] [--direct-tls]
///           [--ca-file PEM] [--resource R] [--security required|ifpossible|disabled] [--timeout SEC]
///           [--sasl-pin MECHANISM [--accept-weaker-sasl]] COMMAND ...
struct CliOptions
{
    ConnectionConfiguration configuration;
    int timeoutSeconds = 30;
    QString command;
    QStringList arguments;   // the command's own arguments and options, unparsed

    /// Parses @p arguments (argv without the program name); std::nullopt with *error on a usage error.
    static std::optional<CliOptions> parse(const QStringList &arguments, QString *error);
    static QString usage();
};
