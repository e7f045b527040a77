// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/Reconnector.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

Reconnector::Reconnector(XmppClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { m_client->connectToHost(); });
    connect(m_client, &XmppClient::errorOccurred, this, &Reconnector::errorOccurred);
    connect(m_client, &XmppClient::connected, this, [this] { m_attempt = 0; });
}

void Reconnector::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled) {
        m_timer.stop();
        m_attempt = 0;
    }
}

void Reconnector::setDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    m_first = first;
    m_cap = cap;
}

bool Reconnector::isRetryable(XmppClient::Error error)
{
    switch (error) {
    case XmppClient::Error::HostNotFound:
    case XmppClient::Error::ConnectionRefused:
    case XmppClient::Error::ConnectionLost:
    case XmppClient::Error::Timeout:
    case XmppClient::Error::TlsFailed:
    case XmppClient::Error::StreamError:
    case XmppClient::Error::BindFailed:
    case XmppClient::Error::XmlRestricted:
    case XmppClient::Error::ProtocolError:
        return true;
    case XmppClient::Error::None:
    case XmppClient::Error::TlsUnavailable:
    case XmppClient::Error::CertificateInvalid:
    case XmppClient::Error::NoSuitableMechanism:
    case XmppClient::Error::AuthenticationFailed:
    case XmppClient::Error::AccountDisabled:
    case XmppClient::Error::Conflict:
    case XmppClient::Error::ConfigurationInvalid:
    case XmppClient::Error::MechanismDowngrade:   // only the user may accept it; retrying changes nothing
        return false;
    }
    return false;
}

std::chrono::milliseconds Reconnector::delayFor(int attempt, std::chrono::milliseconds first,
                                                std::chrono::milliseconds cap, double jitter)
{
    const double exponent = std::min(attempt - 1, 30);
    const double base = std::min(double(first.count()) * std::pow(2.0, exponent), double(cap.count()));
    return std::chrono::milliseconds(qint64(base * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0))));
}

void Reconnector::errorOccurred(XmppClient::Error error)
{
    if (!m_enabled || !isRetryable(error))
        return;
    ++m_attempt;
    const auto delay = delayFor(m_attempt, m_first, m_cap, QRandomGenerator::global()->generateDouble());
    m_timer.start(delay);
    Q_EMIT reconnectScheduled(delay, m_attempt);
}
