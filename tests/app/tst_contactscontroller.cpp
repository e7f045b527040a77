// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ContactsController on a TestClient: friend requests from the server to the inbox and the user's answer back
// as XML, blocking from the contact list, and what a blocked sender can no longer reach.
#include "AppTestUtils.h"
#include "TestClient.h"

#include "ContactsController.h"
#include "ProfilesController.h"

#include "client/ExtensionRegistry.h"
#include "common/AvatarImages.h"
#include "extensions/BlockingManager.h"
#include "extensions/DirectorySearch.h"
#include "extensions/RosterManager.h"
#include "main/MainWindow.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "roster/ContactListView.h"
#include "roster/FriendRequestsDialog.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace AppTestUtils;
using Feature = ExtensionRegistry::Feature;

namespace {

const QString Bob = u"bob@example.org"_s;

/// What Application builds around a ContactsController, on a TestClient.
struct Fixture
{
    QTemporaryDir profile;
    TestClient client;
    ExtensionRegistry::Installed managers = ExtensionRegistry::install(client, {},
                                                                       Feature::Presence | Feature::Profiles
                                                                           | Feature::Directory);
    Database database;   // closed: no preferences kept
    AvatarStore avatarStore{profile.filePath(u"avatars"_s)};
    AvatarImages images{&avatarStore};
    DirectorySearch directory{managers.search};
    RosterModel model{managers.roster, managers.presence};
    RosterFilterModel filter;
    MainWindow main;
    ContactListView *view = new ContactListView;   // owned by main
    FriendRequestsDialog requests;
    std::unique_ptr<ProfilesController> profiles;
    std::unique_ptr<ContactsController> contacts;

    Fixture()
    {
        filter.setSourceModel(&model);
        main.setContactView(view, &filter);
        profiles = std::make_unique<ProfilesController>(
            ProfilesController::Parts{&client, managers.vCards, managers.avatars, nullptr, &images, managers.roster,
                                      &model, view, &main, &requests});
        contacts = std::make_unique<ContactsController>(
            ContactsController::Parts{managers.roster, managers.blocking, managers.presence, &directory, &model,
                                      &filter, view, &main, profiles.get(), &requests, &database,
                                      [] { return Jid::fromString(TestClient::DefaultJid).bare(); }});
    }

    /// Signed in, with the roster @p items (XML <item/>s) and an empty blocklist; the next request is "id5".
    bool signedIn(const QString &items = {})
    {
        client.setKeepSessionStart(true);
        if (!client.connectAs())
            return false;
        client.expect(u"<iq type='get' id='id1'><blocklist xmlns='urn:xmpp:blocking'/></iq>"_s);
        client.expect(u"<iq type='get' id='id2'><query xmlns='jabber:iq:roster'/></iq>"_s);
        client.inject(u"<iq type='result' id='id1'><blocklist xmlns='urn:xmpp:blocking'/></iq>"_s);
        client.inject(u"<iq type='result' id='id2'><query xmlns='jabber:iq:roster'>%1</query></iq>"_s.arg(items));
        // Our own vCard, asked by the AvatarManager (its photo) and the ProfilesController (our name), then
        // the initial presence, after the roster (RFC 6121 §2.2), with the avatar hash (XEP-0153 §4.1).
        client.expect(u"<iq type='get' id='id3'><vCard xmlns='vcard-temp'/></iq>"_s);
        client.expect(u"<iq type='get' id='id4'><vCard xmlns='vcard-temp'/></iq>"_s);
        client.expect(u"<presence><x xmlns='vcard-temp:x:update'/></presence>"_s);
        client.expectNoSent();
        return managers.roster->isRosterReceived() && managers.blocking->isLoaded();
    }

    /// The inbox row of @p jid's friend request, once it shows (the inbox is rebuilt on the next turn).
    QWidget *requestRow(const QString &jid) { return requests.findChild<QWidget *>(u"friendRequest:"_s + jid); }
};

} // namespace

class tst_ContactsController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void friendRequestAcceptedFromInbox();
    void friendRequestRefusedFromInbox();
    void blockFromContactList();
};

