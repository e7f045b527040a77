// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// ChatController on a TestClient: a failed message the user asks to send again (its red mark, "Resend") goes
// out again with its own id (ChatManager::retry(), docs/SECURITY.md rule 9) and shows the clock until the
// server confirms it.
#include "AppTestUtils.h"
#include "TestClient.h"

#include "ChatController.h"
#include "ProfilesController.h"

#include "chat/ChatWindow.h"
#include "client/ExtensionRegistry.h"
#include "common/AvatarImages.h"
#include "main/MainWindow.h"
#include "models/MessageListModel.h"
#include "models/RosterModel.h"
#include "roster/ContactListView.h"
#include "roster/FriendRequestsDialog.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace AppTestUtils;
using Feature = ExtensionRegistry::Feature;

namespace {

const Jid Bob = Jid::fromString(u"bob@example.org"_s);

/// What Application builds around a ChatController, on a TestClient.
struct Fixture
{
    QTemporaryDir profile;
    TestClient client;
    Database database;
    std::unique_ptr<MessageStore> store;
    AvatarStore avatarStore{profile.filePath(u"avatars"_s)};
    AvatarImages images{&avatarStore};
    ExtensionRegistry::Installed managers;
    std::unique_ptr<RosterModel> model;
    MainWindow main;
    ContactListView *view = new ContactListView;   // owned by main
    FriendRequestsDialog requests;
    std::unique_ptr<ProfilesController> profiles;
    std::unique_ptr<ChatController> chats;

    Fixture()
    {
        if (!database.open(u":memory:"_s))
            qFatal("no database");
        store = std::make_unique<MessageStore>(database);
        managers = ExtensionRegistry::install(client, {nullptr, nullptr, &avatarStore, store.get(), &database},
                                              Feature::Presence | Feature::Profiles | Feature::Chats
                                                  | Feature::Archive);
        model = std::make_unique<RosterModel>(managers.roster, managers.presence);
        main.setContactView(view, model.get());
        profiles = std::make_unique<ProfilesController>(
            ProfilesController::Parts{&client, managers.vCards, managers.avatars, nullptr, &images, managers.roster,
                                      model.get(), view, &main, &requests});
        chats = std::make_unique<ChatController>(
            ChatController::Parts{&client, managers.chats, managers.archive, store.get(), &images, managers.avatars,
                                  &database, model.get(), view, &main, profiles.get()});
    }

    /// Our message to Bob that the server refused.
    ChatMessage failedMessage()
    {
        ChatMessage m;
        m.chat = Bob;
        m.body = u"没发出去"_s;
        m.timestamp = QDateTime::currentDateTimeUtc().addSecs(-60);
        m.direction = ChatMessage::Direction::Outgoing;
        m.id = u"lost-1"_s;
        m.originId = u"lost-1"_s;
        m.state = ChatMessage::State::Pending;
        if (store->add(m) != MessageStore::AddResult::Added
            || !store->setState(m.rowId, ChatMessage::State::Failed, u"service-unavailable"_s))
            qFatal("not stored");
        return *store->message(m.rowId);
    }
};

} // namespace

class tst_ChatController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void failedMessageIsSentAgainWithItsId();
};

void tst_ChatController::failedMessageIsSentAgainWithItsId()
{
    Fixture f;
    const ChatMessage failed = f.failedMessage();
    QVERIFY(f.client.connectAs());   // what the session start sends is dropped
    f.chats->openChat(Bob);
    ChatWindow *window = f.chats->chatWindow();
    QVERIFY(window);
    MessageListModel *model = window->messageModel(Bob);
    QVERIFY(model);
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex index = model->index(0, 0);
    QCOMPARE(ChatMessage::State(index.data(MessageListModel::StateRole).toInt()), ChatMessage::State::Failed);

    Q_EMIT window->retryRequested(failed.rowId);   // the red mark or "Resend" (tst_chatwindow clicks them)
    QDomElement sent;
    for (QDomElement next = f.client.takeSent(); !next.isNull(); next = f.client.takeSent()) {
        if (next.tagName() == u"message")
            sent = next;
    }
    QVERIFY(!sent.isNull());
    QCOMPARE(sent.attribute(u"id"_s), u"lost-1"_s);   // the same id: the recipient's de-duplication holds
    QCOMPARE(sent.attribute(u"to"_s), Bob.bareString());
    QCOMPARE(sent.firstChildElement(u"body"_s).text(), u"没发出去"_s);
    // Without stream management, written is all the client can know: one tick, not the red mark.
    QCOMPARE(ChatMessage::State(index.data(MessageListModel::StateRole).toInt()), ChatMessage::State::Sent);
    QCOMPARE(f.store->message(failed.rowId)->state, ChatMessage::State::Sent);
}

QTEST_MAIN(tst_ChatController)
#include "tst_chatcontroller.moc"
