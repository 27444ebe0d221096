using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Web.Cli;

/// <summary>The `bench model --endpoint` half: a server's model measured through the HTTP backend with N requests in flight.</summary>
internal static class BenchRemoteModel
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(IServiceProvider services, ModelChoice server, int concurrency, int items, CliConsole console, CancellationToken ct)
    {
        RemoteThroughputResult result;
        try
        {
            var configured = await services.GetRequiredService<OpenAiModelBackend>().SettingsForAsync(server, ct);
            await using var remote = await OpenAiLanguageModel.ConnectAsync(WithInFlight(configured, concurrency), cancellationToken: ct);
            console.Error.WriteLine($"Measuring {remote.Identity.Display} ({remote.Profile.Kind}), {concurrency} request(s) in flight…");
            result = await RemoteThroughputBenchmark.RunAsync(remote, concurrency, items, cancellationToken: ct);
        }
        catch (Exception e) when (e is ModelChoiceException or OpenAiServerException or NotSupportedException or ArgumentException)
        {
            console.Error.WriteLine(e.Message);
            return 1;
        }
        Write(console.Out, result);
        console.Out.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>The configured settings with enough connections for <paramref name="inFlight"/> requests.</summary>
    public static OpenAiServerSettings WithInFlight(OpenAiServerSettings s, int inFlight) => new()
    {
        Name = s.Name,
        BaseUrl = s.BaseUrl,
        Model = s.Model,
        ApiKey = s.ApiKey,
        MaxInFlight = inFlight,
        Timeout = s.Timeout,
        MaxRetries = s.MaxRetries,
        RetryBaseDelay = s.RetryBaseDelay,
        Images = s.Images,
    };

    public static void Write(TextWriter output, RemoteThroughputResult r)
    {
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        static string X(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";
        output.WriteLine($"Server: {r.Server}, model {r.Model}; {r.Items} items of 4 options (one item a request), generations of {r.TokensPerGeneration} tokens");
        var rows = new (string Metric, string Value)[]
        {
            ("multiple choice, 1 request in flight", $"{F(r.Single.ItemsPerSecond)} items/s"),
            ($"multiple choice, {r.Concurrent.InFlight} requests in flight", $"{F(r.Concurrent.ItemsPerSecond)} items/s  ({X(r.ItemsSpeedup)})"),
            ("generation, 1 stream", $"{F(r.Single.GenerationTokensPerSecond)} tokens/s"),
            ($"generation, {r.Concurrent.InFlight} streams", $"{F(r.Concurrent.GenerationTokensPerSecond)} tokens/s  ({X(r.GenerationSpeedup)})"),
        };
        var width = rows.Max(row => row.Metric.Length);
        output.WriteLine($"{"metric".PadRight(width)}  value");
        foreach (var (metric, value) in rows)
            output.WriteLine($"{metric.PadRight(width)}  {value}");
    }
}
