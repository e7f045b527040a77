// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSortFilterProxyModel>

/// Live search and "hide offline" over RosterModel, ordered like QQ: groups in roster order with the
/// default group first, contacts by presence (available first) then by name, Chinese names in pinyin order
/// (QCollator with the zh locale; RosterModel::lessThan). Groups stay visible while they have a matching contact.
class RosterFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RosterFilterModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);   // matches display name, JID, or status text, case-insensitive
    bool hidesOffline() const { return m_hideOffline; }
    void setHideOffline(bool hide);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool contactMatches(const QModelIndex &contact) const;

    QString m_filterText;
    bool m_hideOffline = false;
};
