// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/ConversationModel.h"

#include "models/DisplayName.h"
#include "models/RemoteText.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

/// A preview never needs more than a line's worth; a 100 KB body is cut before it is simplified.
constexpr qsizetype PreviewSource = 300;

bool isShown(const ChatMessage &message)
{
    return !message.chat.isNull() && message.type != Message::Type::Headline
        && !message.isExpired(QDateTime::currentDateTimeUtc());
}

}   // namespace

ConversationModel::ConversationModel(QObject *parent) : QAbstractListModel(parent) { }

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return nameOf(row.jid);
    case JidRole:
        return row.jid.bareString();
    case AvatarKeyRole:
        return m_avatarKeys.value(row.jid);
    case LastMessageRole:
    case Qt::ToolTipRole: {
        const bool ours = row.last.direction == ChatMessage::Direction::Outgoing;
        const QString text = preview(row.last, ours ? (m_ownName.isEmpty() ? tr("Me") : m_ownName) : nameOf(row.jid));
        // The preview is a remote body: a tool tip of it must be escaped, or QToolTip renders
        // "<img src='/dev/zero'>" and hangs (docs/SECURITY.md rule 5).
        return role == Qt::ToolTipRole ? RemoteText::toolTip(text) : text;
    }
    case TimestampRole:
        return row.last.timestamp;
    case UnreadCountRole:
        return m_unread.value(row.jid);
    case LastDirectionRole:
        return int(row.last.direction);
    case LastStateRole:
        return int(row.last.state);
    case ChatStateRole:
        return int(m_states.value(row.jid, ChatState::None));
    case LastChatMessageRole:
        return QVariant::fromValue(row.last);
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"},
        {JidRole, "jid"},
        {DisplayNameRole, "displayName"},
        {AvatarKeyRole, "avatarKey"},
        {LastMessageRole, "lastMessage"},
        {TimestampRole, "timestamp"},
        {UnreadCountRole, "unreadCount"},
        {LastDirectionRole, "lastDirection"},
        {LastStateRole, "lastState"},
        {ChatStateRole, "chatState"},
        {LastChatMessageRole, "lastChatMessage"},
    };
}

QString ConversationModel::preview(const ChatMessage &message, const QString &senderName)
{
    QString text = message.body.left(PreviewSource);
    if (text.trimmed().isEmpty())
        text = message.subject.left(PreviewSource);
    if (message.isAction())   // XEP-0245
        text = u"* "_s + RemoteText::isolate(senderName) + u' ' + text.mid(4);   // a name is embedded: UAX #9 isolate
    return text.simplified();
}

bool ConversationModel::newer(const ChatMessage &a, const ChatMessage &b)
{
    if (a.timestamp != b.timestamp)
        return a.timestamp > b.timestamp;
    return a.rowId > b.rowId;
}

int ConversationModel::sortedPosition(const ChatMessage &last, int except) const
{
    int position = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i == except)
            continue;
        if (!newer(m_rows.at(i).last, last))
            break;
        ++position;
    }
    return position;
}

void ConversationModel::moveToSortedPosition(int row)
{
    const int target = sortedPosition(m_rows.at(row).last, row);
    if (target == row)
        return;
    // beginMoveRows counts the destination in the rows before the move.
    beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
    m_rows.move(row, target);
    endMoveRows();
}

void ConversationModel::load(const QList<MessageStore::Conversation> &conversations)
{
    beginResetModel();
    m_rows.clear();
    for (const MessageStore::Conversation &conversation : conversations) {
        const Jid jid = conversation.chat.bare();
        if (jid.isNull() || rowOf(jid) >= 0)
            continue;
        m_rows.append(Row{jid, conversation.last});
        m_unread.insert(jid, conversation.unread);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) { return newer(a.last, b.last); });
    endResetModel();
    updateTotal();
}

