using System.Globalization;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Values;

namespace ValueAlign.Tests.Methods.Couple;

/// <summary>Canned outputs for each kind of pipeline prompt, recognised by the line the prompt ends with.</summary>
internal sealed class CoupleScript(ValueSystem system)
{
    /// <summary>Digits the judge gives the original response, in dimension order.</summary>
    public int[] Before { get; set; } = system.Dimensions.Select(_ => 3).ToArray();

    /// <summary>Digits the judge gives the rewritten response.</summary>
    public int[] After { get; set; } = system.Dimensions.Select(_ => 3).ToArray();

    public string Rewritten { get; set; } = "We should care for everyone and share power.";

    /// <summary>Concept phrases by dimension id for the concept-extraction prompt.</summary>
    public Dictionary<string, string> Concepts { get; } = [];

    /// <summary>Overrides the rating output (e.g. malformed) for the n-th rating call (1-based).</summary>
    public Dictionary<int, string> RatingOverrides { get; } = [];

    private int ratings;

    public string Respond(string prompt, GenerationOptions options)
    {
        if (prompt.Contains("Ratings as JSON:\n", StringComparison.Ordinal))
        {
            ratings++;
            if (RatingOverrides.TryGetValue(ratings, out var over))
            {
                return over;
            }
            var rewritten = prompt.Contains("Response: " + Rewritten, StringComparison.Ordinal);
            return Json(rewritten ? After : Before);
        }
        if (prompt.EndsWith("Value phrases as JSON:\n", StringComparison.Ordinal))
        {
            return "{" + string.Join(", ", system.Dimensions.Select(d => $"\"{d.Id}\": \"{Concepts.GetValueOrDefault(d.Id, "")}\"")) + "}";
        }
        if (prompt.EndsWith("Phrase as JSON:\n", StringComparison.Ordinal))
        {
            return "{\"concept\": \"a new phrase\"}";
        }
        return Rewritten;
    }

    public string Json(IReadOnlyList<int> digits) =>
        "{" + string.Join(", ", system.Dimensions.Select((d, i) => $"\"{d.Id}\": {digits[i].ToString(CultureInfo.InvariantCulture)}")) + "}";
}
