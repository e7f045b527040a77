#pragma once

#include "stanza/Jid.h"

#include <QFrame>

class QComboBox;
class QLineEdit;
class QWidget;

/// One entry of the friend-request inbox: someone asking us (Accept / Refuse / Ignore, where Accept
/// unfolds a group and remark choice), or one of our own requests waiting for approval. Names and
/// greetings are remote text and shown as plain text (SECURITY rule 5).
class FriendRequestRow : public QFrame
{
    Q_OBJECT

public:
    enum class Direction { Incoming, Outgoing };

    FriendRequestRow(Direction direction, const Jid &jid, const QString &name, const QString &greeting,
                     const QStringList &groups, QWidget *parent = nullptr);

    Jid jid() const { return m_jid; }
    Direction direction() const { return m_direction; }

Q_SIGNALS:
    void acceptRequested(const Jid &jid, const QString &group, const QString &remark);
    void refuseRequested(const Jid &jid);
    void ignoreRequested(const Jid &jid);

private:
    QWidget *createAnswerButtons();
    QWidget *createAcceptPanel(const QStringList &groups);

    Direction m_direction;
    Jid m_jid;
    QWidget *m_buttons = nullptr;
    QWidget *m_acceptPanel = nullptr;
    QComboBox *m_group = nullptr;
    QLineEdit *m_remark = nullptr;
};
