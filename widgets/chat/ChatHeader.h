// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatState.h"

#include <QFrame>

class AvatarWidget;
class ElidedLabel;
class Jid;

/// The top of an open chat: the contact's avatar (a click asks for the profile), name, and a status line
/// that says "typing…" while the other side composes (XEP-0085).
class ChatHeader : public QFrame
{
    Q_OBJECT

public:
    explicit ChatHeader(QWidget *parent = nullptr);

    void setPeer(const Jid &jid, const QString &name, const QImage &avatar, const QString &statusText, bool available);
    void setRemoteState(ChatState state);
    ChatState remoteState() const { return m_state; }
    QString name() const;
    /// What the status line shows now.
    QString statusLine() const;

Q_SIGNALS:
    void avatarClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateStatusLine();

    AvatarWidget *m_avatar;
    ElidedLabel *m_name;
    ElidedLabel *m_status;
    QString m_statusText;
    bool m_available = false;
    ChatState m_state = ChatState::None;
};
