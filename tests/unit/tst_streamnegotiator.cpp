// Stream negotiation (RFC 6120 §4.3, §5 STARTTLS, §6 SASL, §7 binding; RFC 6121 Appendix E), scripted element
// by element with no socket: a recording Owner stands in for XmppClient, and a SCRAM server written from RFC 5802
// with Qt's own primitives (as in tst_scram.cpp, with its RFC 5802 salt) checks the client's proof.

#include "client/ClientErrors.h"
#include "client/ConnectionConfiguration.h"
#include "stanza/Iq.h"
#include "stream/StreamNegotiator.h"

#include "XmlTestUtils.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QSslCertificate>
#include <QTest>

using namespace Qt::StringLiterals;

using Error = XmppClient::Error;
using State = XmppClient::State;

namespace {

const auto Tls = u"urn:ietf:params:xml:ns:xmpp-tls"_s;
const auto Sasl = u"urn:ietf:params:xml:ns:xmpp-sasl"_s;

// A self-signed ECDSA P-256 certificate made with `openssl req -x509 -sha256`; its tls-server-end-point
// binding (RFC 5929 §4.1) is the SHA-256 of its DER, here as `openssl x509 -outform DER | sha256sum` gave it.
const QByteArray CertificatePem = R"(-----BEGIN CERTIFICATE-----
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
const QByteArray CertificateEndPoint =
    QByteArray::fromHex("ca5ff442a63138f088799f271442e434df5f1150327237c2791a0deefc234212");

QByteArray xorBytes(const QByteArray &a, const QByteArray &b)
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
        : m_algorithm(algorithm), m_salt(QByteArray::fromBase64("QSXCR+Q6sek8bf92"))
    {
        const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(
            m_algorithm, password, m_salt, 4096, quint64(QCryptographicHash::hashLength(m_algorithm)));
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

QString starttls()
{
    return u"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"_s;
}

QString mechanisms(const QStringList &names)
{
    QString xml = u"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"_s;
    for (const QString &name : names)
        xml += u"<mechanism>"_s + name + u"</mechanism>"_s;
    return xml + u"</mechanisms>"_s;
}

QString bindFeatures(const QString &session = {})
{
    return u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s + session
        + u"<sm xmlns='urn:xmpp:sm:3'/>"_s;
}

/// The base64 payload of a written SASL element.
QByteArray saslPayload(const QByteArray &written)
{
    return QByteArray::fromBase64(XmlTestUtils::parse(written).text().toLatin1());
}

QSslCertificate certificate()
{
    return QSslCertificate(CertificatePem, QSsl::Pem);
}

} // namespace

class tst_StreamNegotiator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamHeaderSaysFromOnlyUnderTls();
    void happyPathWithScram();
    void channelBoundScram();
    void plainUnderTls();
    void serverFinalAsChallenge();
    void legacySession_data();
    void legacySession();
    void serverMayChangeTheResource();

    void noStartTlsWithTlsRequired();
    void noStartTlsOnLoopbackIfPossible();
    void tlsDisabledSkipsStartTls();
    void startTlsFailure();
    void proceedTwice();
    void proceedUnasked();
    void featuresBeforeTlsClaimingAuth();
    void noMechanismsAfterTls();
    void noCommonMechanism();
    void unpreparableCredentials();
    void saslFailure_data();
    void saslFailure();
    void badServerSignature_data();
    void badServerSignature();
    void invalidChallengeIsAborted();
    void pinRefusesPlain();
    void pinLetsPlainWhenUserAgreed();
    void weakerScramNeedsDowngradeHash_data();
    void weakerScramNeedsDowngradeHash();
    void saslElementsOutOfOrder_data();
    void saslElementsOutOfOrder();
    void noBindOffered();
    void bindError();
    void bindTimeout();
    void unexpectedBoundAddress_data();
    void unexpectedBoundAddress();
    void streamError_data();
    void streamError();
    void streamErrorWhileBindingFailsOnce();
    void featuresAfterNegotiationFinished();
    void stanzasAreNotItsBusiness();
    void resetForgetsTheConnection();

private:
    static bool toTls(Session &s);
    static bool toBinding(Session &s, const QString &session = {});
};

