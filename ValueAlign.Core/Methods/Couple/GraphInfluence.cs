using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// How a dimension's neighbours in the relation graph bear on its intervention.
/// <para>With attributed priority a_j, target t_j, importance w_j and wanted shift delta_j = t_j - a_j,
/// the influence on dimension i is the importance-weighted mean of its related neighbours' shifts,
/// signed by the relation:</para>
/// <code>influence_i = sum_{j in N(i)} sigma_ij * w_j * delta_j / sum_{j in N(i)} w_j</code>
/// <para>with sigma = +1 for consistent and -1 for opposing neighbours (unrelated ones are not in N(i));
/// 0 without neighbours. So a consistent neighbour that must rise pulls i up and an opposing one
/// that must rise pushes it down. The adjusted shift is <c>delta_i + lambda * influence_i</c>
/// (lambda = <see cref="CoupleOptions.GraphInfluenceWeight"/>) for the dimensions intervened on
/// only (see <see cref="InterventionPlanner"/> for the do(V = s) rules); it orders the interventions
/// (by importance * |adjusted shift|) and sets their wording. The ablation (no graph) uses influence 0.</para>
/// </summary>
public static class GraphInfluence
{
    /// <param name="attributed">a, in the graph's dimension order.</param>
    /// <param name="target">t, same order.</param>
    /// <param name="importance">w, same order.</param>
    public static double[] Compute(RelationGraph graph, IReadOnlyList<double> attributed, IReadOnlyList<double> target, IReadOnlyList<double> importance)
    {
        var ids = graph.DimensionIds;
        if (attributed.Count != ids.Count || target.Count != ids.Count || importance.Count != ids.Count)
        {
            throw new ArgumentException($"The graph has {ids.Count} dimensions; got {attributed.Count} attributed, {target.Count} target and {importance.Count} importance values.");
        }
        var influence = new double[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            double weighted = 0, weights = 0;
            for (var j = 0; j < ids.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }
                var sign = graph[ids[i], ids[j]] switch
                {
                    Relation.Consistent => 1,
                    Relation.Opposing => -1,
                    _ => 0,
                };
                if (sign == 0)
                {
                    continue;
                }
                weighted += sign * importance[j] * (target[j] - attributed[j]);
                weights += importance[j];
            }
            influence[i] = weights > 0 ? weighted / weights : 0;
        }
        return influence;
    }
}
