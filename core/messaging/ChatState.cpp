// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "messaging/ChatState.h"

using namespace Qt::StringLiterals;

QString ChatStates::elementName(ChatState state)
{
    switch (state) {
    case ChatState::None:
        return {};
    case ChatState::Active:
        return u"active"_s;
    case ChatState::Composing:
        return u"composing"_s;
    case ChatState::Paused:
        return u"paused"_s;
    case ChatState::Inactive:
        return u"inactive"_s;
    case ChatState::Gone:
        return u"gone"_s;
    }
    return {};
}

std::optional<ChatState> ChatStates::fromElementName(QStringView name)
{
    for (ChatState state :
         {ChatState::Active, ChatState::Composing, ChatState::Paused, ChatState::Inactive, ChatState::Gone}) {
        if (name == elementName(state))
            return state;
    }
    return std::nullopt;
}
