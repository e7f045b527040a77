// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/Composer.h"

#include "chat/ChatGlyphs.h"
#include "chat/ComposerEdit.h"
#include "chat/EmojiPicker.h"
#include "common/ElidedLabel.h"
#include "common/Glyphs.h"

#include <QActionGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

const QColor ToolColour(0x5f, 0x6b, 0x7a);

QToolButton *toolButton(QWidget *parent, const QIcon &icon, const QString &toolTip, const QString &name)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setIcon(icon);
    button->setIconSize(QSize(20, 20));
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

}   // namespace

Composer::Composer(QWidget *parent) : QFrame(parent), m_edit(new ComposerEdit(this))
{
    setObjectName(u"composer"_s);
    m_edit->setPlaceholderText(tr("Type a message"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 12, 10);
    layout->setSpacing(2);
    layout->addWidget(createToolRow());
    layout->addWidget(createEditingStrip());
    layout->addWidget(m_edit, 1);
    layout->addWidget(createSendRow());

    connect(m_edit, &ComposerEdit::sendRequested, this, &Composer::send);
    connect(m_edit, &ComposerEdit::editLastRequested, this, &Composer::editLastRequested);
    connect(m_edit, &ComposerEdit::cancelRequested, this, [this] {
        if (m_editing)
            cancelEditing();
    });
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateSendButton();
        if (!m_settingText)
            Q_EMIT textEdited();
    });
    updateSendButton();
}

QWidget *Composer::createToolRow()
{
    auto *row = new QWidget(this);
    row->setObjectName(u"composerTools"_s);
    m_emojiButton = toolButton(row, ChatGlyphs::smiley(ToolColour), tr("Emoji"), u"emojiButton"_s);
    m_searchButton = toolButton(row, ChatGlyphs::history(ToolColour), tr("Search this chat's history"),
                                u"searchButton"_s);
    m_searchButton->setCheckable(true);
    connect(m_searchButton, &QToolButton::toggled, this, &Composer::searchToggled);
    connect(m_emojiButton, &QToolButton::clicked, this, [this] {
        if (!m_emojiPicker) {
            m_emojiPicker = new EmojiPicker(this);
            connect(m_emojiPicker, &EmojiPicker::emojiChosen, this, &Composer::insertEmoji);
        }
        m_emojiPicker->popup(m_emojiButton);
    });
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_emojiButton);
    layout->addWidget(m_searchButton);
    layout->addStretch(1);
    return row;
}

QWidget *Composer::createEditingStrip()
{
    m_editingStrip = new QFrame(this);
    m_editingStrip->setObjectName(u"editingStrip"_s);
    auto *title = new QLabel(tr("Editing message"), m_editingStrip);
    title->setObjectName(u"editingTitle"_s);
    title->setTextFormat(Qt::PlainText);
    m_editingText = new ElidedLabel(m_editingStrip);
    m_editingText->setObjectName(u"editingText"_s);
    m_editingText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto *cancel = toolButton(m_editingStrip, ChatGlyphs::close(ToolColour), tr("Cancel editing (Esc)"),
                              u"cancelEditButton"_s);
    cancel->setIconSize(QSize(14, 14));
    connect(cancel, &QToolButton::clicked, this, &Composer::cancelEditing);
    auto *layout = new QHBoxLayout(m_editingStrip);
    layout->setContentsMargins(10, 4, 4, 4);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addWidget(m_editingText, 1);
    layout->addWidget(cancel);
    m_editingStrip->hide();
    return m_editingStrip;
}

QWidget *Composer::createSendRow()
{
    auto *row = new QWidget(this);
    m_sendButton = new QPushButton(tr("Send"), row);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_sendButton->setCursor(Qt::PointingHandCursor);
    connect(m_sendButton, &QPushButton::clicked, this, &Composer::send);

    m_sendOptions = new QToolButton(row);
    m_sendOptions->setObjectName(u"sendOptionsButton"_s);
    m_sendOptions->setIcon(Glyphs::chevronDown(Qt::white));
    m_sendOptions->setIconSize(QSize(14, 14));
    m_sendOptions->setToolTip(tr("How to send"));
    m_sendOptions->setPopupMode(QToolButton::InstantPopup);
    m_sendOptions->setCursor(Qt::PointingHandCursor);
    auto *menu = new QMenu(m_sendOptions);
    menu->setObjectName(u"sendOptionsMenu"_s);
    auto *group = new QActionGroup(menu);
    m_enterSends = menu->addAction(tr("Press Enter to send"));
    m_enterSends->setObjectName(u"enterSendsAction"_s);
    m_ctrlEnterSends = menu->addAction(tr("Press Ctrl+Enter to send"));
    m_ctrlEnterSends->setObjectName(u"ctrlEnterSendsAction"_s);
    for (QAction *action : {m_enterSends, m_ctrlEnterSends}) {
        action->setCheckable(true);
        group->addAction(action);
    }
    m_enterSends->setChecked(true);
    connect(group, &QActionGroup::triggered, this, [this](QAction *action) {
        const bool ctrlEnter = action == m_ctrlEnterSends;
        if (ctrlEnter == m_edit->sendWithCtrlEnter())
            return;
        m_edit->setSendWithCtrlEnter(ctrlEnter);
        updateSendButton();
        Q_EMIT sendWithCtrlEnterChanged(ctrlEnter);
    });
    m_sendOptions->setMenu(menu);

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addStretch(1);
    layout->addWidget(m_sendButton);
    layout->addWidget(m_sendOptions);
    return row;
}

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::setText(const QString &text)
{
    m_settingText = true;
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
    m_settingText = false;
    updateSendButton();
}

bool Composer::sendWithCtrlEnter() const
{
    return m_edit->sendWithCtrlEnter();
}

void Composer::setSendWithCtrlEnter(bool ctrlEnter)
{
    m_edit->setSendWithCtrlEnter(ctrlEnter);
    (ctrlEnter ? m_ctrlEnterSends : m_enterSends)->setChecked(true);
    updateSendButton();
}

void Composer::startEditing(const QString &original)
{
    m_original = original;
    m_editing = true;
    m_editingText->setText(original.simplified());
    m_editingStrip->show();
    setText(original);
    m_edit->setFocus();
}

void Composer::cancelEditing()
{
    const bool wasEditing = m_editing;
    m_editing = false;
    m_original.clear();
    m_editingStrip->hide();
    if (wasEditing)
        setText({});
}

void Composer::setSearchChecked(bool checked)
{
    m_searchButton->setChecked(checked);
}

void Composer::send()
{
    const QString text = m_edit->toPlainText().trimmed();
    if (text.isEmpty())
        return;
    if (m_editing) {
        const bool changed = text != m_original.trimmed();
        cancelEditing();
        if (changed)
            Q_EMIT correctionRequested(text);
        return;
    }
    setText({});
    Q_EMIT sendRequested(text);
}

void Composer::insertEmoji(const QString &emoji)
{
    m_edit->insertPlainText(emoji);
    m_edit->setFocus();
}

void Composer::updateSendButton()
{
    const bool enabled = !m_edit->toPlainText().trimmed().isEmpty();
    m_sendButton->setEnabled(enabled);
    // The menu half stays usable, but looks like its other half.
    if (m_sendOptions->property("idle").toBool() == enabled) {
        m_sendOptions->setProperty("idle", !enabled);
        m_sendOptions->style()->unpolish(m_sendOptions);
        m_sendOptions->style()->polish(m_sendOptions);
    }
    m_sendButton->setToolTip(m_edit->sendWithCtrlEnter() ? tr("Send (Ctrl+Enter)") : tr("Send (Enter)"));
}
