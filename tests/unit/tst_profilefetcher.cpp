// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ProfileFetcher over the in-memory transport: profiles (XEP-0054 vCards) fetched on demand, at most
// MaxInFlight at once and each JID once per run, after a start delay, ahead of the queue for someone the
// user waits to see, again after a dropped connection, and for strangers only at a bounded rate
// (docs/SECURITY.md rule 10).
#include "ImageTestUtils.h"
#include "TestClient.h"

#include "extensions/AvatarManager.h"
#include "extensions/ProfileFetcher.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "storage/AvatarStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QString vCardRequest(const QString &id, const QString &to)
{
    return u"<iq type='get' id='%1' to='%2'><vCard xmlns='vcard-temp'/></iq>"_s.arg(id, to);
}

/// A vCard with a photo, so that the AvatarManager takes its avatar from it and asks nothing more.
QString vCardResult(const QString &id, const QString &from)
{
    return u"<iq type='result' id='%1' from='%2'><vCard xmlns='vcard-temp'><FN>%2</FN><PHOTO><TYPE>image/png</TYPE>"
           "<BINVAL>%3</BINVAL></PHOTO>"
           "</vCard></iq>"_s.arg(id, from, QString::fromLatin1(ImageTestUtils::png(4, 4).toBase64()));
}

/// A client with the managers ProfileFetcher needs (the AvatarManager without a VCardManager of its own,
/// so that it asks nothing as the session starts) and, if asked, a RosterManager whose roster holds Bob.
struct Fixture
{
    TestClient client;
    VCardManager *vCards = client.addExtension<VCardManager>();
    AvatarManager *avatars = client.addExtension<AvatarManager>(nullptr, nullptr);
    RosterManager *roster = nullptr;
    ProfileFetcher fetcher{&client, vCards, avatars};
    QSignalSpy fetched{&fetcher, &ProfileFetcher::profileFetched};

    explicit Fixture(bool withRoster = false)
    {
        fetcher.setStartDelay(0ms);
        if (withRoster) {
            roster = client.addExtension<RosterManager>();
            fetcher.setRosterManager(roster);
            client.setKeepSessionStart(true);
        }
    }
    /// Signs in and lets the start delay pass; the roster (Bob) answered if there is one.
    bool connect()
    {
        if (!client.connectAs(u"alice@example.org/desk"_s))
            return false;
        if (roster) {
            client.expect(u"<iq type='get' id='id1'><query xmlns='jabber:iq:roster'/></iq>"_s);
            client.inject(u"<iq type='result' id='id1'><query xmlns='jabber:iq:roster'>"
                          "<item jid='bob@example.org' subscription='both'/></query></iq>"_s);
            client.clearSent();
            client.resetIds();
        }
        QTest::qWait(1);   // the zero start delay runs from the event loop
        return true;
    }
};

} // namespace

class tst_ProfileFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void waitsForTheStartDelay();
    void requestFirstDoesNotWait();
    void atMostMaxInFlightInOrder();
    void onceNeverOwnNeverServers();
    void cachedProfileNotFetched();
    void errorsAndTimeoutsAreAnswers();
    void droppedConnectionAsksAgain();
    void strangersRateLimited();
};

void tst_ProfileFetcher::waitsForTheStartDelay()
{
    // The presences after sign-in bring the hashes that fetch vCards anyway: the queue waits for them.
    Fixture f;
    f.fetcher.setStartDelay(50ms);
    f.fetcher.request(Jid::fromString(u"bob@example.org/phone"));   // before signing in: queued
    QCOMPARE(f.fetcher.queued(), 1);
    QVERIFY(f.client.connectAs(u"alice@example.org/desk"_s));
    f.client.expectNoSent();
    QTRY_COMPARE_WITH_TIMEOUT(f.client.sentCount(), 1, 2000);
    f.client.expect(vCardRequest(u"id1"_s, u"bob@example.org"_s));
    QCOMPARE(f.fetcher.inFlight(), 1);
    f.client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s));
    QCOMPARE(f.fetched.size(), 1);
    QCOMPARE(f.fetched.at(0).at(0).value<Jid>(), Jid::fromString(u"bob@example.org"));
    QVERIFY(f.fetched.at(0).at(1).toBool());
    QCOMPARE(f.vCards->cachedVCard(Jid::fromString(u"bob@example.org"))->fullName, u"bob@example.org"_s);
    QCOMPARE(f.avatars->avatarHash(Jid::fromString(u"bob@example.org")),
             AvatarStore::sha1Hex(ImageTestUtils::png(4, 4)));
    f.client.expectNoSent();
}

