// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "profile/PhotoPicker.h"

#include "common/AvatarImages.h"
#include "common/AvatarWidget.h"

#include <QBuffer>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

PhotoPicker::PhotoPicker(QWidget *parent)
    : VCardField(parent)
    , m_avatar(new AvatarWidget(96, this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("photoPicker"));
    m_avatar->setObjectName(QStringLiteral("photoAvatar"));
    auto *change = new QPushButton(tr("Change photo…"), this);
    change->setObjectName(QStringLiteral("changePhotoButton"));
    m_remove->setObjectName(QStringLiteral("removePhotoButton"));
    m_error->setObjectName(QStringLiteral("photoError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setStyleSheet(QStringLiteral("color: #cf3a3f; font-size: 12px;"));
    m_error->hide();

    m_chooser = [this] {
        return QFileDialog::getOpenFileName(this, tr("Choose a photo"), QString(),
                                            tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
    };
    connect(change, &QPushButton::clicked, this, &PhotoPicker::choose);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        m_photo = {};
        showPhoto({});
        Q_EMIT edited();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_avatar, 0, Qt::AlignHCenter);
    layout->addWidget(change, 0, Qt::AlignHCenter);
    layout->addWidget(m_remove, 0, Qt::AlignHCenter);
    layout->addWidget(m_error);
}

void PhotoPicker::setPlaceholder(const QString &name, const QString &colourKey)
{
    m_avatar->setName(name);
    m_avatar->setColourKey(colourKey);
}

void PhotoPicker::load(const VCard &card)
{
    m_photo = card.photo;
    m_error->hide();
    QImage image;
    if (!m_photo.data.isEmpty()) {
        QString error;
        image = AvatarImages::decode(m_photo.data, &error);   // the network's rules: it came from the server
        if (image.isNull()) {
            m_error->setText(tr("The saved photo cannot be shown: %1").arg(error));
            m_error->show();
        }
    }
    showPhoto(image);
}

void PhotoPicker::store(VCard &card) const
{
    card.photo = m_photo;
}

void PhotoPicker::showPhoto(const QImage &image)
{
    m_avatar->setImage(image);
    m_remove->setEnabled(!m_photo.isEmpty());
}

void PhotoPicker::choose()
{
    const QString path = m_chooser();
    if (path.isEmpty())
        return;
    QString error;
    if (!pickFile(path, &error)) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    Q_EMIT edited();
}

bool PhotoPicker::pickFile(const QString &path, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(tr("%1 is not a file.").arg(info.fileName()));
    if (info.size() > MaxFileBytes)
        return fail(tr("%1 is too large (at most %2 MB).").arg(info.fileName()).arg(MaxFileBytes / (1024 * 1024)));
    QImageReader reader(path);
    reader.setAutoTransform(true);   // camera photos: EXIF orientation
    reader.setAllocationLimit(512);   // MiB; a 12000x12000 ARGB image is 549 MB, but size() is checked first
    if (reader.format().isEmpty())
        return fail(tr("%1 is not a picture Xin can read (PNG, JPEG, GIF, WebP, BMP).").arg(info.fileName()));
    const QSize size = reader.size();
    if (size.width() > MaxFileSide || size.height() > MaxFileSide)
        return fail(tr("%1 is too large: %2x%3 pixels.").arg(info.fileName()).arg(size.width()).arg(size.height()));
    const QImage image = reader.read();
    if (image.isNull())
        return fail(tr("%1 cannot be read: %2").arg(info.fileName(), reader.errorString()));
    const Prepared prepared = prepare(image);
    m_photo = {prepared.type, prepared.data, {}};
    m_error->hide();
    showPhoto(prepared.image);
    return true;
}

PhotoPicker::Prepared PhotoPicker::prepare(const QImage &image)
{
    const int side = qMin(image.width(), image.height());
    const QRect square((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    QImage cropped = image.copy(square);
    if (side > MaxSide)
        cropped = cropped.scaled(MaxSide, MaxSide, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);

    const auto encode = [&cropped](const char *format, int quality) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, format);
        writer.setQuality(quality);
        const QImage source = qstrcmp(format, "jpeg") == 0 ? cropped.convertToFormat(QImage::Format_RGB32) : cropped;
        return writer.write(source) ? bytes : QByteArray();
    };
    // PNG keeps drawings and transparency sharp; a photo is several times smaller as JPEG.
    const QByteArray png = encode("png", -1);
    const QByteArray jpeg = cropped.hasAlphaChannel() ? QByteArray() : encode("jpeg", 88);
    Prepared prepared;
    if (!jpeg.isEmpty() && jpeg.size() * 2 < png.size()) {
        prepared.data = jpeg;
        prepared.type = QStringLiteral("image/jpeg");
    } else {
        prepared.data = png;
        prepared.type = QStringLiteral("image/png");
    }
    prepared.image = QImage::fromData(prepared.data);
    return prepared;
}
