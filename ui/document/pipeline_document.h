#pragma once

#include "pipeline/compiler.h"
#include "pipeline/pipeline_spec.h"
#include "pipeline/resource_budget.h"

#include <QObject>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

class QUndoCommand;
class QUndoStack;

namespace ringflow::ui {

class DocumentCommand;

/// The pipeline being edited: the spec, what the compiler makes of it (problems and plan), its undo
/// history, the file it belongs to and whether it changed since it was saved. Every user edit is a
/// command on the undo stack; the edit methods below build those commands. The commands in turn
/// call the private "raw" mutators, which change the spec and Q_EMIT the fine-grained signals the
/// scene and the panels follow, and end each step by compiling the spec once.
class PipelineDocument : public QObject {
    Q_OBJECT
public:
    explicit PipelineDocument(QObject *parent = nullptr);

    const pipeline::PipelineSpec &spec() const { return m_spec; }
    const pipeline::Node *node(const QString &id) const;
    int nodeIndex(const QString &id) const;
    QUndoStack *undoStack() const { return m_undoStack; }

    QString filePath() const { return m_filePath; }
    /// The name for titles: the file name, else the pipeline's name, else "Untitled".
    QString displayName() const;
    bool isModified() const;

    // What compile() makes of the current spec, computed once per edit, undo, redo and reset:
    // everyone reads it here instead of validating or compiling the spec again.

    /// Everything the validator finds, warnings included.
    const std::vector<pipeline::Problem> &problems() const { return m_compiled.problems; }
    std::vector<pipeline::Problem> problemsOf(const QString &nodeId) const;
    /// The plan the runtime would run; nullopt while the spec has errors.
    const std::optional<pipeline::Plan> &plan() const { return m_compiled.plan; }

    /// What a plan may use (memory, threads): a plan over it is refused with a problem that names
    /// the need, the budget and the largest contributors. Recompiles when it changes.
    void setBudget(const pipeline::ResourceBudget &budget);
    const pipeline::ResourceBudget &budget() const { return m_budget; }

    /// Replaces the whole spec (new document, file opened): clears the history, marks it unmodified.
    void reset(pipeline::PipelineSpec spec, const QString &filePath = {});
    /// Records that the current state is what the file at `filePath` holds.
    void markSaved(const QString &filePath);

    /// An id no node uses, made from `base` without its trailing digits: "stage" -> "stage1", "stage2"...
    QString uniqueId(const QString &base, const QSet<QString> &alsoTaken = {}) const;
    /// Why wiring `connection` would be refused, in the validator's words; empty when it is allowed
    /// (see edit_rules.h).
    QString connectionRefusal(const pipeline::Connection &connection) const;
    /// Why `value` cannot be given to parameter `param` of node `nodeId`; empty when it can.
    QString parameterRefusal(const QString &nodeId, const QString &param, const pipeline::ParamValue &value) const;
    /// Why node `oldId` cannot be renamed to `newId`; empty when it can.
    QString renameRefusal(const QString &oldId, const QString &newId) const;

    /// While a run holds the pipeline, edits that change its structure are refused with `reason`
    /// (and editRefused()); moving nodes, renaming the pipeline and live-tunable parameters stay
    /// editable. An empty reason lifts the lock.
    void setStructureLock(const QString &reason);
    bool isStructureLocked() const { return !m_lockReason.isEmpty(); }
    QString structureLockReason() const { return m_lockReason; }
    /// Whether `param` of node `nodeId` may change under the lock (its kind marks it live-tunable).
    bool isLiveParameter(const QString &nodeId, const QString &param) const;
    /// Undo and redo that respect the lock: under it, only an edit of a live parameter or a move
    /// is undone or redone; anything else is refused with the lock's reason.
    bool canUndoNow() const;
    bool canRedoNow() const;
    void undo();
    void redo();

