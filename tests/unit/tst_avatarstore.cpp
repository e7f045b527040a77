// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AvatarStore: files named by SHA-1, verified on the way in and out; images refused for size, pixels, format
// (from the content, never the declared type) before any decoder sees them (docs/SECURITY.md rule 7).
#include "ImageTestUtils.h"
#include "storage/AvatarStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ImageTestUtils::png;

namespace {

QByteArray le16(int v)
{
    return QByteArray(1, char(v & 0xff)) + QByteArray(1, char((v >> 8) & 0xff));
}
QByteArray be16(int v)
{
    return QByteArray(1, char((v >> 8) & 0xff)) + QByteArray(1, char(v & 0xff));
}
QByteArray le24(int v)
{
    return le16(v) + QByteArray(1, char((v >> 16) & 0xff));
}

/// A GIF header with a logical screen of @p w x @p h (GIF89a §18).
QByteArray gif(int w, int h)
{
    return "GIF89a" + le16(w) + le16(h) + QByteArray("\x80\x00\x00", 3) + QByteArray(6, '\0') + ";";
}

/// A JPEG's first segments: SOI, an APP0, then a baseline SOF0 with the size (T.81 §B.2.2).
QByteArray jpeg(int w, int h)
{
    return QByteArray("\xff\xd8\xff\xe0", 4) + be16(16) + QByteArray("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14)
         + QByteArray("\xff\xc0", 2) + be16(17) + QByteArray(1, 8) + be16(h) + be16(w) + QByteArray(10, '\x01')
         + QByteArray("\xff\xd9", 2);
}

/// An extended WebP (RFC 9649 §2.7): RIFF, WEBP, a VP8X chunk with the canvas size minus one.
QByteArray webp(int w, int h)
{
    const QByteArray vp8x = "VP8X" + QByteArray("\x0a\0\0\0", 4) + QByteArray(4, '\0') + le24(w - 1) + le24(h - 1);
    return "RIFF" + QByteArray("\x16\0\0\0", 4) + "WEBP" + vp8x;
}

QString sha1(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex());
}

} // namespace

class tst_AvatarStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void storesByHash();
    void loadVerifiesTheFile();
    void storeVerifiedRefusesAnotherHash();
    void refusesTooManyBytes();
    void refusesTooManyPixels_data();
    void refusesTooManyPixels();
    void refusesWhatIsNoImage_data();
    void refusesWhatIsNoImage();
    void refusesImageBombFromItsHeader();
    void readsEveryFormatsSize_data();
    void readsEveryFormatsSize();
    void hashesNeverNameOtherFiles();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AvatarStore> m_store;
};

void tst_AvatarStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<AvatarStore>(AvatarStore::directoryFor(m_dir->path()));
}

void tst_AvatarStore::storesByHash()
{
    const QByteArray image = png(48, 48, 7);
    QString error;
    const QString hash = m_store->store(image, &error);
    QVERIFY2(!hash.isEmpty(), qPrintable(error));
    QCOMPARE(hash, sha1(image));
    QCOMPARE(QFileInfo(m_store->filePath(hash)).dir().path(), QDir(m_dir->path()).filePath(u"avatars"_s));
    QVERIFY(m_store->contains(hash));
    QCOMPARE(m_store->load(hash), image);
    QCOMPARE(m_store->store(image), hash);   // storing again is harmless
    const auto info = AvatarStore::inspect(image);
    QVERIFY(info);
    QCOMPARE(info->format, AvatarStore::Format::Png);
    QCOMPARE(info->size, QSize(48, 48));
    QVERIFY(m_store->remove(hash));
    QVERIFY(!m_store->contains(hash));
}

void tst_AvatarStore::loadVerifiesTheFile()
{
    const QByteArray image = png(16, 16, 1);
    const QString hash = m_store->store(image);
    QVERIFY(!hash.isEmpty());
    {
        QFile file(m_store->filePath(hash));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png(16, 16, 2));   // another valid image under the old name
    }
    QString error;
    QVERIFY(m_store->load(hash, &error).isEmpty());
    QVERIFY2(error.contains(u"does not match its hash"_s), qPrintable(error));
    QVERIFY(m_store->load(sha1("missing"), &error).isEmpty());
}

void tst_AvatarStore::storeVerifiedRefusesAnotherHash()
{
    const QByteArray image = png(32, 32, 3);
    const QString advertised = sha1(png(32, 32, 4));
    QString error;
    QVERIFY(!m_store->storeVerified(image, advertised, &error));
    QVERIFY2(error.contains(advertised) && error.contains(sha1(image)), qPrintable(error));
    QVERIFY(!m_store->contains(advertised));
    QVERIFY(!m_store->contains(sha1(image)));
    QVERIFY(m_store->storeVerified(image, sha1(image).toUpper(), &error));   // hex case does not matter
    QVERIFY(m_store->contains(sha1(image)));
}

