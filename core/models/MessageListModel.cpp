// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/MessageListModel.h"

#include "storage/MessageStore.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

/// Far expiry times are checked again after this, rather than arming a timer for weeks.
constexpr qint64 MaxExpiryWaitMs = 60 * 60 * 1000;

}   // namespace

MessageListModel::MessageListModel(MessageStore *store, const Jid &chat, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_chat(chat.bare())
{
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &MessageListModel::removeExpired);
    if (m_store) {
        m_rows = m_store->messages(m_chat, PageSize);
        for (const ChatMessage &message : std::as_const(m_rows))
            m_rowIds.insert(message.rowId);
        m_exhausted = m_rows.size() < PageSize;
    } else {
        m_exhausted = true;
    }
    scheduleExpiry();
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatMessage &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return m.body;
    case MessageRole:
        return QVariant::fromValue(m);
    case RowIdRole:
        return m.rowId;
    case ChatRole:
        return m.chat.bareString();
    case ResourceRole:
        return m.resource;
    case DirectionRole:
        return int(m.direction);
    case TypeRole:
        return int(m.type);
    case SubjectRole:
        return m.subject;
    case ThreadRole:
        return m.thread;
    case IdRole:
        return m.id;
    case OriginIdRole:
        return m.originId;
    case StanzaIdRole:
        return m.stanzaId;
    case TimestampRole:
        return m.timestamp;
    case ExpiresRole:
        return m.expires;
    case StateRole:
        return int(m.state);
    case ErrorTextRole:
        return m.errorText;
    case EditedRole:
        return m.edited;
    case ReadRole:
        return m.read;
    case ActionRole:
        return m.isAction();
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"}, {MessageRole, "message"},     {RowIdRole, "rowId"},
        {ChatRole, "chat"},           {ResourceRole, "resource"},   {DirectionRole, "direction"},
        {TypeRole, "type"},           {BodyRole, "body"},           {SubjectRole, "subject"},
        {ThreadRole, "thread"},       {IdRole, "messageId"},        {OriginIdRole, "originId"},
        {StanzaIdRole, "stanzaId"},   {TimestampRole, "timestamp"}, {ExpiresRole, "expires"},
        {StateRole, "state"},         {ErrorTextRole, "errorText"}, {EditedRole, "edited"},
        {ReadRole, "read"},           {ActionRole, "action"},
    };
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_store && !m_exhausted;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QList<ChatMessage> page = m_store->messages(m_chat, PageSize, m_rows.isEmpty() ? nullptr : &m_rows.first());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<ChatMessage> older;
    older.reserve(page.size());
    for (const ChatMessage &message : page) {
        if (!m_rowIds.contains(message.rowId) && !message.isExpired(now))
            older.append(message);
    }
    if (!older.isEmpty()) {
        beginInsertRows({}, 0, int(older.size()) - 1);
        m_rows.insert(0, older.size(), ChatMessage());
        std::copy(older.cbegin(), older.cend(), m_rows.begin());
        for (const ChatMessage &message : std::as_const(older))
            m_rowIds.insert(message.rowId);
        endInsertRows();
        scheduleExpiry();
    }
    if (page.size() < PageSize) {
        m_exhausted = true;
        Q_EMIT olderMessagesExhausted();
    }
}

void MessageListModel::setMessages(QList<ChatMessage> messages, bool olderExhausted)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    messages.removeIf([this, &now](const ChatMessage &m) { return m.chat.bare() != m_chat || m.isExpired(now); });
    std::stable_sort(messages.begin(), messages.end(), &MessageListModel::before);
    beginResetModel();
    m_rows = std::move(messages);
    m_rowIds.clear();
    for (const ChatMessage &message : std::as_const(m_rows))
        m_rowIds.insert(message.rowId);
    m_exhausted = olderExhausted || !m_store;
    endResetModel();
    scheduleExpiry();
}