// ---------------------------------------------------------------------------------------------------------
// Scripts reused by the tests: they return false (with a warning saying where) when the negotiator strays.

namespace {
bool same(const QByteArray &actual, const QString &expected)
{
    const QString difference = XmlTestUtils::xmlDifference(XmlTestUtils::parse(expected), XmlTestUtils::parse(actual));
    if (!difference.isEmpty())
        qWarning("%s\n  in: %s", qPrintable(difference), actual.constData());
    return difference.isEmpty();
}
} // namespace

bool tst_StreamNegotiator::toTls(Session &s)
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
bool tst_StreamNegotiator::toBinding(Session &s, const QString &session)
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
    return same(s.owner.next(), u"<iq xmlns='jabber:client' type='set' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                                 "<resource>desk</resource></bind></iq>"_s);
}

// ---------------------------------------------------------------------------------------------------------
// Negotiations that succeed

void tst_StreamNegotiator::streamHeaderSaysFromOnlyUnderTls()
{
    Session s;
    // RFC 6120 §4.7.1: 'from' only on a protected stream.
    QCOMPARE(s.negotiator.streamHeader(),
             "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
             "version='1.0' xml:lang='en' to='example.org'>"_ba);
    s.negotiator.setEncrypted(certificate());
    QVERIFY(s.negotiator.streamHeader().endsWith("to='example.org' from='alice@example.org'>"));
}

void tst_StreamNegotiator::happyPathWithScram()
{
    Session s;
    s.features(starttls() + mechanisms({u"PLAIN"_s, u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s}));
    QCOMPARE(s.owner.state, State::Encrypting);
    COMPARE_XML(s.owner.next(), u"<starttls xmlns='%1'/>"_s.arg(Tls));
    QVERIFY(s.owner.calls.isEmpty());   // no TLS before <proceed/>
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.owner.calls, QStringList{u"startTls"_s});
    s.negotiator.setEncrypted(certificate());
    QVERIFY(s.negotiator.streamHeader().contains("from='alice@example.org'"));   // the restarted stream

    // SCRAM-SHA-256, the strongest offered. "y": we could bind to the certificate's tls-server-end-point,
    // which the server lists (XEP-0440), but it offered no -PLUS mechanism (RFC 5802 §6).
    s.features(mechanisms({u"PLAIN"_s, u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s})
               + u"<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>"
                 "</sasl-channel-binding>"_s);
    QCOMPARE(s.owner.state, State::Authenticating);
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-256"_s);
    QCOMPARE(s.owner.shown.at(1), "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                                  "[redacted]</auth>"_ba);   // docs/SECURITY.md rule 12
    ScramServer server(QCryptographicHash::Sha256, "pencil");
    QVERIFY2(saslPayload(auth).startsWith("y,,n=alice,r="), saslPayload(auth).constData());
    const QByteArray serverFirst = server.first(saslPayload(auth), "y,,");
    s.sasl(u"challenge"_s, serverFirst);
    const QByteArray response = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(response).tagName(), u"response"_s);
    QCOMPARE(s.owner.shown.at(2), "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>[redacted]</response>"_ba);
    const QByteArray serverFinal = server.final(saslPayload(response));
    QVERIFY2(!serverFinal.isEmpty(), "the client's proof does not verify");
    QVERIFY(!s.negotiator.isAuthenticated());
    s.sasl(u"success"_s, serverFinal);
    QCOMPARE(s.owner.calls, (QStringList{u"startTls"_s, u"saslSucceeded SCRAM-SHA-256"_s,
                                         u"saslPinRaised SCRAM-SHA-256"_s, u"restartStream"_s}));
    QVERIFY(s.negotiator.isAuthenticated());
    QCOMPARE(s.owner.state, State::Binding);

    s.owner.calls.clear();
    s.features(bindFeatures(u"<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"_s));
    COMPARE_XML(s.owner.next(), u"<iq xmlns='jabber:client' type='set' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                                 "<resource>desk</resource></bind></iq>"_s);
    QVERIFY(s.owner.calls.isEmpty());
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    QCOMPARE(s.owner.calls, (QStringList{u"resourceBound alice@example.org/desk"_s, u"finished"_s}));
    QVERIFY(s.owner.written.isEmpty());   // optional session: none
    QVERIFY(s.owner.failures.isEmpty());
    QVERIFY(s.negotiator.hasStreamFeature(u"sm", u"urn:xmpp:sm:3"));
    QVERIFY(!s.negotiator.hasStreamFeature(u"sm", u"urn:xmpp:sm:2"));
}

