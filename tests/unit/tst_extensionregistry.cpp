// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ExtensionRegistry: the managers of xin, xin-cli and the tests, in their one documented order, the optional
// ones only when asked for, each given the store it may use. And what makes reading independent of that
// order (Extension): every manager observes every stanza, whoever takes it, and a blocked sender's stanzas
// are dropped for all, wherever the BlockingManager sits.
#include "TestClient.h"

#include "client/ExtensionRegistry.h"
#include "client/XmppClient.h"
#include "extensions/ArchiveManager.h"
#include "extensions/AvatarManager.h"
#include "extensions/BlockingManager.h"
#include "extensions/CarbonsManager.h"
#include "extensions/ChatManager.h"
#include "extensions/DiscoveryManager.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/SearchManager.h"
#include "extensions/VCardManager.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/RosterStore.h"
#include "storage/VCardStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Feature = ExtensionRegistry::Feature;

namespace {

/// The class names of the client's extensions, in the order the client offers them stanzas.
QStringList classNames(const XmppClient &client)
{
    QStringList names;
    for (const Extension *extension : client.extensions())
        names << QString::fromLatin1(extension->metaObject()->className());
    return names;
}

/// An extension that takes every presence and message offered to it: added first, it leaves nothing to the
/// others' handleStanza(), as a manager that wrongly took a shared stanza would.
class Greedy : public Extension
{
public:
    int taken = 0;

protected:
    bool handleStanza(const QDomElement &stanza) override
    {
        if (stanza.tagName() == u"iq")
            return false;
        ++taken;
        return true;
    }
};

/// Signed in with an empty blocklist and the roster @p items, what was sent at session start forgotten.
bool signedIn(TestClient &client, const QString &items)
{
    client.setKeepSessionStart(true);
    if (!client.connectAs())
        return false;
    client.inject(u"<iq type='result' id='id1'><blocklist xmlns='urn:xmpp:blocking'/></iq>"_s);
    client.inject(u"<iq type='result' id='id2'><query xmlns='jabber:iq:roster'>%1</query></iq>"_s.arg(items));
    client.clearSent();
    return true;
}

const QString BobBoth = u"<item jid='bob@example.org' subscription='both'/>"_s;

} // namespace

class tst_ExtensionRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allFeaturesInDocumentedOrder();
    void optionalOnesOnlyWhenAsked_data();
    void optionalOnesOnlyWhenAsked();
    void storesPassed();
    void noStoresKeepNothing();
    void nicknameOfFriendRequestObserved();
    void presenceObservedThoughAnotherTookIt();
    void blockedSenderDroppedWhereverBlockingSits();
};

void tst_ExtensionRegistry::allFeaturesInDocumentedOrder()
{
    XmppClient client;
    const auto installed = ExtensionRegistry::install(client, {}, ExtensionRegistry::allFeatures());
    // The order ExtensionRegistry.h explains: blocking, roster, vCards, presence, avatars, discovery,
    // search, then the message unwrappers before the ChatManager, which takes every message.
    QCOMPARE(classNames(client),
             (QStringList{u"BlockingManager"_s, u"RosterManager"_s, u"VCardManager"_s, u"PresenceManager"_s,
                          u"AvatarManager"_s, u"DiscoveryManager"_s, u"SearchManager"_s, u"CarbonsManager"_s,
                          u"ArchiveManager"_s, u"ChatManager"_s}));
    const QList<Extension *> extensions = client.extensions();
    QCOMPARE(extensions.at(0), installed.blocking);
    QCOMPARE(extensions.at(1), installed.roster);
    QCOMPARE(extensions.at(2), installed.vCards);
    QCOMPARE(extensions.at(3), installed.presence);
    QCOMPARE(extensions.at(4), installed.avatars);
    QCOMPARE(extensions.at(5), installed.discovery);
    QCOMPARE(extensions.at(6), installed.search);
    QCOMPARE(extensions.at(7), installed.carbons);
    QCOMPARE(extensions.at(8), installed.archive);
    QCOMPARE(extensions.at(9), installed.chats);
    for (const Extension *extension : extensions)
        QCOMPARE(extension->client(), &client);
}

