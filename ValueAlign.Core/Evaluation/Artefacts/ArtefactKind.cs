namespace ValueAlign.Core.Evaluation.Artefacts;

/// <summary>The types of thing a run can leave behind besides its per-unit results.</summary>
public enum ArtefactKind
{
    /// <summary>A piece of text meant to be reused, above all an optimised instruction that a later evaluation can use as its system prompt.</summary>
    Text = 0,

    /// <summary>A dataset file (JSONL, CSV, ...) such as a generated preference dataset.</summary>
    Dataset = 1,

    /// <summary>A document for people to read (Markdown, HTML, JSON), beyond the run's metrics report.</summary>
    Report = 2,
}
