// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/ContactListView.h"

#include "extensions/RosterManager.h"
#include "models/RosterModel.h"
#include "roster/ContactDelegate.h"
#include "roster/ContactMenu.h"
#include "roster/GroupMenu.h"

#include <QContextMenuEvent>
#include <QInputDialog>
#include <QLabel>
#include <QKeyEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>

#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr int MeasureAllRowsAfterShowMs = 300;   // a list shown but not painted (hidden behind another window)
}

ContactListView::ContactListView(QWidget *parent) : QTreeView(parent), m_delegate(new ContactDelegate(this))
{
    setObjectName(u"contactListView"_s);
    setItemDelegate(m_delegate);
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIndentation(0);
    setItemsExpandable(true);
    setExpandsOnDoubleClick(false);
    setAnimated(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Scrolling is by pixel, but only from the first paint on: the per-pixel scroll range needs the height of
    // every row, thousands of delegate calls, while per item only the rows on screen are measured. So a big
    // contact list is drawn first and measured right after (measureAllRows).
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_Hover);

    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::InternalMove);
    setDefaultDropAction(Qt::MoveAction);

    QPalette p = palette();
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0xdb, 0xec, 0xff));
    setPalette(p);

    useStandardDialogs();

    // Rows become visible by scrolling, unfolding, filtering and arriving: check a moment after.
    m_visibleRowsTimer = new QTimer(this);
    m_visibleRowsTimer->setSingleShot(true);
    m_visibleRowsTimer->setInterval(400);
    connect(m_visibleRowsTimer, &QTimer::timeout, this, &ContactListView::checkVisibleRows);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ContactListView::scheduleVisibleRowsCheck);
    connect(this, &QTreeView::expanded, this, &ContactListView::scheduleVisibleRowsCheck);

    connect(this, &QTreeView::clicked, this, &ContactListView::itemClicked);
    connect(this, &QTreeView::doubleClicked, this, &ContactListView::itemActivated);
    connect(this, &QTreeView::collapsed, this,
            [this](const QModelIndex &index) { m_folded.insert(index.data(RosterModel::GroupNameRole).toString()); });
    connect(this, &QTreeView::expanded, this,
            [this](const QModelIndex &index) { m_folded.remove(index.data(RosterModel::GroupNameRole).toString()); });
}

void ContactListView::useStandardDialogs()
{
    m_prompt = [this](const QString &title, const QString &label, const QString &text) {
        QInputDialog dialog(this);
        dialog.setWindowTitle(title);
        dialog.setLabelText(label);
        dialog.setTextValue(text);
        // The label quotes an address or a group name: plain text, not QLabel's guess (docs/SECURITY.md rule 5).
        if (auto *shown = dialog.findChild<QLabel *>())
            shown->setTextFormat(Qt::PlainText);
        if (dialog.exec() != QDialog::Accepted)
            return QString();
        const QString value = dialog.textValue();
        return value.isNull() ? u""_s : value;
    };
    m_confirm = [this](const QString &title, const QString &question) {
        // Group names are remote text as far as the UI knows: plain text only (docs/SECURITY.md rule 5).
        QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::No, this);
        box.setTextFormat(Qt::PlainText);
        return box.exec() == QMessageBox::Yes;
    };
    m_removeGroupPrompt = [this](const QString &group) -> std::optional<RosterManager::RemoveGroupMode> {
        QMessageBox box(QMessageBox::Question, tr("Delete group"), tr("Delete the group \"%1\"?").arg(group),
                        QMessageBox::NoButton, this);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(tr("What should happen to the contacts in it?"));
        QPushButton *move = box.addButton(tr("Move them to \"%1\"").arg(RosterManager::defaultGroupName()),
                                          QMessageBox::AcceptRole);
        QPushButton *remove = box.addButton(tr("Remove them from my contacts"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(move);
        box.exec();
        if (box.clickedButton() == move)
            return RosterManager::RemoveGroupMode::MoveMembersToDefault;
        if (box.clickedButton() == remove)
            return RosterManager::RemoveGroupMode::RemoveMembers;
        return std::nullopt;
    };
}

void ContactListView::setModel(QAbstractItemModel *newModel)
{
    if (model())
        disconnect(model(), nullptr, this, nullptr);
    QTreeView::setModel(newModel);
    if (!newModel)
        return;
    const auto fold = [this] { applyFolding(); };
    connect(newModel, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            applyFolding();
    });
    connect(newModel, &QAbstractItemModel::modelReset, this, fold);
    connect(newModel, &QAbstractItemModel::layoutChanged, this, fold);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(newModel, signal, this, &ContactListView::scheduleVisibleRowsCheck);
    connect(newModel, &QAbstractItemModel::layoutChanged, this, &ContactListView::scheduleVisibleRowsCheck);
    connect(newModel, &QAbstractItemModel::modelReset, this, &ContactListView::scheduleVisibleRowsCheck);
    connect(newModel, &QAbstractItemModel::dataChanged, this, &ContactListView::scheduleVisibleRowsCheck);
    applyFolding();
    scheduleVisibleRowsCheck();
}

