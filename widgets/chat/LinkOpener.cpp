// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/LinkOpener.h"

#include "chat/LinkConfirmDialog.h"
#include "messaging/MessageStyling.h"

#include <QDesktopServices>
#include <QSettings>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {

const auto TrustedKey = u"links/alwaysOpen"_s;

QString normalisedHost(const QString &host)
{
    return QString::fromLatin1(QUrl::toAce(host)).toLower();
}

} // namespace

LinkOpener::LinkOpener(QWidget *dialogParent) : QObject(dialogParent), m_dialogParent(dialogParent) { }

void LinkOpener::open(const QUrl &url)
{
    if (!MessageStyling::isSafeLink(url))
        return;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"xmpp"_s) {
        // Never QDesktopServices: the system's xmpp: handler may be another client, or anything at all.
        if (const Jid jid = jidOf(url); !jid.isNull())
            Q_EMIT xmppAddressActivated(jid);
        return;
    }
    if (isAlwaysOpened(url.host(QUrl::FullyDecoded)))
        QDesktopServices::openUrl(url);
    else
        confirm(url);
}

void LinkOpener::confirm(const QUrl &url)
{
    if (m_dialog)
        m_dialog->close();   // a second click replaces the question
    m_dialog = new LinkConfirmDialog(url, m_dialogParent ? m_dialogParent->window() : nullptr);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    LinkConfirmDialog *dialog = m_dialog;
    connect(dialog, &QDialog::accepted, this, [dialog] {
        if (dialog->alwaysOpen())
            setAlwaysOpened(dialog->domain());
        QDesktopServices::openUrl(dialog->url());
    });
    m_dialog->open();   // window-modal, without a nested event loop
}

LinkConfirmDialog *LinkOpener::pendingDialog() const
{
    return m_dialog;
}

bool LinkOpener::isAlwaysOpened(const QString &host)
{
    const QString key = normalisedHost(host);
    return !key.isEmpty() && QSettings().value(TrustedKey).toStringList().contains(key);
}

void LinkOpener::setAlwaysOpened(const QString &host)
{
    const QString key = normalisedHost(host);
    if (key.isEmpty())
        return;
    QSettings settings;
    QStringList hosts = settings.value(TrustedKey).toStringList();
    if (!hosts.contains(key)) {
        hosts.append(key);
        settings.setValue(TrustedKey, hosts);
    }
}

Jid LinkOpener::jidOf(const QUrl &url)
{
    if (url.scheme().compare(u"xmpp"_s, Qt::CaseInsensitive) != 0)
        return {};
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);   // xmpp://account/target: the authority is the account to use, the path the target
    const auto jid = Jid::parse(path);
    return jid ? jid->bare() : Jid();
}
