using System.CommandLine;
using System.CommandLine.Parsing;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `--endpoint URL` (with --model naming the server's model), `--api-key-env VAR` (default
/// VALUEALIGN_API_KEY) and `--judge-endpoint URL` (with --judge naming the judge's model there):
/// models on OpenAI-compatible servers for the verbs. The key is read from the variable and never printed.
/// </summary>
public sealed class EndpointOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Base URL of an OpenAI-compatible server (http://host:port/v1) or a configured server's name; --model then names the server's model." };
    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = $"Environment variable holding the server's API key (default {OpenAiBackendOptions.DefaultApiKeyVariable})." };
    public Option<string?> JudgeEndpoint { get; } = new("--judge-endpoint") { Description = "Judge with the model --judge names on this server (base URL or configured name)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(ApiKeyEnv);
        command.Options.Add(JudgeEndpoint);
    }

    /// <summary>Parse-time checks: --endpoint needs the server's model in <paramref name="model"/>, --judge-endpoint the judge's in <paramref name="judge"/>.</summary>
    public void Validate(CommandResult result, Option model, Option? judge)
    {
        if (result.GetResult(Endpoint) is not null && result.GetResult(model) is null)
            result.AddError($"--endpoint needs {model.Name} MODEL-ID (the model's id on that server, as GET /v1/models lists it).");
        if (result.GetResult(JudgeEndpoint) is not null && (judge is null || result.GetResult(judge) is null))
            result.AddError("--judge-endpoint needs --judge MODEL-ID (the judge's model on that server).");
    }

    /// <summary>Whether a server is named (the verb then needs the database, where the Models page's servers live).</summary>
    public bool Given(ParseResult parse) => parse.GetResult(Endpoint) is not null || parse.GetResult(JudgeEndpoint) is not null;

    /// <summary>Makes URL endpoints known to the server backend with the key variable chosen; returns the model choice, or null for a local file.</summary>
    public ModelChoice? Model(ParseResult parse, IServiceProvider services, string? model) =>
        parse.GetValue(Endpoint) is { Length: > 0 } endpoint && model is { Length: > 0 } ? Server(parse, services, endpoint, model) : null;

    public ModelChoice? Judge(ParseResult parse, IServiceProvider services, string? judge) =>
        parse.GetValue(JudgeEndpoint) is { Length: > 0 } endpoint && judge is { Length: > 0 } ? Server(parse, services, endpoint, judge) : null;

    private ModelChoice Server(ParseResult parse, IServiceProvider services, string endpoint, string model)
    {
        var options = services.GetRequiredService<OpenAiBackendOptions>();
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out _) && !options.Servers.Any(s => string.Equals(s.BaseUrl.TrimEnd('/'), endpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            options.Servers.Add(new ConfiguredServer
            {
                Name = endpoint,
                BaseUrl = endpoint,
                ApiKeyVariable = parse.GetValue(ApiKeyEnv) ?? OpenAiBackendOptions.DefaultApiKeyVariable,
            });
        }
        return ModelChoice.Server(endpoint, model);
    }
}
