// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/ConnectionBanner.h"

#include "common/ConnectionText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
{
    setObjectName(u"connectionBanner"_s);
    m_text->setObjectName(u"connectionText"_s);
    m_text->setTextFormat(Qt::PlainText);   // docs/SECURITY.md rule 5: errors may quote the server
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(u"reconnectButton"_s);
    m_action->setCursor(Qt::PointingHandCursor);
    m_action->setFlat(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 10, 8);
    layout->setSpacing(8);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);

    connect(m_action, &QPushButton::clicked, this, &ConnectionBanner::reconnectRequested);
    setState(XmppClient::State::Disconnected);
}

void ConnectionBanner::setState(XmppClient::State state)
{
    m_state = state;
    if (ConnectionText::isInProgress(state))
        m_error.clear();   // a new attempt: the old error no longer describes what is happening

    switch (state) {
    case XmppClient::State::Connected:
        m_error.clear();
        hide();
        return;
    case XmppClient::State::Disconnected:
        if (m_error.isEmpty())
            display(tr("You are offline."), u"offline"_s, tr("Sign in"));
        else
            display(m_error, u"error"_s, tr("Try again"));
        return;
    case XmppClient::State::ResolvingHost:
    case XmppClient::State::Connecting:
    case XmppClient::State::Encrypting:
    case XmppClient::State::Authenticating:
    case XmppClient::State::Binding:
    case XmppClient::State::Resuming:
    case XmppClient::State::Disconnecting:
        display(ConnectionText::state(state), u"progress"_s, QString());
        return;
    }
}

void ConnectionBanner::showError(const QString &sentence)
{
    m_error = sentence;
    if (!ConnectionText::isInProgress(m_state) && m_state != XmppClient::State::Connected)
        display(m_error, u"error"_s, tr("Try again"));
    else
        display(m_error, u"error"_s, QString());
}

QString ConnectionBanner::text() const
{
    return isVisibleTo(window()) ? m_text->text() : QString();
}

void ConnectionBanner::display(const QString &text, const QString &kind, const QString &action)
{
    // The style sheet colours by "kind"; a dynamic property only takes effect after a re-polish, and
    // descendants are not re-polished with their parent, so the label carries it too.
    for (QWidget *widget : {static_cast<QWidget *>(this), static_cast<QWidget *>(m_text)}) {
        widget->setProperty("kind", kind);
        widget->style()->unpolish(widget);
        widget->style()->polish(widget);
    }
    m_text->setText(text);
    m_action->setText(action);
    m_action->setVisible(!action.isEmpty());
    show();
}
