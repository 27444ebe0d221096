namespace ValueAlign.Core.Annotation.Schema;

/// <summary>One answer of a choice question: the stored value, what the annotator reads, and the key that picks it.</summary>
public sealed record LabelOption(string Value, string Label, string Key);
