#include "common/SafeText.h"

#include "models/RemoteText.h"

using namespace Qt::StringLiterals;

QString SafeText::toolTip(const QString &plain)
{
    return RemoteText::toolTip(plain);
}

QString SafeText::notification(QString text, int maxLength)
{
    text.replace(u'&', u'＆').replace(u'<', u'‹').replace(u'>', u'›');
    text.replace(u'\n', u' ').replace(u'\r', u' ');
    if (text.size() > maxLength)
        text = text.left(maxLength - 1) + u'…';
    return text;
}
