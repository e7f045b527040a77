// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/XmppClient.h"

#include <QFrame>

class QLabel;
class QPushButton;

/// The main window's status area: "Connecting…", "Signing in…", or what went wrong, with a button to try
/// again. Hidden while online, when there is nothing to say.
class ConnectionBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ConnectionBanner(QWidget *parent = nullptr);

    void setState(XmppClient::State state);
    /// Shows @p sentence (see ConnectionText::error) until the next connection attempt starts.
    void showError(const QString &sentence);
    QString text() const;

Q_SIGNALS:
    void reconnectRequested();

private:
    void display(const QString &text, const QString &kind, const QString &action);

    QLabel *m_text;
    QPushButton *m_action;
    XmppClient::State m_state = XmppClient::State::Disconnected;
    QString m_error;
};
