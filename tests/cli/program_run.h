#pragma once

// Runs a command-line tool as a real process, for the tests of ringflow-run and ringflow-export.

#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>

struct Outcome {
    int exitCode = -1; ///< -2: did not finish in time, -3: crashed
    QString out;
    QString err;
};

inline Outcome runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {-2, {}, QFileInfo(program).fileName() + " did not finish in time"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}
