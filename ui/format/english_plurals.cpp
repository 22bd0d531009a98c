#include "format/english_plurals.h"

#include <QCoreApplication>

namespace ringflow::ui {

QString EnglishPlurals::translate(const char *, const char *sourceText, const char *, int n) const
{
    const QString source = QString::fromUtf8(sourceText);
    if (n < 0 || !source.contains(QLatin1String("(s)")))
        return {};
    return QString(source).replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
}

void installEnglishPlurals(QCoreApplication &app)
{
    app.installTranslator(new EnglishPlurals(&app));
}

} // namespace ringflow::ui