void tst_ExtensionRegistry::optionalOnesOnlyWhenAsked_data()
{
    QTest::addColumn<ExtensionRegistry::Features>("features");
    QTest::addColumn<QStringList>("expected");
    const QString blocking = u"BlockingManager"_s, roster = u"RosterManager"_s;
    QTest::newRow("none") << ExtensionRegistry::Features() << QStringList{blocking, roster};
    QTest::newRow("xin-cli roster") << (Feature::Discovery | Feature::Directory)
                                    << QStringList{blocking, roster, u"DiscoveryManager"_s, u"SearchManager"_s};
    QTest::newRow("xin-cli vcard")
        << (Feature::Discovery | Feature::Directory | Feature::Profiles)
        << QStringList{blocking,          roster, u"VCardManager"_s, u"AvatarManager"_s, u"DiscoveryManager"_s,
                       u"SearchManager"_s};
    QTest::newRow("xin-cli listen") << (Feature::Chats | Feature::Carbons)
                                    << QStringList{blocking, roster, u"CarbonsManager"_s, u"ChatManager"_s};
    QTest::newRow("xin-cli history") << (Feature::Chats | Feature::Archive)
                                     << QStringList{blocking, roster, u"ArchiveManager"_s, u"ChatManager"_s};
    QTest::newRow("presence") << ExtensionRegistry::Features(Feature::Presence)
                              << QStringList{blocking, roster, u"PresenceManager"_s};
    // Carbons and archive hand their messages to a ChatManager: without one they are not installed.
    QTest::newRow("carbons without chats") << (Feature::Carbons | Feature::Archive) << QStringList{blocking, roster};
}

void tst_ExtensionRegistry::optionalOnesOnlyWhenAsked()
{
    QFETCH(ExtensionRegistry::Features, features);
    QFETCH(QStringList, expected);
    XmppClient client;
    const auto installed = ExtensionRegistry::install(client, {}, features);
    QCOMPARE(classNames(client), expected);
    QVERIFY(installed.blocking && installed.roster);
    QCOMPARE(installed.presence != nullptr, features.testFlag(Feature::Presence));
    QCOMPARE(installed.vCards != nullptr, features.testFlag(Feature::Profiles));
    QCOMPARE(installed.avatars != nullptr, features.testFlag(Feature::Profiles));
    QCOMPARE(installed.discovery != nullptr, features.testFlag(Feature::Discovery));
    QCOMPARE(installed.search != nullptr, features.testFlag(Feature::Directory));
    const bool chats = features.testFlag(Feature::Chats);
    QCOMPARE(installed.chats != nullptr, chats);
    QCOMPARE(installed.carbons != nullptr, chats && features.testFlag(Feature::Carbons));
    QCOMPARE(installed.archive != nullptr, chats && features.testFlag(Feature::Archive));
}

void tst_ExtensionRegistry::storesPassed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Database database;
    QVERIFY(database.open(Database::filePath(dir.path())));
    RosterStore rosterStore(database);
    VCardStore vCardStore(database);
    MessageStore messageStore(database);
    AvatarStore avatarStore(dir.filePath(u"avatars"_s));
    {
        XmppClient client;
        const auto installed = ExtensionRegistry::install(client,
                                                          {&rosterStore, &vCardStore, &avatarStore, &messageStore,
                                                           &database},
                                                          ExtensionRegistry::allFeatures());
        QCOMPARE(installed.roster->store(), &rosterStore);
        QCOMPARE(installed.vCards->store(), &vCardStore);
        QCOMPARE(installed.avatars->store(), &avatarStore);
        QCOMPARE(installed.chats->store(), &messageStore);
        // The client and its managers go first: the stores outlive them, as the registry asks.
    }
}

void tst_ExtensionRegistry::noStoresKeepNothing()
{
    XmppClient client;
    const auto installed = ExtensionRegistry::install(client, {}, ExtensionRegistry::allFeatures());
    QCOMPARE(installed.roster->store(), nullptr);
    QCOMPARE(installed.vCards->store(), nullptr);
    QCOMPARE(installed.avatars->store(), nullptr);
    QCOMPARE(installed.chats->store(), nullptr);
}

