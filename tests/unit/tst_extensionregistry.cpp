// ExtensionRegistry: the managers of xin, xin-cli and the tests, in their one documented order, the optional
// ones only when asked for, each given the store it may use.
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
};

void tst_ExtensionRegistry::allFeaturesInDocumentedOrder()
{
    XmppClient client;
    const auto installed = ExtensionRegistry::install(client, {}, ExtensionRegistry::allFeatures());
    // The order ExtensionRegistry.h explains: blocking, roster, vCards, presence, avatars, discovery,
    // search, then the message unwrappers before the ChatManager, which takes every message.
    QCOMPARE(classNames(client), (QStringList{u"BlockingManager"_s, u"RosterManager"_s, u"VCardManager"_s,
                                              u"PresenceManager"_s, u"AvatarManager"_s, u"DiscoveryManager"_s,
                                              u"SearchManager"_s, u"CarbonsManager"_s, u"ArchiveManager"_s,
                                              u"ChatManager"_s}));
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
    QTest::newRow("xin-cli vcard") << (Feature::Discovery | Feature::Directory | Feature::Profiles)
                                   << QStringList{blocking, roster, u"VCardManager"_s, u"AvatarManager"_s,
                                                  u"DiscoveryManager"_s, u"SearchManager"_s};
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
        const auto installed = ExtensionRegistry::install(
            client, {&rosterStore, &vCardStore, &avatarStore, &messageStore, &database}, ExtensionRegistry::allFeatures());
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

QTEST_GUILESS_MAIN(tst_ExtensionRegistry)
#include "tst_extensionregistry.moc"
