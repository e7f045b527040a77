// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "messaging/ChatMessage.h"

#include <QString>
#include <QVariant>

class QDateTime;
class QSqlQuery;

/// How a ChatMessage is a row of the profile database's messages table (Database.cpp, steps 3 to 5): the
/// numbers its enums are stored as, its time in milliseconds, the columns MessageStore reads, and the token
/// that stands for its chat in the full-text indexes.
namespace MessageRow {

// The rowid of a message is (timestamp ms << SequenceBits) + its place among the messages of that millisecond
// (schema step 3 in Database.cpp): rowid order is the store's order, which the full-text index can follow.
constexpr int SequenceBits = 20;
constexpr qint64 SequenceMask = (qint64(1) << SequenceBits) - 1;
constexpr qint64 MaxTimestamp = (qint64(1) << (63 - SequenceBits)) - 1;   // year 2248

// The schema's codes (Database.cpp, step 3), kept apart from the enums' values on purpose: reordering an enum
// must not change what a stored number means.
constexpr int HeadlineCode = 3;   // "type <> 3" in MessageStatements
// Pending < Sent < Delivered < Read is the forward order MessageStore::setState() keeps.
constexpr int ReadCode = 3;
constexpr int FailedCode = 4;

int directionCode(ChatMessage::Direction direction);
int typeCode(Message::Type type);
Message::Type typeFromCode(int code);
int stateCode(ChatMessage::State state);
ChatMessage::State stateFromCode(int code);

/// @p time in stored milliseconds, clamped to what a rowid can hold.
qint64 storedTime(const QDateTime &time);
QDateTime timeFromStored(qint64 ms);

/// @p text for a NOT NULL text column or a comparison: QtSql binds a null QString as NULL.
QVariant text(const QString &text);

/// The columns fromRow() reads, in its order; the statements call the table "m".
extern const QString Columns;
constexpr int ColumnCount = 19;
/// The message in the current row of @p query, which selected Columns first.
ChatMessage fromRow(const QSqlQuery &query);

/// What the index holds for the chat numbered @p id in message_chats (Database.cpp, step 4): three private-use
/// characters, one trigram.
QString chatToken(qint64 id);

} // namespace MessageRow
