// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Finding 7 of issue 13: contacts see our message ids, so ids must not let anyone predict the next one
// (an archive queryid, say: docs/SECURITY.md rule 3). One IdGenerator serves XmppClient and through it every
// extension; it is random, and injectable for tests.
#include "client/IdGenerator.h"
#include "client/XmppClient.h"

#include <QSet>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

class tst_IdGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientIdsAreRandomUuids();
    void idsShareNothingPredictable();
    void injectedSource();
};

void tst_IdGenerator::clientIdsAreRandomUuids()
{
    XmppClient client;
    for (int i = 0; i < 100; ++i) {
        const QString id = client.generateId();
        const QUuid uuid = QUuid::fromString(id);
        QVERIFY2(!uuid.isNull(), qPrintable(id));
        // Version 4, RFC 9562 §5.4: 122 random bits, well above the 96 asked for.
        QCOMPARE(uuid.version(), QUuid::Random);
        QCOMPARE(uuid.variant(), QUuid::DCE);
    }
}

void tst_IdGenerator::idsShareNothingPredictable()
{
    // A prefix-counter scheme passes uniqueness but not this: successive ids share no long prefix.
    XmppClient client;
    QSet<QString> seen;
    QString previous = client.generateId();
    int longestCommonPrefix = 0;
    for (int i = 0; i < 1000; ++i) {
        const QString id = client.generateId();
        QVERIFY(!seen.contains(id));
        seen.insert(id);
        int common = 0;
        while (common < id.size() && common < previous.size() && id.at(common) == previous.at(common))
            ++common;
        longestCommonPrefix = std::max(longestCommonPrefix, common);
        previous = id;
    }
    // 1,000 pairs of random hex: a shared prefix of 8 characters has odds of about 1 in 4 million.
    QVERIFY2(longestCommonPrefix < 8, qPrintable(QString::number(longestCommonPrefix)));
}

void tst_IdGenerator::injectedSource()
{
    XmppClient client;
    int n = 0;
    client.setIdGenerator(IdGenerator([&n] { return u"test-%1"_s.arg(++n); }));
    QCOMPARE(client.generateId(), u"test-1"_s);
    QCOMPARE(client.generateId(), u"test-2"_s);
    QVERIFY(!QUuid::fromString(IdGenerator().next()).isNull());
}

QTEST_GUILESS_MAIN(tst_IdGenerator)
#include "tst_idgenerator.moc"
