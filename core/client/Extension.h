#pragma once

#include <QObject>

class Presence;
class QDomElement;
class XmppClient;

/// A protocol feature plugged into XmppClient: roster, vCard, MUC, ... each its own subclass.
/// The client offers every incoming stanza to its extensions in the order they were added, before the
/// generic messageReceived/presenceReceived/iqReceived signals; the first that returns true has taken it.
class Extension : public QObject
{
    Q_OBJECT
public:
    explicit Extension(QObject *parent = nullptr) : QObject(parent) {}

    XmppClient *client() const { return m_client; }

    /// Service discovery features this extension implements (XEP-0030), for later disco#info answers.
    virtual QStringList discoveryFeatures() const { return {}; }

protected:
    friend class XmppClient;
    /// Called with each incoming stanza (<message/>, <presence/>, or an <iq/> request); the stanza's
    /// origin is whatever the server stamped; an extension checks it before trusting the content.
    virtual bool handleStanza(const QDomElement &stanza) = 0;
    /// Asked as a child (@p container) of an incoming stanza starts: true has that container's children
    /// passed to handleStreamedChild() one by one as they complete, and kept out of the stanza the
    /// extension (or an iq callback) later receives. For large payloads such as a full roster, whose DOM
    /// would otherwise cost kilobytes per item. Nothing is checked yet: the stanza's origin is the
    /// extension's to judge. Must not send or disconnect.
    virtual bool wantsStreamedChildren(const QDomElement &stanza, const QDomElement &container)
    {
        Q_UNUSED(stanza) Q_UNUSED(container) return false;
    }
    virtual void handleStreamedChild(const QDomElement &stanza, const QDomElement &child)
    {
        Q_UNUSED(stanza) Q_UNUSED(child)
    }
    /// Called when the client is attached, and on every (re)connection once the session is established.
    virtual void setClient(XmppClient *client) { m_client = client; }
    virtual void sessionStarted() {}
    /// Called by XmppClient::send() with every presence we send, in the order the extensions were added,
    /// so that an extension can add its payload to it (e.g. the XEP-0153 avatar hash).
    virtual void preparePresence(Presence &presence) { Q_UNUSED(presence) }

private:
    XmppClient *m_client = nullptr;
};
