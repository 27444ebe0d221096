namespace ValueAlign.Core.Evaluation;

/// <summary>The <c>Runs</c> section of appsettings.json: how the run engine executes units.</summary>
public sealed class RunEngineOptions
{
    public const string SectionName = "Runs";

    /// <summary>
    /// Units of one run executed at the same time. Their multiple-choice scoring requests are packed
    /// into one call of the shared-prefix scorer (see <see cref="Batching.GroupingLanguageModel"/>)
    /// and a remote backend sees this many requests in flight. 1 executes units one by one.
    /// </summary>
    public int UnitsInFlight { get; set; } = 16;

    /// <summary>Computed units written to the database in one transaction at most.</summary>
    public int UnitsPerSave { get; set; } = 64;

    public void Validate()
    {
        if (UnitsInFlight is < 1 or > 1024)
            throw new ArgumentException($"Runs:UnitsInFlight must be between 1 and 1024 (it is {UnitsInFlight}).");
        if (UnitsPerSave is < 1 or > 10_000)
            throw new ArgumentException($"Runs:UnitsPerSave must be between 1 and 10000 (it is {UnitsPerSave}).");
    }
}
