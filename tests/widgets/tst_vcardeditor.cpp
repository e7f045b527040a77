// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The profile editor and the profile view, offscreen: every field round-trips, input is validated, the
// photo is cropped and scaled before upload, and remote text stays plain.
#include "XmlTestUtils.h"
#include "common/AvatarPainter.h"
#include "common/AvatarWidget.h"
#include "profile/BirthdayField.h"
#include "profile/PhotoPicker.h"
#include "profile/ProfileView.h"
#include "profile/VCardEditor.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

template <typename T>
T *child(QObject &parent, const QString &name)
{
    auto *object = parent.findChild<T *>(name);
    if (!object)
        qFatal("no child %s", qPrintable(name));
    return object;
}

/// A vCard as a server would return it, with what the editor does not show (a second e-mail, an unknown
/// element) that must survive an edit.
VCard sampleCard()
{
    const auto card = VCard::fromElement(XmlTestUtils::parse(uR"(<vCard xmlns='vcard-temp'>
        <FN>王小明</FN><N><FAMILY>王</FAMILY><GIVEN>小明</GIVEN></N><NICKNAME>小明</NICKNAME>
        <BDAY>1995-08-17</BDAY>
        <EMAIL><INTERNET/><PREF/><USERID>xiaoming@example.cn</USERID></EMAIL>
        <EMAIL><WORK/><INTERNET/><USERID>wang.xm@corp.example</USERID></EMAIL>
        <TEL><CELL/><VOICE/><NUMBER>+86 138 0013 8000</NUMBER></TEL>
        <ADR><HOME/><LOCALITY>北京</LOCALITY><REGION>北京市</REGION><CTRY>中国</CTRY></ADR>
        <ORG><ORGNAME>信科技</ORGNAME><ORGUNIT>研发部</ORGUNIT></ORG><TITLE>工程师</TITLE>
        <URL>https://xiaoming.example.cn</URL><DESC>喜欢爬山和摄影。</DESC>
        <X-CUSTOM xmlns='urn:example:custom'>kept</X-CUSTOM>
        </vCard>)"_s));
    if (!card)
        qFatal("sample vCard does not parse");
    return *card;
}

QString writeImage(const QTemporaryDir &dir, const QString &name, const QImage &image, const char *format)
{
    const QString path = dir.filePath(name);
    if (!image.save(path, format))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QImage photoLike(int width, int height)
{
    // Noise and gradients: compresses like a photograph (JPEG wins), unlike a flat drawing.
    QImage image(width, height, QImage::Format_RGB32);
    auto *random = QRandomGenerator::global();
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x * 255) / width, (y * 255) / height, int(random->bounded(256))));
    }
    return image;
}

}   // namespace

class tst_VCardEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsWhatItDoesNotShow();
    void editsReachTheCard();
    void validationStopsSave();
    void saveShowsProgressAndErrors();
    void photoIsCroppedAndScaled();
    void photoRefusesNonImages();
    void placeholderForChineseName();
    void profileViewIsPlainText();
    void screenshot();
};

void tst_VCardEditor::roundTripKeepsWhatItDoesNotShow()
{
    VCardEditor editor;
    const VCard card = sampleCard();
    editor.setVCard(card);
    QCOMPARE(child<QLineEdit>(editor, u"nicknameEdit"_s)->text(), u"小明"_s);
    QCOMPARE(child<QLineEdit>(editor, u"localityEdit"_s)->text(), u"北京"_s);
    QCOMPARE(child<BirthdayField>(editor, u"birthdayField"_s)->date(), QDate(1995, 8, 17));
    // Nothing edited: exactly the loaded card, down to the second e-mail and the unknown element.
    QCOMPARE(editor.vCard(), card);
    COMPARE_XML(editor.vCard().toXml(), card.toXml());
}

