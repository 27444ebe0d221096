namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>Where a server's key comes from, as the Models page shows it (never the key).</summary>
public enum ApiKeySource
{
    /// <summary>No key: the server takes requests without one.</summary>
    None,

    /// <summary>The named environment variable is set in the workbench's environment.</summary>
    VariableSet,

    /// <summary>A variable is named but not set here: requests go without a key.</summary>
    VariableMissing,

    /// <summary>The key is in configuration (Backends:Servers:N:ApiKey).</summary>
    Configuration,
}

/// <summary>One server on the Models page's list: its settings, where they come from, and where its key comes from.</summary>
public sealed record ServerListing(
    long? Id,
    string Name,
    string BaseUrl,
    IReadOnlyList<string> Models,
    string? ApiKeyVariable,
    ApiKeySource KeySource,
    int MaxInFlight,
    int TimeoutSeconds,
    ServerOrigin Origin)
{
    /// <summary>Servers from configuration are changed in appsettings.json, not on the page.</summary>
    public bool Editable => Origin == ServerOrigin.ModelsPage;

    public string KeyDescription => KeySource switch
    {
        ApiKeySource.VariableSet => $"from {ApiKeyVariable}",
        ApiKeySource.VariableMissing => $"{ApiKeyVariable} is not set",
        ApiKeySource.Configuration => "from configuration",
        _ => "none",
    };
}

/// <summary>The outcome of adding or changing a server: the saved server, or the problems (nothing saved).</summary>
public sealed record ServerSaveResult(ServerListing? Saved, IReadOnlyList<ServerFormProblem> Problems)
{
    public bool Succeeded => Saved is not null;
}

/// <summary>
/// What GET /v1/models answered: the models the server lists (and which of the form's ids it does
/// not), or why it could not be asked; <see cref="KeyNote"/> says which key went with the request.
/// </summary>
public sealed record ServerTestResult(bool Succeeded, IReadOnlyList<string> ServerModels, IReadOnlyList<string> MissingModels, string Message, string KeyNote);
