// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "stanza/VCard.h"

#include "xml/Namespaces.h"
#include "xml/XmlWriter.h"

#include <QCryptographicHash>
#include <QDomElement>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {

// XEP-0054 §7 (DTD): the flag elements of <TEL/>, in the DTD's order.
const QStringList PhoneTypes{u"HOME"_s,  u"WORK"_s, u"VOICE"_s, u"FAX"_s,  u"PAGER"_s, u"MSG"_s, u"CELL"_s,
                             u"VIDEO"_s, u"BBS"_s,  u"MODEM"_s, u"ISDN"_s, u"PCS"_s,   u"PREF"_s};

/// The local name of @p element upper-cased: the DTD's names are upper case, some clients write lower case.
QString nameOf(const QDomElement &element)
{
    return element.localName().isEmpty() ? element.tagName().toUpper() : element.localName().toUpper();
}

QDomElement child(const QDomElement &parent, QStringView name)
{
    for (QDomElement c = parent.firstChildElement(); !c.isNull(); c = c.nextSiblingElement()) {
        if (nameOf(c) == name)
            return c;
    }
    return {};
}

bool hasChild(const QDomElement &parent, QStringView name)
{
    return !child(parent, name).isNull();
}

QString childText(const QDomElement &parent, QStringView name)
{
    return child(parent, name).text().trimmed();
}

