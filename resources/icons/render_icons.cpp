// Renders Xin's application icon, xin.svg (the glyph as an outline, so it needs no font) and xin-<size>.png,
// and the small chevron the style sheet uses for combo boxes (chevron-down.png and its @2x).
// Not part of the build; run it again after changing the design and commit the output:
//
//   g++ -std=c++20 -fPIC $(pkg-config --cflags Qt6Gui) resources/icons/render_icons.cpp \
//       $(pkg-config --libs Qt6Gui) -o /tmp/render_icons
//   QT_QPA_PLATFORM=offscreen /tmp/render_icons resources/icons
//
// Needs a CJK font with 信 (Debian: fonts-noto-cjk).

#include <QFile>
#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QTextStream>

namespace {

constexpr qreal canvas = 256;   // the design grid; everything below is in these units

QPainterPath glyph()
{
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setWeight(QFont::Bold);
    font.setPixelSize(150);
    QPainterPath path;
    path.addText(0, 0, font, QStringLiteral("信"));
    // Centre the ink, not the em box: CJK glyphs sit low in theirs.
    const QRectF ink = path.boundingRect();
    path.translate(canvas / 2 - ink.center().x(), canvas / 2 - ink.center().y() + 2);
    return path;
}

QPainterPath tile()
{
    QPainterPath path;
    path.addRoundedRect(QRectF(8, 8, canvas - 16, canvas - 16), 56, 56);
    return path;
}

void paintIcon(QPainter &p)
{
    p.setRenderHints(QPainter::Antialiasing);
    QLinearGradient fill(0, 0, canvas, canvas);
    fill.setColorAt(0, QColor(0x3c, 0xc8, 0xff));
    fill.setColorAt(1, QColor(0x12, 0x6f, 0xf0));
    p.fillPath(tile(), fill);
    // A soft light from the top left, as on QQ's tiles.
    QRadialGradient light(QPointF(70, 40), 190);
    light.setColorAt(0, QColor(255, 255, 255, 70));
    light.setColorAt(1, QColor(255, 255, 255, 0));
    p.fillPath(tile(), light);
    p.fillPath(glyph().translated(0, 3), QColor(0, 40, 110, 60));   // a faint shadow under the glyph
    p.fillPath(glyph(), Qt::white);
}

QString svgPath(const QPainterPath &path)
{
    QString d;
    QTextStream out(&d);
    out.setRealNumberPrecision(5);
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        if (e.isMoveTo()) {
            out << 'M' << e.x << ' ' << e.y;
        } else if (e.isLineTo()) {
            out << 'L' << e.x << ' ' << e.y;
        } else if (e.isCurveTo()) {
            const auto c2 = path.elementAt(i + 1), end = path.elementAt(i + 2);
            out << 'C' << e.x << ' ' << e.y << ' ' << c2.x << ' ' << c2.y << ' ' << end.x << ' ' << end.y;
            i += 2;
        }
    }
    return d;
}

bool writeSvg(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QTextStream out(&file);
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 256 256\" width=\"256\" height=\"256\">\n"
        << "  <defs>\n"
        << "    <linearGradient id=\"fill\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">\n"
        << "      <stop offset=\"0\" stop-color=\"#3cc8ff\"/><stop offset=\"1\" stop-color=\"#126ff0\"/>\n"
        << "    </linearGradient>\n"
        << "    <radialGradient id=\"light\" cx=\"70\" cy=\"40\" r=\"190\" gradientUnits=\"userSpaceOnUse\">\n"
        << "      <stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\"0.27\"/>"
        << "<stop offset=\"1\" stop-color=\"#fff\" stop-opacity=\"0\"/>\n"
        << "    </radialGradient>\n"
        << "  </defs>\n"
        << "  <rect x=\"8\" y=\"8\" width=\"240\" height=\"240\" rx=\"56\" fill=\"url(#fill)\"/>\n"
        << "  <rect x=\"8\" y=\"8\" width=\"240\" height=\"240\" rx=\"56\" fill=\"url(#light)\"/>\n"
        << "  <path transform=\"translate(0 3)\" fill=\"#00286e\" fill-opacity=\"0.24\" d=\"" << svgPath(glyph()) << "\"/>\n"
        << "  <path fill=\"#fff\" d=\"" << svgPath(glyph()) << "\"/>\n"
        << "</svg>\n";
    return true;
}

}   // namespace

bool writeChevron(const QString &fileName, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 12.0, size / 12.0);
    p.setPen(QPen(QColor(0x7a, 0x84, 0x93), 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF{QPointF(3, 4.5), QPointF(6, 7.5), QPointF(9, 4.5)});
    p.end();
    return image.save(fileName);
}

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.scale(size / canvas, size / canvas);
        paintIcon(p);
        p.end();
        if (!image.save(QStringLiteral("%1/xin-%2.png").arg(dir).arg(size)))
            return 1;
    }
    if (!writeChevron(dir + QStringLiteral("/chevron-down.png"), 12)
        || !writeChevron(dir + QStringLiteral("/chevron-down@2x.png"), 24))
        return 1;
    return writeSvg(dir + QStringLiteral("/xin.svg")) ? 0 : 1;
}
