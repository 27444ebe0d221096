namespace ValueAlign.Core.Values;

/// <summary>
/// Derives the default relation graph of a circular value system from its dimensions' angles.
/// <para>The rule, stated exactly:</para>
/// <list type="number">
/// <item>A <b>position</b> (wedge) is a distinct angle. Dimensions with the same angle share a
/// position, as Conformity and Tradition do in Schwartz's circle. Let n be the number of
/// positions and s = 360 / n the nominal spacing.</item>
/// <item><b>Consistent</b>: the two dimensions share a position, or their positions are adjacent
/// in circular order (next clockwise or counter-clockwise).</item>
/// <item><b>Opposing</b>: otherwise, if their angular distance (the shorter way round, 0..180) is at
/// least 180 - s/2 (minus a tolerance of <see cref="ToleranceDegrees"/> for rounded angles).
/// With an even n this is the directly facing position; with an odd n no position faces
/// exactly, and it is the two positions half a wedge either side of 180 degrees.</item>
/// <item><b>Unrelated</b>: everything else.</item>
/// </list>
/// The graph is symmetric and has no self edges. It needs at least <see cref="MinimumPositions"/>
/// positions; with fewer, neighbours and opposites coincide.
/// </summary>
public static class CircleRelations
{
    public const int MinimumPositions = 4;

    /// <summary>Allows angles written with two decimals (e.g. 360/19 steps) to meet the threshold.</summary>
    public const double ToleranceDegrees = 0.5;

    /// <summary>Distance between two angles the shorter way round, in [0, 180].</summary>
    public static double AngularDistance(double a, double b)
    {
        var d = Math.Abs(Normalize(a) - Normalize(b));
        return d > 180 ? 360 - d : d;
    }

    /// <summary>The smallest angular distance counted as opposing for a circle of <paramref name="positions"/> wedges.</summary>
    public static double OpposingThreshold(int positions) => 180 - 360.0 / positions / 2 - ToleranceDegrees;

    public static RelationGraph Derive(IReadOnlyList<ValueDimension> dimensions)
    {
        var missing = dimensions.FirstOrDefault(d => d.Angle is null);
        if (missing is not null)
        {
            throw new ArgumentException($"Dimension '{missing.Id}' has no angle; a circle needs every angle.", nameof(dimensions));
        }
        var positions = dimensions.Select(d => Normalize(d.Angle!.Value)).Distinct().Order().ToArray();
        if (positions.Length < MinimumPositions)
        {
            throw new ArgumentException(
                $"A circle needs at least {MinimumPositions} distinct angles to tell neighbours from opposites; got {positions.Length}.",
                nameof(dimensions));
        }
        var threshold = OpposingThreshold(positions.Length);
        var positionOf = dimensions.ToDictionary(d => d.Id, d => Array.IndexOf(positions, Normalize(d.Angle!.Value)));

        var pairs = new List<RelationPair>();
        for (var i = 0; i < dimensions.Count; i++)
        {
            for (var j = i + 1; j < dimensions.Count; j++)
            {
                var (a, b) = (dimensions[i], dimensions[j]);
                var steps = Math.Abs(positionOf[a.Id] - positionOf[b.Id]);
                var adjacent = steps <= 1 || steps == positions.Length - 1;
                var relation = adjacent
                    ? Relation.Consistent
                    : AngularDistance(a.Angle!.Value, b.Angle!.Value) >= threshold ? Relation.Opposing : Relation.Unrelated;
                pairs.Add(new RelationPair(a.Id, b.Id, relation));
            }
        }
        return RelationGraph.Unrelated(dimensions.Select(d => d.Id)).With(pairs);
    }

    private static double Normalize(double angle)
    {
        var a = angle % 360;
        return a < 0 ? a + 360 : a;
    }
}
