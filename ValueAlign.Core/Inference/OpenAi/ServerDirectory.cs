using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>Where a server's settings come from: appsettings.json (read-only here) or the Models page (the ServerBackends table).</summary>
public enum ServerOrigin
{
    Configuration,
    ModelsPage,
}

/// <summary>
/// One server the workbench knows, with the model ids an Admin listed for it (empty for servers
/// from configuration: their pickers ask the server). <see cref="Id"/> is the stored row's id.
/// </summary>
public sealed record KnownServer(ConfiguredServer Settings, ServerOrigin Origin, long? Id, IReadOnlyList<string> Models)
{
    public string Name => Settings.Name;
}

/// <summary>
/// Every OpenAI-compatible server the workbench knows: the <c>Backends:Servers</c> of
/// configuration first, then those an Admin added on the Models page, read from the database on
/// every call so the web host and the CLI over the same database see the same servers. Names are
/// unique across both (configuration wins when an old row collides with a newer setting).
/// </summary>
public sealed class ServerDirectory(OpenAiBackendOptions options, IDbContextFactory<ValueAlignDbContext>? dbFactory = null)
{
    /// <summary>Separates several model ids in <see cref="ServerBackend.Model"/>.</summary>
    public const char ModelSeparator = ',';

    public async Task<IReadOnlyList<KnownServer>> ListAsync(CancellationToken cancellationToken = default)
    {
        var servers = options.Servers.ToList().Select(s => new KnownServer(s, ServerOrigin.Configuration, null, [])).ToList();
        if (dbFactory is null)
            return servers;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.Set<ServerBackend>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        servers.AddRange(stored
            .Where(s => !servers.Any(c => string.Equals(c.Name, s.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(ToKnown));
        return servers;
    }

    /// <summary>The server with this name or base URL (trailing slashes ignored), or null.</summary>
    public async Task<KnownServer?> FindAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var url = endpoint.Trim().TrimEnd('/');
        return (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s =>
            string.Equals(s.Name, endpoint.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.Settings.BaseUrl.TrimEnd('/'), url, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The model ids of a stored row's <see cref="ServerBackend.Model"/> field.</summary>
    public static IReadOnlyList<string> SplitModels(string? text) =>
        (text ?? "").Split([ModelSeparator, '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    private static KnownServer ToKnown(ServerBackend row) => new(
        new ConfiguredServer
        {
            Name = row.Name,
            BaseUrl = row.BaseUrl,
            ApiKeyVariable = row.ApiKeyVariable,
            MaxInFlight = row.MaxInFlight,
            TimeoutSeconds = row.TimeoutSeconds,
        },
        ServerOrigin.ModelsPage, row.Id, SplitModels(row.Model));
}
