namespace ValueAlign.Web.Components.Shared;

/// <summary>One profile drawn by <see cref="ValueProfileChart"/>: a value per dimension id.</summary>
public sealed record ValueProfileTrace(string Name, IReadOnlyDictionary<string, double> Values, string Color)
{
    public bool Filled { get; init; }

    public bool Dashed { get; init; }
}
