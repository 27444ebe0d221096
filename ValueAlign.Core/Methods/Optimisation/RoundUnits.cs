using System.Globalization;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// An optimisation run stores one unit per round under the keys <c>round-01</c>, <c>round-02</c>, …
/// (zero-padded so the engine's key order is round order).
/// </summary>
public static class RoundUnits
{
    private const string Prefix = "round-";

    public static string Key(int round) => Prefix + round.ToString("00", CultureInfo.InvariantCulture);

    public static int? Round(string unitKey) =>
        unitKey.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(unitKey.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : null;
}