void tst_ExtensionRegistry::nicknameOfFriendRequestObserved()
{
    // The RosterManager, before the VCardManager, takes the friend request; the VCardManager still reads the
    // nickname in it (XEP-0172 §4.2). xin-cli had them in this order and lost such nicknames.
    TestClient client;
    const auto managers = ExtensionRegistry::install(client, {}, Feature::Profiles);
    QVERIFY(signedIn(client, {}));
    QSignalSpy requests(managers.roster, &RosterManager::friendRequestReceived);
    QSignalSpy nicknames(managers.vCards, &VCardManager::nicknameChanged);
    client.inject(u"<presence from='carol@example.org' type='subscribe'>"
                  "<nick xmlns='http://jabber.org/protocol/nick'>小卡</nick></presence>"_s);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(nicknames.size(), 1);
    QCOMPARE(managers.vCards->nickname(Jid::fromString(u"carol@example.org"_s)), u"小卡"_s);
    client.expectNoSent();   // the request waits for the user (manual mode)
}

void tst_ExtensionRegistry::presenceObservedThoughAnotherTookIt()
{
    TestClient client;
    auto *greedy = client.addExtension<Greedy>();   // first: takes every presence and message
    const auto managers = ExtensionRegistry::install(client, {}, Feature::Presence | Feature::Profiles);
    QVERIFY(signedIn(client, BobBoth));
    QSignalSpy presenceChanged(managers.presence, &PresenceManager::presenceChanged);
    QSignalSpy nicknames(managers.vCards, &VCardManager::nicknameChanged);
    const QString hash = u"0123456789abcdef0123456789abcdef01234567"_s;
    client.inject(u"<presence from='bob@example.org/phone'><show>away</show>"
                  "<nick xmlns='http://jabber.org/protocol/nick'>鲍勃</nick>"
                  "<x xmlns='vcard-temp:x:update'><photo>%1</photo></x></presence>"_s.arg(hash));
    QCOMPARE(greedy->taken, 1);
    // Each reader saw it: the contact's state (RFC 6121 §4), the nickname, the avatar hash (XEP-0153 §4.3),
    // which the avatar manager fetches as the vCard it comes from.
    QCOMPARE(presenceChanged.size(), 1);
    QVERIFY(managers.presence->contactPresence(Jid::fromString(u"bob@example.org"_s)).available);
    QCOMPARE(nicknames.size(), 1);
    QCOMPARE(managers.vCards->nickname(Jid::fromString(u"bob@example.org"_s)), u"鲍勃"_s);
    const QDomElement fetch = client.takeSent();
    QCOMPARE(fetch.attribute(u"to"_s), u"bob@example.org"_s);
    QCOMPARE(fetch.firstChildElement().namespaceURI(), u"vcard-temp"_s);
}

void tst_ExtensionRegistry::blockedSenderDroppedWhereverBlockingSits()
{
    // The BlockingManager last, after everyone that would take a blocked sender's stanzas.
    TestClient client;
    auto *roster = client.addExtension<RosterManager>();
    auto *vCards = client.addExtension<VCardManager>();
    auto *blocking = client.addExtension<BlockingManager>();
    client.setKeepSessionStart(true);
    QVERIFY(client.connectAs());
    client.inject(uR"(<iq type='result' id='id1'><query xmlns='jabber:iq:roster'/></iq>
                      <iq type='result' id='id2'><blocklist xmlns='urn:xmpp:blocking'>
                        <item jid='spam@example.net'/></blocklist></iq>)"_s);
    QVERIFY(blocking->isBlocked(Jid::fromString(u"spam@example.net/bot"_s)));
    client.clearSent();

    QSignalSpy requests(roster, &RosterManager::friendRequestReceived);
    QSignalSpy nicknames(vCards, &VCardManager::nicknameChanged);
    QSignalSpy messages(&client, &XmppClient::messageReceived);
    QSignalSpy presences(&client, &XmppClient::presenceReceived);
    client.inject(u"<presence from='spam@example.net' type='subscribe'>"
                  "<nick xmlns='http://jabber.org/protocol/nick'>免费</nick></presence>"_s);
    client.inject(u"<message from='spam@example.net/bot' type='chat'><body>点这里</body></message>"_s);
    // XEP-0191 §3.4: nobody sees them, neither the managers (taking or reading) nor the client's signals.
    QCOMPARE(requests.size(), 0);
    QCOMPARE(nicknames.size(), 0);
    QCOMPARE(messages.size(), 0);
    QCOMPARE(presences.size(), 0);
    client.expectNoSent();   // dropped, not answered

    // Someone else's friend request still arrives.
    client.inject(u"<presence from='carol@example.org' type='subscribe'/>"_s);
    QCOMPARE(requests.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ExtensionRegistry)
#include "tst_extensionregistry.moc"
