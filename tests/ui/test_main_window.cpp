// The main window as a whole: keyboard shortcuts on the canvas, files (save, open, bad files,
// unsaved work, examples, recent files) and undo/redo of a session of edits made with the mouse
// and the keyboard.

#include "document/pipeline_document.h"
#include "file_actions.h"
#include "main_window.h"
#include "panels/param_field.h"
#include "panels/property_editor.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/validation.h"
#include "ui_test_support.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(contents);
}

} // namespace

class TestMainWindow : public QObject, private WindowFixture {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        QVERIFY(m_dir.isValid());
    }

    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void copyPasteDeleteAndSelectAllWorkFromTheKeyboard()
    {
        load(sampleSpec());
        focusCanvas();
        m_window->scene()->selectNodes({"ring", "first"});
        QTest::keySequence(viewport(), QKeySequence::Copy);
        QTest::keySequence(viewport(), QKeySequence::Paste);
        QCOMPARE(document()->spec().nodes.size(), std::size_t(6));
        QCOMPARE(m_window->scene()->selectedNodeIds(), (QStringList {"ring1", "stage1"}));
        QCOMPARE(document()->spec().connections.back(), wire("ring1", "out", "stage1", "in"));
        // The copies keep their arrangement and cover nothing.
        QCOMPARE(cardOf(document(), "stage1").topLeft() - cardOf(document(), "ring1").topLeft(),
            cardOf(document(), "first").topLeft() - cardOf(document(), "ring").topLeft());
        QCOMPARE(nodesCoveredBy(document(), "ring1"), QStringList());
        QCOMPARE(nodesCoveredBy(document(), "stage1"), QStringList());

        QTest::keySequence(viewport(), QKeySequence::Paste); // a second copy finds room too
        QCOMPARE(nodesCoveredBy(document(), "ring2"), QStringList());
        QCOMPARE(nodesCoveredBy(document(), "stage2"), QStringList());

        QTest::keyClick(viewport(), Qt::Key_Delete);
        QCOMPARE(document()->spec().nodes.size(), std::size_t(6));
        QVERIFY(!document()->node("ring2"));

        QTest::keySequence(viewport(), QKeySequence::SelectAll);
        QCOMPARE(m_window->scene()->selectedNodeIds().size(), 6);
        QTest::keySequence(viewport(), QKeySequence::Cut);
        QVERIFY(document()->spec().nodes.empty());
        QVERIFY(document()->spec().connections.empty());
        QTest::keySequence(viewport(), QKeySequence::Paste);
        QCOMPARE(document()->spec().nodes.size(), std::size_t(6));
        QCOMPARE(document()->spec().connections.size(), std::size_t(3));
    }

    void duplicateCopiesTheWiresAmongTheCopiedNodes()
    {
        load(sampleSpec());
        focusCanvas();
        m_window->scene()->selectNodes({"source", "ring", "first"});
        QTest::keySequence(viewport(), QKeySequence(Qt::CTRL | Qt::Key_D));
        QCOMPARE(document()->spec().nodes.size(), std::size_t(7));
        const std::vector<pipeline::Connection> added(
            document()->spec().connections.begin() + 2, document()->spec().connections.end());
        QCOMPARE(added, (std::vector {wire("producer1", "out", "ring1", "in"), wire("ring1", "out", "stage1", "in")}));
        QCOMPARE(document()->undoStack()->count(), 1);
    }

    void shortcutsTypedIntoAFieldStayInTheField()
    {
        load(sampleSpec());
        m_window->scene()->selectNodes({"ring"});
        QCoreApplication::processEvents();
        QLineEdit *id = m_window->propertyEditor()->idEdit();
        id->setFocus();
        QTest::keyClick(id, Qt::Key_End);
        QTest::keyClick(id, Qt::Key_Backspace);
        QTest::keyClick(id, Qt::Key_Delete);
        QTest::keySequence(id, QKeySequence::SelectAll);
        QVERIFY(document()->node("ring")); // the node was not deleted
        QCOMPARE(id->text(), QString("rin"));
    }

    void aSessionOfMouseAndKeyboardEditsUndoesAndRedoesExactly()
    {
        std::vector<pipeline::PipelineSpec> states {document()->spec()};
        const auto record = [&] { states.push_back(document()->spec()); };

        QVERIFY(dropKind(viewport(), "producer", QPoint(150, 200)));
        record();
        QVERIFY(dropKind(viewport(), "ring", QPoint(420, 200)));
        record();
        QVERIFY(dropKind(viewport(), "stage", QPoint(690, 200)));
        record();
        mouseDrag(viewport(), portPoint(view(), "producer1", "out"), portPoint(view(), "ring1", "in"));
        record();
        mouseDrag(viewport(), portPoint(view(), "stage1", "in"), portPoint(view(), "ring1", "out"));
        record();
        QCOMPARE(document()->spec().connections.size(), std::size_t(2));
        const QPoint grab = titlePoint(view(), "ring1");
        mouseDrag(viewport(), grab, grab + QPoint(10, 90));
        record();
        m_window->scene()->selectNodes({"ring1"});
        QCoreApplication::processEvents();
        auto *ringSize = qobject_cast<QSpinBox *>(m_window->propertyEditor()->field("slots")->editor());
        ringSize->stepUp();
        record();
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, titlePoint(view(), "stage1"));
        focusCanvas();
        QTest::keySequence(viewport(), QKeySequence::Copy);
        QTest::keySequence(viewport(), QKeySequence::Paste);
        record();
        QTest::keyClick(viewport(), Qt::Key_Delete);
        record();
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, titlePoint(view(), "producer1"));
        QTest::keyClick(viewport(), Qt::Key_Delete);
        record();
        QCOMPARE(document()->spec().nodes.size(), std::size_t(2));
        QCOMPARE(document()->undoStack()->count(), static_cast<int>(states.size()) - 1);
        QVERIFY(m_window->isWindowModified());

        QAction *undo = action("actionUndo");
        QAction *redo = action("actionRedo");
        for (std::size_t i = states.size() - 1; i > 0; --i) {
            undo->trigger();
            QCOMPARE(document()->spec(), states[i - 1]);
        }
        QVERIFY(!undo->isEnabled());
        QVERIFY(!m_window->isWindowModified());
        for (std::size_t i = 1; i < states.size(); ++i) {
            redo->trigger();
            QCOMPARE(document()->spec(), states[i]);
            QCOMPARE(m_window->scene()->items().isEmpty(), document()->spec().nodes.empty());
        }
    }

    void savingThenOpeningGivesAnEqualSpec()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.nodes[1].params["slots"] = std::int64_t(4096);
        spec.nodes[0].params["rate"] = 1500.5;
        spec.nodes[2].params["channel_filter"] = std::string("orders");
        load(spec);
        document()->setParameter("ring", "wait_strategy", pipeline::ParamValue {std::string("blocking")});
        const pipeline::PipelineSpec saved = document()->spec();
        const QString path = m_dir.filePath("round-trip.json");
        QVERIFY(m_window->fileActions()->saveTo(path));
        QVERIFY(!document()->isModified());
        QCOMPARE(m_window->windowTitle(), QString("round-trip.json[*] — Ringflow"));
        QCOMPARE(m_window->fileActions()->recentFiles().front(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(m_window->fileActions()->recentMenu()->actions().front()->data().toString(),
            QFileInfo(path).absoluteFilePath());

        m_window->fileActions()->newDocument();
        QVERIFY(document()->spec().nodes.empty());
        QVERIFY(m_window->openFile(path));
        QCOMPARE(document()->spec(), saved);
        QCOMPARE(document()->filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(m_window->scene()->items().isEmpty(), false);
        QCOMPARE(document()->undoStack()->count(), 0);
    }

    void theTitleShowsTheFileAndUnsavedChanges()
    {
        QCOMPARE(m_window->windowTitle(), QString("Untitled[*] — Ringflow"));
        QVERIFY(!m_window->isWindowModified());
        document()->addNode("ring", {0, 0});
        QVERIFY(m_window->isWindowModified());
        action("actionUndo")->trigger();
        QVERIFY(!m_window->isWindowModified());
    }

    void aBadFileLeavesTheDocumentUntouchedAndSaysWhereItIsWrong()
    {
        load(sampleSpec());
        const pipeline::PipelineSpec before = document()->spec();
        const QString syntax = m_dir.filePath("syntax.json");
        writeFile(syntax, "{\n  \"format\": \"ringflow-pipeline\",\n  \"nodes\": [ {\n}\n");
        QVERIFY(!m_window->openFile(syntax));
        QCOMPARE(document()->spec(), before);
        QCOMPARE(document()->filePath(), QString());
        QVERIFY2(m_window->fileActions()->lastLoadErrors().contains("syntax.json:"),
            qPrintable(m_window->fileActions()->lastLoadErrors()));
        auto *box = m_window->findChild<QMessageBox *>("loadErrorBox");
        QVERIFY(box);
        QTRY_VERIFY_WITH_TIMEOUT(box->isVisible(), 2000);
        QVERIFY(box->informativeText().contains("syntax.json"));
        box->close();

        const QString shape = m_dir.filePath("shape.json");
        writeFile(shape, R"({"format": "ringflow-pipeline", "version": 1, "name": "x",
                            "nodes": [{"id": "a", "kind": 7}], "connections": []})");
        QVERIFY(!m_window->openFile(shape));
        QCOMPARE(document()->spec(), before);
        QVERIFY2(m_window->fileActions()->lastLoadErrors().contains("$.nodes[0].kind"),
            qPrintable(m_window->fileActions()->lastLoadErrors()));
        QVERIFY(!m_window->openFile(m_dir.filePath("missing.json")));
        QCOMPARE(document()->spec(), before);
        QVERIFY(!m_window->fileActions()->lastLoadErrors().isEmpty());
    }

    void unsavedWorkIsNeverDroppedWithoutAsking()
    {
        const QString path = m_dir.filePath("other.json");
        QVERIFY(pipeline::savePipelineFile(sampleSpec(), path.toStdString()));
        document()->addNode("ring", {0, 0});
        const pipeline::PipelineSpec edited = document()->spec();

        QString question;
        answerNextMessageBox(QMessageBox::Cancel, &question);
        QVERIFY(!m_window->openFile(path));
        QVERIFY(question.contains("not saved"));
        QCOMPARE(document()->spec(), edited);
        QVERIFY(document()->isModified());

        answerNextMessageBox(QMessageBox::Cancel);
        m_window->close();
        QVERIFY(m_window->isVisible());

        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(m_window->openFile(path));
        QCOMPARE(document()->spec(), sampleSpec());
        QVERIFY(!document()->isModified());
    }

    void everyBundledExampleOpensFromTheExamplesMenu()
    {
        const QStringList examples = FileActions::exampleFiles();
        QVERIFY(!examples.isEmpty());
        const QList<QAction *> entries = m_window->fileActions()->examplesMenu()->actions();
        QCOMPARE(entries.size(), examples.size());
        for (QAction *entry : entries) {
            entry->trigger();
            const QString name = entry->data().toString();
            QVERIFY2(m_window->fileActions()->lastLoadErrors().isEmpty(), qPrintable(name));
            QVERIFY2(!document()->spec().nodes.empty(), qPrintable(name));
            QVERIFY2(!pipeline::hasErrors(document()->problems()), qPrintable(name));
            QCOMPARE(document()->filePath(), QString()); // a copy: saving asks where
            for (const pipeline::Node &node : document()->spec().nodes)
                QVERIFY(m_window->scene()->nodeItem(QString::fromStdString(node.id)));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
