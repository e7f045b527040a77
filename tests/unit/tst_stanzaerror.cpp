// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/StanzaError.h"
#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QDomElement>
#include <QSet>
#include <QTest>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

using Condition = StanzaError::Condition;
using Type = StanzaError::Type;

namespace {

QDomElement errorElement(const QString &xml)
{
    const QDomElement element = XmlWriter::parseElement(xml);
    if (element.isNull())
        qFatal("test XML does not parse: %s", qPrintable(xml));
    return element;
}

// An <error/> with one child, in the namespaces a stanza would give them.
QString errorXml(const QString &type, const QString &children)
{
    const QString typeAttribute = type.isEmpty() ? QString() : u" type='"_s + type + u"'"_s;
    return u"<error xmlns='jabber:client'"_s + typeAttribute + u">"_s + children + u"</error>"_s;
}

QString conditionXml(const QString &name, const QString &content = {})
{
    return u"<"_s + name + u" xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>"_s + content + u"</"_s + name + u">"_s;
}

// Writes @p error the way a stanza does: inside an element whose default namespace is jabber:client.
QByteArray writeInsideStanza(const StanzaError &error)
{
    return XmlWriter::toBytes([&error](QXmlStreamWriter &out) {
        out.writeStartElement(u"message"_s);
        out.writeDefaultNamespace(ns::Client);
        error.write(out);
        out.writeEndElement();
    });
}

std::optional<StanzaError> roundTrip(const StanzaError &error)
{
    const QDomElement message = XmlWriter::parseElement(QString::fromUtf8(writeInsideStanza(error)));
    return StanzaError::fromElement(message.firstChildElement());
}

} // namespace

class tst_StanzaError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conditions_data();
    void conditions();
    void conditionNamesAreUnique();
    void types_data();
    void types();
    void unknownNames();
    void parsesAllFields();
    void redirectUri_data();
    void redirectUri();
    void uriOnlyWrittenForGoneAndRedirect();
    void tolerance_data();
    void tolerance();
    void rejectsOtherElements_data();
    void rejectsOtherElements();
    void writesNamespaces();
    void writesStandalone();
};

void tst_StanzaError::conditions_data()
{
    QTest::addColumn<Condition>("condition");
    QTest::addColumn<QString>("name");
    QTest::addColumn<Type>("defaultType");

    // RFC 6120 §8.3.3.1-22.
    QTest::newRow("1") << Condition::BadRequest << u"bad-request"_s << Type::Modify;
    QTest::newRow("2") << Condition::Conflict << u"conflict"_s << Type::Cancel;
    QTest::newRow("3") << Condition::FeatureNotImplemented << u"feature-not-implemented"_s << Type::Cancel;
    QTest::newRow("4") << Condition::Forbidden << u"forbidden"_s << Type::Auth;
    QTest::newRow("5") << Condition::Gone << u"gone"_s << Type::Cancel;
    QTest::newRow("6") << Condition::InternalServerError << u"internal-server-error"_s << Type::Cancel;
    QTest::newRow("7") << Condition::ItemNotFound << u"item-not-found"_s << Type::Cancel;
    QTest::newRow("8") << Condition::JidMalformed << u"jid-malformed"_s << Type::Modify;
    QTest::newRow("9") << Condition::NotAcceptable << u"not-acceptable"_s << Type::Modify;
    QTest::newRow("10") << Condition::NotAllowed << u"not-allowed"_s << Type::Cancel;
    QTest::newRow("11") << Condition::NotAuthorized << u"not-authorized"_s << Type::Auth;
    QTest::newRow("12") << Condition::PolicyViolation << u"policy-violation"_s << Type::Modify;
    QTest::newRow("13") << Condition::RecipientUnavailable << u"recipient-unavailable"_s << Type::Wait;
    QTest::newRow("14") << Condition::Redirect << u"redirect"_s << Type::Modify;
    QTest::newRow("15") << Condition::RegistrationRequired << u"registration-required"_s << Type::Auth;
    QTest::newRow("16") << Condition::RemoteServerNotFound << u"remote-server-not-found"_s << Type::Cancel;
    QTest::newRow("17") << Condition::RemoteServerTimeout << u"remote-server-timeout"_s << Type::Wait;
    QTest::newRow("18") << Condition::ResourceConstraint << u"resource-constraint"_s << Type::Wait;
    QTest::newRow("19") << Condition::ServiceUnavailable << u"service-unavailable"_s << Type::Cancel;
    QTest::newRow("20") << Condition::SubscriptionRequired << u"subscription-required"_s << Type::Auth;
    QTest::newRow("21") << Condition::UndefinedCondition << u"undefined-condition"_s << Type::Cancel;
    QTest::newRow("22") << Condition::UnexpectedRequest << u"unexpected-request"_s << Type::Wait;
}

