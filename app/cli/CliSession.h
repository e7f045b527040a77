#pragma once

#include "CliOptions.h"
#include "client/XmppClient.h"

#include <QObject>
#include <QTimer>

class Message;
class Presence;

/// Runs one xin-cli command on a live XmppClient and ends the event loop with the command's exit code.
class CliSession : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Ok = 0, OtherError = 1, UsageError = 2, NetworkError = 3, AuthenticationError = 4, TimedOut = 5 };

    explicit CliSession(const CliOptions &options, QObject *parent = nullptr);

    /// Checks the command's arguments and starts; returns false (after printing why) on a usage error.
    bool start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void sessionStarted();
    void clientFailed(XmppClient::Error error, const QString &description);
    void printMessage(const Message &message);
    void printPresence(const Presence &presence);
    void finish(int exitCode, const QString &errorLine = {});
    static int exitCodeFor(XmppClient::Error error);

    CliOptions m_options;
    XmppClient m_client;
    QTimer m_timeout;
    QTimer m_listenTimer;
    int m_listenCount = 0;   // 0: unlimited
    int m_messagesSeen = 0;
    bool m_finished = false;
};