void tst_VCardEditor::editsReachTheCard()
{
    VCardEditor editor;
    editor.setVCard(sampleCard());
    child<QLineEdit>(editor, u"nicknameEdit"_s)->setText(u"明明"_s);
    child<QLineEdit>(editor, u"emailEdit"_s)->setText(u"ming@example.cn"_s);
    child<QLineEdit>(editor, u"phoneEdit"_s)->clear();
    child<QLineEdit>(editor, u"departmentEdit"_s)->setText(u"产品部"_s);
    child<BirthdayField>(editor, u"birthdayField"_s)->setDate(QDate(1996, 1, 2));
    child<QPlainTextEdit>(editor, u"descriptionEdit"_s)->setPlainText(u"  新的介绍  "_s);
    const VCard edited = editor.vCard();
    QCOMPARE(edited.nickname, u"明明"_s);
    QCOMPARE(edited.emails.size(), 2);   // the first replaced, the second kept
    QCOMPARE(edited.emails.at(0).address, u"ming@example.cn"_s);
    QCOMPARE(edited.emails.at(1).address, u"wang.xm@corp.example"_s);
    QVERIFY(edited.phones.isEmpty());
    QCOMPARE(edited.organization.units, QStringList{u"产品部"_s});
    QCOMPARE(edited.birthday, QDate(1996, 1, 2));
    QCOMPARE(edited.description, u"新的介绍"_s);

    // The birthday can be cleared.
    child<QToolButton>(editor, u"birthdayClear"_s)->click();
    QVERIFY(!editor.vCard().birthday.isValid());
}

void tst_VCardEditor::validationStopsSave()
{
    VCardEditor editor;
    editor.setVCard(VCard{});
    QSignalSpy saved(&editor, &VCardEditor::saveRequested);
    auto *status = child<QLabel>(editor, u"vCardStatus"_s);
    child<QLineEdit>(editor, u"emailEdit"_s)->setText(u"not-an-address"_s);
    editor.save();
    QCOMPARE(saved.size(), 0);
    QVERIFY2(status->text().contains(u"e-mail"_s), qPrintable(status->text()));

    child<QLineEdit>(editor, u"emailEdit"_s)->setText(u"ok@example.cn"_s);
    child<QLineEdit>(editor, u"phoneEdit"_s)->setText(u"call me maybe"_s);
    editor.save();
    QCOMPARE(saved.size(), 0);
    child<QLineEdit>(editor, u"phoneEdit"_s)->setText(u"+86 (10) 6552-9988 ext. 12"_s);
    child<QLineEdit>(editor, u"urlEdit"_s)->setText(u"javascript:alert(1)"_s);
    editor.save();
    QCOMPARE(saved.size(), 0);
    child<QLineEdit>(editor, u"urlEdit"_s)->setText(u"https://example.cn/~me"_s);
    QCOMPARE(editor.validationError(), QString());
    editor.save();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().first().value<VCard>().emails.value(0).address, u"ok@example.cn"_s);
}

void tst_VCardEditor::saveShowsProgressAndErrors()
{
    VCardEditor editor;
    editor.setVCard(sampleCard());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *save = child<QPushButton>(editor, u"saveButton"_s);
    auto *progress = child<QProgressBar>(editor, u"vCardProgress"_s);
    save->click();
    QVERIFY(progress->isVisible());
    QVERIFY(!save->isEnabled());   // one save at a time

    editor.saveFailed(u"the server does not allow this (not-allowed) <b>x</b>"_s);
    QVERIFY(!progress->isVisible());
    QVERIFY(save->isEnabled());
    auto *status = child<QLabel>(editor, u"vCardStatus"_s);
    QVERIFY(status->text().contains(u"not-allowed"_s));
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QVERIFY(editor.isVisible());   // the user's input is still there to retry

    save->click();
    editor.saveSucceeded();
    QCOMPARE(editor.result(), int(QDialog::Accepted));
}

void tst_VCardEditor::photoIsCroppedAndScaled()
{
    QTemporaryDir dir;
    PhotoPicker picker;
    QSignalSpy edited(&picker, &VCardField::edited);

    // A wide camera photo: cropped to its centre square, scaled to 256, JPEG because it is much smaller.
    picker.setFileChooser([&] { return writeImage(dir, u"photo.jpg"_s, photoLike(1200, 800), "jpeg"); });
    child<QPushButton>(picker, u"changePhotoButton"_s)->click();
    QCOMPARE(edited.size(), 1);
    VCard card;
    picker.store(card);
    QCOMPARE(card.photo.type, u"image/jpeg"_s);
    const QImage stored = QImage::fromData(card.photo.data);
    QCOMPARE(stored.size(), QSize(256, 256));
    QVERIFY(!card.photoHash().isEmpty());

    // A small drawing with transparency: kept at its size, PNG.
    QImage drawing(120, 90, QImage::Format_ARGB32);
    drawing.fill(Qt::transparent);
    QPainter(&drawing).fillRect(10, 10, 50, 50, Qt::red);
    QString error;
    QVERIFY2(picker.pickFile(writeImage(dir, u"drawing.png"_s, drawing, "png"), &error), qPrintable(error));
    picker.store(card);
    QCOMPARE(card.photo.type, u"image/png"_s);
    QCOMPARE(QImage::fromData(card.photo.data).size(), QSize(90, 90));

    // Remove: no photo.
    child<QPushButton>(picker, u"removePhotoButton"_s)->click();
    picker.store(card);
    QVERIFY(card.photo.isEmpty());
}

