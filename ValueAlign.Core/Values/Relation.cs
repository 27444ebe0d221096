namespace ValueAlign.Core.Values;

/// <summary>How pursuing one value dimension bears on pursuing another.</summary>
public enum Relation
{
    /// <summary>Neither a neighbour nor an opposite: no claim either way.</summary>
    Unrelated = 0,

    /// <summary>Compatible motivations: raising one tends to go with raising the other.</summary>
    Consistent = 1,

    /// <summary>Conflicting motivations: raising one tends to go with lowering the other.</summary>
    Opposing = 2,
}
