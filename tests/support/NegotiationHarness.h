// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Stream negotiation scripted element by element with no socket (tst_streamnegotiator, tst_saslstep): a
// recording StreamNegotiator::Owner stands in for XmppClient, and a SCRAM server written from RFC 5802 with Qt's
// own primitives (as in tst_scram.cpp, with its RFC 5802 salt) checks the client's proof. Header-only.

#include "client/ConnectionConfiguration.h"
#include "client/IqReply.h"
#include "stanza/Iq.h"
#include "client/StreamManagement.h"
#include "stream/StreamNegotiator.h"

#include "XmlTestUtils.h"

#include <QCryptographicHash>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QSslCertificate>
#include <QTest>

#include <functional>

namespace NegotiationHarness {
using namespace Qt::StringLiterals;
using Error = XmppClient::Error;
using State = XmppClient::State;

inline const auto Tls = u"urn:ietf:params:xml:ns:xmpp-tls"_s;
inline const auto Sasl = u"urn:ietf:params:xml:ns:xmpp-sasl"_s;

// A self-signed ECDSA P-256 certificate made with `openssl req -x509 -sha256`; its tls-server-end-point
// binding (RFC 5929 §4.1) is the SHA-256 of its DER, here as `openssl x509 -outform DER | sha256sum` gave it.
inline const QByteArray CertificatePem = R"(-----BEGIN CERTIFICATE-----
MIIBgzCCASmgAwIBAgIUERcc4WJO7seyMWQ8GU7f5j89AEMwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLZXhhbXBsZS5vcmcwIBcNMjYxMjA2MDc1MjU0WhgPMjEyNjEx
MTIwNzUyNTRaMBYxFDASBgNVBAMMC2V4YW1wbGUub3JnMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAE85U7pZxtN/EzfSwTKHJ+CZyvqsZt8CojnSVWyNgcsaeg26pb
3fDTNwD8eoL99vrCKkrNbM/Daz1S3fUiVXyQrqNTMFEwHQYDVR0OBBYEFNC/Pgxq
UkBA+/oNOJXi5iTFROikMB8GA1UdIwQYMBaAFNC/PgxqUkBA+/oNOJXi5iTFROik
MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhALLJ5xotU3erIr7J
DKCNJKAJ19BlsBwQK7WrKA9w74tcAiA5rKqfUzumETXauq4c/T9R1kxNblIAWeFx
wc/cULOlxg==
-----END CERTIFICATE-----
)"_ba;
inline const QByteArray CertificateEndPoint = QByteArray::fromHex(
    "ca5ff442a63138f088799f271442e434df5f1150327237c2791a0deefc234212");

inline QByteArray xorBytes(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(a.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < a.size(); ++i)
        out[i] = char(a[i] ^ b[i]);
    return out;
}

/// The server side of SCRAM (RFC 5802 §3) with Qt's primitives, not QCA's: the same as tst_scram.cpp's.
class ScramServer
{
public:
    ScramServer(QCryptographicHash::Algorithm algorithm, const QByteArray &password)
        : m_algorithm(algorithm)
        , m_salt(QByteArray::fromBase64("QSXCR+Q6sek8bf92"))
    {
        const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(m_algorithm, password, m_salt, 4096,
                                                                     quint64(
                                                                         QCryptographicHash::hashLength(m_algorithm)));
        m_storedKey = QCryptographicHash::hash(hmac(salted, "Client Key"_ba), m_algorithm);
        m_serverKey = hmac(salted, "Server Key"_ba);
    }

    /// server-first for "<gs2-header>n=...,r=..." (with @p extension, e.g. XEP-0474's ",h=..."); empty if
    /// the header is not @p gs2.
    QByteArray first(const QByteArray &clientFirst, const QByteArray &gs2, const QByteArray &extension = {})
    {
        if (!clientFirst.startsWith(gs2) || !clientFirst.contains(",r="))
            return {};
        m_gs2 = gs2;
        m_clientFirstBare = clientFirst.mid(gs2.size());
        m_nonce = m_clientFirstBare.mid(m_clientFirstBare.indexOf(",r=") + 3) + "3rfcNHYJY1ZVvWVs7j";
        m_serverFirst = "r=" + m_nonce + ",s=" + m_salt.toBase64() + ",i=4096" + extension;
        return m_serverFirst;
    }

