// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// PresenceManager against a real Prosody: availability, several resources, going offline, initial presence,
// Last Activity (XEP-0012).
#include "ClientTestUtils.h"
#include "ProsodyServer.h"
#include "client/XmppClient.h"
#include "extensions/PresenceManager.h"
#include "stanza/Iq.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ClientTestUtils;
using namespace std::chrono_literals;

namespace {
const auto Password = u"p4ss-密码"_s;

/// One logged-in account with a PresenceManager.
struct Account
{
    XmppClient client;
    PresenceManager *presence = client.addExtension<PresenceManager>();
};

bool sendPresence(XmppClient &from, const Jid &to, Presence::Type type)
{
    Presence presence;
    presence.type = type;
    presence.to = to;
    return from.send(presence);
}

/// Waits until @p spy (on presenceReceived) has seen a presence of @p type from @p from's bare JID.
bool waitForPresence(QSignalSpy &spy, const Jid &from, Presence::Type type, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        for (const QList<QVariant> &arguments : std::as_const(spy)) {
            const auto presence = arguments.at(0).value<Presence>();
            if (presence.type == type && presence.from.bare() == from.bare())
                return true;
        }
        QTest::qWait(10);
    }
    return false;
}

/// A mutual subscription built from raw stanzas (RFC 6121 §3.1), as a QQ "add friend" does.
bool makeFriends(XmppClient &a, XmppClient &b)
{
    QSignalSpy aReceived(&a, &XmppClient::presenceReceived);
    QSignalSpy bReceived(&b, &XmppClient::presenceReceived);
    if (!sendPresence(a, b.jid().bare(), Presence::Type::Subscribe)
        || !waitForPresence(bReceived, a.jid(), Presence::Type::Subscribe))
        return false;
    if (!sendPresence(b, a.jid().bare(), Presence::Type::Subscribed)
        || !sendPresence(b, a.jid().bare(), Presence::Type::Subscribe)
        || !waitForPresence(aReceived, b.jid(), Presence::Type::Subscribe))
        return false;
    return sendPresence(a, b.jid().bare(), Presence::Type::Subscribed)
        && waitForPresence(bReceived, a.jid(), Presence::Type::Subscribed);
}

/// Prosody delivers friend requests only to "interested" resources, those that asked for the roster
/// (RFC 6121 §3.1.3); the RosterManager does that in the app, a raw request does it here.
bool requestRoster(XmppClient &client)
{
    Iq iq;
    iq.type = Iq::Type::Get;
    iq.payload = Iq::makePayload(u"query"_s, u"jabber:iq:roster"_s);
    std::optional<IqReply> reply;
    QObject context;
    client.sendIq(iq, &context, [&reply](const IqReply &r) { reply = r; });
    QElapsedTimer timer;
    timer.start();
    while (!reply && timer.elapsed() < 10000)
        QTest::qWait(5);
    return reply && reply->isResult();
}

bool hasResource(const QList<ResourcePresence> &resources, const QString &name)
{
    return std::any_of(resources.cbegin(), resources.cend(),
                       [&name](const ResourcePresence &r) { return r.resource == name; });
}
} // namespace

class tst_Presence : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void awayWithChineseStatus();
    void twoResourcesAggregate();
    void offlineThenLastActivity();
    void lastActivityNeedsSubscription();
    void ownPresenceIsInitialPresenceOnEveryLogin();
    void subscriptionRequestsPassThrough();

private:
    bool login(Account &account, const QString &user, const QString &resource);
    ProsodyServer m_server;
};

bool tst_Presence::login(Account &account, const QString &user, const QString &resource)
{
    auto config = configFor(m_server, user, Password);
    config.resource = resource;
    account.client.connectToHost(config);
    return waitConnected(account.client) && requestRoster(account.client);
}