void tst_ProfileFetcher::requestFirstDoesNotWait()
{
    // Someone the user is waiting to see (an opened friend request) is asked at once.
    Fixture f;
    f.fetcher.setStartDelay(10s);
    QVERIFY(f.client.connectAs(u"alice@example.org/desk"_s));
    f.fetcher.request(Jid::fromString(u"carol@example.org"));
    f.fetcher.requestFirst(Jid::fromString(u"bob@example.org"));
    f.client.expect(vCardRequest(u"id1"_s, u"bob@example.org"_s));
    f.client.expectNoSent();
    QCOMPARE(f.fetcher.queued(), 1);
}

void tst_ProfileFetcher::atMostMaxInFlightInOrder()
{
    Fixture f;
    QVERIFY(f.connect());
    const QStringList people{u"a@example.org"_s, u"b@example.org"_s, u"c@example.org"_s,
                             u"d@example.org"_s, u"e@example.org"_s, u"f@example.org"_s};
    for (const QString &jid : people)
        f.fetcher.request(Jid::fromString(jid));
    for (int i = 0; i < ProfileFetcher::MaxInFlight; ++i)
        f.client.expect(vCardRequest(u"id%1"_s.arg(i + 1), people.at(i)));
    f.client.expectNoSent();
    QCOMPARE(f.fetcher.queued(), 2);
    // f jumps the queue; a second requestFirst of someone in flight changes nothing.
    f.fetcher.requestFirst(Jid::fromString(u"f@example.org"));
    f.fetcher.requestFirst(Jid::fromString(u"a@example.org"));
    QVERIFY(f.fetcher.isPending(Jid::fromString(u"f@example.org/x")));
    f.client.inject(vCardResult(u"id2"_s, u"b@example.org"_s));
    f.client.expect(vCardRequest(u"id5"_s, u"f@example.org"_s));
    f.client.inject(vCardResult(u"id1"_s, u"a@example.org"_s));
    f.client.expect(vCardRequest(u"id6"_s, u"e@example.org"_s));
    f.client.expectNoSent();
    QCOMPARE(f.fetcher.queued(), 0);
    QCOMPARE(f.fetcher.inFlight(), ProfileFetcher::MaxInFlight);
}

void tst_ProfileFetcher::onceNeverOwnNeverServers()
{
    Fixture f;
    QVERIFY(f.connect());
    // Ours is read at login; servers and components have no person's vCard.
    f.fetcher.request(Jid::fromString(u"alice@example.org/phone"));
    f.fetcher.request(Jid::fromString(u"example.org"));
    f.fetcher.requestFirst(Jid::fromString(u"conference.example.org/room"));
    f.client.expectNoSent();
    f.fetcher.request(Jid::fromString(u"bob@example.org/a"));
    f.fetcher.request(Jid::fromString(u"bob@example.org/b"));
    f.client.expect(vCardRequest(u"id1"_s, u"bob@example.org"_s));
    f.client.expectNoSent();
    f.client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s));
    f.fetcher.request(Jid::fromString(u"bob@example.org"));
    f.fetcher.requestFirst(Jid::fromString(u"bob@example.org"));
    f.client.expectNoSent();
    QCOMPARE(f.fetched.size(), 1);
}

