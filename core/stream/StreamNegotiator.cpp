#include "stream/StreamNegotiator.h"

#include "client/ClientErrors.h"
#include "crypto/ChannelBinding.h"
#include "stanza/Iq.h"
#include "stream/SaslAuthenticator.h"
#include "xml/Namespaces.h"

#include <QDomElement>

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;
using State = XmppClient::State;

StreamNegotiator::StreamNegotiator(Owner &owner) : m_owner(owner) {}

StreamNegotiator::~StreamNegotiator() = default;

void StreamNegotiator::reset()
{
    m_encrypted = false;
    m_peerCertificate.reset();
    m_authenticated = false;
    m_sasl.reset();
    m_streamFeatures.clear();
}

void StreamNegotiator::setEncrypted(const std::optional<QSslCertificate> &peerCertificate)
{
    m_encrypted = true;
    m_peerCertificate = peerCertificate;
}

QByteArray StreamNegotiator::streamHeader() const
{
    const ConnectionConfiguration &config = m_owner.configuration();
    QByteArray header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                        "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en' to='"_ba;
    header += config.jid.domain().toHtmlEscaped().toUtf8() + '\'';
    // RFC 6120 §4.7.1: a client includes 'from' only once the stream is protected.
    if (m_encrypted)
        header += " from='" + config.jid.bareString().toHtmlEscaped().toUtf8() + '\'';
    header += '>';
    return header;
}

bool StreamNegotiator::hasStreamFeature(QStringView name, QStringView ns) const
{
    return m_streamFeatures.contains({ns.toString(), name.toString()});
}