void tst_StreamNegotiator::channelBoundScram()
{
    // XEP-0440 lists tls-server-end-point: SCRAM-SHA-256-PLUS, bound to the certificate setEncrypted() got.
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-256"_s, u"SCRAM-SHA-256-PLUS"_s})
               + u"<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>"
                 "</sasl-channel-binding>"_s);
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-256-PLUS"_s);
    ScramServer server(QCryptographicHash::Sha256, "pencil");
    const QByteArray gs2 = "p=tls-server-end-point,,";
    s.sasl(u"challenge"_s, server.first(saslPayload(auth), gs2));
    const QByteArray serverFinal = server.final(saslPayload(s.owner.next()), CertificateEndPoint);
    QVERIFY2(!serverFinal.isEmpty(), "the channel binding or the proof does not verify");
    s.sasl(u"success"_s, serverFinal);
    QCOMPARE(s.owner.calls.value(0), u"saslSucceeded SCRAM-SHA-256-PLUS"_s);
    QVERIFY(s.negotiator.isAuthenticated());
}

void tst_StreamNegotiator::plainUnderTls()
{
    Session s;
    s.owner.config.saslPin = u"PLAIN"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    // RFC 4616: NUL alice NUL pencil, never in the console.
    COMPARE_XML(s.owner.next(), u"<auth xmlns='%1' mechanism='PLAIN'>AGFsaWNlAHBlbmNpbA==</auth>"_s.arg(Sasl));
    QCOMPARE(s.owner.shown.constLast(), "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>[redacted]</auth>"_ba);
    s.sasl(u"success"_s);
    QCOMPARE(s.owner.calls, (QStringList{u"saslSucceeded PLAIN"_s, u"restartStream"_s}));   // the pin stays
}

void tst_StreamNegotiator::serverFinalAsChallenge()
{
    // RFC 6120 §6.4.6: a server may send server-final as a challenge; an empty response, then <success/>.
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    ScramServer server(QCryptographicHash::Sha1, "pencil");
    s.sasl(u"challenge"_s, server.first(saslPayload(s.owner.next()), "n,,"));
    s.sasl(u"challenge"_s, server.final(saslPayload(s.owner.next())));
    COMPARE_XML(s.owner.next(), u"<response xmlns='%1'/>"_s.arg(Sasl));
    s.sasl(u"success"_s);
    QVERIFY(s.negotiator.isAuthenticated());
    QCOMPARE(s.owner.calls.constLast(), u"restartStream"_s);
}

void tst_StreamNegotiator::legacySession_data()
{
    QTest::addColumn<QString>("feature");
    QTest::addColumn<QString>("answer");   // empty: the request times out
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("finished");
    const auto required = u"<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>"_s;
    QTest::newRow("required, result") << required << u"<iq xmlns='jabber:client' type='result' id='iq2'/>"_s << true
                                      << true;
    // RFC 6121 Appendix E made it a no-op: an error answer does not stop the sign-in.
    QTest::newRow("required, error")
        << required
        << u"<iq xmlns='jabber:client' type='error' id='iq2'><error type='cancel'>"
           "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s
        << true << true;
    QTest::newRow("required, no answer") << required << QString() << true << false;
    QTest::newRow("optional") << u"<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"_s
                              << QString() << false << true;
    QTest::newRow("not offered") << QString() << QString() << false << true;
}

