#pragma once

#include <QTranslator>

class QCoreApplication;

namespace ringflow::ui {

/// English plurals for the designer's messages: tr("%n thread(s)", nullptr, n) reads "1 thread"
/// and "3 threads". The designer ships no translations, and without one Qt writes a plural
/// message's source text as it is ("1 thread(s)"); this translator gives the two English forms of
/// every message with "(s)" and leaves the others to Qt.
class EnglishPlurals : public QTranslator {
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    bool isEmpty() const override { return false; }
    QString translate(
        const char *context, const char *sourceText, const char *disambiguation = nullptr, int n = -1) const override;
};

/// Installs EnglishPlurals in `app`, which owns it.
void installEnglishPlurals(QCoreApplication &app);

} // namespace ringflow::ui
