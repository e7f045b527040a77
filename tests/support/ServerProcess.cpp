// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace {

QByteArray lastLines(const QByteArray &text, int lines)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1) == '\n')
        --end;
    qsizetype position = end;
    for (int found = 0; position > 0; --position) {
        if (text.at(position - 1) == '\n' && ++found == lines)
            break;
    }
    return text.mid(position, end - position);
}

} // namespace

namespace TestSupport {

QString ProcessResult::describe(const QString &what) const
{
    QString status;
    if (!started)
        status = u"could not be started"_s;
    else if (timedOut)
        status = u"timed out"_s;
    else if (crashed)
        status = u"crashed"_s;
    else
        status = u"exited with code "_s + QString::number(exitCode);
    const QByteArray tail = lastLines(output, 15).trimmed();
    return what + u' ' + status + (tail.isEmpty() ? QString() : u":\n"_s + QString::fromUtf8(tail));
}

ProcessResult runProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                         int timeoutMs)
{
    ProcessResult result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        result.output = process.errorString().toUtf8();
        return result;
    }
    result.started = true;
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(2000);
    }
    result.output = process.readAll();
    result.crashed = !result.timedOut && process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    return result;
}

QByteArray fetchStreamFeatures(quint16 port, const QString &domain, int timeoutMs, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QByteArray();
    };
    QDeadlineTimer deadline(timeoutMs);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return fail(u"cannot connect to 127.0.0.1:"_s + QString::number(port) + u": "_s + socket.errorString());
    socket.write("<?xml version='1.0'?><stream:stream to='" + domain.toUtf8()
                 + "' version='1.0' xml:lang='en' xmlns='jabber:client'"
                   " xmlns:stream='http://etherx.jabber.org/streams'>");
    const QString where = u"127.0.0.1:"_s + QString::number(port);
    QByteArray received;
    while (true) {
        const qsizetype begin = received.indexOf("<stream:features");
        if (begin >= 0) {
            static constexpr QByteArrayView Close("</stream:features>");
            static constexpr QByteArrayView Empty("<stream:features/>");
            qsizetype end = received.indexOf(Close, begin);
            if (end >= 0)
                end += Close.size();
            else if (QByteArrayView(received).sliced(begin).startsWith(Empty))
                end = begin + Empty.size();
            if (end >= 0) {
                socket.write("</stream:stream>");
                socket.waitForBytesWritten(100);
                socket.abort();
                return received.mid(begin, end - begin);
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState)
            return fail(where + u" closed the stream ("_s + socket.errorString() + u"); got: "_s
                        + QString::fromUtf8(received.left(2000)));
        if (deadline.hasExpired())
            return fail(u"no <stream:features> from "_s + where + u" in time; got: "_s
                        + QString::fromUtf8(received.left(2000)));
        socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        received += socket.readAll();
    }
}

QByteArray fileTail(const QString &path, int lines, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (file.size() > maxBytes)
        file.seek(file.size() - maxBytes);
    return lastLines(file.readAll(), lines);
}

} // namespace TestSupport
