// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "extensions/ResourcePresence.h"

int ResourcePresence::showRank(Presence::Show show)
{
    switch (show) {
    case Presence::Show::Chat:
        return 4;
    case Presence::Show::None:
        return 3;
    case Presence::Show::Dnd:
        return 2;
    case Presence::Show::Away:
        return 1;
    case Presence::Show::Xa:
        return 0;
    }
    return 0;
}

bool ResourcePresence::ranksAbove(const ResourcePresence &other) const
{
    if (available != other.available)
        return available;
    if (priority != other.priority)
        return priority > other.priority;
    if (showRank(show) != showRank(other.show))
        return showRank(show) > showRank(other.show);
    if (lastChange != other.lastChange)
        return lastChange > other.lastChange;
    return resource < other.resource;
}
