// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatHeader.h"

#include "common/AvatarWidget.h"
#include "common/ElidedLabel.h"
#include "models/RemoteText.h"
#include "stanza/Jid.h"

#include <QHBoxLayout>
#include <QMouseEvent>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ChatHeader::ChatHeader(QWidget *parent)
    : QFrame(parent)
    , m_avatar(new AvatarWidget(38, this))
    , m_name(new ElidedLabel(this))
    , m_status(new ElidedLabel(this))
{
    setObjectName(u"chatHeader"_s);
    m_avatar->setObjectName(u"peerAvatar"_s);
    m_avatar->setCursor(Qt::PointingHandCursor);
    m_avatar->setToolTip(tr("View profile"));
    m_avatar->installEventFilter(this);
    m_name->setObjectName(u"peerName"_s);
    m_status->setObjectName(u"peerStatus"_s);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);

    auto *column = new QVBoxLayout;
    column->setSpacing(2);
    column->addStretch(1);
    column->addWidget(m_name);
    column->addWidget(m_status);
    column->addStretch(1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(18, 10, 18, 10);
    layout->setSpacing(12);
    layout->addWidget(m_avatar, 0, Qt::AlignVCenter);
    layout->addLayout(column, 1);
}

void ChatHeader::setPeer(const Jid &jid, const QString &name, const QImage &avatar, const QString &statusText,
                         bool available)
{
    m_name->setText(name);
    m_avatar->setName(name);
    m_avatar->setColourKey(jid.bareString());
    m_avatar->setImage(avatar);
    m_avatar->setStatus(available ? StatusChoice::Online : StatusChoice::Offline);
    m_statusText = statusText.simplified();
    m_available = available;
    updateStatusLine();
}

void ChatHeader::setRemoteState(ChatState state)
{
    if (m_state == state)
        return;
    m_state = state;
    updateStatusLine();
}

QString ChatHeader::name() const
{
    return m_name->text();
}

QString ChatHeader::statusLine() const
{
    return m_status->text();
}

void ChatHeader::updateStatusLine()
{
    const bool typing = m_state == ChatState::Composing;
    QString line;
    if (typing)
        line = tr("typing…");
    else if (!m_statusText.isEmpty())
        line = (m_available ? tr("Online") : tr("Offline")) + u" · "_s + RemoteText::isolate(m_statusText);   // UAX #9
    else
        line = m_available ? tr("Online") : tr("Offline");
    m_status->setText(line);
    m_status->setProperty("typing", typing);
    m_status->style()->unpolish(m_status);
    m_status->style()->polish(m_status);
}

bool ChatHeader::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_avatar && event->type() == QEvent::MouseButtonRelease
        && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        Q_EMIT avatarClicked();
        return true;
    }
    return QFrame::eventFilter(watched, event);
}
