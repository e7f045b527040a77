// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SaslPinController.h"

#include "client/XmppClient.h"
#include "login/DowngradeQuestion.h"

#include <QWidget>

SaslPinController::SaslPinController(XmppClient *client, Hooks hooks, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_hooks(std::move(hooks))
{
    // XEP-0474 §5 / docs/SECURITY.md rule 1: remember the strongest SASL mechanism this account has used, so
    // that a later, weaker offer is refused (XmppClient::Error::MechanismDowngrade).
    connect(m_client, &XmppClient::saslPinChanged, this,
            [this](const QString &mechanism) { m_hooks.savePin(mechanism); });
    connect(m_client, &XmppClient::errorOccurred, this, [this](XmppClient::Error error) {
        if (error == XmppClient::Error::MechanismDowngrade)
            ask(m_client->offeredMechanism(), m_client->saslPin());
    });
    connect(m_client, &XmppClient::stateChanged, this, [this](XmppClient::State state) {
        if (state == XmppClient::State::Binding || state == XmppClient::State::Disconnected)
            dropAcceptance();
    });
}

void SaslPinController::ask(const QString &offered, const QString &pinned)
{
    if (m_question)
        return;   // one question at a time; the one on screen answers for this attempt too
    QWidget *window = m_hooks.window ? m_hooks.window() : nullptr;
    m_question = new DowngradeQuestion(offered, pinned, window && window->isVisible() ? window : nullptr);
    m_question->setAttribute(Qt::WA_DeleteOnClose);
    m_question->setWindowModality(Qt::WindowModal);
    connect(m_question, &QDialog::finished, this, [this, offered] { answered(offered); });
    m_question->open();
}

void SaslPinController::answered(const QString &offered)
{
    switch (m_question->answer()) {
    case DowngradeQuestion::Answer::Refuse:
        return;
    case DowngradeQuestion::Answer::LowerPin:
        // The user says the administrator changed it: the offered mechanism becomes the pin, and the next
        // sign-in needs no acceptance (a weaker offer than this one is still refused).
        m_hooks.savePin(offered);
        m_hooks.signIn(false);
        return;
    case DowngradeQuestion::Answer::SignInOnce:
        m_hooks.signIn(true);
        return;
    }
}

void SaslPinController::dropAcceptance()
{
    // The user agreed to one sign-in: a later reconnection (Reconnector reuses the client's configuration)
    // asks again.
    if (!m_client->configuration().acceptWeakerSasl)
        return;
    ConnectionConfiguration configuration = m_client->configuration();
    configuration.acceptWeakerSasl = false;
    m_client->setConfiguration(configuration);
}