void tst_StanzaError::conditions()
{
    QFETCH(Condition, condition);
    QFETCH(QString, name);
    QFETCH(Type, defaultType);

    QCOMPARE(StanzaError::conditionName(condition), name);
    QCOMPARE(StanzaError::conditionFromName(name), condition);

    // No type attribute: the condition's default type (RFC 6120 §8.3.3).
    const auto parsed = StanzaError::fromElement(errorElement(errorXml({}, conditionXml(name))));
    QVERIFY(parsed);
    QCOMPARE(parsed->condition, condition);
    QCOMPARE(parsed->type, defaultType);

    // An explicit type wins over the default.
    const auto waiting = StanzaError::fromElement(errorElement(errorXml(u"wait"_s, conditionXml(name))));
    QVERIFY(waiting);
    QCOMPARE(waiting->type, Type::Wait);
    QCOMPARE(waiting->condition, condition);

    StanzaError error;
    error.condition = condition;
    error.type = defaultType;
    QCOMPARE(roundTrip(error), error);
}

void tst_StanzaError::conditionNamesAreUnique()
{
    QSet<QString> names;
    for (int i = 0; i <= int(Condition::UnexpectedRequest); ++i) {
        const auto condition = Condition(i);
        const QString name = StanzaError::conditionName(condition);
        QVERIFY(!name.isEmpty());
        QCOMPARE(StanzaError::conditionFromName(name), condition);
        names.insert(name);
    }
    QCOMPARE(names.size(), 22);
}

void tst_StanzaError::types_data()
{
    QTest::addColumn<Type>("type");
    QTest::addColumn<QString>("name");

    // RFC 6120 §8.3.2.
    QTest::newRow("auth") << Type::Auth << u"auth"_s;
    QTest::newRow("cancel") << Type::Cancel << u"cancel"_s;
    QTest::newRow("continue") << Type::Continue << u"continue"_s;
    QTest::newRow("modify") << Type::Modify << u"modify"_s;
    QTest::newRow("wait") << Type::Wait << u"wait"_s;
}

void tst_StanzaError::types()
{
    QFETCH(Type, type);
    QFETCH(QString, name);

    QCOMPARE(StanzaError::typeName(type), name);
    QCOMPARE(StanzaError::typeFromName(name), type);

    const auto parsed = StanzaError::fromElement(errorElement(errorXml(name, conditionXml(u"conflict"_s))));
    QVERIFY(parsed);
    QCOMPARE(parsed->type, type);

    StanzaError error;
    error.type = type;
    error.condition = Condition::Conflict;
    QCOMPARE(roundTrip(error), error);
}

void tst_StanzaError::unknownNames()
{
    QCOMPARE(StanzaError::conditionFromName(u"no-such-condition"), std::nullopt);
    QCOMPARE(StanzaError::conditionFromName(u""), std::nullopt);
    QCOMPARE(StanzaError::conditionFromName(u"Item-Not-Found"), std::nullopt);
    QCOMPARE(StanzaError::typeFromName(u""), std::nullopt);
    QCOMPARE(StanzaError::typeFromName(u"Cancel"), std::nullopt);
    QCOMPARE(StanzaError::typeFromName(u"fatal"), std::nullopt);
}