    // Undoable edits. Each is one step of the undo history. Under the structure lock, the
    // structural ones do nothing (addNode returns an empty id, the others return the reason).
    QString addNode(const QString &kind, QPointF position);
    void removeItems(
        const QStringList &nodeIds, const std::vector<pipeline::Connection> &connections, const QString &text);
    /// Moves nodes (top-left corners in scene coordinates). Consecutive `mergeable` moves of the same
    /// nodes (keyboard nudges) merge into one undo step.
    void moveNodes(const std::map<QString, pipeline::Position> &positions, const QString &text, bool mergeable = false);
    /// Returns the refusal reason, or an empty string when the wire was added.
    QString connectPorts(const pipeline::Connection &connection);
    /// Sets (or with nullopt, clears back to the default) a parameter. Returns the refusal, if any.
    QString setParameter(const QString &nodeId, const QString &param, const std::optional<pipeline::ParamValue> &value);
    QString renameNode(const QString &oldId, const QString &newId);
    void setPipelineName(const QString &name);
    /// Adds the nodes and wires of `fragment` under fresh ids, moved by `offset`; returns the new ids.
    QStringList insertFragment(const pipeline::PipelineSpec &fragment, QPointF offset, const QString &text);
    /// Replaces the notes on the canvas as one undo step. Notes are no part of the pipeline: the
    /// structure lock leaves them editable, and they never change problems() or plan().
    void setNotes(std::vector<pipeline::Note> notes, const QString &text);
    /// Makes the edits `edits` pushes (nodes and notes changed together) one undo step named `text`.
    void editTogether(const QString &text, const std::function<void()> &edits);

Q_SIGNALS:
    void nodeAdded(const QString &id);
    void nodeRemoved(const QString &id);
    /// A parameter of the node changed.
    void nodeChanged(const QString &id);
    void nodeMoved(const QString &id);
    void nodeRenamed(const QString &oldId, const QString &newId);
    void connectionAdded(const ringflow::pipeline::Connection &connection);
    void connectionRemoved(const ringflow::pipeline::Connection &connection);
    void nameChanged();
    void notesChanged();
    /// The whole spec was replaced; views rebuild themselves.
    void specReset();
    /// After every edit, undo and redo, and after a reset: problems() and plan() are up to date.
    void edited();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &filePath);
    void structureLockChanged(bool locked);
    /// An edit was refused because of the structure lock; `reason` says why.
    void editRefused(const QString &reason);
    /// The experiments kept in the pipeline (spec().experiments) changed.
    void experimentsChanged();

private:
    // The raw mutators: no undo entry, one signal each. Only the undo commands reach them, through
    // DocumentCommand, so that every change of the spec is a step of the history.
    friend class DocumentCommand;
    void insertNodeRaw(int index, pipeline::Node node);
    pipeline::Node removeNodeRaw(int index);
    void setPositionRaw(const QString &id, const std::optional<pipeline::Position> &position);
    void setParamRaw(const QString &id, const std::string &param, const std::optional<pipeline::ParamValue> &value);
    void renameNodeRaw(const QString &oldId, const QString &newId);
    void setNameRaw(const std::string &name);
    void insertConnectionRaw(int index, const pipeline::Connection &connection);
    pipeline::Connection removeConnectionRaw(int index);
    void setExperimentsRaw(std::vector<pipeline::ExperimentSpec> experiments)
    {
        m_spec.experiments = std::move(experiments);
        Q_EMIT experimentsChanged();
    }
    void setNotesRaw(std::vector<pipeline::Note> notes);
    /// Ends every step of a command's redo() and undo(): compiles the spec and emits edited().
    void finishEdit();

    /// The one place the spec is compiled.
    void recompile();
    /// True (after emitting editRefused) when the lock forbids a structural edit.
    bool refusedByLock();
    bool allowedUnderLock(const QUndoCommand *command) const;

    /// The node's index in the spec, through m_nodeIndex (rebuilt when stale): files of tens of
    /// thousands of nodes are looked up once per node and per edit.
    int indexOf(const std::string &id) const;
    pipeline::Node *mutableNode(const QString &id);
    void forgetIndex() { m_nodeIndex.clear(); }

    pipeline::PipelineSpec m_spec;
    pipeline::ResourceBudget m_budget = pipeline::ResourceBudget::forThisMachine();
    pipeline::CompileResult m_compiled;
    /// Each node's problems, as indexes into m_compiled.problems, in their order.
    std::unordered_map<std::string, std::vector<std::size_t>> m_problemsByNode;
    mutable std::unordered_map<std::string, int> m_nodeIndex; ///< empty when stale
    QUndoStack *m_undoStack;
    QString m_filePath;
    QString m_lockReason;
};

} // namespace ringflow::ui
