// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

class QDomElement;
class QXmlStreamWriter;

/// A vcard-temp <vCard/> (XEP-0054 v1.2): the common fields of a profile, read and written as XML.
///
/// Every string here is remote text from whoever published the vCard (docs/SECURITY.md rule 5: plain text only).
/// Elements this type does not model are kept as XML (unknownElements) and written back unchanged, so
/// editing one field of someone's richer vCard does not erase the rest. The photo's EXTVAL (a URL) is kept
/// but never fetched (docs/SECURITY.md rule 7).
struct VCard
{
    /// <N/>: the structured name.
    struct Name
    {
        QString family;
        QString given;
        QString middle;
        QString prefix;
        QString suffix;
        bool isEmpty() const;
        friend bool operator==(const Name &, const Name &) = default;
    };
    /// <EMAIL/>, with the location and kind flags of XEP-0054's DTD.
    struct Email
    {
        QString address;   // <USERID/>
        bool home = false;
        bool work = false;
        bool internet = false;
        bool preferred = false;   // <PREF/>
        friend bool operator==(const Email &, const Email &) = default;
    };
    /// <TEL/>; types are the DTD's empty elements, upper case: HOME WORK VOICE FAX PAGER MSG CELL VIDEO BBS
    /// MODEM ISDN PCS PREF.
    struct Phone
    {
        QString number;    // <NUMBER/>
        QStringList types;
        friend bool operator==(const Phone &, const Phone &) = default;
    };
    /// <ADR/>.
    struct Address
    {
        QString poBox;       // POBOX
        QString extended;    // EXTADD
        QString street;      // STREET
        QString locality;    // LOCALITY
        QString region;      // REGION
        QString postalCode;  // PCODE
        QString country;     // CTRY
        bool home = false;
        bool work = false;
        bool isEmpty() const;
        friend bool operator==(const Address &, const Address &) = default;
    };
    /// <ORG/>.
    struct Organization
    {
        QString name;        // ORGNAME
        QStringList units;   // ORGUNIT, in order
        bool isEmpty() const { return name.isEmpty() && units.isEmpty(); }
        friend bool operator==(const Organization &, const Organization &) = default;
    };
    /// <PHOTO/>: an inline image (TYPE + BINVAL) or an external one (EXTVAL, never fetched).
    struct Photo
    {
        QString type;          // MIME type as declared; the content decides the real format (AvatarStore)
        QByteArray data;       // BINVAL, decoded
        QString externalUrl;   // EXTVAL
        bool isEmpty() const { return data.isEmpty() && externalUrl.isEmpty(); }
        friend bool operator==(const Photo &, const Photo &) = default;
    };

    QString fullName;      // FN
    Name name;             // N
    QString nickname;      // NICKNAME
    Photo photo;           // PHOTO
    QDate birthday;        // BDAY (ISO 8601 date)
    QList<Email> emails;
    QList<Phone> phones;
    QList<Address> addresses;
    QString jabberId;      // JABBERID
    QString title;         // TITLE
    QString role;          // ROLE
    Organization organization;
    QString url;           // URL
    QString description;   // DESC (or NOTE, which servers that convert to vCard4 give back instead)
    QList<QByteArray> unknownElements;   // other children, as serialised XML, in order

    bool isEmpty() const;
    /// The lower-case hex SHA-1 of the photo's bytes (XEP-0153 §3), empty without an inline photo.
    QString photoHash() const;

    /// Parses a <vCard xmlns='vcard-temp'/>; nullopt if @p element is not one. Children that cannot be read
    /// (a BDAY that is no date, undecodable BINVAL) are kept as unknown elements, never guessed at.
    static std::optional<VCard> fromElement(const QDomElement &element);
    void write(QXmlStreamWriter &out) const;
    QByteArray toXml() const;

    friend bool operator==(const VCard &, const VCard &) = default;
};

Q_DECLARE_METATYPE(VCard)
