namespace ValueAlign.Core.Evaluation;

/// <summary>
/// What a run is for. One run model (<see cref="EvalRun"/>: configuration hash, model identity,
/// job, per-unit results, report, artefacts) serves every kind; the kind comes from the method
/// (<see cref="IEvaluationMethod.Kind"/>) and lets the runs list filter.
/// </summary>
public enum RunKind
{
    /// <summary>Scores a model on items (culture MCQ, honesty, MoVa, questionnaires, dilemmas).</summary>
    Evaluation = 0,

    /// <summary>Searches for an instruction or reflection (PICACO, IROTE); its result is a text artefact.</summary>
    Optimisation = 1,

    /// <summary>Produces a dataset (a LongMab-PO preference dataset); its result is a dataset-file artefact.</summary>
    Generation = 2,

    /// <summary>Compares methods over many items (the COUPLE batch study).</summary>
    Study = 3,
}