bool MessageListModel::before(const ChatMessage &a, const ChatMessage &b)
{
    if (a.timestamp != b.timestamp)
        return a.timestamp < b.timestamp;
    return a.rowId < b.rowId;
}

bool MessageListModel::belongsHere(const ChatMessage &message) const
{
    return message.chat.bare() == m_chat && message.type != Message::Type::Headline
        && (message.rowId == 0 || !m_rowIds.contains(message.rowId))
        && !message.isExpired(QDateTime::currentDateTimeUtc());
}

void MessageListModel::messageAdded(const ChatMessage &message)
{
    if (!belongsHere(message))
        return;
    // Older than the top while the store still has older pages: paging brings it, in its place; inserting it
    // now would make the next page start before it and skip what lies between.
    if (!m_exhausted && !m_rows.isEmpty() && before(message, m_rows.first()))
        return;
    const auto at = std::upper_bound(m_rows.cbegin(), m_rows.cend(), message, &MessageListModel::before);
    const int row = int(at - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, message);
    if (message.rowId != 0)
        m_rowIds.insert(message.rowId);
    endInsertRows();
    if (message.expires.isValid())
        scheduleExpiry();
}

void MessageListModel::messageChanged(const ChatMessage &message)
{
    if (message.chat.bare() != m_chat)
        return;
    const int row = rowOf(message.rowId);
    if (row < 0)
        return;
    if (message.isExpired(QDateTime::currentDateTimeUtc())) {
        beginRemoveRows({}, row, row);
        m_rowIds.remove(m_rows.at(row).rowId);
        m_rows.removeAt(row);
        endRemoveRows();
        return;
    }
    const bool expiryChanged = m_rows.at(row).expires != message.expires;
    m_rows[row] = message;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at);
    if (expiryChanged)
        scheduleExpiry();
}

ChatMessage MessageListModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : ChatMessage();
}

int MessageListModel::rowOf(qint64 rowId) const
{
    if (rowId == 0 || !m_rowIds.contains(rowId))
        return -1;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {   // changes are mostly about recent messages
        if (m_rows.at(row).rowId == rowId)
            return row;
    }
    return -1;
}

std::optional<ChatMessage> MessageListModel::lastOutgoing() const
{
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it) {
        if (it->direction == ChatMessage::Direction::Outgoing)
            return *it;
    }
    return std::nullopt;
}

int MessageListModel::ensureLoaded(qint64 rowId)
{
    int row = rowOf(rowId);
    while (row < 0 && canFetchMore({})) {
        fetchMore({});
        row = rowOf(rowId);
    }
    return row;
}

QList<ChatMessage> MessageListModel::search(const QString &text, int limit) const
{
    if (text.trimmed().isEmpty())
        return {};
    if (m_store)
        return m_store->search(text, m_chat, limit);
    QList<ChatMessage> found;
    for (auto it = m_rows.crbegin(); it != m_rows.crend() && found.size() < limit; ++it) {
        if (it->body.contains(text, Qt::CaseInsensitive))
            found.append(*it);
    }
    return found;
}

void MessageListModel::removeExpired()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!m_rows.at(row).isExpired(now))
            continue;
        int first = row;   // remove neighbours that expired together in one step
        while (first > 0 && m_rows.at(first - 1).isExpired(now))
            --first;
        beginRemoveRows({}, first, row);
        for (int i = first; i <= row; ++i)
            m_rowIds.remove(m_rows.at(i).rowId);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
    scheduleExpiry();
}

void MessageListModel::scheduleExpiry()
{
    QDateTime next;
    for (const ChatMessage &message : std::as_const(m_rows)) {
        if (message.expires.isValid() && (!next.isValid() || message.expires < next))
            next = message.expires;
    }
    if (!next.isValid()) {
        m_expiry.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(next) + 1, 0, MaxExpiryWaitMs);
    m_expiry.start(std::chrono::milliseconds(wait));
}
