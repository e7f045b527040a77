// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/MessageRow.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace MessageRow {

int directionCode(ChatMessage::Direction direction)
{
    return direction == ChatMessage::Direction::Outgoing ? 1 : 0;
}

int typeCode(Message::Type type)
{
    switch (type) {
    case Message::Type::Normal:
        return 0;
    case Message::Type::Chat:
        return 1;
    case Message::Type::Groupchat:
        return 2;
    case Message::Type::Headline:
        return HeadlineCode;
    case Message::Type::Error:
        return 4;
    }
    return 1;
}

Message::Type typeFromCode(int code)
{
    switch (code) {
    case 0:
        return Message::Type::Normal;
    case 2:
        return Message::Type::Groupchat;
    case HeadlineCode:
        return Message::Type::Headline;
    case 4:
        return Message::Type::Error;
    default:
        return Message::Type::Chat;
    }
}

int stateCode(ChatMessage::State state)
{
    switch (state) {
    case ChatMessage::State::Pending:
        return 0;
    case ChatMessage::State::Sent:
        return 1;
    case ChatMessage::State::Delivered:
        return 2;
    case ChatMessage::State::Read:
        return ReadCode;
    case ChatMessage::State::Failed:
        return FailedCode;
    case ChatMessage::State::Received:
        return 5;
    }
    return 5;
}

ChatMessage::State stateFromCode(int code)
{
    switch (code) {
    case 0:
        return ChatMessage::State::Pending;
    case 1:
        return ChatMessage::State::Sent;
    case 2:
        return ChatMessage::State::Delivered;
    case ReadCode:
        return ChatMessage::State::Read;
    case FailedCode:
        return ChatMessage::State::Failed;
    default:
        return ChatMessage::State::Received;
    }
}

qint64 storedTime(const QDateTime &time)
{
    return qBound(qint64(0), time.toMSecsSinceEpoch(), MaxTimestamp);
}

QDateTime timeFromStored(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

QVariant text(const QString &text)
{
    return text.isNull() ? QVariant(QString(u""_s)) : QVariant(text);
}

const QString Columns = u"m.rowid, m.chat, m.resource, m.direction, m.type, m.body, m.subject, m.thread, m.id, "
                        "m.origin_id, m.stanza_id, m.timestamp, m.expires, m.state, m.error_text, m.edited, m.read, "
                        "m.receipt_requested, m.markable"_s;

ChatMessage fromRow(const QSqlQuery &query)
{
    ChatMessage message;
    message.rowId = query.value(0).toLongLong();
    message.chat = Jid::fromString(query.value(1).toString());
    message.resource = query.value(2).toString();
    message.direction = query.value(3).toInt() == 1 ? ChatMessage::Direction::Outgoing
                                                    : ChatMessage::Direction::Incoming;
    message.type = typeFromCode(query.value(4).toInt());
    message.body = query.value(5).toString();
    message.subject = query.value(6).toString();
    message.thread = query.value(7).toString();
    message.id = query.value(8).toString();
    message.originId = query.value(9).toString();
    message.stanzaId = query.value(10).toString();
    message.timestamp = timeFromStored(query.value(11).toLongLong());
    if (!query.value(12).isNull())
        message.expires = timeFromStored(query.value(12).toLongLong());
    message.state = stateFromCode(query.value(13).toInt());
    message.errorText = query.value(14).toString();
    message.edited = query.value(15).toBool();
    message.read = query.value(16).toBool();
    message.receiptRequested = query.value(17).toBool();
    message.markable = query.value(18).toBool();
    return message;
}

QString chatToken(qint64 id)
{
    const char32_t digits[3]{char32_t(0xE000 + id / 40960000 % 6400), char32_t(0xE000 + id / 6400 % 6400),
                             char32_t(0xE000 + id % 6400)};
    return QString::fromUcs4(digits, 3);
}

} // namespace MessageRow
