namespace ValueAlign.Core.Inference.Serving;

/// <summary>The served OpenAI-compatible API; bound from the "Serving" section of appsettings.json.</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Requests a key may make per minute on average (a token bucket refilled every second).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Requests a key may make at once before the per-minute rate applies.</summary>
    public int Burst { get; set; } = 60;

    public void Validate()
    {
        if (RequestsPerMinute < 1)
            throw new InvalidOperationException("Serving:RequestsPerMinute must be at least 1.");
        if (Burst < 1)
            throw new InvalidOperationException("Serving:Burst must be at least 1.");
    }
}
