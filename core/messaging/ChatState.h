// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

/// XEP-0085 chat states, ours and the other side's.
enum class ChatState { None, Active, Composing, Paused, Inactive, Gone };

namespace ChatStates {
/// The element name of @p state in http://jabber.org/protocol/chatstates ("" for None).
QString elementName(ChatState state);
std::optional<ChatState> fromElementName(QStringView name);
} // namespace ChatStates
