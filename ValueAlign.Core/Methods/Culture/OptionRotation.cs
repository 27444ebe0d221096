namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// Cyclic rotation of a multiple-choice item's options, used by CircularEval. Rotation k shows
/// the options shifted left by k: position i shows original option (i + k) mod n. So with options
/// [A, B, C, D] rotation 1 shows [B, C, D, A], and the original answer index a appears at
/// position (a − k) mod n.
/// </summary>
public static class OptionRotation
{
    public static IReadOnlyList<T> Rotate<T>(IReadOnlyList<T> options, int rotation)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = options.Count;
        CheckRotation(rotation, n);
        return Enumerable.Range(0, n).Select(i => options[(i + rotation) % n]).ToList();
    }

    /// <summary>Where original option <paramref name="originalIndex"/> is shown under rotation k.</summary>
    public static int ShownIndex(int originalIndex, int rotation, int optionCount)
    {
        CheckIndex(originalIndex, optionCount);
        CheckRotation(rotation, optionCount);
        return ((originalIndex - rotation) % optionCount + optionCount) % optionCount;
    }

    /// <summary>Which original option sits at <paramref name="shownIndex"/> under rotation k.</summary>
    public static int OriginalIndex(int shownIndex, int rotation, int optionCount)
    {
        CheckIndex(shownIndex, optionCount);
        CheckRotation(rotation, optionCount);
        return (shownIndex + rotation) % optionCount;
    }

    private static void CheckRotation(int rotation, int optionCount)
    {
        if (optionCount < 1) throw new ArgumentOutOfRangeException(nameof(optionCount), optionCount, "An item needs at least one option.");
        if (rotation < 0 || rotation >= optionCount)
            throw new ArgumentOutOfRangeException(nameof(rotation), rotation, $"Rotation must be between 0 and {optionCount - 1}.");
    }

    private static void CheckIndex(int index, int optionCount)
    {
        if (index < 0 || index >= optionCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Option index must be between 0 and {optionCount - 1}.");
    }
}
