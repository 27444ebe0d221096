using System.Text.RegularExpressions;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>A problem with one field of a <see cref="ServerForm"/> (<see cref="Field"/> is the property's name).</summary>
public sealed record ServerFormProblem(string Field, string Message);

/// <summary>
/// What an Admin types to add or change a server on the Models page. The key is never part of it:
/// only the NAME of the environment variable that holds it.
/// </summary>
public sealed partial class ServerForm
{
    public const int MaxModelsLength = 300;

    public string Name { get; set; } = "";

    public string BaseUrl { get; set; } = "";

    /// <summary>One or more model ids, separated by commas or new lines.</summary>
    public string Models { get; set; } = "";

    public string? ApiKeyVariable { get; set; }

    public int MaxInFlight { get; set; } = 4;

    public int TimeoutSeconds { get; set; } = 300;

    public IReadOnlyList<string> ModelIds => ServerDirectory.SplitModels(Models);

    public static ServerForm From(ServerBackend row) => new()
    {
        Name = row.Name,
        BaseUrl = row.BaseUrl,
        Models = string.Join(", ", ServerDirectory.SplitModels(row.Model)),
        ApiKeyVariable = row.ApiKeyVariable,
        MaxInFlight = row.MaxInFlight,
        TimeoutSeconds = row.TimeoutSeconds,
    };

    /// <summary>Every problem of the fields on their own (name clashes are the service's to find).</summary>
    public IReadOnlyList<ServerFormProblem> Validate()
    {
        var problems = new List<ServerFormProblem>();
        var name = Name.Trim();
        if (name.Length is 0 or > 64 || !NamePattern().IsMatch(name))
            problems.Add(new(nameof(Name), "Give a short name of 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit), e.g. gpu-box."));
        if (UrlProblem(BaseUrl) is { } url)
            problems.Add(new(nameof(BaseUrl), url));
        var ids = ModelIds;
        if (ids.Count == 0)
            problems.Add(new(nameof(Models), "Name at least one model id the server serves (Test connection lists them)."));
        else if (ids.Any(id => id.Contains(Backends.ModelChoice.ServerSeparator.Trim(), StringComparison.Ordinal)))
            problems.Add(new(nameof(Models), "A model id cannot contain '@'."));
        else if (string.Join(ServerDirectory.ModelSeparator, ids).Length > MaxModelsLength)
            problems.Add(new(nameof(Models), $"The model ids take more than {MaxModelsLength} characters together; list fewer."));
        if (KeyVariableProblem(ApiKeyVariable) is { } key)
            problems.Add(new(nameof(ApiKeyVariable), key));
        if (MaxInFlight is < 1 or > 256)
            problems.Add(new(nameof(MaxInFlight), "Requests in flight must be between 1 and 256."));
        if (TimeoutSeconds is < 1 or > 3600)
            problems.Add(new(nameof(TimeoutSeconds), "The timeout must be between 1 and 3600 seconds."));
        return problems;
    }

    /// <summary>Null when <paramref name="text"/> is a usable base URL: absolute http(s), no credentials, query or fragment.</summary>
    public static string? UrlProblem(string? text)
    {
        text = (text ?? "").Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return "Give the server's base URL starting with http:// or https://, e.g. http://gpu-box:8000/v1.";
        if (url.UserInfo.Length > 0)
            return "Put no user name or password in the URL: nothing secret is stored. Name the key's environment variable instead.";
        if (url.Query.Length > 0 || url.Fragment.Length > 0)
            return "The base URL takes no query or fragment (it ends at /v1 for most servers).";
        if (text.Length > 500)
            return "The URL is longer than 500 characters.";
        return null;
    }

    /// <summary>Null when <paramref name="variable"/> is empty or an environment variable's name; refuses what looks like a key itself, without repeating it.</summary>
    public static string? KeyVariableProblem(string? variable)
    {
        variable = variable?.Trim();
        if (string.IsNullOrEmpty(variable))
            return null;
        if (!VariablePattern().IsMatch(variable) || LooksLikeSecret(variable))
            return "Enter the NAME of the environment variable that holds the key (letters, digits and '_', e.g. GPU_BOX_KEY), not the key itself: keys are never stored.";
        return null;
    }

    // Variable names are words; keys are long runs of mixed letters and digits.
    private static bool LooksLikeSecret(string text) =>
        (text.Length >= 20 && text.Count(char.IsDigit) >= 4 && text.Any(char.IsLower) && text.Any(char.IsUpper))
        || (text.Length >= 32 && text.Count(char.IsDigit) >= 6);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariablePattern();
}
