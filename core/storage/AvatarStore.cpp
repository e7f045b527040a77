// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/AvatarStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAvatarStore, "xin.storage.avatar")

namespace {

quint32 be16(const QByteArray &d, qsizetype at)
{
    return (quint8(d[at]) << 8) | quint8(d[at + 1]);
}
quint32 be32(const QByteArray &d, qsizetype at)
{
    return (be16(d, at) << 16) | be16(d, at + 2);
}
quint32 le16(const QByteArray &d, qsizetype at)
{
    return quint8(d[at]) | (quint8(d[at + 1]) << 8);
}
quint32 le24(const QByteArray &d, qsizetype at)
{
    return le16(d, at) | (quint8(d[at + 2]) << 16);
}
quint32 le32(const QByteArray &d, qsizetype at)
{
    return le24(d, at) | (quint32(quint8(d[at + 3])) << 24);
}

// PNG (ISO/IEC 15948 §5.2-5.3, §11.2.2): signature, then the IHDR chunk with width and height.
std::optional<QSize> pngSize(const QByteArray &d)
{
    if (d.size() < 24 || d.mid(12, 4) != "IHDR")
        return std::nullopt;
    const quint32 width = be32(d, 16), height = be32(d, 20);
    if (width > 0x7fffffff || height > 0x7fffffff)
        return QSize(INT_MAX, INT_MAX);
    return QSize(int(width), int(height));
}

// GIF89a: the logical screen width and height follow the signature. Every frame must fit in it.
std::optional<QSize> gifSize(const QByteArray &d)
{
    if (d.size() < 10)
        return std::nullopt;
    return QSize(int(le16(d, 6)), int(le16(d, 8)));
}

// JPEG (ITU T.81 §B.2): walk the marker segments to the first start-of-frame, which holds the size.
std::optional<QSize> jpegSize(const QByteArray &d)
{
    qsizetype at = 2;
    while (at + 4 <= d.size()) {
        if (quint8(d[at]) != 0xff)
            return std::nullopt;
        const quint8 marker = quint8(d[at + 1]);
        if (marker == 0xff) {   // fill byte
            ++at;
            continue;
        }
        if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {   // no length
            at += 2;
            continue;
        }
        const quint32 length = be16(d, at + 2);
        if (length < 2)
            return std::nullopt;
        const bool startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                               && marker != 0xcc;
        if (startOfFrame) {
            if (at + 9 > d.size())
                return std::nullopt;
            return QSize(int(be16(d, at + 7)), int(be16(d, at + 5)));
        }
        if (marker == 0xda || marker == 0xd9)   // scan data or end before any frame header
            return std::nullopt;
        at += 2 + length;
    }
    return std::nullopt;
}

// WebP (RFC 9649 §2.5-2.7): RIFF container; the first chunk is VP8 (lossy), VP8L (lossless) or VP8X
// (extended, with the canvas size).
std::optional<QSize> webpSize(const QByteArray &d)
{
    if (d.size() < 30)
        return std::nullopt;
    const QByteArray chunk = d.mid(12, 4);
    const qsizetype data = 20;
    if (chunk == "VP8 ") {
        if (quint8(d[data + 3]) != 0x9d || quint8(d[data + 4]) != 0x01 || quint8(d[data + 5]) != 0x2a)
            return std::nullopt;
        return QSize(int(le16(d, data + 6) & 0x3fff), int(le16(d, data + 8) & 0x3fff));
    }
    if (chunk == "VP8L") {
        if (quint8(d[data]) != 0x2f)
            return std::nullopt;
        const quint32 bits = le32(d, data + 1);
        return QSize(int(bits & 0x3fff) + 1, int((bits >> 14) & 0x3fff) + 1);
    }
    if (chunk == "VP8X")
        return QSize(int(le24(d, data + 4)) + 1, int(le24(d, data + 7)) + 1);
    return std::nullopt;
}

std::optional<AvatarStore::Format> sniff(const QByteArray &d)
{
    if (d.startsWith("\x89PNG\r\n\x1a\n"))
        return AvatarStore::Format::Png;
    if (d.startsWith("\xff\xd8\xff"))
        return AvatarStore::Format::Jpeg;
    if (d.startsWith("GIF87a") || d.startsWith("GIF89a"))
        return AvatarStore::Format::Gif;
    if (d.size() >= 12 && d.startsWith("RIFF") && d.mid(8, 4) == "WEBP")
        return AvatarStore::Format::Webp;
    return std::nullopt;
}

} // namespace

AvatarStore::AvatarStore(const QString &directory) : m_directory(directory) { }

QString AvatarStore::directoryFor(const QString &profileDir)
{
    return QDir(profileDir).filePath(u"avatars"_s);
}