void tst_StanzaError::parsesAllFields()
{
    const auto error = StanzaError::fromElement(
        errorElement(u"<error xmlns='jabber:client' type='modify' by='muc.example.org'>"
                     "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                     "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='zh'>昵称已被占用</text>"
                     "</error>"_s));
    QVERIFY(error);
    QCOMPARE(error->type, Type::Modify);
    QCOMPARE(error->condition, Condition::NotAcceptable);
    QCOMPARE(error->text, u"昵称已被占用"_s);
    QCOMPARE(error->by, u"muc.example.org"_s);
    QVERIFY(error->redirectUri.isEmpty());
    QCOMPARE(roundTrip(*error), error);
}

void tst_StanzaError::redirectUri_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Condition>("condition");
    QTest::addColumn<QString>("uri");

    // RFC 6120 §8.3.3.5 and §8.3.3.14 examples.
    QTest::newRow("gone") << u"gone"_s << Condition::Gone << u"xmpp:romeo@afterlife.example.net"_s;
    QTest::newRow("redirect") << u"redirect"_s << Condition::Redirect << u"xmpp:characters@conference.example.org"_s;
    QTest::newRow("redirect-chinese") << u"redirect"_s << Condition::Redirect << u"xmpp:小王@例子.中国"_s;
}

void tst_StanzaError::redirectUri()
{
    QFETCH(QString, name);
    QFETCH(Condition, condition);
    QFETCH(QString, uri);

    const auto error = StanzaError::fromElement(errorElement(errorXml(u"cancel"_s, conditionXml(name, uri))));
    QVERIFY(error);
    QCOMPARE(error->condition, condition);
    QCOMPARE(error->redirectUri, uri);
    QCOMPARE(roundTrip(*error), error);

    // Without a URI the condition stays empty (the character data is optional).
    const auto bare = StanzaError::fromElement(errorElement(errorXml(u"cancel"_s, conditionXml(name))));
    QVERIFY(bare);
    QVERIFY(bare->redirectUri.isEmpty());
}

void tst_StanzaError::uriOnlyWrittenForGoneAndRedirect()
{
    StanzaError error;
    error.condition = Condition::ItemNotFound;
    error.redirectUri = u"xmpp:elsewhere@example.org"_s;
    const QByteArray bytes = writeInsideStanza(error);
    QVERIFY2(!bytes.contains("elsewhere"), bytes.constData());
    const auto parsed = roundTrip(error);
    QVERIFY(parsed);
    QVERIFY(parsed->redirectUri.isEmpty());
}

void tst_StanzaError::tolerance_data()
{
    QTest::addColumn<QString>("xml");
    QTest::addColumn<Condition>("condition");
    QTest::addColumn<Type>("type");
    QTest::addColumn<QString>("text");

    const QString stanzas = u"urn:ietf:params:xml:ns:xmpp-stanzas"_s;
    QTest::newRow("unknown condition") << errorXml(u"auth"_s, conditionXml(u"too-tired"_s))
                                       << Condition::UndefinedCondition << Type::Auth << QString();
    QTest::newRow("no condition") << errorXml(u"wait"_s, {}) << Condition::UndefinedCondition << Type::Wait
                                  << QString();
    QTest::newRow("application condition after")
        << errorXml(u"modify"_s, conditionXml(u"bad-request"_s) + u"<too-many-parameters xmlns='urn:example:app'/>"_s)
        << Condition::BadRequest << Type::Modify << QString();
    QTest::newRow("application condition before")
        << errorXml(u"modify"_s, u"<too-many-parameters xmlns='urn:example:app'/>"_s + conditionXml(u"bad-request"_s))
        << Condition::BadRequest << Type::Modify << QString();
    QTest::newRow("unknown type attribute")
        << errorXml(u"catastrophic"_s, conditionXml(u"forbidden"_s)) << Condition::Forbidden << Type::Auth << QString();
    QTest::newRow("two conditions: first wins")
        << errorXml(u"cancel"_s, conditionXml(u"conflict"_s) + conditionXml(u"gone"_s)) << Condition::Conflict
        << Type::Cancel << QString();
    QTest::newRow("text in another namespace ignored")
        << errorXml(u"cancel"_s, conditionXml(u"conflict"_s) + u"<text xmlns='urn:example:app'>no</text>"_s)
        << Condition::Conflict << Type::Cancel << QString();
    QTest::newRow("text before condition")
        << errorXml(u"cancel"_s, u"<text xmlns='"_s + stanzas + u"'>先写文字</text>"_s + conditionXml(u"conflict"_s))
        << Condition::Conflict << Type::Cancel << u"先写文字"_s;
    QTest::newRow("condition in jabber:client ignored")
        << errorXml(u"cancel"_s, u"<conflict/>"_s) << Condition::UndefinedCondition << Type::Cancel << QString();
    QTest::newRow("legacy code attribute") << u"<error xmlns='jabber:client' code='404' type='cancel'>"_s
                                                  + conditionXml(u"item-not-found"_s) + u"</error>"_s
                                           << Condition::ItemNotFound << Type::Cancel << QString();
}