void tst_StreamNegotiator::legacySession()
{
    QFETCH(QString, feature);
    QFETCH(QString, answer);
    QFETCH(bool, asked);
    QFETCH(bool, finished);
    Session s;
    QVERIFY(toBinding(s, feature));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    QCOMPARE(s.owner.calls.value(0), u"resourceBound alice@example.org/desk"_s);
    if (asked) {
        COMPARE_XML(s.owner.next(), u"<iq xmlns='jabber:client' type='set' id='iq2'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>"_s);
        QVERIFY(!s.owner.calls.contains(u"finished"_s));
        if (answer.isEmpty())
            s.owner.expire(u"iq2"_s);
        else
            s.owner.answer(answer);
    }
    QVERIFY(s.owner.written.isEmpty());
    QCOMPARE(s.owner.calls.contains(u"finished"_s), finished);
    if (!finished) {
        QCOMPARE(s.failure(), Error::Timeout);
        QCOMPARE(s.failureText(), u"the server did not start the session"_s);
    }
}

void tst_StreamNegotiator::serverMayChangeTheResource()
{
    // RFC 6120 §7.6.1: the server may change the resource, never the account.
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk-4f2a</jid></bind></iq>"_s);
    QCOMPARE(s.owner.calls, (QStringList{u"resourceBound alice@example.org/desk-4f2a"_s, u"finished"_s}));
}

// ---------------------------------------------------------------------------------------------------------
// STARTTLS failures (docs/SECURITY.md rule 1: not one authentication byte without TLS)

void tst_StreamNegotiator::noStartTlsWithTlsRequired()
{
    Session s;
    s.features(mechanisms({u"SCRAM-SHA-1"_s, u"PLAIN"_s}));
    QCOMPARE(s.failure(), Error::TlsUnavailable);
    QCOMPARE(s.failureText(),
             u"the server does not offer encryption (STARTTLS); signing in without it is not allowed"_s);
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::noStartTlsOnLoopbackIfPossible()
{
    // IfPossible tolerates a server without TLS, but SCRAM only: never PLAIN in the clear (RFC 6120 §13.8).
    Session s;
    s.owner.config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    s.features(mechanisms({u"PLAIN"_s, u"SCRAM-SHA-1"_s}));
    const QByteArray auth = s.owner.next();
    QCOMPARE(XmlTestUtils::parse(auth).attribute(u"mechanism"_s), u"SCRAM-SHA-1"_s);
    QVERIFY2(saslPayload(auth).startsWith("n,,n=alice,r="), auth.constData());   // no TLS: nothing to bind

    Session plainOnly;
    plainOnly.owner.config.securityMode = ConnectionConfiguration::SecurityMode::IfPossible;
    plainOnly.features(mechanisms({u"PLAIN"_s}));
    QCOMPARE(plainOnly.failure(), Error::NoSuitableMechanism);
    QVERIFY(plainOnly.owner.written.isEmpty());
}

void tst_StreamNegotiator::tlsDisabledSkipsStartTls()
{
    Session s;
    s.owner.config.securityMode = ConnectionConfiguration::SecurityMode::Disabled;
    s.features(starttls() + mechanisms({u"SCRAM-SHA-1"_s}));
    QCOMPARE(XmlTestUtils::parse(s.owner.next()).tagName(), u"auth"_s);
    QCOMPARE(s.owner.state, State::Authenticating);
}

void tst_StreamNegotiator::startTlsFailure()
{
    // RFC 6120 §5.4.2.2: <failure/> ends the stream.
    Session s;
    s.features(starttls() + mechanisms({u"PLAIN"_s}));
    s.owner.next();
    s.feed(u"<failure xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.failure(), Error::TlsUnavailable);
    QCOMPARE(s.failureText(), u"the server refused to start encryption (STARTTLS failure)"_s);
    QVERIFY(s.owner.calls == QStringList{u"fail"_s});
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::proceedTwice()
{
    // A second <proceed/> answers nothing we asked: it must not start a handshake inside TLS.
    Session s;
    QVERIFY(toTls(s));
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
    QCOMPARE(s.failure(), Error::TlsUnavailable);
}

void tst_StreamNegotiator::proceedUnasked()
{
    // Direct TLS (XEP-0368): the stream is encrypted and we never sent <starttls/>.
    Session s;
    s.owner.state = State::Encrypting;
    s.negotiator.setEncrypted(certificate());
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
    QCOMPARE(s.failure(), Error::TlsUnavailable);
}

void tst_StreamNegotiator::featuresBeforeTlsClaimingAuth()
{
    // After <proceed/>, before TLS is up: features without STARTTLS, as if signed in, are someone else's.
    Session s;
    s.features(starttls() + mechanisms({u"PLAIN"_s}));
    s.owner.next();
    s.feed(u"<proceed xmlns='%1'/>"_s.arg(Tls));
    s.features(mechanisms({u"PLAIN"_s}) + bindFeatures());
    QCOMPARE(s.failure(), Error::TlsUnavailable);
    QVERIFY(s.owner.written.isEmpty());
    QVERIFY(!s.negotiator.isAuthenticated());
}

void tst_StreamNegotiator::noMechanismsAfterTls()
{
    // Features that skip SASL and offer binding straight away: no binding without authentication.
    Session s;
    QVERIFY(toTls(s));
    s.features(bindFeatures());
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), u"the server offers no way to sign in (no SASL mechanisms)"_s);
    QVERIFY(s.owner.written.isEmpty());
}

// ---------------------------------------------------------------------------------------------------------
// SASL failures

void tst_StreamNegotiator::noCommonMechanism()
{
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"DIGEST-MD5"_s, u"X-OAUTH2"_s}));
    QCOMPARE(s.failure(), Error::NoSuitableMechanism);
    QCOMPARE(s.failureText(),
             u"cannot sign in safely: no SASL mechanism both sides support (server offers: DIGEST-MD5, X-OAUTH2)"_s);
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::unpreparableCredentials()
{
    // SASLprep (RFC 4013) refuses a control character: nothing is sent.
    Session s;
    s.owner.config.password = u"bell\u0007"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    QCOMPARE(s.failure(), Error::AuthenticationFailed);
    QVERIFY(s.failureText().startsWith(u"cannot sign in: "));
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::saslFailure_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Error>("error");
    QTest::newRow("not-authorized") << u"<not-authorized/>"_s << u"not-authorized"_s << QString()
                                    << Error::AuthenticationFailed;
    QTest::newRow("account-disabled") << u"<account-disabled/><text>欠费停机</text>"_s << u"account-disabled"_s
                                      << u"欠费停机"_s << Error::AccountDisabled;
    QTest::newRow("encryption-required") << u"<encryption-required/>"_s << u"encryption-required"_s << QString()
                                         << Error::TlsUnavailable;
    QTest::newRow("temporary-auth-failure") << u"<temporary-auth-failure/>"_s << u"temporary-auth-failure"_s
                                            << QString() << Error::AuthenticationFailed;
    QTest::newRow("no condition") << QString() << u"not-authorized"_s << QString() << Error::AuthenticationFailed;
}

