namespace ValueAlign.Core.Values.Objectives;

/// <summary>A value objective that does not fit its value system or file; the message lists every problem.</summary>
public sealed class InvalidObjectiveException(IReadOnlyList<string> problems)
    : Exception("Invalid value objective: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