void tst_StanzaError::tolerance()
{
    QFETCH(QString, xml);
    QFETCH(Condition, condition);
    QFETCH(Type, type);
    QFETCH(QString, text);

    const auto error = StanzaError::fromElement(errorElement(xml));
    QVERIFY(error);
    QCOMPARE(error->condition, condition);
    QCOMPARE(error->type, type);
    QCOMPARE(error->text, text);
}

void tst_StanzaError::rejectsOtherElements_data()
{
    QTest::addColumn<QString>("xml");

    QTest::newRow("other name") << u"<failure xmlns='jabber:client'/>"_s;
    QTest::newRow("other namespace") << u"<error xmlns='urn:example:app' type='cancel'/>"_s;
    QTest::newRow("stream error") << u"<error xmlns='http://etherx.jabber.org/streams'/>"_s;
}

void tst_StanzaError::rejectsOtherElements()
{
    QFETCH(QString, xml);
    QCOMPARE(StanzaError::fromElement(errorElement(xml)), std::nullopt);
    QCOMPARE(StanzaError::fromElement(QDomElement()), std::nullopt);
}

void tst_StanzaError::writesNamespaces()
{
    StanzaError error;
    error.type = Type::Cancel;
    error.condition = Condition::RecipientUnavailable;
    error.text = u"对方已离线"_s;
    error.by = u"example.org"_s;
    const QByteArray bytes = writeInsideStanza(error);
    // Inside a stanza nothing needs a generated prefix.
    QVERIFY2(!bytes.contains(":error") && !bytes.contains("xmlns:"), bytes.constData());

    const QDomElement element = XmlWriter::parseElement(QString::fromUtf8(bytes)).firstChildElement();
    QCOMPARE(element.localName(), u"error"_s);
    QCOMPARE(element.namespaceURI(), ns::Client);
    QCOMPARE(element.attribute(u"type"_s), u"cancel"_s);
    QCOMPARE(element.attribute(u"by"_s), u"example.org"_s);

    const QDomElement conditionElement = element.firstChildElement();
    QCOMPARE(conditionElement.localName(), u"recipient-unavailable"_s);
    QCOMPARE(conditionElement.namespaceURI(), ns::Stanzas);
    QVERIFY(conditionElement.text().isEmpty());

    const QDomElement textElement = conditionElement.nextSiblingElement();
    QCOMPARE(textElement.localName(), u"text"_s);
    QCOMPARE(textElement.namespaceURI(), ns::Stanzas);
    QCOMPARE(textElement.text(), u"对方已离线"_s);
    QVERIFY(textElement.nextSiblingElement().isNull());
}

void tst_StanzaError::writesStandalone()
{
    // Written on its own, the error must still say it is in jabber:client.
    StanzaError error;
    error.condition = Condition::ItemNotFound;
    const QByteArray bytes = XmlWriter::toBytes([&error](QXmlStreamWriter &out) { error.write(out); });
    const auto parsed = StanzaError::fromElement(XmlWriter::parseElement(QString::fromUtf8(bytes)));
    QVERIFY2(parsed, bytes.constData());
    QCOMPARE(*parsed, error);
}

QTEST_GUILESS_MAIN(tst_StanzaError)
#include "tst_stanzaerror.moc"
