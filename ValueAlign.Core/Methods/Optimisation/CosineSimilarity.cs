namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>cos(a, b) = a·b / (|a| |b|), accumulated in double precision.</summary>
public static class CosineSimilarity
{
    public static double Of(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        if (a.Count != b.Count)
            throw new ArgumentException($"Embeddings differ in length ({a.Count} and {b.Count}); both must come from the same model.");
        if (a.Count == 0)
            throw new ArgumentException("Empty embedding.");
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        if (na == 0 || nb == 0)
            throw new ArgumentException("A zero embedding has no direction; cosine similarity is undefined.");
        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
