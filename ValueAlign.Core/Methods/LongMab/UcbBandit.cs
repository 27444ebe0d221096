namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The LongMab-PO bandit over chunks. Each chunk i has a value v_i (initialised from the probe's
/// embedding similarity) and a count n_i. In round t (from 1) the score is
/// <code>UCB_i = v_i + sqrt(2 ln t / (n_i + ε)),  ε = 1e-6</code>
/// and the top k chunks are taken (ties to the earlier chunk), returned in document order. After
/// the round's reward r, each selected chunk is updated as methods.md gives it:
/// <code>n_i ← n_i + 1;  v_i ← v_i + (r − v_i) / (n_i + 1)</code>
/// (the initial value counts as one observation). In round 1, ln 1 = 0, so the initial values
/// alone decide; later, unplayed chunks (n = 0) get a huge bonus and are tried first.
/// </summary>
public sealed class UcbBandit
{
    public const double DefaultEpsilon = 1e-6;

    private readonly double[] _values;
    private readonly int[] _counts;
    private readonly double _epsilon;

    public UcbBandit(IReadOnlyList<double> initialValues, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(initialValues);
        if (initialValues.Count == 0) throw new ArgumentException("The bandit needs at least one chunk.", nameof(initialValues));
        if (initialValues.Any(v => !double.IsFinite(v))) throw new ArgumentException("Initial chunk values must be finite numbers.", nameof(initialValues));
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive.");
        _values = [.. initialValues];
        _counts = new int[initialValues.Count];
        _epsilon = epsilon;
    }

    public int Arms => _values.Length;

    public IReadOnlyList<double> Values => _values;

    public IReadOnlyList<int> Counts => _counts;

    /// <summary>The UCB score of every chunk in round <paramref name="round"/> (1-based).</summary>
    public IReadOnlyList<double> Scores(int round)
    {
        if (round < 1) throw new ArgumentOutOfRangeException(nameof(round), round, "Rounds start at 1.");
        var log = Math.Log(round);
        return [.. _values.Select((v, i) => v + Math.Sqrt(2 * log / (_counts[i] + _epsilon)))];
    }

    /// <summary>The <paramref name="k"/> chunks with the highest UCB (at most all of them), in document order.</summary>
    public IReadOnlyList<int> Select(int round, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Select at least one chunk.");
        var scores = Scores(round);
        return [.. Enumerable.Range(0, Arms).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).Order()];
    }

    public void Update(IReadOnlyList<int> selected, double reward)
    {
        ArgumentNullException.ThrowIfNull(selected);
        if (!double.IsFinite(reward)) throw new ArgumentException("The reward must be a finite number.", nameof(reward));
        foreach (var i in selected.Distinct())
        {
            _counts[i]++;
            _values[i] += (reward - _values[i]) / (_counts[i] + 1);
        }
    }
}
