namespace ValueAlign.Core.Values;

/// <summary>The psychological or philosophical theory a value system comes from, with its citations.</summary>
public sealed record SourceTheory(string Name, string Citation, string Summary);