void tst_StreamNegotiator::saslFailure()
{
    QFETCH(QString, failure);
    QFETCH(QString, condition);
    QFETCH(QString, text);
    QFETCH(Error, error);
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    s.owner.next();
    s.feed(u"<failure xmlns='%1'>%2</failure>"_s.arg(Sasl, failure));
    QCOMPARE(s.failure(), error);
    QCOMPARE(s.failureText(), ClientErrors::describeSaslFailure(condition, text));
    QVERIFY(!s.negotiator.isAuthenticated());
    QVERIFY(!s.owner.calls.contains(u"restartStream"_s));
}

void tst_StreamNegotiator::badServerSignature_data()
{
    QTest::addColumn<bool>("withSignature");
    QTest::newRow("wrong signature") << true;
    QTest::newRow("no signature") << false;
}

void tst_StreamNegotiator::badServerSignature()
{
    // RFC 5802 §3: the server proves it knows the password's key; a <success/> without that proves nothing.
    QFETCH(bool, withSignature);
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    ScramServer server(QCryptographicHash::Sha1, "pencil");
    s.sasl(u"challenge"_s, server.first(saslPayload(s.owner.next()), "n,,"));
    QVERIFY(!server.final(saslPayload(s.owner.next())).isEmpty());
    s.sasl(u"success"_s, withSignature ? "v=" + QCryptographicHash::hash("forged", QCryptographicHash::Sha1).toBase64()
                                       : QByteArray());
    QCOMPARE(s.failure(), Error::ProtocolError);
    QVERIFY2(s.failureText().startsWith(u"the server could not prove its identity: "), qPrintable(s.failureText()));
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});   // neither saslSucceeded nor a pin nor a restart
    QVERIFY(!s.negotiator.isAuthenticated());
}