void tst_AvatarStore::refusesTooManyBytes()
{
    QByteArray image = png(64, 64, 5);
    image.append(QByteArray(AvatarStore::MaxBytes + 1 - image.size(), '\0'));   // trailing bytes after IEND
    QCOMPARE(image.size(), AvatarStore::MaxBytes + 1);
    QString error;
    QVERIFY(m_store->store(image, &error).isEmpty());
    QVERIFY2(error.contains(u"too large"_s) && error.contains(u"1048577 bytes"_s), qPrintable(error));
    QVERIFY(!QDir(m_store->directory()).exists() || QDir(m_store->directory()).isEmpty());
    image.chop(1);   // exactly the limit is fine
    QVERIFY2(!m_store->store(image, &error).isEmpty(), qPrintable(error));
}

void tst_AvatarStore::refusesTooManyPixels_data()
{
    QTest::addColumn<QByteArray>("image");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("4096x4096 png") << png(4096, 4096, 0, 1) << true;
    QTest::newRow("4097 wide png") << png(4097, 1) << false;
    QTest::newRow("4097 high gif") << gif(1, 4097) << false;
    QTest::newRow("5000x5000 jpeg") << jpeg(5000, 5000) << false;
    QTest::newRow("16383x16383 webp") << webp(16383, 16383) << false;
    QTest::newRow("0x10 png") << png(0, 10) << false;
}

void tst_AvatarStore::refusesTooManyPixels()
{
    QFETCH(QByteArray, image);
    QFETCH(bool, accepted);
    QString error;
    QCOMPARE(!m_store->store(image, &error).isEmpty(), accepted);
    if (!accepted)
        QVERIFY2(error.contains(u"pixels"_s), qPrintable(error));
}

void tst_AvatarStore::refusesWhatIsNoImage_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("text") << QByteArray("你好, this is not an image");
    QTest::newRow("html") << QByteArray("<img src='/dev/zero'>");
    QTest::newRow("svg") << QByteArray("<svg xmlns='http://www.w3.org/2000/svg' width='9e9' height='9e9'/>");
    QTest::newRow("bmp") << QByteArray("BM") + QByteArray(60, '\x01');
    QTest::newRow("png signature only") << QByteArray("\x89PNG\r\n\x1a\n", 8);
    QTest::newRow("empty") << QByteArray();
}

void tst_AvatarStore::refusesWhatIsNoImage()
{
    QFETCH(QByteArray, data);
    QString error;
    QVERIFY(m_store->store(data, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(!AvatarStore::inspect(data));
}

void tst_AvatarStore::refusesImageBombFromItsHeader()
{
    // 20000x20000 RGB would need 1.2 GB decoded; the file holds one row and is a few hundred bytes.
    const QByteArray bomb = png(20000, 20000, 9, 1);
    QVERIFY(bomb.size() < 4096);
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(m_store->store(bomb, &error).isEmpty());
    QVERIFY2(error.contains(u"20000x20000 pixels"_s), qPrintable(error));
    QVERIFY(timer.elapsed() < 1000);   // read from the header, not decoded
    QVERIFY(!m_store->contains(sha1(bomb)));
}

void tst_AvatarStore::readsEveryFormatsSize_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("format");
    QTest::addColumn<QSize>("size");
    QTest::newRow("png") << png(3, 5) << int(AvatarStore::Format::Png) << QSize(3, 5);
    QTest::newRow("gif") << gif(40, 30) << int(AvatarStore::Format::Gif) << QSize(40, 30);
    QTest::newRow("jpeg") << jpeg(640, 480) << int(AvatarStore::Format::Jpeg) << QSize(640, 480);
    QTest::newRow("webp") << webp(96, 64) << int(AvatarStore::Format::Webp) << QSize(96, 64);
}

void tst_AvatarStore::readsEveryFormatsSize()
{
    QFETCH(QByteArray, data);
    QFETCH(int, format);
    QFETCH(QSize, size);
    QString error;
    const auto info = AvatarStore::inspect(data, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(int(info->format), format);
    QCOMPARE(info->size, size);
}

void tst_AvatarStore::hashesNeverNameOtherFiles()
{
    QVERIFY(!AvatarStore::isValidHash(u"../../../etc/passwd"));
    QVERIFY(!AvatarStore::isValidHash(u"0123456789ABCDEF0123456789ABCDEF01234567"));   // names are lower case
    QVERIFY(AvatarStore::isValidHash(u"0123456789abcdef0123456789abcdef01234567"));
    QString error;
    QVERIFY(m_store->load(u"../xin.sqlite"_s, &error).isEmpty());
    QVERIFY(error.contains(u"not a SHA-1"_s));
    QVERIFY(!m_store->contains(u".."_s));
    QVERIFY(!m_store->remove(u".."_s));
}

QTEST_GUILESS_MAIN(tst_AvatarStore)
#include "tst_avatarstore.moc"