void tst_ProfileFetcher::cachedProfileNotFetched()
{
    Fixture f;
    QVERIFY(f.connect());
    f.vCards->requestVCard(Jid::fromString(u"bob@example.org"), &f.client, [](const VCardManager::VCardReply &) { });
    f.client.clearSent();
    f.client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s));
    f.fetcher.request(Jid::fromString(u"bob@example.org"));
    QVERIFY(!f.fetcher.isPending(Jid::fromString(u"bob@example.org")));
    f.client.expectNoSent();
}

void tst_ProfileFetcher::errorsAndTimeoutsAreAnswers()
{
    // A refusal or a timeout is this run's answer: asking again would cost the same.
    Fixture f;
    auto config = f.client.configuration();
    config.iqTimeout = 30ms;
    f.client.setConfiguration(config);
    QVERIFY(f.connect());
    f.fetcher.request(Jid::fromString(u"bob@example.org"));
    f.fetcher.request(Jid::fromString(u"carol@example.org"));
    f.client.clearSent();
    f.client.inject(u"<iq type='error' id='id1' from='bob@example.org'><error type='auth'>"
                    "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s);
    QCOMPARE(f.fetched.size(), 1);
    QVERIFY(!f.fetched.at(0).at(1).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(f.fetched.size(), 2, 2000);
    QCOMPARE(f.fetched.at(1).at(0).value<Jid>(), Jid::fromString(u"carol@example.org"));
    QVERIFY(!f.fetched.at(1).at(1).toBool());
    f.fetcher.request(Jid::fromString(u"bob@example.org"));
    f.fetcher.request(Jid::fromString(u"carol@example.org"));
    f.client.expectNoSent();
    QCOMPARE(f.fetcher.inFlight(), 0);
}

void tst_ProfileFetcher::droppedConnectionAsksAgain()
{
    // Never answered is not an answer: asked again after the next sign-in, and nothing is said meanwhile.
    Fixture f;
    QVERIFY(f.connect());
    f.fetcher.request(Jid::fromString(u"bob@example.org"));
    f.client.expect(vCardRequest(u"id1"_s, u"bob@example.org"_s));
    f.client.dropConnection();
    QCOMPARE(f.fetched.size(), 0);
    QCOMPARE(f.fetcher.queued(), 1);
    QCOMPARE(f.fetcher.inFlight(), 0);
    QVERIFY(f.connect());
    f.client.expect(vCardRequest(u"id1"_s, u"bob@example.org"_s));
    f.client.inject(vCardResult(u"id1"_s, u"bob@example.org"_s));
    QCOMPARE(f.fetched.size(), 1);
}

void tst_ProfileFetcher::strangersRateLimited()
{
    // docs/SECURITY.md rule 10 (issue 13, finding 6): ten thousand friend requests must not cost ten
    // thousand vCard requests. Strangers share StrangerBurst requests, then one per StrangerInterval; one
    // over the rate is dropped, not remembered, so that asking later fetches it. Contacts are not limited.
    Fixture f(true);
    QVERIFY(f.connect());
    for (int i = 0; i < ProfileFetcher::StrangerBurst + 3; ++i)
        f.fetcher.request(Jid::fromString(u"bot%1@spam.example"_s.arg(i)));
    QCOMPARE(f.fetcher.inFlight() + f.fetcher.queued(), ProfileFetcher::StrangerBurst);
    QVERIFY(!f.fetcher.isPending(Jid::fromString(u"bot%1@spam.example"_s.arg(ProfileFetcher::StrangerBurst))));
    f.fetcher.request(Jid::fromString(u"bob@example.org"));
    QVERIFY(f.fetcher.isPending(Jid::fromString(u"bob@example.org")));
    for (int i = 0; i < ProfileFetcher::MaxInFlight; ++i)
        f.client.expect(vCardRequest(u"id%1"_s.arg(i + 1), u"bot%1@spam.example"_s.arg(i)));
    f.client.expectNoSent();
}

QTEST_GUILESS_MAIN(tst_ProfileFetcher)
#include "tst_profilefetcher.moc"
