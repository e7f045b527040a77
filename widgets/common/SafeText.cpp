#include "common/SafeText.h"

using namespace Qt::StringLiterals;

QString SafeText::toolTip(const QString &plain)
{
    if (plain.isEmpty())
        return {};
    return u"<p style='white-space:pre-wrap'>"_s + plain.toHtmlEscaped() + u"</p>"_s;
}