void tst_VCardEditor::photoRefusesNonImages()
{
    QTemporaryDir dir;
    QFile text(dir.filePath(u"notes.png"_s));   // the name lies
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("这不是图片, just text\n");
    text.close();
    PhotoPicker picker;
    QString error;
    QVERIFY(!picker.pickFile(text.fileName(), &error));
    QVERIFY2(error.contains(u"not a picture"_s), qPrintable(error));
    QVERIFY(!picker.pickFile(dir.filePath(u"missing.png"_s), &error));
    VCard card;
    picker.store(card);
    QVERIFY(card.photo.isEmpty());   // nothing picked
}

void tst_VCardEditor::placeholderForChineseName()
{
    QCOMPARE(AvatarPainter::initial(u"小明"_s), u"小"_s);
    VCardEditor editor;
    editor.setOwnJid(Jid::fromString(u"xiaoming@example.cn"));
    child<QLineEdit>(editor, u"nicknameEdit"_s)->setText(u"小明"_s);
    QCOMPARE(child<AvatarWidget>(editor, u"photoAvatar"_s)->name(), u"小明"_s);
    QCOMPARE(child<AvatarWidget>(editor, u"photoAvatar"_s)->colourKey(), u"xiaoming@example.cn"_s);
}

void tst_VCardEditor::profileViewIsPlainText()
{
    ProfileView view(Jid::fromString(u"evil@example.com/x"));
    QSignalSpy message(&view, &ProfileView::sendMessageRequested);
    QSignalSpy add(&view, &ProfileView::addFriendRequested);
    VCard card;
    card.nickname = u"<b>boss</b><img src=x>"_s;
    card.description = u"<a href='http://evil'>click</a>"_s;
    view.setVCard(card);
    view.setDisplayName(card.nickname);
    for (QLabel *label : view.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(child<QLabel>(view, u"profileName"_s)->text(), u"<b>boss</b><img src=x>"_s);
    QVERIFY(view.shownFields().contains(u"About: <a href='http://evil'>click</a>"_s));

    view.setIsContact(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(child<QPushButton>(view, u"addFriendButton"_s)->isVisible());
    child<QPushButton>(view, u"addFriendButton"_s)->click();
    child<QPushButton>(view, u"sendMessageButton"_s)->click();
    QCOMPARE(add.size(), 1);
    QCOMPARE(add.first().first().value<Jid>(), Jid::fromString(u"evil@example.com"));
    QCOMPARE(message.size(), 1);
    view.setIsContact(true);
    QVERIFY(!child<QPushButton>(view, u"addFriendButton"_s)->isVisible());
}

void tst_VCardEditor::screenshot()
{
    const QString dir = qEnvironmentVariable("XIN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
    QTemporaryDir tmp;
    VCardEditor editor;
    editor.setOwnJid(Jid::fromString(u"xiaoming@example.cn"));
    editor.setVCard(sampleCard());
    QString error;
    QVERIFY2(child<PhotoPicker>(editor, u"photoPicker"_s)
                 ->pickFile(writeImage(tmp, u"p.jpg"_s, photoLike(600, 400), "jpeg"), &error),
             qPrintable(error));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.grab().save(QDir(dir).filePath(u"vcard-editor.png"_s)));

    ProfileView view(Jid::fromString(u"lihua@example.cn"));
    view.setDisplayName(u"李华"_s);
    VCard card = sampleCard();
    card.nickname = u"华华"_s;
    card.fullName = u"李华"_s;
    view.setVCard(card);
    view.setIsContact(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.grab().save(QDir(dir).filePath(u"profile-view.png"_s)));
}

QTEST_MAIN(tst_VCardEditor)
#include "tst_vcardeditor.moc"
