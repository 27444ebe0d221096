using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// The models a running run holds (the evaluated model and a separate judge), asked after a unit
/// fails whether one of them was unloaded meanwhile; then the failure is no result and the run
/// waits for the model (<see cref="Jobs.JobState.WaitingForModel"/>).
/// </summary>
internal sealed class RunModelsWatch(EvalRun run, ILanguageModel model, ILanguageModel? separateJudge)
{
    /// <summary>Why the run must wait, naming the model that was unloaded; null while every model is there.</summary>
    public string? Unloaded()
    {
        if (model is IUnloadableModel { IsUnloaded: true })
            return Describe(run.ModelIdentity, "model");
        if (separateJudge is IUnloadableModel { IsUnloaded: true } && run.JudgeIdentity is { } judge)
            return Describe(judge, "judge");
        return null;
    }

    private static string Describe(ModelRef identity, string role) =>
        $"Waiting for {role} {identity.Display}: it was unloaded during the run. Loading it again resumes the run; Resume loads it.";
}
