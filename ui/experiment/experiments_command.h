#pragma once

#include "document/commands.h"

namespace ringflow::ui {

/// Replaces the experiments kept in the pipeline (saved with it): one step of the undo history,
/// allowed during a run since it changes nothing that runs.
class SetExperimentsCommand : public DocumentCommand {
public:
    SetExperimentsCommand(
        PipelineDocument *document, std::vector<pipeline::ExperimentSpec> experiments, const QString &text);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return false; }

private:
    std::vector<pipeline::ExperimentSpec> m_old;
    std::vector<pipeline::ExperimentSpec> m_new;
};

} // namespace ringflow::ui
