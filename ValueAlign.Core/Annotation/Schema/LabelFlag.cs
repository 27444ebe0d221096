namespace ValueAlign.Core.Annotation.Schema;

/// <summary>A yes/no mark on the whole item (ambiguous, offensive …) toggled by a letter key.</summary>
public sealed record LabelFlag(string Value, string Label, string Key);
