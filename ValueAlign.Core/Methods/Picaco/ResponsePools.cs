namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// Response enhancement's selection. Pools accumulate across rounds: each round the new samples
/// join the pool and only the best are kept. The aligned pool keeps the M1 responses with the
/// highest score (sampled with the instruction); the noisy pool keeps the M2 responses with the
/// highest cosine similarity to the value descriptions (sampled without it). Ties go to the
/// earlier sample (round, then sample index), so the pools never depend on enumeration order.
/// </summary>
public static class ResponsePools
{
    public static IReadOnlyList<ScoredResponse> KeepBest(IEnumerable<ScoredResponse> pool, IEnumerable<ScoredResponse> added, int capacity) =>
        Keep(pool, added, capacity, r => r.Score.Score);

    public static IReadOnlyList<ScoredResponse> KeepMostParroting(IEnumerable<ScoredResponse> pool, IEnumerable<ScoredResponse> added, int capacity) =>
        Keep(pool, added, capacity, r => r.Score.Parroting);

    private static IReadOnlyList<ScoredResponse> Keep(IEnumerable<ScoredResponse> pool, IEnumerable<ScoredResponse> added, int capacity, Func<ScoredResponse, double> key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return pool.Concat(added)
            .OrderByDescending(key)
            .ThenBy(r => r.Round)
            .ThenBy(r => r.Sample)
            .Take(capacity)
            .ToArray();
    }
}
