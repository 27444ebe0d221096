namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>One label: what <paramref name="Annotator"/> answered to <paramref name="Question"/> about <paramref name="Item"/>.</summary>
public sealed record AnnotationRow(string Item, string Annotator, string Question, string Label);
