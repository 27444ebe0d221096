using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Labels;

/// <summary>Readable names (display name, else user name, else e-mail) for user ids; unknown ids map to themselves.</summary>
public static class UserNames
{
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(
        ValueAlignDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.Email }).ToListAsync(cancellationToken);
        var names = ids.ToDictionary(id => id, id => id, StringComparer.Ordinal);
        foreach (var user in users)
        {
            names[user.Id] = !string.IsNullOrWhiteSpace(user.DisplayName) ? user.DisplayName!
                : user.UserName ?? user.Email ?? user.Id;
        }
        return names;
    }
}
