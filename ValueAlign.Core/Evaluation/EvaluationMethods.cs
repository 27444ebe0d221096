namespace ValueAlign.Core.Evaluation;

/// <summary>The evaluation methods registered in DI (as <see cref="IEvaluationMethod"/> singletons), by id.</summary>
public sealed class EvaluationMethods
{
    private readonly Dictionary<string, IEvaluationMethod> byId;

    public EvaluationMethods(IEnumerable<IEvaluationMethod> methods)
    {
        byId = new Dictionary<string, IEvaluationMethod>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (!byId.TryAdd(method.Id, method))
                throw new InvalidOperationException($"Two evaluation methods are registered with the id '{method.Id}'.");
        }
        All = byId.Values.OrderBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every method, ordered by display name.</summary>
    public IReadOnlyList<IEvaluationMethod> All { get; }

    public IEvaluationMethod? Find(string id) => byId.GetValueOrDefault(id);

    public IEvaluationMethod Get(string id) =>
        Find(id) ?? throw new EvalRunException($"Unknown evaluation method '{id}'. Known methods: {string.Join(", ", byId.Keys.Order(StringComparer.Ordinal))}.");
}