    /// server-final ("v=...") if client-final carries the right binding and proof; empty otherwise.
    QByteArray final(const QByteArray &clientFinal, const QByteArray &cbData = {}) const
    {
        const qsizetype p = clientFinal.lastIndexOf(",p=");
        const QByteArray withoutProof = clientFinal.left(p);
        if (p < 0 || withoutProof != "c=" + QByteArray(m_gs2 + cbData).toBase64() + ",r=" + m_nonce)
            return {};
        const QByteArray authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;
        const QByteArray clientSignature = hmac(m_storedKey, authMessage);
        const QByteArray proof = QByteArray::fromBase64(clientFinal.mid(p + 3));
        if (proof.size() != clientSignature.size()
            || QCryptographicHash::hash(xorBytes(proof, clientSignature), m_algorithm) != m_storedKey)
            return {};
        return "v=" + hmac(m_serverKey, authMessage).toBase64();
    }

private:
    QByteArray hmac(const QByteArray &key, const QByteArray &data) const
    {
        return QMessageAuthenticationCode::hash(data, key, m_algorithm);
    }

    QCryptographicHash::Algorithm m_algorithm;
    QByteArray m_salt;
    QByteArray m_storedKey;
    QByteArray m_serverKey;
    QByteArray m_gs2;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
};

/// XmppClient's part, recorded: what was written, what was asked, and the iq requests waiting for answers.
/// fail() does what XmppClient::Private::fail() does: reset the negotiator, then cancel the open requests.
class TestOwner : public StreamNegotiator::Owner
{
public:
    ConnectionConfiguration config;
    State state = State::Connecting;
    StreamNegotiator *negotiator = nullptr;
    QList<QByteArray> written;   // oldest first; taken by next()
    QList<QByteArray> shown;     // what the XML console would show of each write
    QStringList calls;           // startTls, restartStream, saslSucceeded ..., resourceBound ..., finished, fail
    QList<std::pair<Error, QString>> failures;
    QMap<QString, std::function<void(const IqReply &)>> requests;
    int nextId = 1;
    StreamManagement sm;   // XEP-0198 state; what it writes goes to written

    TestOwner()
    {
        sm.setWriter([this](const QByteArray &xml) { writeXml(xml, {}); });
    }

    const ConnectionConfiguration &configuration() const override { return config; }
    State clientState() const override { return state; }
    void setState(State newState) override { state = newState; }
    void writeXml(const QByteArray &data, const QByteArray &shownData) override
    {
        written.append(data);
        shown.append(shownData.isEmpty() ? data : shownData);
    }
    void startTls() override { calls << u"startTls"_s; }
    void restartStream() override { calls << u"restartStream"_s; }
    void sendIq(const Iq &iq, std::function<void(const IqReply &)> callback) override
    {
        Iq request = iq;
        request.id = u"iq%1"_s.arg(nextId++);
        requests.insert(request.id, std::move(callback));
        writeXml(request.toXml(), {});
    }
    void saslSucceeded(const QString &mechanism) override { calls << u"saslSucceeded "_s + mechanism; }
    void saslPinRaised(const QString &mechanism) override
    {
        calls << u"saslPinRaised "_s + mechanism;
        config.saslPin = mechanism;
    }
    void resourceBound(const Jid &jid) override { calls << u"resourceBound "_s + jid.toString(); }
    void negotiationFinished() override
    {
        calls << u"finished"_s;
        state = State::Connected;
    }
    StreamManagement &streamManagement() override { return sm; }
    void negotiationResumed() override
    {
        calls << u"resumed"_s;
        state = State::Connected;
    }
    void resumptionFailed() override { calls << u"resumptionFailed"_s; }
    void fail(Error code, const QString &description) override
    {
        if (failing || state == State::Disconnected)
            return;
        failing = true;
        calls << u"fail"_s;
        failures.append({code, description});
        negotiator->reset();
        failing = false;
        cancelRequests();
        state = State::Disconnected;
    }