QString AvatarStore::sha1Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex());
}

bool AvatarStore::isValidHash(QStringView hash)
{
    if (hash.size() != 40)
        return false;
    return std::all_of(hash.begin(), hash.end(),
                       [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

QString AvatarStore::mimeType(Format format)
{
    switch (format) {
    case Format::Png:
        return u"image/png"_s;
    case Format::Jpeg:
        return u"image/jpeg"_s;
    case Format::Gif:
        return u"image/gif"_s;
    case Format::Webp:
        return u"image/webp"_s;
    }
    return {};
}

QString AvatarStore::formatName(Format format)
{
    switch (format) {
    case Format::Png:
        return u"png"_s;
    case Format::Jpeg:
        return u"jpeg"_s;
    case Format::Gif:
        return u"gif"_s;
    case Format::Webp:
        return u"webp"_s;
    }
    return {};
}

std::optional<AvatarStore::ImageInfo> AvatarStore::inspect(const QByteArray &data, QString *error)
{
    auto refuse = [error](const QString &reason) -> std::optional<ImageInfo> {
        qCWarning(lcAvatarStore) << "refused an avatar:" << reason;
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (data.isEmpty())
        return refuse(u"the image is empty"_s);
    if (data.size() > MaxBytes)
        return refuse(u"the image is too large: %1 bytes, at most %2 are accepted"_s.arg(data.size()).arg(MaxBytes));
    const auto format = sniff(data);
    if (!format)
        return refuse(u"not an image in a known format (PNG, JPEG, GIF or WebP)"_s);
    std::optional<QSize> size;
    switch (*format) {
    case Format::Png:
        size = pngSize(data);
        break;
    case Format::Jpeg:
        size = jpegSize(data);
        break;
    case Format::Gif:
        size = gifSize(data);
        break;
    case Format::Webp:
        size = webpSize(data);
        break;
    }
    if (!size)
        return refuse(u"the %1 image has no readable size in its header"_s.arg(formatName(*format)));
    if (size->width() <= 0 || size->height() <= 0)
        return refuse(u"the %1 image declares no pixels"_s.arg(formatName(*format)));
    if (size->width() > MaxSide || size->height() > MaxSide)
        return refuse(u"the image is too large: %1x%2 pixels, at most %3x%3 are accepted"_s.arg(size->width())
                          .arg(size->height())
                          .arg(MaxSide));
    return ImageInfo{*format, *size};
}

QString AvatarStore::filePath(const QString &hash) const
{
    return QDir(m_directory).filePath(hash);
}

QString AvatarStore::store(const QByteArray &data, QString *error)
{
    if (!inspect(data, error))
        return {};
    const QString hash = sha1Hex(data);
    if (contains(hash) && !load(hash).isEmpty())
        return hash;   // the same bytes are there already
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = u"cannot create the avatar directory %1"_s.arg(m_directory);
        return {};
    }
    QSaveFile file(filePath(hash));   // written whole or not at all
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        const QString reason = u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        qCWarning(lcAvatarStore) << reason;
        if (error)
            *error = reason;
        return {};
    }
    return hash;
}

bool AvatarStore::storeVerified(const QByteArray &data, const QString &expectedHash, QString *error)
{
    const QString actual = sha1Hex(data);
    if (actual != expectedHash.toLower()) {
        const QString reason = u"the image's SHA-1 is %1, not the advertised %2"_s.arg(actual, expectedHash);
        qCWarning(lcAvatarStore) << "refused an avatar:" << reason;
        if (error)
            *error = reason;
        return false;
    }
    return !store(data, error).isEmpty();
}

bool AvatarStore::contains(const QString &hash) const
{
    return isValidHash(hash) && QFile::exists(filePath(hash));
}

QByteArray AvatarStore::load(const QString &hash, QString *error) const
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return QByteArray();
    };
    if (!isValidHash(hash))
        return fail(u"%1 is not a SHA-1 hash"_s.arg(hash));
    QFile file(filePath(hash));
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"no avatar %1"_s.arg(hash));
    if (file.size() > MaxBytes)
        return fail(u"the avatar file %1 is too large"_s.arg(file.fileName()));
    const QByteArray data = file.readAll();
    if (sha1Hex(data) != hash) {
        qCWarning(lcAvatarStore) << "the avatar file" << file.fileName() << "does not match its hash";
        return fail(u"the avatar file %1 does not match its hash"_s.arg(file.fileName()));
    }
    if (!inspect(data, error))
        return {};
    return data;
}

bool AvatarStore::remove(const QString &hash)
{
    return isValidHash(hash) && QFile::remove(filePath(hash));
}