void tst_Presence::initTestCase()
{
    QString error;
    ProsodyServer::Options options;
    options.users = {u"alice:"_s + Password, u"bob:"_s + Password, u"carol:"_s + Password, u"dave:"_s + Password};
    QVERIFY2(m_server.start(options, &error), qPrintable(error));

    // alice <-> bob and alice <-> carol are friends; dave is nobody's.
    Account alice, bob, carol;
    QVERIFY(login(alice, u"alice"_s, u"setup"_s));
    QVERIFY(login(bob, u"bob"_s, u"setup"_s));
    QVERIFY(login(carol, u"carol"_s, u"setup"_s));
    QVERIFY(makeFriends(alice.client, bob.client));
    QVERIFY(makeFriends(alice.client, carol.client));
    // Mutual: each now sees the other's presence (RFC 6121 §3.1.5).
    QTRY_VERIFY(alice.presence->contactPresence(bob.client.jid()).available);
    QTRY_VERIFY(bob.presence->contactPresence(alice.client.jid()).available);
    for (Account *account : {&alice, &bob, &carol}) {
        account->client.disconnectFromHost();
        QVERIFY(waitDisconnected(account->client));
    }
}

void tst_Presence::awayWithChineseStatus()
{
    Account alice, bob;
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(bob, u"bob"_s, u"laptop"_s));
    const Jid bobJid = bob.client.jid().bare();
    QTRY_VERIFY(hasResource(alice.presence->resources(bobJid), u"laptop"_s));
    QCOMPARE(alice.presence->contactPresence(bobJid).show, Presence::Show::None);

    QSignalSpy changed(alice.presence, &PresenceManager::presenceChanged);
    const QString status = u"出去吃饭了，一会儿回来 🍜"_s;
    bob.presence->setOwnPresence(Presence::Show::Away, status, 2);
    QTRY_COMPARE(alice.presence->contactPresence(bobJid).show, Presence::Show::Away);
    const ResourcePresence shown = alice.presence->contactPresence(bobJid);
    QVERIFY(shown.available);
    QCOMPARE(shown.status, status);
    QCOMPARE(shown.priority, 2);
    QCOMPARE(shown.resource, u"laptop"_s);
    QVERIFY(qAbs(shown.lastChange.secsTo(QDateTime::currentDateTimeUtc())) < 30);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.constLast().at(0).value<Jid>(), bobJid);

    bob.client.disconnectFromHost();
    QVERIFY(waitDisconnected(bob.client));
}

void tst_Presence::twoResourcesAggregate()
{
    Account alice, bobPc, bobPhone;
    bobPc.presence->setOwnPresence(Presence::Show::None, u"电脑"_s, 5);
    bobPhone.presence->setOwnPresence(Presence::Show::Away, u"手机"_s, 1);
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(bobPc, u"bob"_s, u"pc"_s));
    QVERIFY(login(bobPhone, u"bob"_s, u"phone"_s));
    const Jid bobJid = bobPc.client.jid().bare();
    QSignalSpy resourcesChanged(alice.presence, &PresenceManager::resourcesChanged);

    QTRY_VERIFY(hasResource(alice.presence->resources(bobJid), u"pc"_s)
                && hasResource(alice.presence->resources(bobJid), u"phone"_s));
    // The higher priority wins although the other is older: pc, online.
    QCOMPARE(alice.presence->contactPresence(bobJid).resource, u"pc"_s);
    QCOMPARE(alice.presence->contactPresence(bobJid).status, u"电脑"_s);
    QCOMPARE(alice.presence->resources(bobJid).constFirst().resource, u"pc"_s);

    // The phone raises its priority: now it is the one shown, away as it is.
    bobPhone.presence->setOwnPresence(Presence::Show::Away, u"手机"_s, 10);
    QTRY_COMPARE(alice.presence->contactPresence(bobJid).resource, u"phone"_s);
    QCOMPARE(alice.presence->contactPresence(bobJid).show, Presence::Show::Away);
    QVERIFY(!resourcesChanged.isEmpty());

    // The phone goes: the pc is shown again, and is the only resource.
    bobPhone.client.disconnectFromHost();
    QVERIFY(waitDisconnected(bobPhone.client));
    QTRY_VERIFY(!hasResource(alice.presence->resources(bobJid), u"phone"_s));
    QCOMPARE(alice.presence->contactPresence(bobJid).resource, u"pc"_s);
    QVERIFY(alice.presence->contactPresence(bobJid).available);

    bobPc.client.disconnectFromHost();
    QVERIFY(waitDisconnected(bobPc.client));
}

