namespace ValueAlign.Core.Annotation.Projects;

/// <summary>
/// The seeded random position of an item among equally annotated items: SplitMix64 of the seed and
/// the item id. It depends on nothing else, so the order repeats for the same seed and items and
/// does not shift when other items join the project.
/// </summary>
public static class TieBreak
{
    public static long Of(int seed, long itemId)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ (ulong)itemId;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            // Non-negative so every provider sorts it the same way as a signed 64-bit column.
            return (long)(z >> 1);
        }
    }
}