void tst_ContactsController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ContactsController::friendRequestAcceptedFromInbox()
{
    Fixture f;
    QVERIFY(f.signedIn());
    f.client.inject(uR"(<presence from='bob@example.org' to='alice@example.org' type='subscribe'>
                          <nick xmlns='http://jabber.org/protocol/nick'>鲍勃</nick><status>我是 Bob</status></presence>)"_s);
    QTRY_VERIFY(f.requestRow(Bob));
    QCOMPARE(f.requests.incomingCount(), 1);
    auto *badge = child<QLabel>(&f.main, u"friendRequestsBadge"_s);
    QCOMPARE(badge->text(), u"1"_s);

    QWidget *row = f.requestRow(Bob);
    child<QPushButton>(row, u"acceptButton"_s)->click();
    child<QPushButton>(row, u"confirmAcceptButton"_s)->click();
    // RFC 6121 §3.1.4: the item (in the default group, no remark), approval, and a request back: mutual.
    f.client.expect(
        u"<iq type='set' id='id5'><query xmlns='jabber:iq:roster'><item jid='bob@example.org'/></query></iq>"_s);
    f.client.expect(u"<presence to='bob@example.org' type='subscribed'/>"_s);
    f.client.expect(u"<presence to='bob@example.org' type='subscribe'/>"_s);
    f.client.expectNoSent();
    QTRY_COMPARE(f.requests.incomingCount(), 0);
    QVERIFY(!badge->isVisibleTo(&f.main));
}

void tst_ContactsController::friendRequestRefusedFromInbox()
{
    Fixture f;
    QVERIFY(f.signedIn());
    f.client.inject(u"<presence from='bob@example.org' type='subscribe'/>"_s);
    QTRY_VERIFY(f.requestRow(Bob));
    child<QPushButton>(f.requestRow(Bob), u"refuseButton"_s)->click();
    // RFC 6121 §3.2.1: 'unsubscribed' refuses; nothing else goes out, and the request leaves the inbox.
    f.client.expect(u"<presence to='bob@example.org' type='unsubscribed'/>"_s);
    f.client.expectNoSent();
    QTRY_COMPARE(f.requests.incomingCount(), 0);
    QVERIFY(!child<QLabel>(&f.main, u"friendRequestsBadge"_s)->isVisibleTo(&f.main));
    QVERIFY(!f.managers.roster->contains(Jid::fromString(Bob)));
}

void tst_ContactsController::blockFromContactList()
{
    Fixture f;
    QVERIFY(f.signedIn(u"<item jid='bob@example.org' subscription='both' name='鲍勃'/>"_s));
    Q_EMIT f.view->blockRequested(Jid::fromString(u"bob@example.org/phone"_s));
    // XEP-0191 §3.3: the bare JID; the list changes once the server agrees.
    f.client.expect(
        u"<iq type='set' id='id5'><block xmlns='urn:xmpp:blocking'><item jid='bob@example.org'/></block></iq>"_s);
    QVERIFY(!f.managers.blocking->isBlocked(Jid::fromString(Bob)));
    f.client.inject(u"<iq type='result' id='id5'/>"_s);
    QVERIFY(f.managers.blocking->isBlocked(Jid::fromString(Bob)));

    // What bob still sends reaches neither the inbox nor the client's signals (XEP-0191 §3.4, defence in depth).
    QSignalSpy messages(&f.client, &XmppClient::messageReceived);
    QSignalSpy requests(f.managers.roster, &RosterManager::friendRequestReceived);
    f.client.inject(u"<presence from='bob@example.org' type='subscribe'/>"_s);
    f.client.inject(u"<message from='bob@example.org/phone' type='chat'><body>在吗</body></message>"_s);
    QTest::qWait(10);   // the inbox would be rebuilt on the next turn
    QCOMPARE(requests.size(), 0);
    QCOMPARE(messages.size(), 0);
    QCOMPARE(f.requests.incomingCount(), 0);
    f.client.expectNoSent();
}

QTEST_MAIN(tst_ContactsController)
#include "tst_contactscontroller.moc"
