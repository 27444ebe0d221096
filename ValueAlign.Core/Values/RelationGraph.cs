namespace ValueAlign.Core.Values;

/// <summary>
/// A symmetric relation between every pair of distinct dimensions of one system. Every pair has
/// exactly one <see cref="Relation"/> (unrelated unless set); a dimension has no edge to itself.
/// Immutable: <see cref="With"/> returns a new graph.
/// </summary>
public sealed class RelationGraph
{
    private readonly Dictionary<string, int> _index;
    private readonly Relation[,] _matrix;

    private RelationGraph(IReadOnlyList<string> dimensionIds, Relation[,] matrix)
    {
        DimensionIds = dimensionIds;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < dimensionIds.Count; i++)
        {
            if (!_index.TryAdd(dimensionIds[i], i))
            {
                throw new ArgumentException($"Dimension id '{dimensionIds[i]}' appears twice.", nameof(dimensionIds));
            }
        }
        _matrix = matrix;
    }

    /// <summary>The dimension ids in the system's order (rows and columns of the matrix).</summary>
    public IReadOnlyList<string> DimensionIds { get; }

    /// <summary>A graph over <paramref name="dimensionIds"/> where every pair is unrelated.</summary>
    public static RelationGraph Unrelated(IEnumerable<string> dimensionIds)
    {
        var ids = dimensionIds.ToArray();
        return new RelationGraph(ids, new Relation[ids.Length, ids.Length]);
    }

    /// <summary>The default graph of a circular system; see <see cref="CircleRelations"/> for the rule.</summary>
    public static RelationGraph FromCircle(IReadOnlyList<ValueDimension> dimensions) => CircleRelations.Derive(dimensions);

    public bool Contains(string dimensionId) => _index.ContainsKey(dimensionId);

    /// <summary>The relation between two distinct dimensions (order does not matter).</summary>
    public Relation this[string a, string b]
    {
        get
        {
            var (i, j) = IndicesOf(a, b);
            return _matrix[i, j];
        }
    }

    /// <summary>A copy with the given pairs set (both directions), overriding what was there.</summary>
    public RelationGraph With(IEnumerable<RelationPair> pairs)
    {
        var matrix = (Relation[,])_matrix.Clone();
        foreach (var pair in pairs)
        {
            var (i, j) = IndicesOf(pair.A, pair.B);
            matrix[i, j] = pair.Relation;
            matrix[j, i] = pair.Relation;
        }
        return new RelationGraph(DimensionIds, matrix);
    }

    /// <summary>Every unordered pair once, in matrix order (row before column).</summary>
    public IEnumerable<RelationPair> Pairs()
    {
        for (var i = 0; i < DimensionIds.Count; i++)
        {
            for (var j = i + 1; j < DimensionIds.Count; j++)
            {
                yield return new RelationPair(DimensionIds[i], DimensionIds[j], _matrix[i, j]);
            }
        }
    }

    /// <summary>Number of unordered pairs with <paramref name="relation"/>.</summary>
    public int Count(Relation relation) => Pairs().Count(p => p.Relation == relation);

    /// <summary>The dimensions that stand in <paramref name="relation"/> to <paramref name="dimensionId"/>, in matrix order.</summary>
    public IReadOnlyList<string> Related(string dimensionId, Relation relation)
    {
        var i = IndexOf(dimensionId);
        return DimensionIds.Where((_, j) => j != i && _matrix[i, j] == relation).ToArray();
    }

    private (int I, int J) IndicesOf(string a, string b)
    {
        if (a == b)
        {
            throw new ArgumentException($"A dimension has no relation to itself ('{a}').");
        }
        return (IndexOf(a), IndexOf(b));
    }

    private int IndexOf(string id) =>
        _index.TryGetValue(id, out var i)
            ? i
            : throw new KeyNotFoundException($"'{id}' is not a dimension of this relation graph.");
}
