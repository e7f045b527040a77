// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "login/DowngradeQuestion.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QWidget;
class XmppClient;

/// The SASL mechanism pin of the account in the app (XEP-0474 §5; issue 13, finding 9): saves the pin each
/// time a sign-in raises it, and when the server offers only a weaker mechanism than the pin
/// (XmppClient::Error::MechanismDowngrade) asks the user whether to sign in anyway (DowngradeQuestion).
/// "Sign in this time" makes one connection with ConnectionConfiguration::acceptWeakerSasl, which is never
/// saved and is dropped again once that connection is past SASL or over; ticking "don't ask again" also
/// lowers the saved pin to the offered mechanism.
class SaslPinController : public QObject
{
    Q_OBJECT
public:
    struct Hooks
    {
        std::function<void(const QString &pin)> savePin;           // the account's pin is now this: save it
        std::function<void(bool acceptWeaker)> signIn;            // connect again, once
        std::function<QWidget *()> window;                        // the window the question belongs to
    };
    SaslPinController(XmppClient *client, Hooks hooks, QObject *parent = nullptr);

    /// Asks whether to sign in with @p offered although the account used @p pinned before; the answer is
    /// acted on when the (window-modal, never nested-loop) question closes.
    void ask(const QString &offered, const QString &pinned);
    /// The question on screen, if any.
    DowngradeQuestion *pendingQuestion() const { return m_question; }

private:
    void answered(const QString &offered);
    void dropAcceptance();

    XmppClient *m_client;
    Hooks m_hooks;
    QPointer<DowngradeQuestion> m_question;
};
