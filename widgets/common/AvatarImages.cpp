// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/AvatarImages.h"

#include "storage/AvatarStore.h"

#include <QBuffer>
#include <QImageReader>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAvatarImages, "xin.widgets.avatar")

AvatarImages::AvatarImages(const AvatarStore *store, int cacheKiB) : m_store(store), m_cache(cacheKiB) { }

QImage AvatarImages::decode(const QByteArray &data, QString *error)
{
    auto refuse = [error](const QString &reason) {
        qCWarning(lcAvatarImages) << "refused an avatar:" << reason;
        if (error)
            *error = reason;
        return QImage();
    };
    if (data.size() > AvatarStore::MaxBytes)
        return refuse(u"the image is too large: %1 bytes"_s.arg(data.size()));
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);   // never trust a declared type or a file name
    reader.setAllocationLimit(AllocationLimitMiB);
    const QByteArray format = reader.format();
    static const QList<QByteArray> known{"png", "jpeg", "gif", "webp"};
    if (!known.contains(format))
        return refuse(u"not an image in a known format (PNG, JPEG, GIF or WebP)"_s);
    const QSize size = reader.size();   // from the header; nothing decoded yet
    if (!size.isValid() || size.isEmpty())
        return refuse(u"the image has no readable size"_s);
    if (size.width() > AvatarStore::MaxSide || size.height() > AvatarStore::MaxSide)
        return refuse(u"the image is too large: %1x%2 pixels"_s.arg(size.width()).arg(size.height()));
    QImage image;
    if (!reader.read(&image))
        return refuse(u"the image cannot be decoded: %1"_s.arg(reader.errorString()));
    return image;
}

QImage AvatarImages::image(const QString &hash, const QSize &size, QString *error)
{
    const QString key = u"%1 %2x%3"_s.arg(hash).arg(size.width()).arg(size.height());
    if (const QImage *cached = m_cache.object(key))
        return *cached;
    if (!m_store) {
        if (error)
            *error = u"no avatar store"_s;
        return {};
    }
    const QByteArray data = m_store->load(hash, error);   // re-hashed: a changed file is never shown
    if (data.isEmpty())
        return {};
    QImage image = decode(data, error);
    if (image.isNull())
        return {};
    if (!size.isEmpty())
        image = image.scaled(size, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    m_cache.insert(key, new QImage(image), qMax<qsizetype>(1, image.sizeInBytes() / 1024));
    return image;
}
