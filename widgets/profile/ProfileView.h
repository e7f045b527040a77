// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "stanza/VCard.h"

#include <QDialog>
#include <QImage>

class AvatarWidget;
class QFormLayout;
class QLabel;
class QPushButton;

/// Someone's profile, read-only: the avatar, the display name and address, then the vCard fields that are
/// set. "Send message" always; "Add friend" for someone not in the contact list (e.g. found by search).
/// Every text is remote and shown as plain text (docs/SECURITY.md rule 5).
class ProfileView : public QDialog
{
    Q_OBJECT
public:
    explicit ProfileView(const Jid &jid, QWidget *parent = nullptr);

    Jid jid() const { return m_jid; }
    /// The name shown everywhere (DisplayName rule: remark, nickname, full name, local part).
    void setDisplayName(const QString &name);
    void setAvatar(const QImage &image);
    void setIsContact(bool contact);
    void setSendMessageVisible(bool visible);
    void setVCard(const VCard &card);
    /// While fetching, or when the fetch failed (@p error, a sentence).
    void setLoading(bool loading);
    void setLoadFailed(const QString &error);

    /// The label texts shown for the fields, in order, "label: value" (for tests).
    QStringList shownFields() const;

Q_SIGNALS:
    void sendMessageRequested(const Jid &jid);
    void addFriendRequested(const Jid &jid);

private:
    void addRow(const QString &label, const QString &value);

    Jid m_jid;
    AvatarWidget *m_avatar;
    QLabel *m_name;
    QLabel *m_address;
    QLabel *m_status;
    QFormLayout *m_fields;
    QPushButton *m_addFriend;
    QPushButton *m_send;
    QStringList m_shown;
};
