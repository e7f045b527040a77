// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/EmojiPicker.h"

#include <QGridLayout>
#include <QScreen>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

constexpr int Columns = 8;

}   // namespace

EmojiPicker::EmojiPicker(QWidget *parent) : QFrame(parent, Qt::Popup)
{
    setObjectName(u"emojiPicker"_s);
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_WindowPropagation);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(8, 8, 8, 8);
    grid->setSpacing(2);
    const QStringList all = emoji();
    for (int i = 0; i < all.size(); ++i) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"emoji"_s + QString::number(i));
        button->setText(all.at(i));
        button->setAutoRaise(true);
        button->setFixedSize(34, 34);
        button->setCursor(Qt::PointingHandCursor);
        QFont font = button->font();
        font.setPixelSize(20);
        button->setFont(font);
        connect(button, &QToolButton::clicked, this, [this, text = all.at(i)] {
            hide();
            Q_EMIT emojiChosen(text);
        });
        grid->addWidget(button, i / Columns, i % Columns);
    }
}

QStringList EmojiPicker::emoji()
{
    return {
        u"😀"_s, u"😁"_s, u"😂"_s, u"🤣"_s, u"😊"_s, u"😍"_s, u"😘"_s, u"😎"_s, u"🤔"_s, u"😅"_s,
        u"😭"_s, u"😡"_s, u"😱"_s, u"😴"_s, u"🙄"_s, u"😏"_s, u"🥳"_s, u"🤗"_s, u"😇"_s, u"🙃"_s,
        u"😢"_s, u"😤"_s, u"🤯"_s, u"🥺"_s, u"👍"_s, u"👎"_s, u"👌"_s, u"👏"_s, u"🙏"_s, u"💪"_s,
        u"🤝"_s, u"✌️"_s,  u"❤️"_s,  u"💔"_s, u"🔥"_s, u"🎉"_s, u"🌹"_s, u"☕"_s, u"🍺"_s, u"🧧"_s,
    };
}

void EmojiPicker::popup(QWidget *anchor)
{
    adjustSize();
    const QPoint topLeft = anchor->mapToGlobal(QPoint(0, 0));
    QPoint at(topLeft.x(), topLeft.y() - height() - 4);
    if (const QScreen *screen = anchor->screen(); screen && at.y() < screen->availableGeometry().top())
        at.setY(topLeft.y() + anchor->height() + 4);
    move(at);
    show();
}
