namespace ValueAlign.Core.Evaluation.Artefacts;

/// <summary>
/// A typed output of a run, stored in the database next to the run's results (so it is written in
/// the same transaction as the report and removed with the run) and downloadable from
/// <c>/runs/{run}/artefacts/{name}</c>. Unique per (run, name).
/// </summary>
public sealed class RunArtefact
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>Stable name within the run, for example <c>instruction</c> or <c>preference-pairs</c>; used in the download address.</summary>
    public string Name { get; set; } = "";

    public ArtefactKind Kind { get; set; }

    /// <summary>For example <c>text/plain; charset=utf-8</c> or <c>application/x-ndjson; charset=utf-8</c>.</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The file name a download is offered under.</summary>
    public string FileName { get; set; } = "";

    public string Description { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>: what a later run's configuration hash records when it reuses this artefact.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