void tst_StreamNegotiator::invalidChallengeIsAborted()
{
    // RFC 5802 §5.1: the server's nonce must extend ours; otherwise <abort/> before any proof leaves.
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    s.owner.next();
    s.sasl(u"challenge"_s, "r=someoneelsesnonce,s=QSXCR+Q6sek8bf92,i=4096");
    COMPARE_XML(s.owner.next(), u"<abort xmlns='%1'/>"_s.arg(Sasl));
    QCOMPARE(s.failure(), Error::ProtocolError);
    QVERIFY2(s.failureText().startsWith(u"the server's authentication challenge is invalid: "),
             qPrintable(s.failureText()));
}

void tst_StreamNegotiator::pinRefusesPlain()
{
    // XEP-0474 §5: once signed in with SCRAM, an offer of PLAIN alone is refused before a byte is sent, and
    // the refused mechanism outlives the connection for the user's question (the owner reset us in fail()).
    Session s;
    s.owner.config.saslPin = u"SCRAM-SHA-1"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    QCOMPARE(s.failure(), Error::MechanismDowngrade);
    QCOMPARE(s.failureText(), u"the server now offers only PLAIN, weaker than SCRAM-SHA-1 used before; someone may be "
                              "tampering with the connection. Sign in anyway only if the server's operator changed it."_s);
    QVERIFY(s.owner.written.isEmpty());
    QCOMPARE(s.negotiator.refusedMechanism(), u"PLAIN"_s);

    // The next sign-in starts a new SASL negotiation: the question is answered, the name is forgotten.
    s.owner.state = State::Connecting;
    s.owner.calls.clear();
    s.owner.failures.clear();
    s.owner.config.acceptWeakerSasl = true;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    QVERIFY(s.negotiator.refusedMechanism().isEmpty());
}

void tst_StreamNegotiator::pinLetsPlainWhenUserAgreed()
{
    Session s;
    s.owner.config.saslPin = u"SCRAM-SHA-256"_s;
    s.owner.config.acceptWeakerSasl = true;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    COMPARE_XML(s.owner.next(), u"<auth xmlns='%1' mechanism='PLAIN'>AGFsaWNlAHBlbmNpbA==</auth>"_s.arg(Sasl));
    s.sasl(u"success"_s);
    // The pin only rises: PLAIN does not replace SCRAM-SHA-256.
    QCOMPARE(s.owner.calls, (QStringList{u"saslSucceeded PLAIN"_s, u"restartStream"_s}));
    QCOMPARE(s.owner.config.saslPin, u"SCRAM-SHA-256"_s);
}

void tst_StreamNegotiator::weakerScramNeedsDowngradeHash_data()
{
    QTest::addColumn<QByteArray>("extension");
    QTest::addColumn<Error>("error");
    // SHA-1 of "SCRAM-SHA-1" (XEP-0474 §3.1, tst_saslauthenticator's vector): the server vouches for its list.
    QTest::newRow("genuine list") << ",h=LrtFoCs8XsoI+diY4u3rG69UGN8="_ba << Error::None;
    QTest::newRow("no hash") << QByteArray() << Error::MechanismDowngrade;
    // XEP-0474 §3.2: a hash of another list says someone edited ours.
    QTest::newRow("forged hash") << ",h=Y+xk2TW25vKwG9yWicfQlsuiFQs="_ba << Error::ProtocolError;
}

