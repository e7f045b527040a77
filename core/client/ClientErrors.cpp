// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/ClientErrors.h"

#include <QCoreApplication>
#include <QSslCertificate>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {
QString withServerText(const QString &sentence, const QString &serverText)
{
    if (serverText.trimmed().isEmpty())
        return sentence;
    return QCoreApplication::translate("ClientErrors", "%1 (the server says: “%2”)")
        .arg(sentence, serverText.trimmed().left(300));
}

QString describeOne(const QSslError &error, const QString &domain)
{
    const QSslCertificate certificate = error.certificate();
    switch (error.error()) {
    case QSslError::HostNameMismatch: {
        QStringList names = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
        if (names.isEmpty())
            names = certificate.subjectInfo(QSslCertificate::CommonName);
        return QCoreApplication::translate("ClientErrors",
                                           "the server's certificate is not valid for %1 (it is for %2)")
            .arg(domain, names.isEmpty() ? QCoreApplication::translate("ClientErrors", "no name") : names.join(u", "));
    }
    case QSslError::CertificateExpired:
        return QCoreApplication::translate("ClientErrors", "the server's certificate expired on %1")
            .arg(certificate.expiryDate().toString(Qt::ISODate));
    case QSslError::CertificateNotYetValid:
        return QCoreApplication::translate("ClientErrors", "the server's certificate is not valid before %1")
            .arg(certificate.effectiveDate().toString(Qt::ISODate));
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return QCoreApplication::translate(
            "ClientErrors", "the server's certificate is not issued by an authority this computer trusts");
    case QSslError::CertificateRevoked:
        return QCoreApplication::translate("ClientErrors", "the server's certificate has been revoked");
    default:
        return error.errorString();
    }
}
} // namespace

QString ClientErrors::describeSslErrors(const QList<QSslError> &errors, const QString &domain)
{
    QStringList parts;
    for (const QSslError &error : errors) {
        const QString part = describeOne(error, domain);
        if (!parts.contains(part))
            parts << part;
    }
    if (parts.isEmpty())
        return QCoreApplication::translate("ClientErrors", "the server's certificate could not be verified");
    return parts.join(u"; ");
}

QString ClientErrors::describeSaslFailure(const QString &condition, const QString &serverText)
{
    QString sentence;
    if (condition == u"not-authorized")
        sentence = QCoreApplication::translate("ClientErrors", "wrong user name or password");
    else if (condition == u"account-disabled")
        sentence = QCoreApplication::translate("ClientErrors", "this account has been disabled");
    else if (condition == u"credentials-expired")
        sentence = QCoreApplication::translate("ClientErrors", "the password has expired");
    else if (condition == u"encryption-required")
        sentence = QCoreApplication::translate("ClientErrors",
                                               "the server requires encryption for this way of signing in");
    else if (condition == u"invalid-mechanism" || condition == u"mechanism-too-weak")
        sentence = QCoreApplication::translate("ClientErrors", "the server does not accept this way of signing in");
    else if (condition == u"temporary-auth-failure")
        sentence = QCoreApplication::translate("ClientErrors",
                                               "the server could not check the password just now; try again later");
    else if (condition == u"aborted")
        sentence = QCoreApplication::translate("ClientErrors", "signing in was aborted");
    else
        sentence = QCoreApplication::translate("ClientErrors", "signing in failed (%1)").arg(condition);
    return withServerText(sentence, serverText);
}

QString ClientErrors::describeStreamError(const QString &condition, const QString &serverText)
{
    QString sentence;
    if (condition == u"conflict")
        sentence = QCoreApplication::translate(
            "ClientErrors", "you signed in from another place with the same device name, which replaced this one");
    else if (condition == u"system-shutdown")
        sentence = QCoreApplication::translate("ClientErrors", "the server is shutting down");
    else if (condition == u"host-unknown")
        sentence = QCoreApplication::translate("ClientErrors", "the server does not serve this domain");
    else if (condition == u"not-authorized")
        sentence = QCoreApplication::translate("ClientErrors", "the server ended the session: not authorised");
    else if (condition == u"policy-violation")
        sentence = QCoreApplication::translate(
            "ClientErrors", "the server ended the session because of its policy (for example too much traffic)");
    else if (condition == u"connection-timeout")
        sentence = QCoreApplication::translate("ClientErrors", "the server closed an idle connection");
    else if (condition == u"see-other-host")
        sentence = QCoreApplication::translate(
            "ClientErrors", "the server asked to connect to another host, which Xin does not do automatically");
    else
        sentence = QCoreApplication::translate("ClientErrors", "the server ended the session (%1)")
                       .arg(condition.isEmpty() ? u"undefined"_s : condition);
    return withServerText(sentence, serverText);
}

QString ClientErrors::describeRequestFailure(IqReply::Status status, const std::optional<StanzaError> &error)
{
    switch (status) {
    case IqReply::Status::Result:
        return {};
    case IqReply::Status::Timeout:
        return QCoreApplication::translate("ClientErrors", "no answer in time");
    case IqReply::Status::Error:
        break;
    default:
        return QCoreApplication::translate("ClientErrors", "the connection ended before the answer came");
    }
    using C = StanzaError::Condition;
    const C condition = error ? error->condition : C::UndefinedCondition;
    QString sentence;
    switch (condition) {
    case C::ServiceUnavailable:
    case C::FeatureNotImplemented:
        sentence = QCoreApplication::translate("ClientErrors", "the service does not offer this");
        break;
    case C::ItemNotFound:
    case C::RemoteServerNotFound:
        sentence = QCoreApplication::translate("ClientErrors", "no such service or user");
        break;
    case C::Forbidden:
    case C::NotAllowed:
    case C::NotAuthorized:
        sentence = QCoreApplication::translate("ClientErrors", "the server does not allow this");
        break;
    case C::BadRequest:
    case C::NotAcceptable:
        sentence = QCoreApplication::translate("ClientErrors", "the server did not accept the request");
        break;
    case C::ResourceConstraint:
    case C::InternalServerError:
    case C::RemoteServerTimeout:
        sentence = QCoreApplication::translate("ClientErrors",
                                               "the server could not do this just now; try again later");
        break;
    default:
        sentence = QCoreApplication::translate("ClientErrors", "the request failed");
        break;
    }
    sentence += u" ("_s + StanzaError::conditionName(condition) + u')';
    return withServerText(sentence, error ? error->text : QString());
}
