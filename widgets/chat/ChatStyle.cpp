// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ChatStyle.h"

using namespace Qt::StringLiterals;

QString ChatStyle::styleSheet()
{
    return uR"(
QWidget#chatWindow { background: #ffffff; }
QSplitter#chatSplitter::handle, QSplitter#chatBodySplitter::handle { background: #e6e9ef; }
QSplitter#messageSplitter::handle { background: #e6e9ef; }

QFrame#conversationPane { background: #ffffff; }
QListView#messageView { background: #f2f3f5; border: none; }
QLineEdit#conversationFilter, QLineEdit#chatSearchEdit {
    background: #f0f2f5; border: 1px solid transparent; border-radius: 15px; min-height: 28px;
    padding: 0 10px 0 4px; font-size: 13px; color: #1f2329; selection-background-color: #bcd8ff;
}
QLineEdit#conversationFilter:focus, QLineEdit#chatSearchEdit:focus { background: #ffffff; border-color: #129bf0; }
QListView#conversationList, QListView#chatSearchResults { border: none; background: #ffffff; outline: none; }
QLabel#conversationTitle { color: #1f2329; font-size: 16px; font-weight: bold; }

QFrame#chatPlaceholder { background: #f2f3f5; }
QLabel#chatPlaceholderIcon { background: #e3f2fd; border-radius: 40px; }
QLabel#chatPlaceholderText { color: #8a94a6; font-size: 13px; }

QFrame#chatHeader { background: #ffffff; border: none; border-bottom: 1px solid #e6e9ef; }
#peerName { color: #1f2329; font-size: 16px; font-weight: bold; }
#peerStatus { color: #8a94a6; font-size: 12px; }
#peerStatus[typing="true"] { color: #129bf0; }

QFrame#composer { background: #ffffff; border: none; }
QPlainTextEdit#composerEdit {
    background: #ffffff; border: none; font-size: 14px; color: #1f2329;
    selection-background-color: #bcd8ff; selection-color: #1f2329;
}
QToolButton#emojiButton, QToolButton#searchButton { border: none; border-radius: 6px; padding: 4px; }
QToolButton#emojiButton:hover, QToolButton#searchButton:hover { background: #eef1f5; }
QToolButton#searchButton:checked { background: #e3f2fd; }
QFrame#editingStrip { background: #eaf6fe; border-radius: 6px; }
QLabel#editingTitle { color: #129bf0; font-size: 12px; font-weight: bold; }
#editingText { color: #5f6b7a; font-size: 12px; }
QToolButton#cancelEditButton { border: none; border-radius: 4px; padding: 2px; }
QToolButton#cancelEditButton:hover { background: #d6ecfb; }
QPushButton#sendButton {
    background: #129bf0; color: #ffffff; border: none; font-size: 14px; min-height: 30px; padding: 0 22px;
    border-top-left-radius: 6px; border-bottom-left-radius: 6px;
}
QPushButton#sendButton:hover, QToolButton#sendOptionsButton:hover { background: #33aaf5; }
QPushButton#sendButton:pressed, QToolButton#sendOptionsButton:pressed { background: #0d86d3; }
QPushButton#sendButton:disabled { background: #a7d9f8; }
QToolButton#sendOptionsButton {
    background: #129bf0; border: none; min-height: 30px; padding: 0 7px;
    border-top-right-radius: 6px; border-bottom-right-radius: 6px;
}
QToolButton#sendOptionsButton[idle="true"] { background: #a7d9f8; }
QToolButton#sendOptionsButton[idle="true"]:hover { background: #33aaf5; }
QToolButton#sendOptionsButton::menu-indicator { image: none; width: 0; }

QPushButton#newMessagesPill {
    background: #ffffff; color: #129bf0; border: 1px solid #d5eafb; border-radius: 14px;
    padding: 0 14px; font-size: 12px;
}
QPushButton#newMessagesPill:hover { background: #f0f8fe; }

QFrame#chatSearchPanel { background: #ffffff; border: none; }
QLabel#chatSearchTitle { color: #1f2329; font-size: 14px; font-weight: bold; }
QLabel#chatSearchSummary { color: #8a94a6; font-size: 12px; }
QToolButton#chatSearchClose { border: none; border-radius: 4px; padding: 3px; }
QToolButton#chatSearchClose:hover { background: #eef1f5; }

QFrame#emojiPicker { background: #ffffff; border: 1px solid #e1e4ea; border-radius: 8px; }
QFrame#emojiPicker QToolButton { border: none; border-radius: 6px; background: transparent; }
QFrame#emojiPicker QToolButton:hover { background: #eef1f5; }
)"_s;
}