void ContactListView::showEvent(QShowEvent *event)
{
    QTreeView::showEvent(event);
    scheduleVisibleRowsCheck();
    if (verticalScrollMode() != QAbstractItemView::ScrollPerPixel)
        QTimer::singleShot(MeasureAllRowsAfterShowMs, this, &ContactListView::measureAllRows);   // if never painted
}

void ContactListView::paintEvent(QPaintEvent *event)
{
    QTreeView::paintEvent(event);
    if (verticalScrollMode() != QAbstractItemView::ScrollPerPixel)
        QTimer::singleShot(0, this, &ContactListView::measureAllRows);
    if (!std::exchange(m_painted, true))
        Q_EMIT firstPainted();
}

void ContactListView::measureAllRows()
{
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);   // no-op when already set
}

void ContactListView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    scheduleVisibleRowsCheck();
}

void ContactListView::scheduleVisibleRowsCheck()
{
    if (!m_visibleRowsTimer->isActive())
        m_visibleRowsTimer->start();
}

void ContactListView::checkVisibleRows()
{
    if (!model() || !isVisible())
        return;
    const QRect area = viewport()->rect();
    for (QModelIndex index = indexAt(area.topLeft()); index.isValid(); index = indexBelow(index)) {
        if (visualRect(index).top() > area.bottom())
            break;
        if (isGroup(index))
            continue;
        const Jid jid = Jid::fromString(index.data(RosterModel::JidRole).toString());
        if (jid.isNull())
            continue;
        if (!m_profileAsked.contains(jid)) {
            m_profileAsked.insert(jid);
            Q_EMIT profileWanted(jid);
        }
        if (index.data(RosterModel::AvailableRole).toBool()
            || index.data(RosterModel::LastSeenRole).toDateTime().isValid())
            continue;
        if (!m_lastSeenAsked.contains(jid)) {
            m_lastSeenAsked.insert(jid);
            Q_EMIT lastSeenWanted(jid);
        }
    }
}

void ContactListView::applyFolding()
{
    if (!model())
        return;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const QModelIndex group = model()->index(row, 0);
        const bool folded = m_folded.contains(group.data(RosterModel::GroupNameRole).toString());
        if (isExpanded(group) == folded)
            setExpanded(group, !folded);
    }
}

bool ContactListView::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.data(RosterModel::KindRole).toInt() == int(RosterModel::Kind::Group);
}

QStringList ContactListView::groups() const
{
    QStringList names;
    if (model()) {
        for (int row = 0; row < model()->rowCount(); ++row)
            names << model()->index(row, 0).data(RosterModel::GroupNameRole).toString();
    }
    for (const QString &extra : m_extraGroups) {
        if (!names.contains(extra))
            names << extra;
    }
    return names;
}

void ContactListView::itemClicked(const QModelIndex &index)
{
    if (isGroup(index))
        setExpanded(index, !isExpanded(index));
}

