// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCache>
#include <QImage>
#include <QSize>
#include <QString>

class AvatarStore;

/// Decoded avatars for display: the images of an AvatarStore (verified by hash on every load), decoded
/// safely and kept scaled in memory by (hash, size).
///
/// This is the GUI half of the avatar pipeline: core (QtCore only, shared with xin-cli) stores and checks the
/// bytes; decoding needs QtGui, so it lives here. Decoding repeats the core's checks with the decoder's own
/// view (docs/SECURITY.md rule 7): the format is what QImageReader finds in the content (PNG, JPEG, GIF, WebP only,
/// whatever the sender declared), size() is checked against AvatarStore::MaxSide before read(), and the
/// reader's allocation limit caps what a lying header could still make it allocate.
class AvatarImages
{
public:
    /// Enough for one 4096x4096 ARGB32 image, the largest accepted.
    static constexpr int AllocationLimitMiB = 64;

    /// @p store (not owned) must outlive this; @p cacheKiB bounds the memory of the scaled images kept.
    explicit AvatarImages(const AvatarStore *store, int cacheKiB = 16 * 1024);

    /// The avatar @p hash scaled to fill @p size (aspect kept, cropped by the painter), or at its own size
    /// for an empty @p size; a null image, with *error, if it is missing, changed on disk or refused.
    QImage image(const QString &hash, const QSize &size = {}, QString *error = nullptr);
    /// Decodes @p data under the rules above; a null image and *error if refused.
    static QImage decode(const QByteArray &data, QString *error = nullptr);
    void clear() { m_cache.clear(); }
    int cachedCount() const { return int(m_cache.count()); }

private:
    const AvatarStore *m_store;
    QCache<QString, QImage> m_cache;   // "hash WxH" -> image; cost in KiB
};