void tst_StreamNegotiator::weakerScramNeedsDowngradeHash()
{
    // Pinned SCRAM-SHA-256, offered SCRAM-SHA-1 only: the exchange may go up to server-first (no secret yet);
    // the proof leaves only if XEP-0474's hash proves the list genuine.
    QFETCH(QByteArray, extension);
    QFETCH(Error, error);
    Session s;
    s.owner.config.saslPin = u"SCRAM-SHA-256"_s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"SCRAM-SHA-1"_s}));
    ScramServer server(QCryptographicHash::Sha1, "pencil");
    s.sasl(u"challenge"_s, server.first(saslPayload(s.owner.next()), "n,,", extension));
    const QByteArray answer = s.owner.next();
    if (error != Error::None) {
        COMPARE_XML(answer, u"<abort xmlns='%1'/>"_s.arg(Sasl));
        QCOMPARE(s.failure(), error);
        QCOMPARE(s.negotiator.refusedMechanism(),
                 error == Error::MechanismDowngrade ? u"SCRAM-SHA-1"_s : QString());
        return;
    }
    s.sasl(u"success"_s, server.final(saslPayload(answer)));
    QCOMPARE(s.owner.calls, (QStringList{u"saslSucceeded SCRAM-SHA-1"_s, u"restartStream"_s}));   // pin stays
    QVERIFY(s.owner.failures.isEmpty());
}

void tst_StreamNegotiator::saslElementsOutOfOrder_data()
{
    QTest::addColumn<QString>("element");
    QTest::addColumn<bool>("afterAuth");
    QTest::addColumn<QString>("text");
    const auto unexpected = u"unexpected SASL element from the server"_s;
    QTest::newRow("success before auth") << u"<success xmlns='%1'/>"_s.arg(Sasl) << false << unexpected;
    QTest::newRow("challenge before auth") << u"<challenge xmlns='%1'>cj1h</challenge>"_s.arg(Sasl) << false
                                           << unexpected;
    QTest::newRow("unknown element") << u"<continue xmlns='%1'/>"_s.arg(Sasl) << true
                                     << u"unexpected SASL element <continue/>"_s;
}

void tst_StreamNegotiator::saslElementsOutOfOrder()
{
    QFETCH(QString, element);
    QFETCH(bool, afterAuth);
    QFETCH(QString, text);
    Session s;
    QVERIFY(toTls(s));
    if (afterAuth) {
        s.features(mechanisms({u"SCRAM-SHA-1"_s}));
        s.owner.next();
    }
    QVERIFY(s.feed(element));
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), text);
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
    QVERIFY(!s.negotiator.isAuthenticated());
}

// ---------------------------------------------------------------------------------------------------------
// Binding failures

void tst_StreamNegotiator::noBindOffered()
{
    Session s;
    QVERIFY(toTls(s));
    s.features(mechanisms({u"PLAIN"_s}));
    s.owner.next();
    s.sasl(u"success"_s);
    s.features(u"<sm xmlns='urn:xmpp:sm:3'/>"_s);
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), u"the server offers no resource binding"_s);
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::bindError()
{
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='error' id='iq1'><error type='cancel'>"
                   "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(s.failure(), Error::BindFailed);
    QCOMPARE(s.failureText(), u"the server refused to bind a resource (conflict)"_s);
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});
}

void tst_StreamNegotiator::bindTimeout()
{
    Session s;
    QVERIFY(toBinding(s));
    s.owner.expire(u"iq1"_s);
    QCOMPARE(s.failure(), Error::BindFailed);
    QCOMPARE(s.failureText(), u"the server refused to bind a resource (no answer)"_s);
}

void tst_StreamNegotiator::unexpectedBoundAddress_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("jid");
    QTest::newRow("no payload") << QString() << QString();
    QTest::newRow("no jid") << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"_s << QString();
    QTest::newRow("bare") << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.org</jid></bind>"_s
                          << u"alice@example.org"_s;
    QTest::newRow("another account")
        << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>mallory@example.org/desk</jid></bind>"_s
        << u"mallory@example.org/desk"_s;
    QTest::newRow("another domain")
        << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.net/desk</jid></bind>"_s
        << u"alice@example.net/desk"_s;
    QTest::newRow("not a JID") << u"<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>@/</jid></bind>"_s
                               << u"@/"_s;
}

void tst_StreamNegotiator::unexpectedBoundAddress()
{
    QFETCH(QString, payload);
    QFETCH(QString, jid);
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'>%1</iq>"_s.arg(payload));
    QCOMPARE(s.failure(), Error::ProtocolError);
    QCOMPARE(s.failureText(), u"the server bound an unexpected address: "_s + jid);
    QCOMPARE(s.owner.calls, QStringList{u"fail"_s});   // no resourceBound
}