void ConversationModel::messageAdded(const ChatMessage &message)
{
    if (!isShown(message))
        return;
    const Jid jid = message.chat.bare();
    const int row = rowOf(jid);
    if (row < 0) {
        const int position = sortedPosition(message, -1);
        beginInsertRows({}, position, position);
        m_rows.insert(position, Row{jid, message});
        endInsertRows();
        return;
    }
    // An older message (from the archive) does not replace the preview.
    const bool sameMessage = message.rowId != 0 && message.rowId == m_rows.at(row).last.rowId;
    if (!newer(message, m_rows.at(row).last) && !sameMessage)
        return;
    m_rows[row].last = message;
    changed(jid,
            {LastMessageRole, Qt::ToolTipRole, TimestampRole, LastDirectionRole, LastStateRole, LastChatMessageRole});
    moveToSortedPosition(row);
}

void ConversationModel::messageChanged(const ChatMessage &message)
{
    const int row = rowOf(message.chat.bare());
    if (row < 0 || message.rowId == 0 || m_rows.at(row).last.rowId != message.rowId)
        return;
    m_rows[row].last = message;
    changed(m_rows.at(row).jid, {LastMessageRole, Qt::ToolTipRole, LastStateRole, LastChatMessageRole});
}

void ConversationModel::setUnreadCount(const Jid &jid, int count)
{
    const Jid bare = jid.bare();
    count = qMax(0, count);
    if (m_unread.value(bare) == count)
        return;
    m_unread.insert(bare, count);
    changed(bare, {UnreadCountRole});
    updateTotal();
}

void ConversationModel::setDisplayName(const Jid &jid, const QString &name)
{
    const Jid bare = jid.bare();
    if (m_names.value(bare) == name && m_names.contains(bare))
        return;
    m_names.insert(bare, name);
    changed(bare, {Qt::DisplayRole, DisplayNameRole, LastMessageRole, Qt::ToolTipRole});
}

void ConversationModel::setAvatarKey(const Jid &jid, const QString &key)
{
    const Jid bare = jid.bare();
    if (m_avatarKeys.value(bare) == key)
        return;
    m_avatarKeys.insert(bare, key);
    changed(bare, {AvatarKeyRole});
}

void ConversationModel::setChatState(const Jid &jid, ChatState state)
{
    const Jid bare = jid.bare();
    if (m_states.value(bare, ChatState::None) == state)
        return;
    m_states.insert(bare, state);
    changed(bare, {ChatStateRole});
}

void ConversationModel::setOwnName(const QString &name)
{
    if (m_ownName == name)
        return;
    m_ownName = name;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).last.direction == ChatMessage::Direction::Outgoing && m_rows.at(row).last.isAction())
            changed(m_rows.at(row).jid, {LastMessageRole, Qt::ToolTipRole});
    }
}

void ConversationModel::removeConversation(const Jid &jid)
{
    const int row = rowOf(jid.bare());
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    m_unread.remove(jid.bare());
    updateTotal();
}

int ConversationModel::rowOf(const Jid &jid) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).jid == jid)
            return row;
    }
    return -1;
}

QModelIndex ConversationModel::indexOf(const Jid &jid) const
{
    const int row = rowOf(jid.bare());
    return row < 0 ? QModelIndex() : index(row);
}

Jid ConversationModel::jidAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).jid : Jid();
}

int ConversationModel::totalUnread() const
{
    return m_totalUnread;
}

void ConversationModel::changed(const Jid &jid, const QList<int> &roles)
{
    const int row = rowOf(jid);
    if (row < 0)
        return;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, roles);
}

QString ConversationModel::nameOf(const Jid &jid) const
{
    const QString name = m_names.value(jid).trimmed();
    return name.isEmpty() ? DisplayName::choose(jid, {}, {}, {}) : name;
}

void ConversationModel::updateTotal()
{
    int total = 0;
    for (const Row &row : std::as_const(m_rows))
        total += m_unread.value(row.jid);
    if (total == m_totalUnread)
        return;
    m_totalUnread = total;
    Q_EMIT totalUnreadChanged(total);
}
