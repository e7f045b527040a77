#include "models/RosterFilterModel.h"

#include "extensions/ResourcePresence.h"
#include "extensions/RosterManager.h"
#include "models/RosterModel.h"

#include <QCollator>
#include <QLocale>

namespace {

/// Pinyin order for Chinese names, natural order for numbers ("Friend 2" before "Friend 10").
const QCollator &collator()
{
    static const QCollator instance = [] {
        QCollator c{QLocale(QLocale::Chinese, QLocale::China)};
        c.setCaseSensitivity(Qt::CaseInsensitive);
        c.setNumericMode(true);
        return c;
    }();
    return instance;
}

bool isGroup(const QModelIndex &index)
{
    return index.data(RosterModel::KindRole).toInt() == int(RosterModel::Kind::Group);
}

} // namespace

RosterFilterModel::RosterFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Groups stay while a contact in them matches; a group row itself never matches (see filterAcceptsRow).
    setRecursiveFilteringEnabled(true);
    // Presence and names change all the time: keep the order and the filter live.
    setDynamicSortFilter(true);
    sort(0);
}

void RosterFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateRowsFilter();
}

void RosterFilterModel::setHideOffline(bool hide)
{
    if (hide == m_hideOffline)
        return;
    m_hideOffline = hide;
    invalidateRowsFilter();
}

bool RosterFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (isGroup(index)) {
        // Without a filter every group shows, even one whose members are all offline (QQ shows "0/5").
        // With one, recursive filtering keeps the group while a child is accepted.
        return m_filterText.isEmpty() && !m_hideOffline;
    }
    return contactMatches(index);
}

bool RosterFilterModel::contactMatches(const QModelIndex &contact) const
{
    if (m_hideOffline && !contact.data(RosterModel::AvailableRole).toBool())
        return false;
    if (m_filterText.isEmpty())
        return true;
    // Plain substring search: works for Chinese as well (no word boundaries to care about).
    for (int role : {int(RosterModel::DisplayNameRole), int(RosterModel::JidRole), int(RosterModel::StatusTextRole)}) {
        if (contact.data(role).toString().contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool RosterFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (isGroup(left) || isGroup(right)) {
        const QString a = left.data(RosterModel::GroupNameRole).toString();
        const QString b = right.data(RosterModel::GroupNameRole).toString();
        const QString defaultName = RosterManager::defaultGroupName();
        if (a == defaultName || b == defaultName)
            return a == defaultName && b != defaultName;
        return collator().compare(a, b) < 0;
    }
    const bool leftAvailable = left.data(RosterModel::AvailableRole).toBool();
    const bool rightAvailable = right.data(RosterModel::AvailableRole).toBool();
    if (leftAvailable != rightAvailable)
        return leftAvailable;
    if (leftAvailable) {
        const int leftRank = ResourcePresence::showRank(Presence::Show(left.data(RosterModel::PresenceShowRole).toInt()));
        const int rightRank =
            ResourcePresence::showRank(Presence::Show(right.data(RosterModel::PresenceShowRole).toInt()));
        if (leftRank != rightRank)
            return leftRank > rightRank;
    }
    const int byName = collator().compare(left.data(RosterModel::SortKeyRole).toString(),
                                          right.data(RosterModel::SortKeyRole).toString());
    if (byName != 0)
        return byName < 0;
    // Same name: the JID decides, so equal names never swap places between updates.
    return left.data(RosterModel::JidRole).toString() < right.data(RosterModel::JidRole).toString();
}
