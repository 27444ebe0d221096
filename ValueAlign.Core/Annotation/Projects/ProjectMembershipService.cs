using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Projects;

/// <summary>
/// Who annotates which project. Only enabled users with the Annotator role can be made members;
/// the assignment queue refuses everyone else (<c>AssignmentErrorKind.NotMember</c>).
/// </summary>
public sealed class ProjectMembershipService(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    public async Task<bool> IsMemberAsync(long projectId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == userId, cancellationToken);
    }

    /// <summary>The project's members with their email and display name, by email.</summary>
    public async Task<IReadOnlyList<ProjectMemberInfo>> MembersAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = db.ProjectMembers.Where(m => m.ProjectId == projectId).Select(m => m.UserId);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new ProjectMemberInfo(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        return users.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Ids of the projects <paramref name="userId"/> is a member of.</summary>
    public async Task<IReadOnlyList<long>> ProjectIdsOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.Where(m => m.UserId == userId).Select(m => m.ProjectId).OrderBy(id => id).ToListAsync(cancellationToken);
    }

    /// <summary>Everyone who can be made a member: enabled users with the Annotator role, by email.</summary>
    public async Task<IReadOnlyList<ProjectMemberInfo>> CandidatesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var users = await Annotators(db)
            .Select(u => new ProjectMemberInfo(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        return users.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Makes exactly <paramref name="userIds"/> the members; throws <see cref="ProjectValidationException"/> (and changes nothing) if any is not an annotator.</summary>
    public async Task SetMembersAsync(long projectId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = new List<string>();
        if (!await db.VerificationProjects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            errors.Add($"Project {projectId} does not exist.");
        }
        errors.AddRange(await ValidateAsync(db, userIds, cancellationToken));
        if (errors.Count > 0)
        {
            throw new ProjectValidationException(errors);
        }
        await ReplaceAsync(db, projectId, userIds, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddAsync(long projectId, string userId, CancellationToken cancellationToken = default)
    {
        var current = (await MembersOfAsync(projectId, cancellationToken)).ToHashSet();
        if (current.Add(userId))
        {
            await SetMembersAsync(projectId, current, cancellationToken);
        }
    }

    /// <summary>Removes a member; their submitted annotations stay, but the queue serves them nothing more.</summary>
    public async Task<bool> RemoveAsync(long projectId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private async Task<List<string>> MembersOfAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.Where(m => m.ProjectId == projectId).Select(m => m.UserId).ToListAsync(cancellationToken);
    }

    /// <summary>One error per id that is not an enabled annotator; shared with project creation so both save all-or-nothing.</summary>
    internal static async Task<List<string>> ValidateAsync(ValueAlignDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var wanted = userIds.Distinct(StringComparer.Ordinal).ToList();
        var annotators = await Annotators(db).Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var errors = new List<string>();
        foreach (var missing in wanted.Except(annotators, StringComparer.Ordinal))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == missing).Select(u => new { u.Email, u.IsDisabled }).FirstOrDefaultAsync(cancellationToken);
            errors.Add(user is null
                ? $"Members: user {missing} does not exist."
                : user.IsDisabled
                    ? $"Members: {user.Email} is disabled."
                    : $"Members: {user.Email} does not have the {Roles.Annotator} role.");
        }
        return errors;
    }

    /// <summary>Stages the replacement of the members (the caller saves, so it joins the caller's unit of work).</summary>
    internal static async Task ReplaceAsync(ValueAlignDbContext db, long projectId, IEnumerable<string> userIds, DateTime now, CancellationToken cancellationToken)
    {
        var wanted = userIds.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var current = await db.ProjectMembers.Where(m => m.ProjectId == projectId).ToListAsync(cancellationToken);
        db.ProjectMembers.RemoveRange(current.Where(m => !wanted.Contains(m.UserId)));
        foreach (var userId in wanted.Except(current.Select(m => m.UserId)))
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = userId, AddedAt = now });
        }
    }

    private static IQueryable<AppUser> Annotators(ValueAlignDbContext db) =>
        db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Annotator)));
}
