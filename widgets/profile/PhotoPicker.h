// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "profile/VCardField.h"

#include <QImage>

#include <functional>

class AvatarWidget;
class QLabel;
class QPushButton;

/// The profile photo (PHOTO): shows the current one round, like everywhere else, and picks a new one from a
/// file. A picked picture is cropped to its centre square and scaled to at most 256x256, then encoded as
/// PNG, or as JPEG when that is much smaller (photos), before it goes anywhere near the server.
class PhotoPicker : public VCardField
{
    Q_OBJECT
public:
    static constexpr int MaxSide = 256;
    /// Picked files may be camera photos, much larger than what we accept from the network.
    static constexpr qint64 MaxFileBytes = 30 * 1024 * 1024;
    static constexpr int MaxFileSide = 12000;

    /// What the user picked, ready to publish.
    struct Prepared
    {
        QByteArray data;
        QString type;   // image/png or image/jpeg
        QImage image;   // the square, as encoded
    };

    explicit PhotoPicker(QWidget *parent = nullptr);
    void load(const VCard &card) override;
    void store(VCard &card) const override;

    /// Placeholder initial and colour while there is no photo.
    void setPlaceholder(const QString &name, const QString &colourKey);
    /// Reads @p path as the new photo; false with *error (a sentence) when it cannot be used.
    bool pickFile(const QString &path, QString *error = nullptr);
    /// For tests: replaces the file dialog; returns the chosen path or an empty string.
    void setFileChooser(std::function<QString()> chooser) { m_chooser = std::move(chooser); }

    /// Crops @p image to its centre square, scales it to at most MaxSide and encodes it.
    static Prepared prepare(const QImage &image);

private:
    void choose();
    void showPhoto(const QImage &image);

    AvatarWidget *m_avatar;
    QPushButton *m_remove;
    QLabel *m_error;
    VCard::Photo m_photo;
    std::function<QString()> m_chooser;
};
