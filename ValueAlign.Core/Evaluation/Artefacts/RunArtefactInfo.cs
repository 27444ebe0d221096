namespace ValueAlign.Core.Evaluation.Artefacts;

/// <summary>An artefact without its content, for lists; <see cref="DownloadPath"/> is the address that serves it.</summary>
public sealed record RunArtefactInfo(long Id, long RunId, string Name, ArtefactKind Kind, string MediaType, string FileName, string Description, long SizeBytes, string Sha256, DateTime CreatedAt)
{
    public string DownloadPath => RunArtefactPaths.Download(RunId, Name);
}

/// <summary>The one spelling of an artefact's download address (endpoint, pages and CLI agree on it).</summary>
public static class RunArtefactPaths
{
    public const string Route = "/runs/{runId:long}/artefacts/{name}";

    public static string Download(long runId, string name) => $"/runs/{runId}/artefacts/{Uri.EscapeDataString(name)}";
}
