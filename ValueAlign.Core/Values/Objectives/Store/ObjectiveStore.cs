using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>
/// Saved value objectives with their full version history. Every change of content (priorities,
/// importance weights, relation graph) appends a version; saving content equal to the current
/// version (after <see cref="ObjectiveNormalForm"/>) adds nothing. Restoring copies an old version
/// forward as a new one, so history is never rewritten. Name and description are metadata, changed
/// in place. Content problems raise <see cref="InvalidObjectiveException"/> naming the field; refused
/// requests raise <see cref="ObjectiveStoreException"/>.
/// </summary>
public sealed class ObjectiveStore(IDbContextFactory<ValueAlignDbContext> factory, ValueSystemCatalog catalog, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxNoteLength = 1000;

    /// <summary>Every saved objective, optionally of one value system, by name.</summary>
    public async Task<IReadOnlyList<ObjectiveSummary>> ListAsync(string? valueSystemId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.SavedObjectives.AsNoTracking();
        if (valueSystemId is not null)
        {
            query = query.Where(o => o.ValueSystemId == valueSystemId);
        }
        var rows = await query.OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return rows.Select(Summarise).ToArray();
    }

    /// <summary>The newest version of objective <paramref name="id"/>, or <paramref name="version"/>; null when either does not exist.</summary>
    public async Task<StoredObjective?> GetAsync(long id, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedObjectives.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (saved is null)
        {
            return null;
        }
        var number = version ?? saved.CurrentVersion;
        var row = await db.ObjectiveVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ObjectiveId == id && v.Version == number, cancellationToken);
        return row is null ? null : Read(saved, row);
    }

    /// <summary>The version history of objective <paramref name="id"/>, newest first.</summary>
    public async Task<IReadOnlyList<ObjectiveVersionInfo>> VersionsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await FindAsync(db, id, cancellationToken);
        var rows = await db.ObjectiveVersions.AsNoTracking().Where(v => v.ObjectiveId == id)
            .OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return rows.Select(Info).ToArray();
    }

    /// <summary>
    /// Stores a new objective as version 1. Its name is <paramref name="objective"/>'s Name (required,
    /// unique), its description the objective's Description; <paramref name="author"/> becomes the owner.
    /// </summary>
    public async Task<StoredObjective> CreateAsync(ValueObjective objective, string author, string? note = null, CancellationToken cancellationToken = default)
    {
        var system = SystemOf(objective);
        var (name, description) = CheckDetails(objective.Name, objective.Description, nameRequired: true);
        var normal = ObjectiveNormalForm.Of(objective, system);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await EnsureNameFreeAsync(db, name!, null, cancellationToken);
        var saved = new SavedObjective
        {
            Name = name!,
            Description = description ?? "",
            ValueSystemId = system.Id,
            CreatedBy = CheckAuthor(author),
            CreatedAt = now,
            UpdatedAt = now,
            CurrentVersion = 1,
        };
        saved.Versions.Add(NewVersion(normal, 1, note ?? "Created", author, now));
        db.SavedObjectives.Add(saved);
        await SaveChangesAsync(db, $"An objective called '{saved.Name}' was created meanwhile; choose another name.", ObjectiveStoreError.NameTaken, cancellationToken);
        return Read(saved, saved.Versions[0]);
    }

    /// <summary>
    /// Saves the objective's content as a new version unless it equals the current version. When
    /// the objective's Name or Description is set and differs, it replaces the metadata as well
    /// (without a version of its own). With <paramref name="expectedVersion"/>, refuses (Conflict) when
    /// someone saved a newer version since the caller loaded that one.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(
        long id, ValueObjective objective, string author, string? note = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var system = SystemOf(objective);
        var (name, description) = CheckDetails(objective.Name, objective.Description, nameRequired: false);
        var normal = ObjectiveNormalForm.Of(objective, system);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var saved = await FindAsync(db, id, cancellationToken);
        if (saved.ValueSystemId != system.Id)
        {
            throw new InvalidObjectiveException(
                [$"valueSystem: this objective is for '{saved.ValueSystemId}'; an objective for '{system.Id}' must be created as a new objective."]);
        }
        if (expectedVersion is { } expected && expected != saved.CurrentVersion)
        {
            throw Conflict(saved);
        }
        var current = await db.ObjectiveVersions.AsNoTracking()
            .FirstAsync(v => v.ObjectiveId == id && v.Version == saved.CurrentVersion, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var detailsChanged = await ApplyDetailsAsync(db, saved, name, description, cancellationToken);
        var created = ValueObjectiveJson.Export(normal with { Name = null, Description = null }) != current.ObjectiveJson;
        if (created)
        {
            saved.CurrentVersion++;
            var added = NewVersion(normal, saved.CurrentVersion, note ?? "", author, now);
            added.ObjectiveId = id;
            db.ObjectiveVersions.Add(added);
        }
        if (created || detailsChanged)
        {
            saved.UpdatedAt = now;
            await SaveChangesAsync(db, ConflictMessage(saved), ObjectiveStoreError.Conflict, cancellationToken);
        }
        return new SaveOutcome(saved.CurrentVersion, created);
    }

    /// <summary>Changes name and description (null leaves the description as it is); no version is made.</summary>
    public async Task UpdateDetailsAsync(long id, string name, string? description, CancellationToken cancellationToken = default)
    {
        var (checkedName, checkedDescription) = CheckDetails(name, description, nameRequired: true);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var saved = await FindAsync(db, id, cancellationToken);
        if (await ApplyDetailsAsync(db, saved, checkedName, checkedDescription, cancellationToken))
        {
            saved.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await SaveChangesAsync(db, $"An objective called '{checkedName}' was created meanwhile; choose another name.", ObjectiveStoreError.NameTaken, cancellationToken);
        }
    }

    /// <summary>
    /// Makes the content of <paramref name="version"/> current again by copying it forward as a new
    /// version (noted "Restored version N"); restoring content equal to the current version adds nothing.
    /// </summary>
    public async Task<SaveOutcome> RestoreAsync(long id, int version, string author, CancellationToken cancellationToken = default)
    {
        var old = await GetAsync(id, version, cancellationToken)
            ?? throw new ObjectiveStoreException(ObjectiveStoreError.NotFound, $"Objective {id} has no version {version}.");
        return await SaveAsync(id, old.Objective with { Name = null, Description = null }, author, $"Restored version {version}", cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the objective and all its versions if <see cref="ObjectivePermissions.MayDelete"/> allows <paramref name="user"/>.</summary>
    public async Task DeleteAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var saved = await FindAsync(db, id, cancellationToken);
        if (!ObjectivePermissions.MayDelete(Summarise(saved), user))
        {
            throw new ObjectiveStoreException(ObjectiveStoreError.Forbidden,
                $"Only a Curator, an Admin or its owner ({saved.CreatedBy}) may delete '{saved.Name}'.");
        }
        db.SavedObjectives.Remove(saved);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Parses an exported objective (see <see cref="ValueObjectiveJson"/>), checks it against its value
    /// system from the catalogue and stores it as a new objective. <paramref name="name"/>, when given,
    /// replaces the file's name. Every problem is reported at once, naming its field.
    /// </summary>
    public Task<StoredObjective> ImportAsync(string json, string author, string? name = null, CancellationToken cancellationToken = default)
    {
        var objective = Parse(json);
        if (!string.IsNullOrWhiteSpace(name))
        {
            objective = objective with { Name = name };
        }
        return CreateAsync(objective, author, "Imported", cancellationToken);
    }

    /// <summary>Reads an objective file and checks it against its catalogue system, without storing anything (an editor loads it this way).</summary>
    public ValueObjective Parse(string json)
    {
        var objective = ValueObjectiveJson.Import(json);
        var system = SystemOf(objective);
        objective.EnsureValid(system);
        return objective;
    }

    /// <summary>The JSON of the newest version (or <paramref name="version"/>) with the objective's name and description, ready to import elsewhere.</summary>
    public async Task<string> ExportAsync(long id, int? version = null, CancellationToken cancellationToken = default)
    {
        var stored = await GetAsync(id, version, cancellationToken)
            ?? throw new ObjectiveStoreException(ObjectiveStoreError.NotFound,
                version is null ? $"There is no objective {id}." : $"Objective {id} has no version {version}.");
        return ValueObjectiveJson.Export(stored.Objective);
    }

    private ValueSystem SystemOf(ValueObjective objective) =>
        catalog.Find(objective.ValueSystemId ?? "")
        ?? throw new InvalidObjectiveException(
            [$"valueSystem: '{objective.ValueSystemId}' is not in the catalogue (known: {string.Join(", ", catalog.All.Select(s => s.Id))})."]);

    private static (string? Name, string? Description) CheckDetails(string? name, string? description, bool nameRequired)
    {
        var problems = new List<string>();
        var trimmed = name?.Trim();
        if (trimmed is { Length: 0 } || (trimmed is null && nameRequired))
        {
            problems.Add("name: an objective needs a name.");
        }
        else if (trimmed is { Length: > MaxNameLength })
        {
            problems.Add($"name: {trimmed.Length} characters; at most {MaxNameLength}.");
        }
        if (description is { Length: > MaxDescriptionLength })
        {
            problems.Add($"description: {description.Length} characters; at most {MaxDescriptionLength}.");
        }
        if (problems.Count > 0)
        {
            throw new InvalidObjectiveException(problems);
        }
        return (trimmed, description?.Trim());
    }

    private static string CheckAuthor(string author) =>
        string.IsNullOrWhiteSpace(author) ? throw new ArgumentException("The author's user name is missing.", nameof(author)) : author;

    private static ObjectiveVersion NewVersion(ValueObjective normal, int number, string note, string author, DateTime now)
    {
        if (note.Length > MaxNoteLength)
        {
            throw new InvalidObjectiveException([$"note: {note.Length} characters; at most {MaxNoteLength}."]);
        }
        return new ObjectiveVersion
        {
            Version = number,
            ObjectiveJson = ValueObjectiveJson.Export(normal with { Name = null, Description = null }),
            Note = note.Trim(),
            Author = CheckAuthor(author),
            CreatedAt = now,
        };
    }

    private static async Task<bool> ApplyDetailsAsync(ValueAlignDbContext db, SavedObjective saved, string? name, string? description, CancellationToken cancellationToken)
    {
        var changed = false;
        if (name is not null && name != saved.Name)
        {
            await EnsureNameFreeAsync(db, name, saved.Id, cancellationToken);
            saved.Name = name;
            changed = true;
        }
        if (description is not null && description != saved.Description)
        {
            saved.Description = description;
            changed = true;
        }
        return changed;
    }

    private static async Task EnsureNameFreeAsync(ValueAlignDbContext db, string name, long? except, CancellationToken cancellationToken)
    {
        if (await db.SavedObjectives.AnyAsync(o => o.Name == name && o.Id != except, cancellationToken))
        {
            throw new ObjectiveStoreException(ObjectiveStoreError.NameTaken, $"name: an objective called '{name}' exists already; choose another name.");
        }
    }

    private static async Task<SavedObjective> FindAsync(ValueAlignDbContext db, long id, CancellationToken cancellationToken) =>
        await db.SavedObjectives.FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw new ObjectiveStoreException(ObjectiveStoreError.NotFound, $"There is no objective {id}.");

    private static async Task SaveChangesAsync(ValueAlignDbContext db, string message, ObjectiveStoreError kind, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // The unique indexes (name; objective + version number) catch what the checks above raced with.
            throw new ObjectiveStoreException(kind, message + " (" + (e.InnerException ?? e).Message + ")");
        }
    }

    private static ObjectiveStoreException Conflict(SavedObjective saved) => new(ObjectiveStoreError.Conflict, ConflictMessage(saved));

    private static string ConflictMessage(SavedObjective saved) =>
        $"'{saved.Name}' was saved by someone else meanwhile (now version {saved.CurrentVersion}); reload it and apply your change again.";

    private static ObjectiveSummary Summarise(SavedObjective o) =>
        new(o.Id, o.Name, o.Description, o.ValueSystemId, o.CreatedBy, o.CreatedAt, o.UpdatedAt, o.CurrentVersion);

    private static ObjectiveVersionInfo Info(ObjectiveVersion v) => new(v.Version, v.Note, v.Author, v.CreatedAt);

    private static StoredObjective Read(SavedObjective saved, ObjectiveVersion version)
    {
        var objective = ValueObjectiveJson.Import(version.ObjectiveJson) with { Name = saved.Name, Description = saved.Description };
        return new StoredObjective(Summarise(saved), Info(version), objective);
    }
}
