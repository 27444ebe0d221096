using System.Collections.Concurrent;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// Models on OpenAI-compatible servers as a <see cref="IModelBackend"/>: a <see cref="ModelChoice"/>
/// <c>model @ endpoint</c> names a configured server (<c>Backends:Servers</c>) or gives a base URL
/// (its key then comes from <see cref="OpenAiBackendOptions.DefaultApiKeyVariable"/>). Connections
/// (and their probed capabilities) are kept per server and model. Acquiring for a stored run
/// checks that the server still serves the same weights (fingerprint).
/// </summary>
public sealed class OpenAiModelBackend(OpenAiBackendOptions options) : IModelBackend, IAsyncDisposable
{
    public const string BackendName = "openai";

    private readonly ConcurrentDictionary<string, Lazy<Task<OpenAiLanguageModel>>> connections = new(StringComparer.Ordinal);

    public string Name => BackendName;

    public bool Serves(ModelChoice choice) => choice.Kind == ModelRefKind.Server;

    public async Task<ResolvedModel> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        var model = await ConnectAsync(choice, cancellationToken).ConfigureAwait(false);
        return new ResolvedModel(choice, model.Identity, model.Capabilities);
    }

    public async Task<ILanguageModel> AcquireAsync(ModelChoice choice, ModelRef? expected = null, CancellationToken cancellationToken = default)
    {
        var model = await ConnectAsync(choice, cancellationToken).ConfigureAwait(false);
        if (expected is { Fingerprint: { Length: > 0 } wanted } && !string.Equals(model.Identity.Fingerprint, wanted, StringComparison.Ordinal))
            throw new ModelChoiceException($"{choice} now serves other weights (fingerprint {model.Identity.Fingerprint ?? "none"}, the run was made with {wanted}); start a new run.");
        return model;
    }

    /// <summary>The models each configured server lists (a server that does not answer is reported by the caller).</summary>
    public async Task<IReadOnlyList<ModelChoice>> ListAsync(CancellationToken cancellationToken = default)
    {
        var choices = new List<ModelChoice>();
        foreach (var server in options.Servers)
        {
            using var transport = new OpenAiTransport(Settings(server.Name, "list", server));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var list = await transport.GetAsync("models", timeout.Token).ConfigureAwait(false);
            choices.AddRange(OpenAiResponses.ModelIds(list).Select(id => ModelChoice.Server(server.Name, id)));
        }
        return choices;
    }

    /// <summary>The settings for a choice: a configured server by name or URL, or an ad-hoc URL. Never printed with its key.</summary>
    public OpenAiServerSettings SettingsFor(ModelChoice choice)
    {
        var endpoint = choice.Endpoint ?? throw new ModelChoiceException($"'{choice}' names no server.");
        var configured = options.Servers.FirstOrDefault(s => string.Equals(s.Name, endpoint, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.BaseUrl.TrimEnd('/'), endpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        if (configured is not null)
            return Settings(configured.Name, choice.Model, configured);
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return Settings(url.Authority, choice.Model, new ConfiguredServer { BaseUrl = endpoint, ApiKeyVariable = OpenAiBackendOptions.DefaultApiKeyVariable });
        }
        throw new ModelChoiceException($"No server named '{endpoint}' is configured (Backends:Servers in appsettings.json); give its base URL (http://host:port/v1) instead.");
    }

    private Task<OpenAiLanguageModel> ConnectAsync(ModelChoice choice, CancellationToken cancellationToken)
    {
        var settings = SettingsFor(choice);
        var key = $"{settings.BaseUrl}|{settings.Model}";
        var lazy = connections.GetOrAdd(key, _ => new Lazy<Task<OpenAiLanguageModel>>(() => OpenAiLanguageModel.ConnectAsync(settings, cancellationToken: CancellationToken.None)));
        return AwaitAsync(key, lazy, cancellationToken);
    }

    private async Task<OpenAiLanguageModel> AwaitAsync(string key, Lazy<Task<OpenAiLanguageModel>> lazy, CancellationToken cancellationToken)
    {
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OpenAiServerException or ArgumentException)
        {
            // A failed connection is not remembered: the next attempt asks the server again.
            connections.TryRemove(new KeyValuePair<string, Lazy<Task<OpenAiLanguageModel>>>(key, lazy));
            throw new ModelChoiceException(e.Message, e);
        }
    }

    private static OpenAiServerSettings Settings(string name, string model, ConfiguredServer server) => new()
    {
        Name = name,
        BaseUrl = new Uri(server.BaseUrl),
        Model = model,
        ApiKey = server.ApiKey is { Length: > 0 } inline ? inline
            : server.ApiKeyVariable is { Length: > 0 } variable ? Environment.GetEnvironmentVariable(variable) : null,
        MaxInFlight = server.MaxInFlight,
        Timeout = TimeSpan.FromSeconds(server.TimeoutSeconds),
        MaxRetries = server.MaxRetries,
        Images = server.Images,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in connections.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await lazy.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is OpenAiServerException or ArgumentException)
            {
                // Never connected: nothing to close.
            }
        }
    }
}
