// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QFrame>
#include <QImage>

class AvatarWidget;
class QComboBox;
class QLineEdit;
class QWidget;

/// One entry of the friend-request inbox: someone asking us (Accept / Refuse / Ignore, where Accept
/// unfolds a group and remark choice), or one of our own requests waiting for approval, with the other
/// person's round avatar: their photo once known, else the first character of the name on the colour of the
/// JID. Names and greetings are remote text and shown as plain text (docs/SECURITY.md rule 5).
class FriendRequestRow : public QFrame
{
    Q_OBJECT

public:
    enum class Direction { Incoming, Outgoing };

    FriendRequestRow(Direction direction, const Jid &jid, const QString &name, const QString &greeting,
                     const QStringList &groups, QWidget *parent = nullptr);

    Jid jid() const { return m_jid; }
    Direction direction() const { return m_direction; }
    /// The other person's photo; a null image shows the placeholder.
    void setAvatar(const QImage &image);

Q_SIGNALS:
    void acceptRequested(const Jid &jid, const QString &group, const QString &remark);
    void refuseRequested(const Jid &jid);
    void ignoreRequested(const Jid &jid);

private:
    QWidget *createAnswerButtons();
    QWidget *createAcceptPanel(const QStringList &groups);

    Direction m_direction;
    Jid m_jid;
    AvatarWidget *m_avatar;
    QWidget *m_buttons = nullptr;
    QWidget *m_acceptPanel = nullptr;
    QComboBox *m_group = nullptr;
    QLineEdit *m_remark = nullptr;
};