bool StreamNegotiator::handleElement(const QDomElement &element)
{
    const QString xmlns = element.namespaceURI();
    const QString name = element.tagName();
    if (xmlns == ns::Stream && name == u"features")
        handleFeatures(element);
    else if (xmlns == ns::Stream && name == u"error")
        handleStreamError(element);
    else if (xmlns == ns::Tls)
        handleTls(element);
    else if (xmlns == ns::Sasl)
        handleSasl(element);
    else
        return false;
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// Features and STARTTLS (RFC 6120 §4.3, §5)

void StreamNegotiator::handleFeatures(const QDomElement &features)
{
    const ConnectionConfiguration &config = m_owner.configuration();
    if (!m_encrypted) {
        const bool offered = !features.firstChildElement(u"starttls"_s).isNull()
            && features.firstChildElement(u"starttls"_s).namespaceURI() == ns::Tls;
        if (offered && config.securityMode != ConnectionConfiguration::SecurityMode::Disabled) {
            m_owner.setState(State::Encrypting);
            m_owner.writeXml("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_ba, {});
            return;
        }
        if (config.securityMode == ConnectionConfiguration::SecurityMode::Required) {
            // docs/SECURITY.md rule 1: a stripped <starttls/> must not lead to authenticating in the clear.
            m_owner.fail(Error::TlsUnavailable,
                         tr("the server does not offer encryption (STARTTLS); signing in without it is not allowed"));
            return;
        }
    }
    if (!m_authenticated) {
        authenticate(features);
        return;
    }
    m_streamFeatures.clear();
    for (QDomElement child = features.firstChildElement(); !child.isNull(); child = child.nextSiblingElement())
        m_streamFeatures.insert({child.namespaceURI(), child.localName()});
    QDomElement bind = features.firstChildElement(u"bind"_s);
    if (bind.isNull() || bind.namespaceURI() != ns::Bind) {
        m_owner.fail(Error::ProtocolError, tr("the server offers no resource binding"));
        return;
    }
    // RFC 6121 Appendix E: the legacy session step, only when the server does not mark it optional.
    const QDomElement session = features.firstChildElement(u"session"_s);
    const bool sessionRequired = !session.isNull() && session.namespaceURI() == ns::Session
        && session.firstChildElement(u"optional"_s).isNull();
    bindResource(sessionRequired);
}

void StreamNegotiator::handleTls(const QDomElement &element)
{
    if (element.tagName() == u"proceed" && m_owner.clientState() == State::Encrypting) {
        m_owner.startTls();
        return;
    }
    // RFC 6120 §5.4.2.2: <failure/> ends the stream; never continue without TLS (docs/SECURITY.md rule 1).
    m_owner.fail(Error::TlsUnavailable, tr("the server refused to start encryption (STARTTLS failure)"));
}

// ---------------------------------------------------------------------------------------------------------
// SASL (RFC 6120 §6)

void StreamNegotiator::authenticate(const QDomElement &features)
{
    const ConnectionConfiguration &config = m_owner.configuration();
    m_refusedMechanism.clear();
    const QDomElement mechanismsElement = features.firstChildElement(u"mechanisms"_s);
    if (mechanismsElement.isNull() || mechanismsElement.namespaceURI() != ns::Sasl) {
        m_owner.fail(Error::ProtocolError, tr("the server offers no way to sign in (no SASL mechanisms)"));
        return;
    }
    SaslAuthenticator::Input input;
    for (QDomElement m = mechanismsElement.firstChildElement(u"mechanism"_s); !m.isNull();
         m = m.nextSiblingElement(u"mechanism"_s))
        input.offeredMechanisms << m.text().trimmed();
    // XEP-0440: the channel-binding types the server supports.
    for (QDomElement child = features.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() != ns::SaslChannelBinding)
            continue;
        input.channelBindingsAdvertised = true;
        for (QDomElement cb = child.firstChildElement(u"channel-binding"_s); !cb.isNull();
             cb = cb.nextSiblingElement(u"channel-binding"_s))
            input.offeredChannelBindings << cb.attribute(u"type"_s);
    }
    input.allowedMechanisms = config.allowedSaslMechanisms;
    input.encrypted = m_encrypted;
    if (input.encrypted && m_peerCertificate)
        input.tlsServerEndPoint = ChannelBinding::tlsServerEndPoint(*m_peerCertificate);
    input.username = config.jid.local();
    input.password = config.password;
    input.pinnedMechanism = config.saslPin;
    input.acceptWeaker = config.acceptWeakerSasl;

    m_sasl = std::make_unique<SaslAuthenticator>();
    QString reason;
    const auto chosen = m_sasl->choose(input, &reason);
    if (!chosen) {
        if (m_sasl->failure() == SaslAuthenticator::Failure::Downgrade)
            failDowngrade(m_sasl->mechanism());
        else
            m_owner.fail(Error::NoSuitableMechanism, tr("cannot sign in safely: %1").arg(reason));
        return;
    }
    const auto initial = m_sasl->initialResponse(&reason);
    if (!initial) {
        m_owner.fail(Error::AuthenticationFailed, tr("cannot sign in: %1").arg(reason));
        return;
    }
    m_owner.setState(State::Authenticating);
    // RFC 6120 §6.4.2: an empty initial response is sent as "=".
    const QByteArray payload = initial->isEmpty() ? "="_ba : initial->toBase64();
    const QByteArray open = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + chosen->toUtf8() + "'>";
    m_owner.writeXml(open + payload + "</auth>", open + "[redacted]</auth>");
}

void StreamNegotiator::handleSasl(const QDomElement &element)
{
    if (m_owner.clientState() != State::Authenticating || !m_sasl) {
        m_owner.fail(Error::ProtocolError, tr("unexpected SASL element from the server"));
        return;
    }
    const QString name = element.tagName();
    const QByteArray data = QByteArray::fromBase64(element.text().trimmed().toLatin1());
    QString reason;
    if (name == u"challenge") {
        const auto response = m_sasl->respond(data, &reason);
        if (!response) {
            m_owner.writeXml("<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"_ba, {});
            if (m_sasl->failure() == SaslAuthenticator::Failure::Downgrade)
                failDowngrade(m_sasl->mechanism());
            else
                m_owner.fail(Error::ProtocolError,
                             tr("the server's authentication challenge is invalid: %1").arg(reason));
            return;
        }
        const QByteArray open = "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"_ba;
        m_owner.writeXml(open + (response->isEmpty() ? QByteArray() : response->toBase64()) + "</response>",
                         open + "[redacted]</response>");
    } else if (name == u"success") {
        saslSuccess(data);
    } else if (name == u"failure") {
        const QDomElement condition = element.firstChildElement();
        const QString conditionName = condition.isNull() ? u"not-authorized"_s : condition.tagName();
        const QString text = element.firstChildElement(u"text"_s).text();
        Error code = Error::AuthenticationFailed;
        if (conditionName == u"account-disabled")
            code = Error::AccountDisabled;
        else if (conditionName == u"encryption-required")
            code = Error::TlsUnavailable;
        m_owner.fail(code, ClientErrors::describeSaslFailure(conditionName, text));
    } else {
        m_owner.fail(Error::ProtocolError, tr("unexpected SASL element <%1/>").arg(name));
    }
}

void StreamNegotiator::saslSuccess(const QByteArray &additionalData)
{
    QString reason;
    if (!m_sasl->verifySuccess(additionalData, &reason)) {
        m_owner.fail(Error::ProtocolError, tr("the server could not prove its identity: %1").arg(reason));
        return;
    }
    const QString mechanism = m_sasl->mechanism();
    m_owner.saslSucceeded(mechanism);
    m_authenticated = true;
    // XEP-0474 §5: remember the strongest mechanism this account has used, so a later offer without it is
    // noticed (SaslAuthenticator::Input::pinnedMechanism).
    const QString pin = m_owner.configuration().saslPin;
    if (pin.isEmpty() || SaslAuthenticator::isWeaker(pin, mechanism))
        m_owner.saslPinRaised(mechanism);
    m_sasl.reset();
    m_owner.setState(State::Binding);
    // RFC 6120 §6.4.6: a fresh stream after SASL success.
    m_owner.restartStream();
}

void StreamNegotiator::failDowngrade(const QString &offered)
{
    // XEP-0474 §5: the account signed in with a stronger mechanism before, and nothing proves the server
    // dropped it: an attacker may have edited the offer. Only the user may accept it (acceptWeakerSasl).
    m_refusedMechanism = offered;
    m_owner.fail(Error::MechanismDowngrade,
                 tr("the server now offers only %1, weaker than %2 used before; someone may be tampering with the "
                    "connection. Sign in anyway only if the server's operator changed it.")
                     .arg(offered, m_owner.configuration().saslPin));
}

// ---------------------------------------------------------------------------------------------------------
// Resource binding (RFC 6120 §7) and the legacy session (RFC 6121 Appendix E)

void StreamNegotiator::bindResource(bool sessionRequired)
{
    const ConnectionConfiguration &config = m_owner.configuration();
    m_owner.setState(State::Binding);
    Iq iq;
    iq.type = Iq::Type::Set;
    // The document must outlive the elements built in it (a detached element's ownerDocument() is a
    // throwaway one).
    QDomDocument document;
    QDomElement bind = document.createElementNS(ns::Bind, u"bind"_s);
    document.appendChild(bind);
    const QString resource = config.resource.isEmpty() ? config.jid.resource() : config.resource;
    if (!resource.isEmpty()) {
        QDomElement resourceElement = document.createElementNS(ns::Bind, u"resource"_s);
        resourceElement.appendChild(document.createTextNode(resource));
        bind.appendChild(resourceElement);
    }
    iq.payload = bind;
    m_owner.sendIq(iq, [this, sessionRequired](const IqReply &reply) { resourceBound(reply, sessionRequired); });
}

void StreamNegotiator::resourceBound(const IqReply &reply, bool sessionRequired)
{
    if (!reply.isResult()) {
        const QString why = reply.iq.error ? StanzaError::conditionName(reply.iq.error->condition) : tr("no answer");
        m_owner.fail(Error::BindFailed, tr("the server refused to bind a resource (%1)").arg(why));
        return;
    }
    const QString text = reply.iq.payload.firstChildElement(u"jid"_s).text();
    QString reason;
    const auto jid = Jid::parse(text, &reason);
    // RFC 6120 §7.6.1: the server may change the resource, never the account.
    if (!jid || !jid->isFull() || jid->bare() != m_owner.configuration().jid.bare()) {
        m_owner.fail(Error::ProtocolError, tr("the server bound an unexpected address: %1").arg(text));
        return;
    }
    m_owner.resourceBound(*jid);
    if (!sessionRequired) {
        m_owner.negotiationFinished();
        return;
    }
    Iq session;
    session.type = Iq::Type::Set;
    session.payload = Iq::makePayload(u"session"_s, ns::Session);
    m_owner.sendIq(session, [this](const IqReply &sessionReply) {
        if (sessionReply.status == IqReply::Status::Timeout || sessionReply.status == IqReply::Status::Disconnected)
            return m_owner.fail(Error::Timeout, tr("the server did not start the session"));
        m_owner.negotiationFinished();
    });
}

// ---------------------------------------------------------------------------------------------------------
// Stream errors (RFC 6120 §4.9)

void StreamNegotiator::handleStreamError(const QDomElement &element)
{
    QString condition;
    QString text;
    for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        if (child.namespaceURI() != ns::Streams)
            continue;
        if (child.tagName() == u"text")
            text = child.text();
        else if (condition.isEmpty())
            condition = child.tagName();
    }
    Error code = Error::StreamError;
    if (condition == u"conflict")
        code = Error::Conflict;
    else if (condition == u"not-authorized")
        code = Error::AuthenticationFailed;
    m_owner.fail(code, ClientErrors::describeStreamError(condition, text));
}
