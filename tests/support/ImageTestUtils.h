// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Small real images for tests that link no QtGui: PNG files written byte by byte (ISO/IEC 15948), so a
// test can make a valid image of any declared size, including "bombs" whose header claims far more pixels
// than their few bytes hold. Header-only.

#include <QByteArray>
#include <QtEndian>

namespace ImageTestUtils {

inline quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (char byte : data) {
        crc ^= quint8(byte);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

inline QByteArray be32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

inline QByteArray chunk(const QByteArray &type, const QByteArray &data)
{
    return be32(quint32(data.size())) + type + data + be32(crc32(type + data));
}

/// A PNG of @p width x @p height RGB pixels, all of colour @p seed (different seeds, different files).
/// With @p rows < height only that many rows of pixel data follow the header (a truncated image, as a bomb
/// that declares a huge size would be).
inline QByteArray png(quint32 width, quint32 height, quint8 seed = 0, quint32 rows = 0xffffffffu)
{
    const QByteArray header = be32(width) + be32(height) + QByteArray("\x08\x02\x00\x00\x00", 5);   // 8-bit RGB
    QByteArray raw;
    const quint32 n = qMin(rows, height);
    for (quint32 y = 0; y < n; ++y) {
        raw.append('\0');   // filter: none
        for (quint32 x = 0; x < width; ++x)
            raw.append(char(seed)).append(char(x)).append(char(y));
    }
    QByteArray zlib = qCompress(raw);
    zlib.remove(0, 4);   // qCompress prefixes the length; the rest is a zlib stream
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", {});
}

} // namespace ImageTestUtils
