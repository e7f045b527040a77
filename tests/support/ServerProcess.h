// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Running the test servers' tools and probing their ports: shared by ProsodyServer, EjabberdServer and the
// other fixtures of tests/support.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace TestSupport {

/// What a finished (or failed) child process left behind.
struct ProcessResult
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    int exitCode = -1;
    QByteArray output;  // stdout and stderr, merged

    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
    /// e.g. "prosodyctl exited with code 1: <last lines of output>"; for error messages.
    QString describe(const QString &what) const;
};

/// Runs a program to its end (blocking, no event loop needed) and kills it after timeoutMs.
ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 30000);

/// Connects to 127.0.0.1:port, opens a client stream to domain and returns the server's
/// <stream:features>...</stream:features> element as it arrived; empty (and *error set) on failure.
QByteArray fetchStreamFeatures(quint16 port, const QString &domain = QStringLiteral("localhost"), int timeoutMs = 5000,
                               QString *error = nullptr);

/// The last lines of a text file (a log), at most maxBytes of them.
QByteArray fileTail(const QString &path, int lines = 40, qint64 maxBytes = 16384);

} // namespace TestSupport
