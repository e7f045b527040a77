// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AvatarImages: avatars decoded for display with QImageReader under docs/SECURITY.md rule 7 (format from the content,
// size() before read(), allocation limit), from verified AvatarStore files, cached scaled by (hash, size).
#include "ImageTestUtils.h"
#include "common/AvatarImages.h"
#include "storage/AvatarStore.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ImageTestUtils::png;

class tst_AvatarImages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesWhatCoreAccepted();
    void formatComesFromContent();
    void refusesBombBeforeDecoding();
    void refusesWhatIsNoImage();
    void scaledAndCachedByHashAndSize();
    void changedFileIsNotShown();
};

void tst_AvatarImages::decodesWhatCoreAccepted()
{
    const QByteArray data = png(12, 7, 3);
    QVERIFY(AvatarStore::inspect(data));
    QString error;
    const QImage image = AvatarImages::decode(data, &error);
    QVERIFY2(!image.isNull(), qPrintable(error));
    QCOMPARE(image.size(), QSize(12, 7));
    QCOMPARE(qRed(image.pixel(0, 0)), 3);   // the seed colour the test PNG was made of
}

void tst_AvatarImages::formatComesFromContent()
{
    // A JPEG is a JPEG whatever it is called; a BMP (which QImageReader could read) is not an avatar format.
    QImage source(20, 10, QImage::Format_RGB32);
    source.fill(Qt::red);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(source.save(&buffer, "JPEG"));
    QCOMPARE(AvatarImages::decode(jpeg).size(), QSize(20, 10));
    QByteArray bmp;
    QBuffer bmpBuffer(&bmp);
    bmpBuffer.open(QIODevice::WriteOnly);
    QVERIFY(source.save(&bmpBuffer, "BMP"));
    QString error;
    QVERIFY(AvatarImages::decode(bmp, &error).isNull());
    QVERIFY2(error.contains(u"not an image"_s), qPrintable(error));
}

void tst_AvatarImages::refusesBombBeforeDecoding()
{
    const QByteArray bomb = png(20000, 20000, 1, 1);   // 1.6 GB of pixels declared in a few hundred bytes
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(AvatarImages::decode(bomb, &error).isNull());
    QVERIFY2(error.contains(u"20000x20000"_s), qPrintable(error));
    QVERIFY(timer.elapsed() < 1000);
}

void tst_AvatarImages::refusesWhatIsNoImage()
{
    QString error;
    QVERIFY(AvatarImages::decode("<img src='/dev/zero'> 你好", &error).isNull());
    QVERIFY(!error.isEmpty());
    QVERIFY(AvatarImages::decode(QByteArray(), &error).isNull());
}

void tst_AvatarImages::scaledAndCachedByHashAndSize()
{
    QTemporaryDir dir;
    AvatarStore store(dir.path());
    const QString hash = store.store(png(64, 32, 5));
    QVERIFY(!hash.isEmpty());
    AvatarImages images(&store);
    const QImage full = images.image(hash);
    QCOMPARE(full.size(), QSize(64, 32));
    const QImage small = images.image(hash, QSize(16, 16));
    QCOMPARE(small.size(), QSize(32, 16));   // fills 16x16, aspect kept; the painter crops
    QCOMPARE(images.cachedCount(), 2);
    QCOMPARE(images.image(hash, QSize(16, 16)).cacheKey(), small.cacheKey());
    QString error;
    QVERIFY(images.image(AvatarStore::sha1Hex("none"), {}, &error).isNull());
    QVERIFY(!error.isEmpty());
}

void tst_AvatarImages::changedFileIsNotShown()
{
    QTemporaryDir dir;
    AvatarStore store(dir.path());
    const QString hash = store.store(png(8, 8, 6));
    QFile file(store.filePath(hash));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(png(8, 8, 7));
    file.close();
    AvatarImages images(&store);
    QString error;
    QVERIFY(images.image(hash, {}, &error).isNull());
    QVERIFY2(error.contains(u"does not match"_s), qPrintable(error));
}

QTEST_MAIN(tst_AvatarImages)
#include "tst_avatarimages.moc"
