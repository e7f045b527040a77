// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/ConnectionBanner.h"

#include "common/ConnectionText.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QTime>
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
    m_tick.setInterval(std::chrono::seconds(1));
    connect(&m_tick, &QTimer::timeout, this, &ConnectionBanner::showCountdown);
    m_hide.setSingleShot(true);
    m_hide.setInterval(UpToDateFor);
    connect(&m_hide, &QTimer::timeout, this, &QWidget::hide);
    setState(XmppClient::State::Disconnected);
}

void ConnectionBanner::setState(XmppClient::State state)
{
    m_state = state;
    m_tick.stop();   // an attempt started, or the waiting ended
    m_hide.stop();
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

void ConnectionBanner::showReconnecting(std::chrono::milliseconds delay)
{
    if (m_state != XmppClient::State::Disconnected)
        return;
    m_retryAt = QDeadlineTimer(delay);
    m_tick.start();
    showCountdown();
}

void ConnectionBanner::showCountdown()
{
    const auto left = std::chrono::ceil<std::chrono::seconds>(m_retryAt.remainingTimeAsDuration());
    const auto seconds = int(left.count());
    QString retry;
    if (seconds <= 0)
        retry = tr("Reconnecting…");
    else if (seconds < 60)
        retry = tr("Reconnecting in %n second(s).", "", seconds);
    else   // a minute or more: when, rather than a long count
        retry = tr("Reconnecting at %1.")
                    .arg(QLocale().toString(QTime::currentTime().addSecs(seconds), QLocale::ShortFormat));
    display(afterError(retry), m_error.isEmpty() ? u"offline"_s : u"error"_s, tr("Reconnect now"));
}

void ConnectionBanner::showWaitingForNetwork()
{
    if (m_state != XmppClient::State::Disconnected)
        return;
    m_tick.stop();
    display(afterError(tr("Waiting for the network to come back.")), u"offline"_s, tr("Reconnect now"));
}

void ConnectionBanner::showCatchUp(int received, int total)
{
    if (m_state != XmppClient::State::Connected)
        return;
    m_hide.stop();
    const QString text = total < 0 ? tr("Catching up on messages: %n so far…", "", received)
                                   : tr("Catching up on messages: %1 of %2…").arg(received).arg(total);
    display(text, u"progress"_s, QString());
}

void ConnectionBanner::showUpToDate()
{
    if (m_state != XmppClient::State::Connected)
        return;
    display(tr("Up to date."), u"progress"_s, QString());
    m_hide.start();
}

QString ConnectionBanner::afterError(const QString &sentence) const
{
    if (m_error.isEmpty())
        return sentence;
    return tr("%1 %2", "two sentences in a row; Chinese needs no space").arg(m_error, sentence);
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
