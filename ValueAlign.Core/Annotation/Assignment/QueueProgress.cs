namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>One annotator's work in a project.</summary>
public sealed record AnnotatorProgress(int Submitted, int Skipped, int GoldSubmitted);

/// <summary>
/// A project's progress over its regular (non-gold) items: <see cref="Annotations"/> of the
/// <see cref="Target"/> (items × overlap), and how many items have all their annotations.
/// </summary>
public sealed record ProjectProgress(int Items, int Target, int Annotations, int CompleteItems, int GoldItems, int GoldAnnotations)
{
    public double Fraction => Target == 0 ? 1 : (double)Annotations / Target;
}
