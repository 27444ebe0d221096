using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Accounts.ApiKeys;

/// <summary>
/// Personal API keys for the served OpenAI-compatible API: created by their owner (profile page
/// or <c>users api-key create</c>), shown once, stored as a hash, revocable. Viewers get none,
/// and a key stops working when its owner is disabled or loses every role that may use it.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<ValueAlignDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Roles that may hold a key. A Viewer reads results; serving models is work.</summary>
    public static readonly IReadOnlyList<string> AllowedRoles = WorkbenchPolicies.RolesOf(WorkbenchPolicies.ApiKeys);

    public const int MaxActiveKeysPerUser = 20;

    private static readonly TimeSpan UsageWriteInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTime> lastUsageWrite = new();

    public async Task<(ApiKeyCreated? Created, string? Error)> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100)
            return (null, "Give the key a name of 1 to 100 characters (for example the notebook it is for).");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
            return (null, $"No user with id {userId}.");
        if (user.IsDisabled)
            return (null, "This account is disabled.");
        var roles = await RolesOfAsync(db, userId, cancellationToken).ConfigureAwait(false);
        if (!roles.Any(AllowedRoles.Contains))
            return (null, $"Only {string.Join(", ", AllowedRoles)} accounts may create API keys; a Viewer reads results and cannot call the models.");
        var active = await db.Set<ApiKey>().CountAsync(k => k.UserId == userId && k.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        if (active >= MaxActiveKeysPerUser)
            return (null, $"You already have {active} active keys; revoke one first.");

        var secret = ApiKeySecrets.Create();
        var key = new ApiKey
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..ApiKeySecrets.PrefixLength],
            SecretHash = ApiKeySecrets.Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (new ApiKeyCreated(ToSummary(key), secret), null);
    }

    /// <summary>Creates a key for the account with this email (the <c>users api-key create</c> verb).</summary>
    public async Task<(ApiKeyCreated? Created, string? Error)> CreateForEmailAsync(string email, string name, CancellationToken cancellationToken = default)
    {
        var userId = await UserIdOfAsync(email, cancellationToken).ConfigureAwait(false);
        return userId is null ? (null, $"No user with email {email}.") : await CreateAsync(userId, name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var keys = await db.Set<ApiKey>().AsNoTracking().Where(k => k.UserId == userId)
            .OrderByDescending(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.Select(ToSummary).ToList();
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListForEmailAsync(string email, CancellationToken cancellationToken = default) =>
        await UserIdOfAsync(email, cancellationToken).ConfigureAwait(false) is { } userId
            ? await ListAsync(userId, cancellationToken).ConfigureAwait(false)
            : [];

    /// <summary>Revokes one of the user's own keys; false when the user has no such active key.</summary>
    public async Task<bool> RevokeAsync(string userId, long keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == keyId && k.UserId == userId && k.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        if (key is null)
            return false;
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RevokeForEmailAsync(string email, long keyId, CancellationToken cancellationToken = default) =>
        await UserIdOfAsync(email, cancellationToken).ConfigureAwait(false) is { } userId
        && await RevokeAsync(userId, keyId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Checks a presented secret: well-formed, known, not revoked, owner enabled and allowed.
    /// Every request calls this, so a revoked key or a demoted owner is refused at once.
    /// </summary>
    public async Task<ApiKeyCheck> CheckAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecrets.IsWellFormed(secret))
            return ApiKeyCheck.Invalid;
        var hash = ApiKeySecrets.Hash(secret!);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var found = await (from k in db.Set<ApiKey>().AsNoTracking()
                           join u in db.Users.AsNoTracking() on k.UserId equals u.Id
                           where k.SecretHash == hash && k.RevokedAt == null
                           select new { k.Id, k.UserId, u.Email, u.IsDisabled }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is null)
            return ApiKeyCheck.Invalid;
        if (found.IsDisabled)
            return ApiKeyCheck.NotAllowed("The key's account is disabled.");
        var roles = await RolesOfAsync(db, found.UserId, cancellationToken).ConfigureAwait(false);
        if (!roles.Any(AllowedRoles.Contains))
            return ApiKeyCheck.NotAllowed("The key's account is a Viewer account, which may not call the models.");
        await NoteUseAsync(db, found.Id, cancellationToken).ConfigureAwait(false);
        return new ApiKeyCheck(new ApiKeyCaller(found.Id, found.UserId, found.Email ?? found.UserId, roles), ApiKeyRejection.None, null);
    }

    private async Task NoteUseAsync(ValueAlignDbContext db, long keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (lastUsageWrite.TryGetValue(keyId, out var last) && now - last < UsageWriteInterval)
            return;
        lastUsageWrite[keyId] = now;
        await db.Set<ApiKey>().Where(k => k.Id == keyId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> UserIdOfAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> RolesOfAsync(ValueAlignDbContext db, string userId, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles.AsNoTracking()
               join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
               where ur.UserId == userId
               select r.Name!).ToListAsync(cancellationToken).ConfigureAwait(false);

    private static ApiKeySummary ToSummary(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
