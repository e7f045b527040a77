// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

/// The top of the sign-in window: the 信 logo, the name and a tag line on the brand gradient (from the style
/// sheet), with a few soft translucent bubbles painted over it, as QQ's login window has its scenery.
class LoginBanner : public QFrame
{
    Q_OBJECT

public:
    explicit LoginBanner(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
};
