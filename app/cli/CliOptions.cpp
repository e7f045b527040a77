// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CliOptions.h"

#include "stream/SaslAuthenticator.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace {
QString readPasswordFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("xin-cli", "cannot read the password file %1: %2")
                     .arg(path, file.errorString());
        return {};
    }
    // The first line is the password; a trailing newline is not part of it.
    QByteArray line = file.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

/// --password-file or --password-env (@p option) into @p password, which may be given once.
bool readPassword(const QString &option, const QString &value, std::optional<QString> &password, QString *error)
{
    if (password) {
        *error = QCoreApplication::translate("xin-cli", "give only one of --password-file and --password-env");
        return false;
    }
    if (option == u"--password-file") {
        const QString read = readPasswordFile(value, error);
        if (!error->isEmpty())
            return false;
        password = read;
        return true;
    }
    if (!qEnvironmentVariableIsSet(value.toLocal8Bit().constData())) {
        *error = QCoreApplication::translate("xin-cli", "the environment variable %1 is not set").arg(value);
        return false;
    }
    password = qEnvironmentVariable(value.toLocal8Bit().constData());
    return true;
}

/// Sets @p option of the connection to @p value: true; false with *error when the value is not valid;
/// std::nullopt when @p option is none of the connection's.
std::optional<bool> setConnectionOption(ConnectionConfiguration &configuration, const QString &option,
                                        const QString &value, QString *error)
{
    if (option == u"--host") {
        configuration.host = value;
    } else if (option == u"--port") {
        bool ok = false;
        const uint port = value.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            *error =
                QCoreApplication::translate("xin-cli", "--port must be a number from 1 to 65535, not %1").arg(value);
            return false;
        }
        configuration.port = quint16(port);
    } else if (option == u"--ca-file") {
        const auto certificates = QSslCertificate::fromPath(value, QSsl::Pem);
        if (certificates.isEmpty()) {
            *error = QCoreApplication::translate("xin-cli", "no PEM certificate could be read from %1").arg(value);
            return false;
        }
        configuration.extraCaCertificates += certificates;
    } else if (option == u"--sasl-pin") {
        // An unknown name would pin nothing at all: refuse it rather than give a false sense of safety.
        if (!SaslAuthenticator::supportedMechanisms().contains(value)) {
            *error = QCoreApplication::translate("xin-cli", "--sasl-pin must be one of %1, not %2")
                         .arg(SaslAuthenticator::supportedMechanisms().join(u", "), value);
            return false;
        }
        configuration.saslPin = value;
    } else if (option == u"--resource") {
        configuration.resource = value;
    } else if (option == u"--security") {
        if (value == u"required")
            configuration.securityMode = ConnectionConfiguration::SecurityMode::Required;
        else if (value == u"ifpossible")
            configuration.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
        else if (value == u"disabled")
            configuration.securityMode = ConnectionConfiguration::SecurityMode::Disabled;
        else {
            *error = QCoreApplication::translate("xin-cli",
                                                 "--security must be required, ifpossible or disabled, not %1")
                         .arg(value);
            return false;
        }
    } else {
        return std::nullopt;
    }
    return true;
}

/// Checks that what every command needs was given, and completes @p options' configuration with it.
bool complete(CliOptions &options, const QString &jidText, const std::optional<QString> &password, QString *error)
{
    if (options.command.isEmpty()) {
        *error = QCoreApplication::translate("xin-cli", "no command given");
        return false;
    }
    if (jidText.isEmpty()) {
        *error = QCoreApplication::translate("xin-cli", "--jid is required");
        return false;
    }
    QString reason;
    const auto jid = Jid::parse(jidText, &reason);
    if (!jid || jid->local().isEmpty()) {
        *error = QCoreApplication::translate("xin-cli", "invalid --jid %1: %2")
                     .arg(jidText,
                          reason.isEmpty() ? QCoreApplication::translate("xin-cli", "it has no user name") : reason);
        return false;
    }
    if (!password) {
        *error = QCoreApplication::translate("xin-cli",
                                             "a password is required: use --password-file F or --password-env VAR");
        return false;
    }
    options.configuration.jid = *jid;
    options.configuration.password = *password;
    options.configuration.connectTimeout = std::chrono::seconds(options.timeoutSeconds);
    return true;
}
} // namespace

