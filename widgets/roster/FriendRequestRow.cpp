// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "roster/FriendRequestRow.h"

#include "common/AvatarWidget.h"
#include "common/ElidedLabel.h"
#include "common/SpoofWarning.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QPushButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setCursor(Qt::PointingHandCursor);
    b->setAutoDefault(false);
    return b;
}

}   // namespace

FriendRequestRow::FriendRequestRow(Direction direction, const Jid &jid, const QString &name, const QString &greeting,
                                   const QStringList &groups, QWidget *parent)
    : QFrame(parent)
    , m_direction(direction)
    , m_jid(jid)
{
    setObjectName(u"friendRequest:"_s + jid.bareString());
    setProperty("direction", direction == Direction::Incoming ? u"incoming"_s : u"outgoing"_s);
    setFrameShape(QFrame::NoFrame);

    const QString shownName = name.trimmed().isEmpty() ? jid.local() : name.trimmed();
    m_avatar = new AvatarWidget(40, this);
    m_avatar->setObjectName(u"requestAvatar"_s);
    m_avatar->setName(shownName);
    m_avatar->setColourKey(jid.bareString());

    auto *nameLabel = new ElidedLabel(this);
    nameLabel->setObjectName(u"requestName"_s);
    nameLabel->setText(shownName);
    QFont bold = nameLabel->font();
    bold.setPixelSize(14);
    nameLabel->setFont(bold);

    auto *jidLabel = new ElidedLabel(this);
    jidLabel->setObjectName(u"requestJid"_s);
    jidLabel->setText(jid.bareString());
    QPalette grey = jidLabel->palette();
    grey.setColor(QPalette::WindowText, QColor(0x8a, 0x94, 0xa6));
    jidLabel->setPalette(grey);

    auto *text = new QLabel(this);
    text->setObjectName(u"requestGreeting"_s);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    text->setText(direction == Direction::Incoming
                      ? (greeting.trimmed().isEmpty() ? tr("Wants to add you as a friend.") : greeting.left(500))
                      : tr("Waiting for approval"));
    text->setPalette(grey);

    // A requester whose address imitates another (a Cyrillic "а" in "аlice") is marked before the user
    // answers: the address is all that identifies them (JidSpoofCheck).
    auto *warning = new SpoofWarning(this);
    warning->setJid(jid);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(nameLabel);
    texts->addWidget(jidLabel);
    texts->addWidget(warning);
    texts->addWidget(text);

    auto *top = new QHBoxLayout;
    top->setSpacing(10);
    top->addWidget(m_avatar, 0, Qt::AlignTop);
    top->addLayout(texts, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addLayout(top);
    if (direction == Direction::Incoming) {
        m_buttons = createAnswerButtons();
        m_acceptPanel = createAcceptPanel(groups);
        m_acceptPanel->hide();
        layout->addWidget(m_buttons);
        layout->addWidget(m_acceptPanel);
    }
}

void FriendRequestRow::setAvatar(const QImage &image)
{
    m_avatar->setImage(image);
}

QWidget *FriendRequestRow::createAnswerButtons()
{
    auto *box = new QWidget(this);
    auto *accept = button(tr("Accept"), u"acceptButton"_s, box);
    auto *refuse = button(tr("Refuse"), u"refuseButton"_s, box);
    auto *ignore = button(tr("Ignore"), u"ignoreButton"_s, box);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(50, 4, 0, 0);
    layout->addStretch(1);
    layout->addWidget(ignore);
    layout->addWidget(refuse);
    layout->addWidget(accept);
    connect(accept, &QPushButton::clicked, this, [this] {
        m_buttons->hide();
        m_acceptPanel->show();
        m_remark->setFocus();
    });
    connect(refuse, &QPushButton::clicked, this, [this] { Q_EMIT refuseRequested(m_jid); });
    connect(ignore, &QPushButton::clicked, this, [this] { Q_EMIT ignoreRequested(m_jid); });
    return box;
}

QWidget *FriendRequestRow::createAcceptPanel(const QStringList &groups)
{
    auto *panel = new QWidget(this);
    panel->setObjectName(u"acceptPanel"_s);
    m_group = new QComboBox(panel);
    m_group->setObjectName(u"acceptGroupCombo"_s);
    m_group->addItems(groups);
    m_remark = new QLineEdit(panel);
    m_remark->setObjectName(u"acceptRemarkEdit"_s);
    m_remark->setPlaceholderText(tr("Remark (optional)"));
    m_remark->setMaxLength(100);
    auto *confirm = button(tr("Add"), u"confirmAcceptButton"_s, panel);
    auto *cancel = button(tr("Cancel"), u"cancelAcceptButton"_s, panel);

    auto *layout = new QHBoxLayout(panel);
    layout->setContentsMargins(50, 4, 0, 0);
    layout->addWidget(m_group, 1);
    layout->addWidget(m_remark, 1);
    layout->addWidget(cancel);
    layout->addWidget(confirm);
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_acceptPanel->hide();
        m_buttons->show();
    });
    connect(confirm, &QPushButton::clicked, this,
            [this] { Q_EMIT acceptRequested(m_jid, m_group->currentText(), m_remark->text().trimmed()); });
    return panel;
}
