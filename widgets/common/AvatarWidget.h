// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/StatusChoice.h"

#include <QImage>
#include <QPixmap>
#include <QWidget>

#include <optional>

/// A round avatar with an optional status dot at its lower right, as QQ draws them.
class AvatarWidget : public QWidget
{
    Q_OBJECT

public:
    explicit AvatarWidget(int diameter, QWidget *parent = nullptr);

    int diameter() const { return m_diameter; }

    QString name() const { return m_name; }
    void setName(const QString &name);
    /// What the placeholder colour derives from, normally the bare JID.
    QString colourKey() const { return m_colourKey; }
    void setColourKey(const QString &key);
    /// A real picture; a null image brings the placeholder back.
    void setImage(const QImage &image);

    std::optional<StatusChoice> status() const { return m_status; }
    /// Shows a status dot; Offline also greys the avatar out. std::nullopt hides the dot.
    void setStatus(std::optional<StatusChoice> status);
    /// A white ring around the avatar, for avatars on a coloured background.
    void setRingVisible(bool visible);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void invalidate();

    int m_diameter;
    QString m_name;
    QString m_colourKey;
    QImage m_image;
    std::optional<StatusChoice> m_status;
    bool m_ring = false;
    QPixmap m_cache;
};