void ContactListView::itemActivated(const QModelIndex &index)
{
    if (index.isValid() && !isGroup(index))
        Q_EMIT openChatRequested(Jid::fromString(index.data(RosterModel::JidRole).toString()));
}

void ContactListView::keyPressEvent(QKeyEvent *event)
{
    const QModelIndex index = currentIndex();
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && index.isValid()) {
        if (isGroup(index))
            setExpanded(index, !isExpanded(index));
        else
            itemActivated(index);
        return;
    }
    QTreeView::keyPressEvent(event);
}

void ContactListView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    QMenu *menu = createContextMenu(index);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

QMenu *ContactListView::createContextMenu(const QModelIndex &index)
{
    if (index.isValid() && !isGroup(index)) {
        const Jid jid = Jid::fromString(index.data(RosterModel::JidRole).toString());
        auto *menu = new ContactMenu(jid, index.data(RosterModel::GroupNameRole).toString(), groups(), this);
        connect(menu, &ContactMenu::openChatRequested, this, &ContactListView::openChatRequested);
        connect(menu, &ContactMenu::viewProfileRequested, this, &ContactListView::viewProfileRequested);
        connect(menu, &ContactMenu::setRemarkRequested, this, &ContactListView::promptRemark);
        connect(menu, &ContactMenu::moveToGroupRequested, this, [this](const Jid &contact, const QString &group) {
            m_extraGroups.removeAll(group);
            Q_EMIT moveToGroupRequested(contact, group);
        });
        connect(menu, &ContactMenu::removeRequested, this, &ContactListView::confirmRemoveContact);
        connect(menu, &ContactMenu::blockRequested, this, &ContactListView::blockRequested);
        return menu;
    }
    const QString group = index.isValid() ? index.data(RosterModel::GroupNameRole).toString() : QString();
    auto *menu = new GroupMenu(group, group != RosterManager::defaultGroupName(), this);
    connect(menu, &GroupMenu::addFriendRequested, this, &ContactListView::addFriendRequested);
    connect(menu, &GroupMenu::addGroupRequested, this, &ContactListView::promptAddGroup);
    connect(menu, &GroupMenu::renameGroupRequested, this, &ContactListView::promptRenameGroup);
    connect(menu, &GroupMenu::removeGroupRequested, this, &ContactListView::confirmRemoveGroup);
    return menu;
}

void ContactListView::promptRemark(const Jid &jid)
{
    QString current;
    for (const QModelIndex &index : selectedIndexes()) {
        if (index.data(RosterModel::JidRole).toString() == jid.bareString())
            current = index.data(RosterModel::DisplayNameRole).toString();
    }
    const QString remark = m_prompt(tr("Set remark"), tr("Remark for %1:").arg(jid.bareString()), current);
    if (!remark.isNull())
        Q_EMIT renameContactRequested(jid, remark.trimmed());
}

void ContactListView::promptAddGroup()
{
    const QString name = m_prompt(tr("Add group"), tr("Group name:"), QString()).trimmed();
    if (name.isEmpty() || groups().contains(name))
        return;
    m_extraGroups << name;
    Q_EMIT groupAdded(name);
}

void ContactListView::promptRenameGroup(const QString &group)
{
    const QString name = m_prompt(tr("Rename group"), tr("New name for the group:"), group).trimmed();
    if (name.isEmpty() || name == group)
        return;
    if (m_extraGroups.contains(group)) {
        m_extraGroups.replace(m_extraGroups.indexOf(group), name);
        return;
    }
    m_folded.remove(group);
    Q_EMIT renameGroupRequested(group, name);
}

void ContactListView::confirmRemoveGroup(const QString &group)
{
    if (m_extraGroups.removeAll(group) > 0)
        return;
    if (const auto mode = m_removeGroupPrompt(group))
        Q_EMIT removeGroupRequested(group, *mode);
}

void ContactListView::confirmRemoveContact(const Jid &jid)
{
    if (m_confirm(tr("Remove contact"), tr("Remove %1 from your contacts?").arg(jid.bareString())))
        Q_EMIT removeContactRequested(jid);
}
