using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Quality;

/// <summary>One annotator's answers on one gold item next to the item's expected answers.</summary>
public sealed record GoldAnswer(string AnnotatorId, long ProjectItemId, AnnotationAnswers Given, AnnotationAnswers Expected);
