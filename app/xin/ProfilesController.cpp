// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProfilesController.h"

#include "client/ClientErrors.h"
#include "client/XmppClient.h"
#include "common/AvatarImages.h"
#include "common/AvatarPainter.h"
#include "extensions/AvatarManager.h"
#include "extensions/ProfileFetcher.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "main/MainWindow.h"
#include "models/DisplayName.h"
#include "models/RosterModel.h"
#include "profile/ProfileView.h"
#include "profile/VCardEditor.h"
#include "roster/ContactDelegate.h"
#include "roster/ContactListView.h"
#include "roster/FriendRequestsDialog.h"
#include "storage/VCardStore.h"

#include <QLoggingCategory>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcProfiles, "xin.profiles")

namespace {
// Pictures are decoded once at this size and scaled down by the painters (2x the 40 px rows for HiDPI).
const QSize AvatarDecodeSize(96, 96);
// Notification servers show icons at 48 to 64 px; larger is scaled down cleanly.
constexpr int NotificationAvatarSize = 64;
}

ProfilesController::ProfilesController(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    , m_fetcher(new ProfileFetcher(parts.client, parts.vCards, parts.avatars, this))
{
    m_fetcher->setRosterManager(m_parts.roster);   // strangers' profiles (friend requests) are rate-limited
    m_parts.view->contactDelegate()->setAvatarSource(
        [images = m_parts.images](const QString &hash) { return images->image(hash, AvatarDecodeSize); });
    connect(m_parts.vCards, &VCardManager::vCardReceived, this, [this](const Jid &jid, const VCard &card) {
        if (jid == m_parts.client->jid().bare())
            showOwnProfile(card);
        else
            showContactProfile(jid, card);
    });
    connect(m_parts.vCards, &VCardManager::nicknameChanged, this, [this](const Jid &jid) {
        const VCard card = m_parts.vCards->cachedVCard(jid).value_or(VCard{});
        m_parts.model->setProfile(jid, m_parts.vCards->nickname(jid), card.fullName);
    });
    connect(m_parts.avatars, &AvatarManager::avatarChanged, this, &ProfilesController::avatarChanged);
    connect(m_parts.avatars, &AvatarManager::avatarRefused, this, [](const Jid &jid, const QString &reason) {
        qCWarning(lcProfiles).noquote() << "avatar of" << jid.bareString() << "refused:" << reason;
    });
    connect(m_parts.view, &ContactListView::viewProfileRequested, this, &ProfilesController::showProfile);
    // Contacts that never advertise an avatar hash (offline ones, clients without XEP-0153): their profile
    // once they are on screen; the fetcher skips the cached, asks each once, a few at a time.
    connect(m_parts.view, &ContactListView::profileWanted, m_fetcher, &ProfileFetcher::request);
    // Someone asking to be a friend is usually a stranger: their face and name for the inbox.
    connect(m_parts.roster, &RosterManager::friendRequestReceived, m_fetcher,
            [this](const Jid &jid) { m_fetcher->requestFirst(jid); });
    connect(m_parts.roster, &RosterManager::pendingRequestsChanged, m_fetcher, [this] {
        for (const RosterManager::FriendRequest &request : m_parts.roster->pendingRequests())
            m_fetcher->request(request.jid);
    });
    if (m_parts.requests) {
        m_parts.requests->setAvatarSource([this](const Jid &jid) {
            const QString hash = m_parts.avatars->avatarHash(jid);
            return hash.isEmpty() ? QImage() : m_parts.images->image(hash, AvatarDecodeSize);
        });
    }
    connect(m_parts.main, &MainWindow::editProfileRequested, this, &ProfilesController::editOwnProfile);
    connect(m_parts.client, &XmppClient::connected, this, [this] {
        // Our own vCard: the header's name, and the nickname our friend requests carry (XEP-0172).
        m_parts.vCards->requestVCard({}, this, [](const VCardManager::VCardReply &) { });
    });
    loadCachedProfiles();
}

void ProfilesController::loadCachedProfiles()
{
    // The cache paints names and faces at start, before the network answers.
    if (!m_parts.vCardStore)
        return;
    for (const Jid &jid : m_parts.vCardStore->jids()) {
        if (const auto card = m_parts.vCardStore->vCard(jid))
            m_parts.model->setProfile(jid, card->nickname, card->fullName);
        const QString hash = m_parts.vCardStore->avatarHash(jid);
        if (!hash.isEmpty())
            m_parts.model->setAvatarKey(jid, hash);
    }
}

QString ProfilesController::ownName() const
{
    return m_ownName;
}

void ProfilesController::showContactProfile(const Jid &bareJid, const VCard &card)
{
    m_parts.model->setProfile(bareJid, m_parts.vCards->nickname(bareJid), card.fullName);
}

void ProfilesController::showOwnProfile(const VCard &card)
{
    const Jid own = m_parts.client->jid().bare();
    m_ownName = DisplayName::choose(own, QString(), card.nickname, card.fullName);
    m_parts.main->setDisplayName(m_ownName);
    m_parts.roster->setNickname(card.nickname);
}

void ProfilesController::avatarChanged(const Jid &bareJid, const QString &hash)
{
    if (bareJid == m_parts.client->jid().bare()) {
        m_parts.main->setOwnAvatar(hash.isEmpty() ? QImage() : m_parts.images->image(hash, AvatarDecodeSize));
        return;
    }
    m_parts.model->setAvatarKey(bareJid, hash);
    if (m_parts.requests)
        m_parts.requests->refreshAvatar(bareJid);
}

QIcon ProfilesController::avatarIcon(const Jid &jid) const
{
    const Jid bare = jid.bare();
    const QString hash = m_parts.avatars->avatarHash(bare);
    const QImage image = hash.isEmpty() ? QImage() : m_parts.images->image(hash, AvatarDecodeSize);
    if (!image.isNull())
        return QIcon(AvatarPainter::fromImage(image, NotificationAvatarSize, 1.0));
    const auto item = m_parts.roster->item(bare);
    const VCard card = m_parts.vCards->cachedVCard(bare).value_or(VCard{});
    const QString name = DisplayName::choose(bare, item ? item->name : QString(), m_parts.vCards->nickname(bare),
                                             card.fullName);
    return QIcon(AvatarPainter::placeholder(name, bare.bareString(), NotificationAvatarSize, 1.0));
}

void ProfilesController::withProfile(const Jid &jid, QObject *context, std::function<void()> callback,
                                     std::chrono::milliseconds patience)
{
    const Jid bare = jid.bare();
    m_fetcher->requestFirst(bare);
    if (!m_fetcher->isPending(bare)) {
        callback();   // cached, ours, or answered already
        return;
    }
    // Whichever comes first, the answer or the end of patience; the timer dies with the context.
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    auto done = std::make_shared<bool>(false);
    auto finish = [timer, done, callback] {
        if (*done)
            return;
        *done = true;
        timer->stop();
        timer->deleteLater();
        callback();
    };
    connect(timer, &QTimer::timeout, timer, finish);
    connect(m_fetcher, &ProfileFetcher::profileFetched, timer, [bare, finish](const Jid &fetched) {
        if (fetched == bare)
            finish();
    });
    timer->start(patience);
}

void ProfilesController::showProfile(const Jid &jid)
{
    const Jid bare = jid.bare();
    auto *view = new ProfileView(bare, m_parts.main);
    view->setAttribute(Qt::WA_DeleteOnClose);
    connect(view, &ProfileView::sendMessageRequested, this, [this, view](const Jid &who) {
        view->close();
        Q_EMIT openChatRequested(who);
    });
    view->setIsContact(m_parts.roster->item(bare).has_value());
    const QModelIndexList rows = m_parts.model->contactIndexes(bare);
    view->setDisplayName(rows.isEmpty() ? bare.local() : rows.first().data(RosterModel::DisplayNameRole).toString());
    const QString hash = m_parts.avatars->avatarHash(bare);
    if (!hash.isEmpty())
        view->setAvatar(m_parts.images->image(hash, AvatarDecodeSize));
    if (const auto cached = m_parts.vCards->cachedVCard(bare))
        view->setVCard(*cached);
    view->setLoading(true);
    connect(view, &ProfileView::addFriendRequested, this, [this, view](const Jid &who) {
        view->close();
        Q_EMIT addFriendRequested(who);
    });
    m_parts.vCards->requestVCard(bare, view, [view](const VCardManager::VCardReply &reply) {
        if (reply.isOk())
            view->setVCard(reply.value);
        else
            view->setLoadFailed(ClientErrors::describeRequestFailure(reply.status, reply.error));
    });
    view->show();
    view->raise();
}

void ProfilesController::editOwnProfile()
{
    if (m_editor) {
        m_editor->raise();
        m_editor->activateWindow();
        return;
    }
    const Jid own = m_parts.client->jid().bare();
    m_editor = new VCardEditor(m_parts.main);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    m_editor->setOwnJid(own);
    m_editedFrom = m_parts.vCards->cachedVCard(own).value_or(VCard{});
    m_editor->setVCard(m_editedFrom);
    connect(m_editor, &VCardEditor::saveRequested, this, &ProfilesController::publish);
    if (m_parts.client->isConnected()) {
        m_editor->setLoading(true);
        // Edit what the server has, not an old copy: a save replaces the whole vCard (XEP-0054 §3.2).
        m_parts.vCards->requestVCard({}, m_editor, [this](const VCardManager::VCardReply &reply) {
            m_editor->setLoading(false);
            if (reply.isOk()) {
                m_editedFrom = reply.value;
                m_editor->setVCard(reply.value);
            } else {
                m_editor->saveFailed(ClientErrors::describeRequestFailure(reply.status, reply.error));
            }
        });
    }
    m_editor->show();
}

void ProfilesController::publish(const VCard &card)
{
    if (!m_parts.client->isConnected()) {
        m_editor->saveFailed(tr("you are offline"));
        return;
    }
    const bool photoChanged = card.photo.data != m_editedFrom.photo.data;
    m_parts.vCards->publishVCard(card, m_editor, [this, card, photoChanged](const VCardManager::VCardReply &reply) {
        if (!reply.isOk()) {
            m_editor->saveFailed(ClientErrors::describeRequestFailure(reply.status, reply.error));
            return;
        }
        showOwnProfile(card);
        if (!photoChanged) {
            m_editor->saveSucceeded();
            return;
        }
        // The new face also goes to PEP (XEP-0084) and into our presence's hash (XEP-0153).
        m_parts.avatars->setOwnAvatar(card.photo.data, m_editor, [this](const AvatarManager::AvatarReply &avatar) {
            if (avatar.isOk())
                m_editor->saveSucceeded();
            else
                m_editor->saveFailed(ClientErrors::describeRequestFailure(avatar.status, avatar.error));
        });
    });
}