void tst_Presence::offlineThenLastActivity()
{
    Account alice, carol;
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(carol, u"carol"_s, u"desk"_s));
    const Jid carolJid = carol.client.jid().bare();
    QTRY_VERIFY(alice.presence->contactPresence(carolJid).available);

    // carol leaves with a word (RFC 6121 §4.5.1), then closes the stream.
    Presence goodbye;
    goodbye.type = Presence::Type::Unavailable;
    goodbye.status = u"下班了，明天见"_s;
    QVERIFY(carol.client.send(goodbye));
    QTRY_VERIFY(!alice.presence->contactPresence(carolJid).available);
    const ResourcePresence offline = alice.presence->contactPresence(carolJid);
    QCOMPARE(offline.status, u"下班了，明天见"_s);
    QVERIFY(alice.presence->resources(carolJid).isEmpty());
    carol.client.disconnectFromHost();
    QVERIFY(waitDisconnected(carol.client));

    // XEP-0012 §3: the server says how long ago carol's last resource went.
    QTest::qWait(2100);
    std::optional<LastActivity> last;
    alice.presence->requestLastActivity(carolJid, this, [&last](const LastActivity &answer) { last = answer; });
    QTRY_VERIFY(last.has_value());
    QVERIFY2(last->isValid(), last->error ? qPrintable(StanzaError::conditionName(last->error->condition)) : "");
    QVERIFY2(last->seconds >= 1 && last->seconds < 120, qPrintable(QString::number(last->seconds)));
}

void tst_Presence::lastActivityNeedsSubscription()
{
    // XEP-0012 §6: without a subscription the server must not tell; the callback gets the error.
    Account alice;
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    std::optional<LastActivity> last;
    alice.presence->requestLastActivity(Jid::fromString(u"dave@localhost"), this,
                                        [&last](const LastActivity &answer) { last = answer; });
    QTRY_VERIFY(last.has_value());
    QCOMPARE(last->status, IqReply::Status::Error);
    QVERIFY(last->error);
    QVERIFY(!last->isValid());
}

void tst_Presence::ownPresenceIsInitialPresenceOnEveryLogin()
{
    Account alice, bob;
    bob.presence->setOwnPresence(Presence::Show::Dnd, u"开会中，请勿打扰"_s, 3);
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(bob, u"bob"_s, u"meeting"_s));
    const Jid bobJid = bob.client.jid().bare();
    QTRY_VERIFY(hasResource(alice.presence->resources(bobJid), u"meeting"_s));
    QCOMPARE(alice.presence->contactPresence(bobJid).show, Presence::Show::Dnd);
    QCOMPARE(alice.presence->contactPresence(bobJid).status, u"开会中，请勿打扰"_s);

    // Logged out and in again: the same presence is sent again, without the app asking.
    bob.client.disconnectFromHost();
    QVERIFY(waitDisconnected(bob.client));
    QTRY_VERIFY(!alice.presence->contactPresence(bobJid).available);
    QVERIFY(login(bob, u"bob"_s, u"meeting"_s));
    QTRY_VERIFY(alice.presence->contactPresence(bobJid).available);
    QCOMPARE(alice.presence->contactPresence(bobJid).show, Presence::Show::Dnd);
    QCOMPARE(alice.presence->contactPresence(bobJid).priority, 3);

    bob.client.disconnectFromHost();
    QVERIFY(waitDisconnected(bob.client));
}

void tst_Presence::subscriptionRequestsPassThrough()
{
    // A friend request is the RosterManager's: the PresenceManager lets it through to presenceReceived.
    Account alice, dave;
    QVERIFY(login(alice, u"alice"_s, u"pc"_s));
    QVERIFY(login(dave, u"dave"_s, u"pc"_s));
    QSignalSpy received(&alice.client, &XmppClient::presenceReceived);
    QSignalSpy changed(alice.presence, &PresenceManager::presenceChanged);
    QVERIFY(sendPresence(dave.client, alice.client.jid().bare(), Presence::Type::Subscribe));
    QVERIFY(waitForPresence(received, dave.client.jid(), Presence::Type::Subscribe));
    QVERIFY(!alice.presence->contacts().contains(dave.client.jid().bare()));
    for (const QList<QVariant> &arguments : std::as_const(changed))
        QVERIFY(arguments.at(0).value<Jid>() != dave.client.jid().bare());
}

QTEST_GUILESS_MAIN(tst_Presence)
#include "tst_presence.moc"
