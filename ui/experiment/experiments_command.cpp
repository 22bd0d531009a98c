#include "experiments_command.h"

#include "document/pipeline_document.h"

namespace ringflow::ui {

SetExperimentsCommand::SetExperimentsCommand(
    PipelineDocument *document, std::vector<pipeline::ExperimentSpec> experiments, const QString &text)
    : DocumentCommand(document, text), m_old(document->spec().experiments), m_new(std::move(experiments))
{
}

void SetExperimentsCommand::redo()
{
    setExperimentsRaw(m_new);
    finishEdit();
}

void SetExperimentsCommand::undo()
{
    setExperimentsRaw(m_old);
    finishEdit();
}

} // namespace ringflow::ui