    /// The next thing written, or <nothing/>.
    QByteArray next() { return written.isEmpty() ? "<nothing/>"_ba : written.takeFirst(); }
    /// Answers the open request of that id with @p xml (an <iq/> in jabber:client).
    void answer(const QString &xml)
    {
        const auto iq = Iq::fromElement(XmlTestUtils::parse(xml));
        const auto callback = iq ? requests.take(iq->id) : nullptr;
        if (!callback)
            qFatal("no open request answers %s", qPrintable(xml));
        callback({iq->type == Iq::Type::Result ? IqReply::Status::Result : IqReply::Status::Error, *iq});
    }
    void expire(const QString &id, IqReply::Status status = IqReply::Status::Timeout)
    {
        if (const auto callback = requests.take(id))
            callback({status, Iq()});
    }

private:
    void cancelRequests()
    {
        const auto open = std::exchange(requests, {});
        for (const auto &callback : open)
            callback({IqReply::Status::Disconnected, Iq()});
    }
    bool failing = false;
};

/// One connection's negotiator and its owner, for alice@example.org/desk with the RFC 5802 password.
struct Session
{
    TestOwner owner;
    StreamNegotiator negotiator{owner};

    Session()
    {
        owner.negotiator = &negotiator;
        owner.config.jid = *Jid::parse(u"alice@example.org/desk");
        owner.config.password = u"pencil"_s;
        owner.config.host = u"127.0.0.1"_s;
    }

    bool feed(const QString &xml) { return negotiator.handleElement(XmlTestUtils::parse(xml)); }
    void features(const QString &children)
    {
        feed(u"<features xmlns='http://etherx.jabber.org/streams'>"_s + children + u"</features>"_s);
    }
    void sasl(const QString &name, const QByteArray &data = {})
    {
        feed(u"<%1 xmlns='%2'>%3</%1>"_s.arg(name, Sasl, QString::fromLatin1(data.toBase64())));
    }
    Error failure() const { return owner.failures.isEmpty() ? Error::None : owner.failures.constFirst().first; }
    QString failureText() const { return owner.failures.isEmpty() ? QString() : owner.failures.constFirst().second; }
};

inline QString starttls()
{
    return u"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"_s;
}

inline QString mechanisms(const QStringList &names)
{
    QString xml = u"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"_s;
    for (const QString &name : names)
        xml += u"<mechanism>"_s + name + u"</mechanism>"_s;
    return xml + u"</mechanisms>"_s;
}

inline QString bindFeatures(const QString &session = {})
{
    return u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s + session + u"<sm xmlns='urn:xmpp:sm:3'/>"_s;
}

/// The base64 payload of a written SASL element.
inline QByteArray saslPayload(const QByteArray &written)
{
    return QByteArray::fromBase64(XmlTestUtils::parse(written).text().toLatin1());
}

inline QSslCertificate certificate()
{
    return QSslCertificate(CertificatePem, QSsl::Pem);
}

/// Semantic XML comparison for the scripts below, which return false (with a warning saying where) when the
/// negotiator strays; the tests themselves use COMPARE_XML.
inline bool same(const QByteArray &actual, const QString &expected)
{
    const QString difference = XmlTestUtils::xmlDifference(XmlTestUtils::parse(expected), XmlTestUtils::parse(actual));
    if (!difference.isEmpty())
        qWarning("%s\n  in: %s", qPrintable(difference), actual.constData());
    return difference.isEmpty();
}

/// Features with STARTTLS, <proceed/>, TLS up with certificate().
inline bool toTls(Session &s)
{
    s.features(starttls() + mechanisms({u"SCRAM-SHA-1"_s, u"PLAIN"_s}));
    if (!same(s.owner.next(), u"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_s))
        return false;
    s.feed(u"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"_s);
    if (s.owner.calls != QStringList{u"startTls"_s} || s.owner.state != State::Encrypting)
        return false;
    s.owner.calls.clear();
    s.negotiator.setEncrypted(certificate());
    return true;
}

/// Signs in with PLAIN under TLS, up to the bind request; the features of the new stream add @p session.
inline bool toBinding(Session &s, const QString &session = {})
{
    if (!toTls(s))
        return false;
    s.features(mechanisms({u"PLAIN"_s}));
    if (!same(s.owner.next(), u"<auth xmlns='%1' mechanism='PLAIN'>AGFsaWNlAHBlbmNpbA==</auth>"_s.arg(Sasl)))
        return false;
    s.sasl(u"success"_s);
    if (!s.negotiator.isAuthenticated())
        return false;
    s.owner.calls.clear();
    s.features(bindFeatures(session));
    return same(s.owner.next(), u"<iq xmlns='jabber:client' type='set' id='iq1'>"
                                "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                                "<resource>desk</resource></bind></iq>"_s);
}

} // namespace NegotiationHarness
