// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/StatusChoice.h"

#include <QFrame>
#include <QImage>

class AvatarWidget;
class ElidedLabel;
class QLineEdit;
class StatusSelector;

/// The top of the main window: our avatar, name, status picker and status message ("signature" in QQ).
class ProfileHeader : public QFrame
{
    Q_OBJECT

public:
    explicit ProfileHeader(QWidget *parent = nullptr);

    void setDisplayName(const QString &name);
    QString displayName() const;
    /// The bare JID: the avatar's colour derives from it.
    void setColourKey(const QString &key);
    /// Our picture; a null image shows the placeholder.
    void setAvatar(const QImage &image);

    StatusChoice status() const;
    void setStatus(StatusChoice status);
    QString statusMessage() const;
    void setStatusMessage(const QString &message);

Q_SIGNALS:
    void statusSelected(StatusChoice status);
    /// The user finished editing the status message and it differs from before.
    void statusMessageEdited(const QString &message);
    /// A click on our avatar: edit the profile, as in QQ.
    void avatarClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void finishStatusMessage();

    AvatarWidget *m_avatar;
    ElidedLabel *m_name;
    StatusSelector *m_selector;
    QLineEdit *m_statusMessage;
    QString m_committedMessage;
};
