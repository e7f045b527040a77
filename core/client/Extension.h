// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

class Presence;
class QDomElement;
class XmppClient;

/// A protocol feature plugged into XmppClient: roster, vCard, MUC, ... each its own subclass.
/// Every incoming stanza (<message/>, <presence/>, an <iq/> request) of the established session goes through
/// three steps, before the generic messageReceived/presenceReceived/iqReceived signals:
///  1. dropsStanza() on every extension: one that says true drops it for all (a blocked sender's);
///  2. observeStanza() on every extension: what several extensions read (a presence carries a contact's
///     state, nickname and avatar hash at once) reaches each of them, whoever takes the stanza later;
///  3. handleStanza() in the order the extensions were added; the first that returns true has taken it.
/// So only taking depends on the order (ExtensionRegistry documents it), never reading.
class Extension : public QObject
{
    Q_OBJECT
public:
    explicit Extension(QObject *parent = nullptr) : QObject(parent) { }

    XmppClient *client() const { return m_client; }

    /// Service discovery features this extension implements (XEP-0030), for later disco#info answers.
    virtual QStringList discoveryFeatures() const { return {}; }

protected:
    friend class XmppClient;
    /// Called with each incoming stanza (<message/>, <presence/>, or an <iq/> request) no extension took
    /// before; true takes it. The stanza's origin is whatever the server stamped; an extension checks it
    /// before trusting the content.
    virtual bool handleStanza(const QDomElement &stanza)
    {
        Q_UNUSED(stanza)
        return false;
    }
    /// Called with each incoming stanza on every extension, before any handleStanza(), whichever extension
    /// takes it: for an extension that only reads what it is told (a presence, a nickname), so that it never
    /// depends on the extensions before it declining the stanza. Same origin caveat as handleStanza().
    virtual void observeStanza(const QDomElement &stanza) { Q_UNUSED(stanza) }
    /// True drops @p stanza before any extension observes or handles it, and before the client's signals:
    /// defence in depth for what must reach nobody (a blocked sender's, XEP-0191 §3.4).
    virtual bool dropsStanza(const QDomElement &stanza) const
    {
        Q_UNUSED(stanza)
        return false;
    }
    /// Asked as a child (@p container) of an incoming stanza starts: true has that container's children
    /// passed to handleStreamedChild() one by one as they complete, and kept out of the stanza the
    /// extension (or an iq callback) later receives. For large payloads such as a full roster, whose DOM
    /// would otherwise cost kilobytes per item. Nothing is checked yet: the stanza's origin is the
    /// extension's to judge. Must not send or disconnect.
    virtual bool wantsStreamedChildren(const QDomElement &stanza, const QDomElement &container)
    {
        Q_UNUSED(stanza)
        Q_UNUSED(container)
        return false;
    }
    virtual void handleStreamedChild(const QDomElement &stanza, const QDomElement &child)
    {
        Q_UNUSED(stanza)
        Q_UNUSED(child)
    }
    /// Called when the client is attached, and on every (re)connection once the session is established.
    virtual void setClient(XmppClient *client) { m_client = client; }
    virtual void sessionStarted() { }
    /// Called by XmppClient::send() with every presence we send, in the order the extensions were added,
    /// so that an extension can add its payload to it (e.g. the XEP-0153 avatar hash).
    virtual void preparePresence(Presence &presence) { Q_UNUSED(presence) }

private:
    XmppClient *m_client = nullptr;
};