/// BINVAL is base64 with line breaks allowed (XEP-0054 §3.1 examples); anything else invalid refuses it.
std::optional<QByteArray> decodeBase64(const QString &text)
{
    QByteArray compact = text.toLatin1();
    compact.removeIf([](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    auto result = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

QByteArray serialise(const QDomElement &element)
{
    return XmlWriter::toBytes([&](QXmlStreamWriter &out) { XmlWriter::writeElement(out, element); });
}

void writeText(QXmlStreamWriter &out, const QString &name, const QString &text)
{
    if (!text.isEmpty())
        out.writeTextElement(name, XmlWriter::xmlSafe(text));
}

void writeFlag(QXmlStreamWriter &out, const QString &name, bool set)
{
    if (set)
        out.writeEmptyElement(name);
}

/// <PHOTO/> into @p photo; false (and no photo) when its BINVAL is not base64.
bool readPhoto(const QDomElement &element, VCard::Photo &photo)
{
    photo.type = childText(element, u"TYPE");
    photo.externalUrl = childText(element, u"EXTVAL");
    const QDomElement binval = child(element, u"BINVAL");
    if (binval.isNull())
        return true;
    const auto data = decodeBase64(binval.text());
    if (!data) {
        photo = {};
        return false;
    }
    photo.data = *data;
    return true;
}

VCard::Email readEmail(const QDomElement &element)
{
    return {childText(element, u"USERID"), hasChild(element, u"HOME"), hasChild(element, u"WORK"),
            hasChild(element, u"INTERNET"), hasChild(element, u"PREF")};
}

VCard::Phone readPhone(const QDomElement &element)
{
    VCard::Phone phone{childText(element, u"NUMBER"), {}};
    for (const QString &type : PhoneTypes) {
        if (hasChild(element, type))
            phone.types.append(type);
    }
    return phone;
}

VCard::Address readAddress(const QDomElement &c)
{
    return {childText(c, u"POBOX"),    childText(c, u"EXTADD"), childText(c, u"STREET"),
            childText(c, u"LOCALITY"), childText(c, u"REGION"), childText(c, u"PCODE"),
            childText(c, u"CTRY"),     hasChild(c, u"HOME"),    hasChild(c, u"WORK")};
}

VCard::Organization readOrganization(const QDomElement &element)
{
    VCard::Organization organization;
    organization.name = childText(element, u"ORGNAME");
    for (QDomElement unit = element.firstChildElement(); !unit.isNull(); unit = unit.nextSiblingElement()) {
        if (nameOf(unit) == u"ORGUNIT" && !unit.text().trimmed().isEmpty())
            organization.units.append(unit.text().trimmed());
    }
    return organization;
}

/// Appends @p entry to @p list when its @p key field is not empty (an e-mail without its address, a phone
/// without its number is not understood); returns whether it did.
template <typename T>
bool appendIfGiven(QList<T> &list, const T &entry, QString T::*key)
{
    if ((entry.*key).isEmpty())
        return false;
    list.append(entry);
    return true;
}

} // namespace

bool VCard::Name::isEmpty() const
{
    return family.isEmpty() && given.isEmpty() && middle.isEmpty() && prefix.isEmpty() && suffix.isEmpty();
}

bool VCard::Address::isEmpty() const
{
    return poBox.isEmpty() && extended.isEmpty() && street.isEmpty() && locality.isEmpty() && region.isEmpty()
        && postalCode.isEmpty() && country.isEmpty();
}

bool VCard::isEmpty() const
{
    return *this == VCard{};
}

QString VCard::photoHash() const
{
    if (photo.data.isEmpty())
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(photo.data, QCryptographicHash::Sha1).toHex());
}

std::optional<VCard> VCard::fromElement(const QDomElement &element)
{
    if (element.isNull() || element.localName() != u"vCard" || element.namespaceURI() != ns::VCardTemp)
        return std::nullopt;
    VCard card;
    bool haveDescription = false;
    QString note;
    QByteArray noteXml;
    for (QDomElement c = element.firstChildElement(); !c.isNull(); c = c.nextSiblingElement()) {
        const QString name = nameOf(c);
        bool understood = true;
        if (c.namespaceURI() != ns::VCardTemp) {
            understood = false;
        } else if (name == u"FN") {
            card.fullName = c.text().trimmed();
        } else if (name == u"N") {
            card.name = {childText(c, u"FAMILY"), childText(c, u"GIVEN"), childText(c, u"MIDDLE"),
                         childText(c, u"PREFIX"), childText(c, u"SUFFIX")};
        } else if (name == u"NICKNAME") {
            card.nickname = c.text().trimmed();
        } else if (name == u"PHOTO") {
            understood = readPhoto(c, card.photo);
        } else if (name == u"BDAY") {
            // XEP-0054 §7: ISO 8601; a date-time keeps its date part.
            const QString text = c.text().trimmed();
            card.birthday = QDate::fromString(text.left(10), Qt::ISODate);
            understood = card.birthday.isValid();
        } else if (name == u"EMAIL") {
            understood = appendIfGiven(card.emails, readEmail(c), &Email::address);
        } else if (name == u"TEL") {
            understood = appendIfGiven(card.phones, readPhone(c), &Phone::number);
        } else if (name == u"ADR") {
            const Address address = readAddress(c);
            understood = !address.isEmpty();
            if (understood)
                card.addresses.append(address);
        } else if (name == u"JABBERID") {
            card.jabberId = c.text().trimmed();
        } else if (name == u"TITLE") {
            card.title = c.text().trimmed();
        } else if (name == u"ROLE") {
            card.role = c.text().trimmed();
        } else if (name == u"ORG") {
            card.organization = readOrganization(c);
        } else if (name == u"URL") {
            card.url = c.text().trimmed();
        } else if (name == u"DESC") {
            card.description = c.text();   // free text: its line breaks are the user's
            haveDescription = true;
        } else if (name == u"NOTE") {
            // Not in XEP-0054, but a server that stores vCard4 (XEP-0398, Prosody's mod_vcard_legacy) turns
            // DESC into NOTE and gives NOTE back: it is the same description.
            if (note.isNull()) {
                note = c.text();
                noteXml = serialise(c);
            } else {
                understood = false;
            }
        } else {
            understood = false;
        }
        if (!understood)
            card.unknownElements.append(serialise(c));
    }
    if (!haveDescription && !note.isNull())
        card.description = note;
    else if (!noteXml.isEmpty())
        card.unknownElements.append(noteXml);   // a note besides the description: keep it as it came
    return card;
}

void VCard::write(QXmlStreamWriter &out) const
{
    // XEP-0054 §7: the DTD's order.
    out.writeStartElement(u"vCard"_s);
    out.writeDefaultNamespace(ns::VCardTemp);
    writeText(out, u"FN"_s, fullName);
    if (!name.isEmpty()) {
        out.writeStartElement(u"N"_s);
        writeText(out, u"FAMILY"_s, name.family);
        writeText(out, u"GIVEN"_s, name.given);
        writeText(out, u"MIDDLE"_s, name.middle);
        writeText(out, u"PREFIX"_s, name.prefix);
        writeText(out, u"SUFFIX"_s, name.suffix);
        out.writeEndElement();
    }
    writeText(out, u"NICKNAME"_s, nickname);
    if (!photo.isEmpty() || !photo.type.isEmpty()) {   // a type alone: a cached vCard (VCardStore)
        out.writeStartElement(u"PHOTO"_s);
        if (!photo.data.isEmpty() || photo.externalUrl.isEmpty())   // XEP-0054 §7: (TYPE, BINVAL) | EXTVAL
            writeText(out, u"TYPE"_s, photo.type);
        if (!photo.data.isEmpty())
            out.writeTextElement(u"BINVAL"_s, QString::fromLatin1(photo.data.toBase64()));
        else
            writeText(out, u"EXTVAL"_s, photo.externalUrl);
        out.writeEndElement();
    }
    if (birthday.isValid())
        out.writeTextElement(u"BDAY"_s, birthday.toString(Qt::ISODate));
    for (const Address &address : addresses) {
        out.writeStartElement(u"ADR"_s);
        writeFlag(out, u"HOME"_s, address.home);
        writeFlag(out, u"WORK"_s, address.work);
        writeText(out, u"POBOX"_s, address.poBox);
        writeText(out, u"EXTADD"_s, address.extended);
        writeText(out, u"STREET"_s, address.street);
        writeText(out, u"LOCALITY"_s, address.locality);
        writeText(out, u"REGION"_s, address.region);
        writeText(out, u"PCODE"_s, address.postalCode);
        writeText(out, u"CTRY"_s, address.country);
        out.writeEndElement();
    }
    for (const Phone &phone : phones) {
        out.writeStartElement(u"TEL"_s);
        for (const QString &type : PhoneTypes) {
            if (phone.types.contains(type, Qt::CaseInsensitive))
                out.writeEmptyElement(type);
        }
        out.writeTextElement(u"NUMBER"_s, XmlWriter::xmlSafe(phone.number));
        out.writeEndElement();
    }
    for (const Email &email : emails) {
        out.writeStartElement(u"EMAIL"_s);
        writeFlag(out, u"HOME"_s, email.home);
        writeFlag(out, u"WORK"_s, email.work);
        writeFlag(out, u"INTERNET"_s, email.internet);
        writeFlag(out, u"PREF"_s, email.preferred);
        out.writeTextElement(u"USERID"_s, XmlWriter::xmlSafe(email.address));
        out.writeEndElement();
    }
    writeText(out, u"JABBERID"_s, jabberId);
    writeText(out, u"TITLE"_s, title);
    writeText(out, u"ROLE"_s, role);
    if (!organization.isEmpty()) {
        out.writeStartElement(u"ORG"_s);
        out.writeTextElement(u"ORGNAME"_s, XmlWriter::xmlSafe(organization.name));   // required by the DTD
        for (const QString &unit : organization.units)
            out.writeTextElement(u"ORGUNIT"_s, XmlWriter::xmlSafe(unit));
        out.writeEndElement();
    }
    writeText(out, u"URL"_s, url);
    writeText(out, u"DESC"_s, description);
    for (const QByteArray &xml : unknownElements) {
        const QDomElement element = XmlWriter::parseElement(QString::fromUtf8(xml));
        if (!element.isNull())
            XmlWriter::writeElement(out, element);
    }
    out.writeEndElement();
}

QByteArray VCard::toXml() const
{
    return XmlWriter::toBytes([this](QXmlStreamWriter &out) { write(out); });
}