QString CliOptions::usage()
{
    return QCoreApplication::translate(
        "xin-cli", "usage: xin-cli [--jid JID] [--password-file F | --password-env VAR] [--host H] [--port P]\n"
                   "               [--direct-tls] [--ca-file PEM] [--resource R]\n"
                   "               [--security required|ifpossible|disabled] [--timeout SEC]\n"
                   "               [--sasl-pin MECHANISM [--accept-weaker-sasl]] COMMAND ...\n"
                   "  --security ifpossible and disabled work only for a server on this computer (loopback);\n"
                   "  --sasl-pin refuses a SASL mechanism weaker than MECHANISM (exit 4) unless --accept-weaker-sasl\n"
                   "commands:\n"
                   "  check                                 sign in and print the bound address\n"
                   "  send JID TEXT [--receipt]             send a chat message; exit once the server has it, or\n"
                   "                                        with --receipt once the recipient confirmed it (XEP-0184)\n"
                   "  send JID --stdin [--outbox FILE] [--receipt]\n"
                   "                                        one message per line of standard input, over one session\n"
                   "                                        resumed across drops; exit 0 once the server acknowledged\n"
                   "                                        every line (XEP-0198; a server without it: once written),\n"
                   "                                        with --receipt once the recipient confirmed each; else 5\n"
                   "                                        with the count. --timeout bounds the wait after the end\n"
                   "                                        of input. --outbox FILE (SQLite) keeps each line until\n"
                   "                                        confirmed; a later run sends what is left there first\n"
                   "  listen [--count N] [--seconds S]      print received messages (carbons of your other devices\n"
                   "                                        too), receipts, chat states, presences and friend\n"
                   "                                        requests as JSON lines\n"
                   "  history JID [--limit N] [--search TEXT]\n"
                   "                                        print the newest N messages with JID from the server's\n"
                   "                                        archive (XEP-0313), oldest first, as JSON lines\n"
                   "  roster                                print the contact list as JSON lines\n"
                   "  add JID [--group G] [--greeting T]    send a friend request\n"
                   "  accept JID [--group G]                accept a friend request (and ask back)\n"
                   "  refuse JID                            refuse a friend request\n"
                   "  remove JID                            remove a friend, both ways\n"
                   "  block JID / unblock JID               block or unblock an address (XEP-0191)\n"
                   "  presence [--show away|xa|dnd|chat] [--status TEXT]\n"
                   "                                        set your presence, print contacts' presences for 3 s\n"
                   "  search [--service JID] FIELD=VALUE... search the user directory (XEP-0055), e.g. nick=xiaoming;\n"
                   "                                        prints the people found as JSON lines\n"
                   "  vcard get [JID]                       print a vCard (yours without JID) as one JSON object\n"
                   "  vcard set FIELD=VALUE... [--photo FILE]\n"
                   "                                        change your vCard; fields: fn nick given family email tel\n"
                   "                                        bday org title url desc (an empty value clears one)\n"
                   "  avatar get JID --out FILE             save someone's avatar (verified) to FILE\n"
                   "exit codes: 0 ok, 1 other error, 2 usage, 3 network/TLS, 4 authentication, 5 timeout\n"
                   "            (or, for send, not confirmed)\n");
}

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error)
{
    CliOptions options;
    QString jidText;
    std::optional<QString> password;
    qsizetype i = 0;
    auto value = [&](const QString &name) -> std::optional<QString> {
        if (i + 1 >= arguments.size()) {
            *error = QCoreApplication::translate("xin-cli", "option %1 needs a value").arg(name);
            return std::nullopt;
        }
        return arguments.at(++i);
    };

    for (; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (!arg.startsWith(u"--")) {
            options.command = arg;
            options.arguments = arguments.mid(i + 1);
            break;
        }
        if (arg == u"--direct-tls") {
            options.configuration.directTls = true;
            continue;
        }
        if (arg == u"--accept-weaker-sasl") {
            options.configuration.acceptWeakerSasl = true;
            continue;
        }
        const auto v = value(arg);
        if (!v)
            return std::nullopt;
        if (arg == u"--jid") {
            jidText = *v;
        } else if (arg == u"--password-file" || arg == u"--password-env") {
            if (!readPassword(arg, *v, password, error))
                return std::nullopt;
        } else if (arg == u"--timeout") {
            bool ok = false;
            options.timeoutSeconds = v->toInt(&ok);
            if (!ok || options.timeoutSeconds <= 0) {
                *error = QCoreApplication::translate("xin-cli",
                                                     "--timeout must be a positive number of seconds, not %1")
                             .arg(*v);
                return std::nullopt;
            }
        } else if (const std::optional<bool> set = setConnectionOption(options.configuration, arg, *v, error); !set) {
            *error = QCoreApplication::translate("xin-cli", "unknown option %1").arg(arg);
            return std::nullopt;
        } else if (!*set) {
            return std::nullopt;
        }
    }
    if (!complete(options, jidText, password, error))
        return std::nullopt;
    return options;
}
