// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "main/ProfileHeader.h"

#include "common/AvatarWidget.h"
#include "common/ElidedLabel.h"
#include "main/StatusSelector.h"

#include <QHBoxLayout>
#include <QMouseEvent>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProfileHeader::ProfileHeader(QWidget *parent)
    : QFrame(parent)
    , m_avatar(new AvatarWidget(60, this))
    , m_name(new ElidedLabel(this))
    , m_selector(new StatusSelector(this))
    , m_statusMessage(new QLineEdit(this))
{
    setObjectName(u"profileHeader"_s);
    m_avatar->setObjectName(u"ownAvatar"_s);
    m_avatar->setRingVisible(true);
    m_avatar->setCursor(Qt::PointingHandCursor);
    m_avatar->setToolTip(tr("Edit my profile"));
    m_avatar->installEventFilter(this);
    m_name->setObjectName(u"displayName"_s);
    // Line the name up with the text of the status message below, which sits inside a border and padding.
    m_name->setContentsMargins(5, 0, 0, 0);
    m_statusMessage->setObjectName(u"statusMessageEdit"_s);
    m_statusMessage->setPlaceholderText(tr("Share what's on your mind"));
    m_statusMessage->setToolTip(tr("Your status message: everyone on your contact list sees it"));
    m_statusMessage->setMaxLength(200);

    auto *nameRow = new QHBoxLayout;
    nameRow->setSpacing(6);
    nameRow->addWidget(m_name);
    nameRow->addWidget(m_selector);
    nameRow->addStretch(1);

    auto *column = new QVBoxLayout;
    column->setSpacing(4);
    column->addStretch();
    column->addLayout(nameRow);
    column->addWidget(m_statusMessage);
    column->addStretch();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_avatar, 0, Qt::AlignVCenter);
    layout->addLayout(column, 1);

    connect(m_selector, &StatusSelector::statusSelected, this, [this](StatusChoice status) {
        m_avatar->setStatus(status);
        Q_EMIT statusSelected(status);
    });
    connect(m_statusMessage, &QLineEdit::editingFinished, this, &ProfileHeader::finishStatusMessage);
    connect(m_statusMessage, &QLineEdit::returnPressed, this, [this] { m_statusMessage->clearFocus(); });

    setStatus(StatusChoice::Offline);
}

void ProfileHeader::setDisplayName(const QString &name)
{
    m_name->setText(name);
    m_avatar->setName(name);
}

QString ProfileHeader::displayName() const
{
    return m_name->text();
}

void ProfileHeader::setColourKey(const QString &key)
{
    m_avatar->setColourKey(key);
}

StatusChoice ProfileHeader::status() const
{
    return m_selector->status();
}

void ProfileHeader::setStatus(StatusChoice status)
{
    m_selector->setStatus(status);
    m_avatar->setStatus(status);
}

QString ProfileHeader::statusMessage() const
{
    return m_committedMessage;
}

void ProfileHeader::setStatusMessage(const QString &message)
{
    m_committedMessage = message;
    m_statusMessage->setText(message);
    m_statusMessage->setCursorPosition(0);
}

void ProfileHeader::finishStatusMessage()
{
    const QString message = m_statusMessage->text().trimmed();
    m_statusMessage->setCursorPosition(0);
    if (message == m_committedMessage)
        return;
    m_committedMessage = message;
    Q_EMIT statusMessageEdited(message);
}

void ProfileHeader::setAvatar(const QImage &image)
{
    m_avatar->setImage(image);
}

bool ProfileHeader::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_avatar && event->type() == QEvent::MouseButtonRelease
        && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton)
        Q_EMIT avatarClicked();
    return QFrame::eventFilter(watched, event);
}
