// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

// tls-server-end-point channel binding (RFC 5929 §4.1) for certificates made with openssl at test time.

#include "crypto/ChannelBinding.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Made
{
    QSslCertificate certificate;
    QByteArray der;   // as `openssl x509 -outform DER` writes it
    QString failure;
};

QString runOpenssl(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60000))
        return u"openssl did not finish: "_s + process.errorString();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return u"openssl %1 failed: %2"_s.arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAll()));
    return {};
}

/// A self-signed certificate: `openssl req -x509` with the given key options and digest.
Made makeCertificate(const QTemporaryDir &dir, const QString &name, const QStringList &keyOptions,
                     const QString &digest)
{
    Made made;
    const QString key = dir.filePath(name + u".key"_s);
    const QString pem = dir.filePath(name + u".pem"_s);
    const QString der = dir.filePath(name + u".der"_s);
    QStringList req{u"req"_s,     u"-x509"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=xmpp.example"_s,
                    u"-keyout"_s, key,        u"-out"_s,   pem};
    req += keyOptions;
    if (!digest.isEmpty())
        req << u"-"_s + digest;
    made.failure = runOpenssl(req);
    if (!made.failure.isEmpty())
        return made;
    made.failure = runOpenssl({u"x509"_s, u"-in"_s, pem, u"-outform"_s, u"DER"_s, u"-out"_s, der});
    if (!made.failure.isEmpty())
        return made;

    QFile derFile(der);
    if (!derFile.open(QIODevice::ReadOnly)) {
        made.failure = u"cannot read "_s + der;
        return made;
    }
    made.der = derFile.readAll();
    const auto certificates = QSslCertificate::fromPath(pem, QSsl::Pem);
    if (certificates.size() != 1) {
        made.failure = u"QSslCertificate cannot read "_s + pem;
        return made;
    }
    made.certificate = certificates.constFirst();
    return made;
}

} // namespace

class TestChannelBinding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tlsServerEndPoint_data();
    void tlsServerEndPoint();
    void undefinedForEd25519();
    void nullCertificate();

private:
    QTemporaryDir m_dir;
};

void TestChannelBinding::initTestCase()
{
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("openssl is not installed");
    QVERIFY(m_dir.isValid());
}

void TestChannelBinding::tlsServerEndPoint_data()
{
    QTest::addColumn<QStringList>("keyOptions");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<int>("bindingHash");   // QCryptographicHash::Algorithm
    const QStringList p256{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s};
    const QStringList p384{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-384"_s};
    const QStringList p521{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-521"_s};
    const QStringList rsa{u"-newkey"_s, u"rsa:2048"_s};
    const QStringList rsaPss{u"-newkey"_s, u"rsa:2048"_s, u"-sigopt"_s, u"rsa_padding_mode:pss"_s};

    // RFC 5929 §4.1: the signature's own hash...
    QTest::newRow("ecdsa-with-SHA256") << p256 << u"sha256"_s << int(QCryptographicHash::Sha256);
    QTest::newRow("ecdsa-with-SHA384") << p384 << u"sha384"_s << int(QCryptographicHash::Sha384);
    QTest::newRow("ecdsa-with-SHA512") << p521 << u"sha512"_s << int(QCryptographicHash::Sha512);
    QTest::newRow("ecdsa-with-SHA224") << p256 << u"sha224"_s << int(QCryptographicHash::Sha224);
    QTest::newRow("sha384WithRSAEncryption") << rsa << u"sha384"_s << int(QCryptographicHash::Sha384);
    QTest::newRow("RSASSA-PSS with SHA-512") << rsaPss << u"sha512"_s << int(QCryptographicHash::Sha512);
    // ...except that SHA-1 (and MD5) become SHA-256.
    QTest::newRow("ecdsa-with-SHA1") << p256 << u"sha1"_s << int(QCryptographicHash::Sha256);
    QTest::newRow("sha1WithRSAEncryption") << rsa << u"sha1"_s << int(QCryptographicHash::Sha256);
}

void TestChannelBinding::tlsServerEndPoint()
{
    QFETCH(QStringList, keyOptions);
    QFETCH(QString, digest);
    QFETCH(int, bindingHash);

    const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
    const Made made = makeCertificate(m_dir, name, keyOptions, digest);
    if (!made.failure.isEmpty() && digest == u"sha1")
        QSKIP(qPrintable(u"this openssl refuses SHA-1 signatures: "_s + made.failure));
    QVERIFY2(made.failure.isEmpty(), qPrintable(made.failure));
    QCOMPARE(made.certificate.toDer(), made.der);

    const QByteArray expected = QCryptographicHash::hash(made.der, QCryptographicHash::Algorithm(bindingHash));
    QCOMPARE(ChannelBinding::tlsServerEndPoint(made.certificate).toHex(), expected.toHex());
}

void TestChannelBinding::undefinedForEd25519()
{
    // RFC 5929 §4.1: no single hash function, so the binding is undefined: empty.
    const Made made = makeCertificate(m_dir, u"ed25519"_s, {u"-newkey"_s, u"ed25519"_s}, QString());
    if (!made.failure.isEmpty())
        QSKIP(qPrintable(made.failure));
    if (made.certificate.isNull())
        QSKIP("QSslCertificate cannot read Ed25519 certificates here");
    QVERIFY(ChannelBinding::tlsServerEndPoint(made.certificate).isEmpty());
}

void TestChannelBinding::nullCertificate()
{
    QVERIFY(ChannelBinding::tlsServerEndPoint(QSslCertificate()).isEmpty());
}

QTEST_GUILESS_MAIN(TestChannelBinding)
#include "tst_channelbinding.moc"
