// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Extension.h"
#include "stanza/Jid.h"
#include "stanza/Message.h"

#include <optional>

class ChatManager;

/// Message Carbons (XEP-0280 v1.0): copies of what our other devices send and receive, so every
/// conversation is complete on every device. Enabled at each session start.
///
/// A carbon is accepted only when its outer 'from' is our own bare JID (XEP-0280 §11, docs/SECURITY.md rule 3: the
/// 2017 carbon-spoofing CVEs); anyone else's is swallowed, logged and announced with forgedCarbonIgnored().
/// Add it before the ChatManager, which gets the unwrapped messages.
class CarbonsManager : public Extension
{
    Q_OBJECT
public:
    explicit CarbonsManager(ChatManager *chats, QObject *parent = nullptr);

    /// The server agreed to send carbons in this session.
    bool isEnabled() const { return m_enabled; }

    QStringList discoveryFeatures() const override;

Q_SIGNALS:
    void enabledChanged(bool enabled);
    /// A carbon from someone other than our own account was dropped.
    void forgedCarbonIgnored(const Jid &from);

protected:
    bool handleStanza(const QDomElement &stanza) override;
    void sessionStarted() override;

private:
    /// The copied message inside @p wrapper when it is one of ours to show (XEP-0280 §6, §7).
    std::optional<Message> unwrap(const QDomElement &wrapper, bool sent) const;

    ChatManager *m_chats;
    bool m_enabled = false;
};
