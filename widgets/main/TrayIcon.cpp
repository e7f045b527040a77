// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/TrayIcon.h"

#include "common/PaintedIconEngine.h"
#include "common/SafeText.h"
#include "main/StatusSelector.h"

#include <QActionGroup>
#include <QMenu>
#include <QPainter>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QIcon composeIcon(const QIcon &appIcon, StatusChoice status, bool unread, bool dim)
{
    return PaintedIconEngine::icon([appIcon, status, unread, dim](QPainter *painter, const QRectF &rect, QIcon::Mode) {
        // The blink's off phase: nearly transparent rather than empty, so the tray keeps the slot.
        if (dim)
            painter->setOpacity(0.15);
        const bool offline = status == StatusChoice::Offline;
        appIcon.paint(painter, rect.toRect(), Qt::AlignCenter, offline ? QIcon::Disabled : QIcon::Normal);
        const qreal badge = rect.width() * 0.46;
        if (!offline) {
            const QRectF dot(rect.right() - badge, rect.bottom() - badge, badge, badge);
            StatusChoices::icon(status).paint(painter, dot.toRect());
        }
        if (unread) {
            painter->setPen(QPen(Qt::white, qMax(1.0, rect.width() / 24)));
            painter->setBrush(QColor(0xf5, 0x3b, 0x4e));
            painter->drawEllipse(QRectF(rect.right() - badge * 0.8, rect.top(), badge * 0.8, badge * 0.8));
        }
    });
}

}   // namespace

TrayIcon::TrayIcon(const QIcon &appIcon, QObject *parent)
    : QSystemTrayIcon(parent)
    , m_appIcon(appIcon)
    , m_blink(new QTimer(this))
{
    m_blink->setInterval(500);
    connect(m_blink, &QTimer::timeout, this, [this] {
        m_blinkDim = !m_blinkDim;
        setIcon(composeIcon(m_appIcon, m_status, m_unread, m_blinkDim));
    });
    // QSystemTrayIcon does not own its menu; parenting it to nothing would leak, so this object deletes it.
    auto *menu = new QMenu;
    menu->setObjectName(u"trayMenu"_s);
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);

    m_toggle = menu->addAction(QString(), this, &TrayIcon::toggleWindowRequested);
    m_toggle->setObjectName(u"toggleWindowAction"_s);
    menu->addSeparator();
    m_statusActions = StatusSelector::createActions(this);
    menu->addActions(m_statusActions->actions());
    menu->addSeparator();
    menu->addAction(tr("Quit Xin"), this, &TrayIcon::quitRequested)->setObjectName(u"trayQuitAction"_s);
    setContextMenu(menu);

    connect(m_statusActions, &QActionGroup::triggered, this,
            [this](QAction *action) { Q_EMIT statusSelected(StatusSelector::choiceOf(action)); });
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            Q_EMIT toggleWindowRequested();
    });
    refresh();
}

void TrayIcon::setStatus(StatusChoice status)
{
    m_status = status;
    refresh();
}

void TrayIcon::setUnread(bool unread)
{
    if (unread == m_unread)
        return;
    m_unread = unread;
    m_blinkDim = false;
    if (unread)
        m_blink->start();
    else
        m_blink->stop();
    refresh();
}

bool TrayIcon::isBlinking() const
{
    return m_blink->isActive();
}

void TrayIcon::setAccount(const QString &bareJid)
{
    m_account = bareJid;
    refresh();
}

void TrayIcon::setWindowVisible(bool visible)
{
    m_windowVisible = visible;
    refresh();
}

void TrayIcon::refresh()
{
    setIcon(composeIcon(m_appIcon, m_status, m_unread, m_blinkDim));
    const QString status = StatusChoices::name(m_status);
    // The tray's tool tip may be read as markup (StatusNotifierItem): the address is defused all the same.
    setToolTip(m_account.isEmpty() ? tr("Xin: %1").arg(status)
                                   : tr("Xin: %1 (%2)").arg(SafeText::notification(m_account, 200), status));
    m_toggle->setText(m_windowVisible ? tr("Hide Xin") : tr("Show Xin"));
    for (QAction *action : m_statusActions->actions())
        action->setChecked(StatusSelector::choiceOf(action) == m_status);
}
