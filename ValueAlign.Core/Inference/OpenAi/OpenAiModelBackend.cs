using System.Collections.Concurrent;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// Models on OpenAI-compatible servers as a <see cref="IModelBackend"/>: a <see cref="ModelChoice"/>
/// <c>model @ endpoint</c> names a known server (<c>Backends:Servers</c> or one an Admin added on the
/// Models page, see <see cref="ServerDirectory"/>) or gives a base URL (its key then comes from
/// <see cref="OpenAiBackendOptions.DefaultApiKeyVariable"/>). Connections (and their probed
/// capabilities) are kept per server settings and model, so an edited server is connected anew.
/// Acquiring for a stored run checks that the server still serves the same weights (fingerprint).
/// </summary>
public sealed class OpenAiModelBackend(ServerDirectory directory) : IModelBackend, IAsyncDisposable
{
    public const string BackendName = "openai";

    private readonly ConcurrentDictionary<string, Lazy<Task<OpenAiLanguageModel>>> connections = new(StringComparer.Ordinal);

    /// <summary>A backend over configured servers only (no database), for tests and tools.</summary>
    public OpenAiModelBackend(OpenAiBackendOptions options)
        : this(new ServerDirectory(options))
    {
    }

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

    /// <summary>Every known server's models; a server that does not answer fails the whole list (see <see cref="ListWithProblemsAsync"/>).</summary>
    public async Task<IReadOnlyList<ModelChoice>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = await ListWithProblemsAsync(cancellationToken).ConfigureAwait(false);
        return list.Problems.Count == 0 ? list.Choices : throw new OpenAiServerException(string.Join(" ", list.Problems));
    }

    /// <summary>
    /// The model ids an Admin listed for a stored server (no request), and the models each
    /// configured server lists (asked, 5 s at most); a server that does not answer is a problem, not a failure of the others.
    /// </summary>
    public async Task<ModelChoiceList> ListWithProblemsAsync(CancellationToken cancellationToken = default)
    {
        var choices = new List<ModelChoice>();
        var problems = new List<string>();
        foreach (var server in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (server.Models.Count > 0)
            {
                choices.AddRange(server.Models.Select(id => ModelChoice.Server(server.Name, id)));
                continue;
            }
            try
            {
                using var transport = new OpenAiTransport(server.Settings.ToSettings(server.Name, "list"));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var list = await transport.GetAsync("models", timeout.Token).ConfigureAwait(false);
                choices.AddRange(OpenAiResponses.ModelIds(list).Select(id => ModelChoice.Server(server.Name, id)));
            }
            catch (Exception e) when (e is OpenAiServerException or ArgumentException or UriFormatException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problems.Add(e is OperationCanceledException ? $"{server.Name} did not list its models within 5 s." : e.Message);
            }
        }
        return new ModelChoiceList(choices, problems);
    }

    /// <summary>The settings for a choice: a known server by name or URL, or an ad-hoc URL. Never printed with its key.</summary>
    public async Task<OpenAiServerSettings> SettingsForAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        var endpoint = choice.Endpoint ?? throw new ModelChoiceException($"'{choice}' names no server.");
        if (await directory.FindAsync(endpoint, cancellationToken).ConfigureAwait(false) is { } known)
            return known.Settings.ToSettings(known.Name, choice.Model);
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return new ConfiguredServer { BaseUrl = endpoint, ApiKeyVariable = OpenAiBackendOptions.DefaultApiKeyVariable }.ToSettings(url.Authority, choice.Model);
        }
        throw new ModelChoiceException($"No server named '{endpoint}' is configured (Backends:Servers in appsettings.json or the Models page); give its base URL (http://host:port/v1) instead.");
    }

    private async Task<OpenAiLanguageModel> ConnectAsync(ModelChoice choice, CancellationToken cancellationToken)
    {
        var settings = await SettingsForAsync(choice, cancellationToken).ConfigureAwait(false);
        // Everything that shapes the connection, but not the key itself (an edited key variable is a new key).
        var key = string.Join('|', settings.Name, settings.BaseUrl, settings.Model, settings.MaxInFlight, settings.Timeout.Ticks, settings.MaxRetries,
            settings.Images, settings.ApiKey is null ? "" : ApiKeyFingerprint(settings.ApiKey));
        var lazy = connections.GetOrAdd(key, _ => new Lazy<Task<OpenAiLanguageModel>>(() => OpenAiLanguageModel.ConnectAsync(settings, cancellationToken: CancellationToken.None)));
        return await AwaitAsync(key, lazy, cancellationToken).ConfigureAwait(false);
    }

    private static string ApiKeyFingerprint(string apiKey) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(apiKey)))[..16];

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
