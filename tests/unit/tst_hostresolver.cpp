// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// SRV ordering (RFC 2782, RFC 6120 §3.2.1): priority first, then weight; "." means no service.
#include "stream/HostResolver.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_HostResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ordersByPriorityThenWeight();
    void dotTargetMeansNoService();
};

void tst_HostResolver::ordersByPriorityThenWeight()
{
    const auto endpoints = HostResolver::order(
        {{u"c.example"_s, 5222, 20, 0}, {u"a.example"_s, 5222, 10, 5}, {u"b.example"_s, 5223, 10, 50}}, true);
    QCOMPARE(endpoints.size(), 3);
    QCOMPARE(endpoints.at(0), (HostResolver::Endpoint{u"b.example"_s, 5223, true}));
    QCOMPARE(endpoints.at(1).host, u"a.example"_s);
    QCOMPARE(endpoints.at(2).host, u"c.example"_s);
}

void tst_HostResolver::dotTargetMeansNoService()
{
    QVERIFY(HostResolver::order({{u"."_s, 0, 0, 0}}, false).isEmpty());
}

QTEST_GUILESS_MAIN(tst_HostResolver)
#include "tst_hostresolver.moc"
