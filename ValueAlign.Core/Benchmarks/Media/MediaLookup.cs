namespace ValueAlign.Core.Benchmarks.Media;

/// <summary>
/// The outcome of resolving a media reference: the file and its content type, or why there is
/// none (<see cref="Problem"/>) — rejected as outside the media folder, or missing.
/// </summary>
public sealed record MediaLookup(string? FullPath, string? ContentType, MediaProblem Problem, string Message)
{
    public bool Found => Problem == MediaProblem.None;
}

public enum MediaProblem
{
    None,
    Rejected,
    Missing,
}
