// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "profile/ProfileView.h"

#include "common/AvatarWidget.h"
#include "models/RemoteText.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QLabel *plain(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
}   // namespace

ProfileView::ProfileView(const Jid &jid, QWidget *parent)
    : QDialog(parent)
    , m_jid(jid.bare())
    , m_avatar(new AvatarWidget(80, this))
    , m_name(plain(QString(), this))
    , m_address(plain(m_jid.bareString(), this))
    , m_status(plain(QString(), this))
    , m_fields(new QFormLayout)
    , m_addFriend(new QPushButton(tr("Add friend"), this))
{
    setObjectName(QStringLiteral("profileView"));
    setWindowTitle(tr("Profile — %1").arg(m_jid.bareString()));
    setMinimumWidth(380);
    m_avatar->setColourKey(m_jid.bareString());
    m_avatar->setName(m_jid.local());
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setText(m_jid.local());
    m_name->setStyleSheet(QStringLiteral("font-size: 18px; font-weight: 600; color: #1f2329;"));
    m_address->setStyleSheet(QStringLiteral("color: #8a94a6;"));
    m_status->setObjectName(QStringLiteral("profileStatus"));
    m_status->setStyleSheet(QStringLiteral("color: #8a94a6;"));
    m_status->hide();

    auto *send = m_send = new QPushButton(tr("Send message"), this);
    send->setObjectName(QStringLiteral("sendMessageButton"));
    send->setDefault(true);
    m_addFriend->setObjectName(QStringLiteral("addFriendButton"));
    m_addFriend->hide();
    connect(send, &QPushButton::clicked, this, [this] { Q_EMIT sendMessageRequested(m_jid); });
    connect(m_addFriend, &QPushButton::clicked, this, [this] { Q_EMIT addFriendRequested(m_jid); });

    auto *names = new QVBoxLayout;
    names->setSpacing(4);
    names->addStretch();
    names->addWidget(m_name);
    names->addWidget(m_address);
    names->addStretch();
    auto *header = new QHBoxLayout;
    header->setSpacing(16);
    header->addWidget(m_avatar);
    header->addLayout(names, 1);

    m_fields->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_fields->setHorizontalSpacing(14);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_addFriend);
    buttons->addWidget(send);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 18);
    layout->setSpacing(16);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addLayout(m_fields);
    layout->addStretch();
    layout->addLayout(buttons);
}

void ProfileView::setDisplayName(const QString &name)
{
    m_name->setText(name);
    m_avatar->setName(name);
}

void ProfileView::setAvatar(const QImage &image)
{
    m_avatar->setImage(image);
}

void ProfileView::setIsContact(bool contact)
{
    m_addFriend->setVisible(!contact);
}

void ProfileView::setSendMessageVisible(bool visible)
{
    m_send->setVisible(visible);
}

void ProfileView::setLoading(bool loading)
{
    m_status->setText(loading ? tr("Loading the profile…") : QString());
    m_status->setVisible(loading);
}

void ProfileView::setLoadFailed(const QString &error)
{
    m_status->setText(tr("The profile could not be loaded: %1").arg(RemoteText::isolate(error)));
    m_status->show();
}

void ProfileView::addRow(const QString &label, const QString &value)
{
    if (value.trimmed().isEmpty())
        return;
    auto *text = plain(value, this);
    m_fields->addRow(plain(label, this), text);
    m_shown << label + u' ' + value;
}

void ProfileView::setVCard(const VCard &card)
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_shown.clear();
    setLoading(false);
    addRow(tr("Nickname:"), card.nickname);
    addRow(tr("Full name:"), card.fullName);
    if (card.birthday.isValid())
        addRow(tr("Birthday:"), QLocale().toString(card.birthday, QLocale::LongFormat));
    for (const VCard::Email &email : card.emails)
        addRow(tr("E-mail:"), email.address);
    for (const VCard::Phone &phone : card.phones)
        addRow(tr("Phone:"), phone.number);
    addRow(tr("Website:"), card.url);
    QStringList work{card.organization.name};
    work += card.organization.units;
    work.removeAll(QString());
    addRow(tr("Company:"), work.join(QStringLiteral(" · ")));
    addRow(tr("Title:"), card.title);
    for (const VCard::Address &a : card.addresses) {
        QStringList parts{a.street, a.locality, a.region, a.postalCode, a.country};
        parts.removeAll(QString());
        addRow(tr("Address:"), parts.join(QStringLiteral(", ")));
    }
    addRow(tr("About:"), card.description);
    if (m_fields->rowCount() == 0) {
        m_status->setText(tr("No profile details shared."));
        m_status->show();
    }
}

QStringList ProfileView::shownFields() const
{
    return m_shown;
}
