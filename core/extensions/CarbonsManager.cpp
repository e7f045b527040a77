// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/CarbonsManager.h"

#include "client/XmppClient.h"
#include "extensions/ChatManager.h"
#include "stanza/Iq.h"
#include "xml/Namespaces.h"

#include <QDomElement>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCarbons, "xin.carbons")

CarbonsManager::CarbonsManager(ChatManager *chats, QObject *parent) : Extension(parent), m_chats(chats) { }

QStringList CarbonsManager::discoveryFeatures() const
{
    return {ns::Carbons};
}

void CarbonsManager::sessionStarted()
{
    m_enabled = false;
    Iq iq;
    iq.type = Iq::Type::Set;   // XEP-0280 §5: to our own account, no 'to'
    iq.payload = Iq::makePayload(u"enable"_s, ns::Carbons);
    client()->sendIq(iq, this, [this](const IqReply &reply) {
        m_enabled = reply.isResult();
        if (!m_enabled)
            qCInfo(lcCarbons) << "the server did not enable carbons";
        Q_EMIT enabledChanged(m_enabled);
    });
}

namespace {
/// The XEP-0280 §7 wrapper, <received/> or <sent/>, among the stanza's children; null if there is none.
QDomElement carbonWrapper(const QDomElement &stanza)
{
    for (QDomElement child = stanza.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() == ns::Carbons && (child.tagName() == u"received" || child.tagName() == u"sent"))
            return child;
    }
    return {};
}
} // namespace

bool CarbonsManager::handleStanza(const QDomElement &stanza)
{
    if (stanza.tagName() != u"message")
        return false;
    const QDomElement wrapper = carbonWrapper(stanza);
    if (wrapper.isNull())
        return false;
    // XEP-0280 §11: only our own server, speaking for our bare JID, sends carbons. A real server relays a
    // forged <received/> from another user unchanged (only the outer 'from' is its own stamp), so the outer
    // 'from' is the whole proof.
    const auto from = Jid::parse(stanza.attribute(u"from"_s));
    if (!from || *from != client()->jid().bare()) {
        qCWarning(lcCarbons) << "ignored a carbon from" << stanza.attribute(u"from"_s) << "- not our account";
        Q_EMIT forgedCarbonIgnored(from.value_or(Jid()));
        return true;
    }
    const bool sent = wrapper.tagName() == u"sent";
    if (const auto message = unwrap(wrapper, sent)) {
        // No timestamp from the carbon: a copy is sent as the original passes through, so it is timed as
        // received (issue 13 finding 4: a <delay/> inside would be the sender's word).
        m_chats->processMessage(*message, sent ? ChatManager::Origin::SentCarbon : ChatManager::Origin::ReceivedCarbon);
    }
    return true;
}

std::optional<Message> CarbonsManager::unwrap(const QDomElement &wrapper, bool sent) const
{
    // XEP-0280 §7: <forwarded/> (XEP-0297) holding the copied message.
    const QDomElement forwarded = wrapper.firstChildElement(u"forwarded"_s);
    const QDomElement inner = forwarded.firstChildElement(u"message"_s);
    if (forwarded.namespaceURI() != ns::Forward || inner.isNull())
        return std::nullopt;
    const auto message = Message::fromElement(inner);
    if (!message)
        return std::nullopt;
    // The copy must be of a message to us (received) or from us (sent); anything else makes no sense here.
    const Jid own = client()->jid().bare();
    if ((sent && message->from.bare() != own) || (!sent && message->to.bare() != own)) {
        qCWarning(lcCarbons) << "ignored a carbon whose inner message is not ours";
        return std::nullopt;
    }
    if (message->type == Message::Type::Groupchat || message->type == Message::Type::Error)
        return std::nullopt;   // XEP-0280 §6: not carbon-copied for one-to-one use; nothing to show
    return message;
}
