// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/RosterFilterModel.h"

#include "models/RosterModel.h"

namespace {

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
    // The order is the model's own (presence, then pinyin): it compares cached collation keys, where
    // going through data() would cost variants and an ICU comparison per call.
    if (const auto *roster = qobject_cast<const RosterModel *>(sourceModel()))
        return roster->lessThan(left, right);
    return QSortFilterProxyModel::lessThan(left, right);
}
