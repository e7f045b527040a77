// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "client/Reconnector.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace std::chrono_literals;

namespace {
// A resumption goes at once, spread over a quarter of a second so that the clients of a server that just
// dropped them all do not come back in the same millisecond.
constexpr int QuickResumeJitterMs = 250;
}   // namespace

Reconnector::Reconnector(XmppClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    m_stable.setSingleShot(true);
    m_stable.setInterval(60s);
    connect(&m_timer, &QTimer::timeout, this, &Reconnector::reconnectNow);
    // Only a session that lasted counts as recovered (docs/SECURITY.md rule 10): not the sign-in itself.
    connect(&m_stable, &QTimer::timeout, this, [this] {
        m_attempt = 0;
        m_quickResumeUsed = false;
    });
    connect(m_client, &XmppClient::errorOccurred, this, &Reconnector::errorOccurred);
    // Decided once the connection is down: only then does the client know whether the server keeps the
    // session (XmppClient::canResume(), XEP-0198 §5).
    connect(m_client, &XmppClient::disconnected, this, &Reconnector::disconnected);
    connect(m_client, &XmppClient::connected, this, &Reconnector::sessionUp);
    connect(m_client, &XmppClient::resumed, this, &Reconnector::sessionUp);
}

void Reconnector::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled) {
        m_timer.stop();
        m_stable.stop();
        m_waiting = false;
        m_attempt = 0;
        m_quickResumeUsed = false;
    }
}

void Reconnector::setDelays(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    m_first = first;
    m_cap = cap;
}

void Reconnector::setStablePeriod(std::chrono::milliseconds period)
{
    m_stable.setInterval(period);
}

void Reconnector::setNetworkReachable(bool reachable)
{
    if (m_reachable == reachable)
        return;
    m_reachable = reachable;
    if (!m_waiting)
        return;
    if (!reachable) {
        m_timer.stop();   // attempts without a network only grow the back-off
        Q_EMIT waitingForNetwork();
    } else {
        reconnectNow();
    }
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
    const double exponent = std::clamp(attempt - 1, 0, 30);
    const double base = std::min(double(first.count()) * std::pow(2.0, exponent), double(cap.count()));
    return std::chrono::milliseconds(qint64(base * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0))));
}

void Reconnector::reconnectNow()
{
    if (!m_enabled || !m_waiting || m_client->state() != XmppClient::State::Disconnected)
        return;
    m_timer.stop();
    m_waiting = false;
    m_client->connectToHost();
}

void Reconnector::errorOccurred(XmppClient::Error error)
{
    m_lastError = error;
}

void Reconnector::sessionUp()
{
    m_waiting = false;
    m_stable.start();
}

void Reconnector::disconnected()
{
    m_stable.stop();
    const XmppClient::Error error = std::exchange(m_lastError, XmppClient::Error::None);
    if (!m_enabled || !isRetryable(error))
        return;   // closed on purpose, or nothing another attempt could fix
    schedule();
}

void Reconnector::schedule()
{
    m_waiting = true;
    ++m_attempt;
    if (!m_reachable) {
        Q_EMIT waitingForNetwork();
        return;
    }
    std::chrono::milliseconds delay;
    if (m_client->canResume() && !m_quickResumeUsed) {
        m_quickResumeUsed = true;
        delay = std::chrono::milliseconds(QRandomGenerator::global()->bounded(QuickResumeJitterMs + 1));
    } else {
        // The quick resumption, if there was one, is not part of the back-off: the next wait is the first.
        const int backOff = m_attempt - (m_quickResumeUsed ? 1 : 0);
        delay = delayFor(backOff, m_first, m_cap, QRandomGenerator::global()->generateDouble());
    }
    m_timer.start(delay);
    Q_EMIT reconnectScheduled(delay, m_attempt);
}
