// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class LinkConfirmDialog;
class QWidget;

/// Opens the links a user clicks in messages, safely.
///
/// An http or https link opens in the browser only after LinkConfirmDialog showed its whole target and the
/// user agreed, unless the user chose to always open links to its domain; that choice is kept in the
/// profile's settings (QSettings: main() points them at the profile directory), group "links". An xmpp:
/// link (RFC 5122) never goes to the system's handler, which could be another program: it becomes
/// xmppAddressActivated(), and Xin opens the chat itself. Nothing else is opened (MessageStyling::isSafeLink).
class LinkOpener : public QObject
{
    Q_OBJECT

public:
    /// Confirmation dialogs are shown over @p dialogParent's window.
    explicit LinkOpener(QWidget *dialogParent);

    void open(const QUrl &url);

    /// Whether links to @p host (any form; compared in lower-case IDNA ASCII) open without asking.
    static bool isAlwaysOpened(const QString &host);
    static void setAlwaysOpened(const QString &host);
    /// The JID an xmpp: URI points to (RFC 5122 §2: xmpp:node@domain, or xmpp://account/node@domain;
    /// percent-decoded), bare; null if there is none.
    static Jid jidOf(const QUrl &url);

    /// The confirmation on screen, if any (for tests).
    LinkConfirmDialog *pendingDialog() const;

Q_SIGNALS:
    /// An xmpp: link to @p jid was clicked.
    void xmppAddressActivated(const Jid &jid);

private:
    void confirm(const QUrl &url);

    QWidget *m_dialogParent;
    QPointer<LinkConfirmDialog> m_dialog;
};
