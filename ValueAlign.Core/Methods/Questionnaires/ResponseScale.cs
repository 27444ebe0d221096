namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>
/// An integer answer scale such as PVQ's 1..6 or MFQ's 0..5. Reverse-keyed items are flipped by
/// <c>r' = max + min − r</c>, which mirrors the scale about its midpoint (1..6: 1↔6, 2↔5, 3↔4).
/// Responses may be fractional: a model's answer read as the expected value of its digit
/// distribution (<see cref="DigitDistribution.Expected"/>) lies between scale points, and since
/// the flip is linear, flipping the expectation equals the expectation of the flipped answer.
/// </summary>
public sealed record ResponseScale
{
    public ResponseScale(int min, int max)
    {
        if (max <= min) throw new ArgumentException($"A scale needs max > min, got {min}..{max}.");
        Min = min;
        Max = max;
    }

    public int Min { get; }
    public int Max { get; }
    public int Points => Max - Min + 1;

    public double Reverse(double response)
    {
        Check(response);
        return Max + Min - response;
    }

    /// <summary>The response as scored: flipped when the item is reverse-keyed.</summary>
    public double Keyed(double response, bool reverseKeyed) => reverseKeyed ? Reverse(response) : Check(response);

    private double Check(double response)
    {
        if (!(response >= Min && response <= Max))
            throw new ArgumentOutOfRangeException(nameof(response), response, $"A response must lie on the scale {Min}..{Max}.");
        return response;
    }
}
