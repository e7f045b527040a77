// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>

#include <optional>

/// Avatar images of a profile, one file per image named by the lower-case hex SHA-1 of its bytes (the
/// hash XEP-0153 and XEP-0084 advertise), in PROFILE_DIR/avatars.
///
/// Images are a decoder attack surface (docs/SECURITY.md rule 7), so nothing is stored without passing inspect():
/// at most MaxBytes, a format known by its content (PNG, JPEG, GIF, WebP; never by a declared MIME type),
/// and a width and height read from the format's header, each at most MaxSide. That check needs no image
/// decoder (core is QtCore only): an "image bomb", a small file that declares 20000x20000 pixels, is refused
/// before anything allocates for it. Decoding for display (QImageReader with an allocation limit, after the
/// same checks) belongs to the GUI side, which asks load() for verified bytes.
///
/// load() re-hashes the file before returning it, so a file changed on disk is never shown under a hash
/// it does not have.
class AvatarStore
{
public:
    static constexpr qint64 MaxBytes = 1024 * 1024;
    static constexpr int MaxSide = 4096;

    enum class Format { Png, Jpeg, Gif, Webp };
    struct ImageInfo
    {
        Format format = Format::Png;
        QSize size;
    };

    /// Images live in @p directory (created when the first one is stored).
    explicit AvatarStore(const QString &directory);
    /// PROFILE_DIR/avatars.
    static QString directoryFor(const QString &profileDir);
    QString directory() const { return m_directory; }

    /// Checks @p data (inspect()) and stores it; returns its hash, or an empty string and *error.
    QString store(const QByteArray &data, QString *error = nullptr);
    /// As store(), but only if the bytes hash to @p expectedHash (an advertised hash); otherwise refused.
    bool storeVerified(const QByteArray &data, const QString &expectedHash, QString *error = nullptr);
    /// Whether a file for @p hash exists (not verified; load() verifies).
    bool contains(const QString &hash) const;
    /// The bytes stored under @p hash after checking that they still hash to it; empty and *error if
    /// missing, changed, or no longer acceptable.
    QByteArray load(const QString &hash, QString *error = nullptr) const;
    bool remove(const QString &hash);
    QString filePath(const QString &hash) const;

    /// Format (from the content) and pixel size (from the header) of @p data, if it is acceptable as an
    /// avatar; otherwise nullopt and a specific reason in *error.
    static std::optional<ImageInfo> inspect(const QByteArray &data, QString *error = nullptr);
    static QString sha1Hex(const QByteArray &data);
    /// Whether @p hash looks like a SHA-1 in lower-case hex (40 characters); anything else never names a file.
    static bool isValidHash(QStringView hash);
    static QString mimeType(Format format);   // "image/png", ...
    static QString formatName(Format format); // "png", ... (QImageReader's names)

private:
    QString m_directory;
};
