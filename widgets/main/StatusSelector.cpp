// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/StatusSelector.h"

#include "common/Glyphs.h"

#include <QActionGroup>
#include <QMenu>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace {
const char choiceProperty[] = "statusChoice";
}

StatusSelector::StatusSelector(QWidget *parent) : QToolButton(parent), m_actions(createActions(this))
{
    setObjectName(u"statusSelector"_s);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(12, 12));
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Change your status"));

    // Not setMenu(): that reserves room for an arrow the style sheet hides, leaving a gap in the pill.
    m_menu = new QMenu(this);
    m_menu->setObjectName(u"statusMenu"_s);
    m_menu->addActions(m_actions->actions());
    connect(this, &QToolButton::clicked, this, [this] { m_menu->popup(mapToGlobal(QPoint(0, height() + 2))); });

    connect(m_actions, &QActionGroup::triggered, this, [this](QAction *action) {
        m_status = choiceOf(action);
        refresh();
        Q_EMIT statusSelected(m_status);
    });
    refresh();
}

QActionGroup *StatusSelector::createActions(QObject *parent)
{
    auto *group = new QActionGroup(parent);
    group->setExclusive(true);
    for (const StatusChoice choice : StatusChoices::all()) {
        auto *action = group->addAction(StatusChoices::icon(choice), StatusChoices::name(choice));
        action->setCheckable(true);
        action->setObjectName(u"statusAction_"_s + StatusChoices::key(choice));
        action->setProperty(choiceProperty, QVariant::fromValue(choice));
    }
    return group;
}

StatusChoice StatusSelector::choiceOf(const QAction *action)
{
    return action->property(choiceProperty).value<StatusChoice>();
}

void StatusSelector::setStatus(StatusChoice status)
{
    m_status = status;
    refresh();
}

void StatusSelector::paintEvent(QPaintEvent *event)
{
    QToolButton::paintEvent(event);
    // The drop-down hint sits in the right padding the style sheet reserves for it.
    QPainter painter(this);
    const int side = 10;
    Glyphs::chevronDown(palette().color(QPalette::ButtonText))
        .paint(&painter, QRect(width() - side - 5, (height() - side) / 2, side, side));
}

void StatusSelector::refresh()
{
    setIcon(StatusChoices::icon(m_status));
    setText(StatusChoices::name(m_status));
    for (QAction *action : m_actions->actions())
        action->setChecked(choiceOf(action) == m_status);
}
