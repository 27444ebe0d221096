namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Seeded random tensor values for the synthetic GGUF writers. Each tensor has its own generator
/// (seeded from the model seed and the tensor's index), so tensors can be produced lazily in any order.
/// </summary>
internal static class SeededWeights
{
    public static ulong TensorSeed(int seed, int index) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL);

    /// <summary>
    /// N(0, <paramref name="standardDeviation"/>) values by Box–Muller over SplitMix64: one 64-bit
    /// draw gives two 24-bit uniforms and so two normals. Several times faster than System.Random
    /// with doubles, which matters for the 20M-parameter benchmark model, and fixed by this code
    /// rather than by the runtime's Random implementation.
    /// </summary>
    public static float[] Normal(ulong seed, IReadOnlyList<ulong> dims, float standardDeviation)
    {
        var count = checked((int)dims.Aggregate(1UL, (a, b) => a * b));
        var values = new float[count];
        var state = seed;
        const float scale = 1f / (1 << 24);
        for (var i = 0; i < count; i += 2)
        {
            var bits = SplitMix64(ref state);
            var u1 = ((bits >> 40) + 1) * scale;          // (0, 1]: log(u1) is finite
            var u2 = ((bits >> 16) & 0xFFFFFF) * scale;    // [0, 1)
            var radius = MathF.Sqrt(-2f * MathF.Log(u1)) * standardDeviation;
            var (sin, cos) = MathF.SinCos(2f * MathF.PI * u2);
            values[i] = radius * cos;
            if (i + 1 < count)
            {
                values[i + 1] = radius * sin;
            }
        }
        return values;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
