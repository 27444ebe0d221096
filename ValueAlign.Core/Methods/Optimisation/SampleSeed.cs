namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Sampling seeds derived from the run's seed and where a sample sits (round, prompt, sample index,
/// or a text's hash), so a resumed run draws exactly the samples an uninterrupted one would.
/// SplitMix64 finalisation over the parts; stable across processes (no <c>string.GetHashCode</c>).
/// </summary>
public static class SampleSeed
{
    public static uint Derive(int seed, params long[] parts)
    {
        var h = Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL);
        foreach (var part in parts)
        {
            h = Mix(h ^ (ulong)part);
        }
        return (uint)(h ^ (h >> 32));
    }

    /// <summary>FNV-1a over the UTF-16 code units: a stable hash of a text for seeding.</summary>
    public static long Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return (long)h;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
