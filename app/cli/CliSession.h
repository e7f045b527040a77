// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "CliOptions.h"
#include "messaging/ChatMessage.h"
#include "client/XmppClient.h"

#include <QObject>
#include <QTimer>

class ArchiveManager;
class AvatarManager;
class CarbonsManager;
class ChatManager;
class BlockingManager;
class CliStdinSender;
class DiscoveryManager;
class Message;
class Presence;
class Reconnector;
class RosterManager;
class SearchManager;
class VCardManager;

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
    bool parseCommandArguments();
    /// One --option VALUE of the command; false (and the session finished) if it is not one or is invalid.
    bool setCommandOption(const QString &arg, const QString &value);
    /// Whether the positional arguments fit the command (count, addresses); false finishes the session.
    bool checkPositionalArguments(const QStringList &positional);
    void sessionStarted();
    void runRosterCommand();
    /// `search`: finds the directory (XEP-0030) unless --service names it, asks for its form, searches.
    void runSearchCommand();
    void searchService(const Jid &service);
    /// `vcard get|set` and `avatar get` (CliProfileCommands.cpp).
    bool parseProfileArguments(const QStringList &positional);
    void runVCardCommand();
    void runAvatarCommand();
    /// Ends with Ok once the server has answered a ping sent after everything before it (in-order
    /// processing, RFC 6120 §10.1), or with the failure of @p what.
    void confirmThenFinish(const QString &what);
    void printFriendRequest(const Jid &from, const QString &greeting, const QString &nick);
    void clientFailed(XmppClient::Error error, const QString &description);
    void printMessage(const Message &message);
    /// `listen`: a message of a chat (incoming, or a carbon of one our other device sent or got).
    void printChatMessage(const ChatMessage &message, int origin);
    /// `send --receipt` and `history` (CliChatCommands.cpp).
    void runSendCommand();
    /// `send JID --stdin` (CliChatCommands.cpp): reads and stores lines from the start, reconnects and
    /// resumes across drops; false (finished) when the outbox cannot be opened.
    bool startStdinSend();
    void stdinInputFinished(const QString &error);
    /// "N of M messages were not confirmed ...", for exit code 5.
    QString unconfirmedLine() const;
    void runHistoryCommand();
    void fetchHistoryPage(const QString &before, int pagesLeft);
    void wireChatPrinting();
    void printPresence(const Presence &presence);
    void finish(int exitCode, const QString &errorLine = {});
    static int exitCodeFor(XmppClient::Error error);

    CliOptions m_options;
    XmppClient m_client;
    // The managers, all owned by m_client (ExtensionRegistry); those the command needs not are null.
    BlockingManager *m_blocking = nullptr;
    RosterManager *m_roster = nullptr;
    DiscoveryManager *m_discovery = nullptr;
    SearchManager *m_search = nullptr;
    CarbonsManager *m_carbons = nullptr;  // only for `send`, `listen` and `history`
    ChatManager *m_chats = nullptr;
    ArchiveManager *m_archive = nullptr;
    VCardManager *m_vCards = nullptr;     // only for `vcard` and `avatar`
    AvatarManager *m_avatars = nullptr;
    QString m_photoFile;                  // vcard set --photo
    QString m_outFile;                    // avatar get --out
    QString m_service;
    bool m_waitForReceipt = false;        // send --receipt
    QString m_sentId;
    bool m_stdin = false;                 // send --stdin
    QString m_outboxPath;                 // send --stdin --outbox FILE
    CliStdinSender *m_stdinSender = nullptr;
    Reconnector *m_reconnector = nullptr;   // send --stdin only: resumes across drops once signed in
    bool m_signedIn = false;              // a session was established once
    int m_historyLimit = 20;              // history --limit
    QString m_historySearch;              // history --search
    QList<ChatMessage> m_history;         // collected while `history` pages back
    QString m_group;
    QString m_greeting;
    QString m_show;
    QString m_status;
    QString m_failure;   // set when an operation failed before the confirmation came
    QTimer m_timeout;
    QTimer m_listenTimer;
    int m_listenCount = 0;   // 0: unlimited
    int m_messagesSeen = 0;
    bool m_finished = false;
};
