namespace ValueAlign.Core.Methods.Couple;

/// <summary>The judge's rating of every dimension of a system for one (question, response), in the system's order.</summary>
public sealed record AttributedProfile(IReadOnlyList<DimensionRating> Ratings)
{
    /// <summary>The expectations in dimension order: the profile s' that deviation and metrics use.</summary>
    public IReadOnlyList<double> Expectations => Ratings.Select(r => r.Expectation).ToArray();

    public DimensionRating this[string dimensionId] => Ratings.First(r => r.DimensionId == dimensionId);
}
