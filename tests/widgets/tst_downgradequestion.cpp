// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The question asked when the server offers only a weaker SASL mechanism than the account used before
// (issue 13, finding 9; XEP-0474 §5): refusing is the default, and only the check box lowers the pin.
#include "ScreenshotUtils.h"
#include "login/DowngradeQuestion.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class tst_DowngradeQuestion : public QObject
{
    Q_OBJECT

private:
    static QPushButton *button(DowngradeQuestion &dialog, const QString &name)
    {
        auto *found = dialog.findChild<QPushButton *>(name);
        Q_ASSERT(found);
        return found;
    }

private Q_SLOTS:
    void enterRefuses()
    {
        DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(button(dialog, u"refuseButton"_s)->isDefault());
        QVERIFY(!button(dialog, u"signInOnceButton"_s)->isDefault());
        QVERIFY(!button(dialog, u"signInOnceButton"_s)->autoDefault());
        dialog.findChild<QCheckBox *>(u"dontAskAgainCheck"_s)->setChecked(true);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.answer(), DowngradeQuestion::Answer::Refuse);
    }

    void escapeRefuses()
    {
        DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.answer(), DowngradeQuestion::Answer::Refuse);
    }

    void refuseButtonRefusesEvenWithTheCheckBox()
    {
        DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
        dialog.show();
        dialog.findChild<QCheckBox *>(u"dontAskAgainCheck"_s)->setChecked(true);
        QTest::mouseClick(button(dialog, u"refuseButton"_s), Qt::LeftButton);
        QCOMPARE(dialog.answer(), DowngradeQuestion::Answer::Refuse);
    }

    void signInThisTime()
    {
        DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
        dialog.show();
        QTest::mouseClick(button(dialog, u"signInOnceButton"_s), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.answer(), DowngradeQuestion::Answer::SignInOnce);
    }

    void checkBoxLowersThePin()
    {
        DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256-PLUS"_s);
        dialog.show();
        auto *check = dialog.findChild<QCheckBox *>(u"dontAskAgainCheck"_s);
        QVERIFY(!check->isChecked());   // never remembered unless the user says so
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
        QVERIFY(check->isChecked());
        QTest::mouseClick(button(dialog, u"signInOnceButton"_s), Qt::LeftButton);
        QCOMPARE(dialog.answer(), DowngradeQuestion::Answer::LowerPin);
    }

    void mechanismNamesShownLiterally()
    {
        DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
        QCOMPARE(dialog.explanation(),
                 u"The server now offers only SCRAM-SHA-1, weaker than SCRAM-SHA-256 this account used before. "
                 "This can mean someone is tampering with your connection."_s);
        // Whatever a name holds, it is text, never markup (docs/SECURITY.md rule 5).
        DowngradeQuestion odd(u"<b>X-OAUTH</b>"_s, u"SCRAM-SHA-256"_s);
        auto *label = odd.findChild<QLabel *>(u"downgradeExplanation"_s);
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(label->text().contains(u"<b>X-OAUTH</b>"_s));
    }

    /// With XIN_SCREENSHOT_DIR set, saves pictures of the question to look at, in the app's style: light and
    /// dark palettes, in English and, when XIN_SCREENSHOT_QM names the compiled zh_CN translation, Chinese.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("XIN_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set XIN_SCREENSHOT_DIR to save screenshots");
        ScreenshotUtils::useAppStyleSheet();
        QTranslator chinese;
        const QString qm = qEnvironmentVariable("XIN_SCREENSHOT_QM");
        const QPalette light = QApplication::palette();
        const QPalette dark = ScreenshotUtils::darkPalette();
        QStringList languages{u"en"_s};
        if (!qm.isEmpty())
            languages.append(u"zh"_s);
        for (const QString &language : languages) {
            if (language == u"zh" && (!chinese.load(qm) || !QCoreApplication::installTranslator(&chinese)))
                QFAIL("XIN_SCREENSHOT_QM does not name a translation");
            for (const auto &[name, palette] : {std::pair{u"light"_s, light}, std::pair{u"dark"_s, dark}}) {
                QApplication::setPalette(palette);
                DowngradeQuestion dialog(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
                dialog.show();
                QVERIFY(QTest::qWaitForWindowExposed(&dialog));
                QVERIFY(dialog.grab().save(QDir(dir).filePath(u"downgrade-%1-%2.png"_s.arg(language, name))));
            }
        }
        QCoreApplication::removeTranslator(&chinese);
        QApplication::setPalette(light);
        qApp->setStyleSheet(QString());
    }
};

QTEST_MAIN(tst_DowngradeQuestion)
#include "tst_downgradequestion.moc"