// ---------------------------------------------------------------------------------------------------------
// Stream errors, order and lifetime

void tst_StreamNegotiator::streamError_data()
{
    QTest::addColumn<QString>("children");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Error>("error");
    const auto streams = u"urn:ietf:params:xml:ns:xmpp-streams"_s;
    QTest::newRow("conflict") << u"<conflict xmlns='%1'/>"_s.arg(streams) << u"conflict"_s << QString()
                              << Error::Conflict;
    QTest::newRow("not-authorized") << u"<not-authorized xmlns='%1'/>"_s.arg(streams) << u"not-authorized"_s
                                    << QString() << Error::AuthenticationFailed;
    QTest::newRow("system-shutdown with text")
        << u"<system-shutdown xmlns='%1'/><text xmlns='%1'>维护中</text>"_s.arg(streams) << u"system-shutdown"_s
        << u"维护中"_s << Error::StreamError;
    // Only the streams namespace names a condition (RFC 6120 §4.9.3): an application element does not.
    QTest::newRow("application condition only") << u"<oops xmlns='urn:example:app'/>"_s << QString() << QString()
                                                 << Error::StreamError;
}

void tst_StreamNegotiator::streamError()
{
    QFETCH(QString, children);
    QFETCH(QString, condition);
    QFETCH(QString, text);
    QFETCH(Error, error);
    Session s;
    QVERIFY(s.feed(u"<error xmlns='http://etherx.jabber.org/streams'>%1</error>"_s.arg(children)));
    QCOMPARE(s.failure(), error);
    QCOMPARE(s.failureText(), ClientErrors::describeStreamError(condition, text));
}

void tst_StreamNegotiator::streamErrorWhileBindingFailsOnce()
{
    // The owner cancels the bind request after the failure reset the negotiator: that answer is stale and
    // must not fail the connection a second time, as BindFailed (docs/SECURITY.md rule 10 needs Conflict).
    Session s;
    QVERIFY(toBinding(s));
    s.feed(u"<error xmlns='http://etherx.jabber.org/streams'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
           "</error>"_s);
    QCOMPARE(s.owner.failures.size(), 1);
    QCOMPARE(s.failure(), Error::Conflict);
}

void tst_StreamNegotiator::featuresAfterNegotiationFinished()
{
    Session s;
    QVERIFY(toBinding(s));
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    s.features(bindFeatures());
    QCOMPARE(s.owner.calls.count(u"finished"_s), 1);
    QVERIFY(s.owner.written.isEmpty());   // no second bind
}

void tst_StreamNegotiator::stanzasAreNotItsBusiness()
{
    Session s;
    QVERIFY(!s.feed(u"<message xmlns='jabber:client'><body>你好</body></message>"_s));
    QVERIFY(!s.feed(u"<r xmlns='urn:xmpp:sm:3'/>"_s));
    QVERIFY(s.owner.calls.isEmpty());
    QVERIFY(s.owner.written.isEmpty());
}

void tst_StreamNegotiator::resetForgetsTheConnection()
{
    Session s;
    QVERIFY(toBinding(s));
    QVERIFY(s.negotiator.hasStreamFeature(u"bind", u"urn:ietf:params:xml:ns:xmpp-bind"));
    s.negotiator.reset();
    QVERIFY(!s.negotiator.isAuthenticated());
    QVERIFY(!s.negotiator.hasStreamFeature(u"bind", u"urn:ietf:params:xml:ns:xmpp-bind"));
    QVERIFY(!s.negotiator.streamHeader().contains("from="));
    // The answer to the old connection's bind request changes nothing.
    s.owner.calls.clear();
    s.owner.answer(u"<iq xmlns='jabber:client' type='result' id='iq1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                   "<jid>alice@example.org/desk</jid></bind></iq>"_s);
    QVERIFY(s.owner.calls.isEmpty());
    // A new connection starts with STARTTLS again.
    s.owner.state = State::Connecting;
    QVERIFY(toTls(s));
}

QTEST_GUILESS_MAIN(tst_StreamNegotiator)
#include "tst_streamnegotiator.moc"
