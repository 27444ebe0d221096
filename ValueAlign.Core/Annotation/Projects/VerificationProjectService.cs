using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Benchmarks.SavedFilters;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Projects;

/// <summary>
/// Creates and edits verification projects: the items the filter matches plus the gold items
/// become the project's items, and the members are stored with them, all in one transaction.
/// The project editor's rules live here too: the seed a new project draws, which items are offered
/// as gold and which gold survives a change of filter, and which saved filter a project came from.
/// </summary>
public sealed class VerificationProjectService(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    /// <summary>Validates, then stores the project with every item the filter matches plus the gold items, and its members.</summary>
    public async Task<VerificationProject> CreateAsync(NewProject definition, CancellationToken cancellationToken = default)
    {
        var errors = Validate(definition);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.VerificationProjects.AnyAsync(p => p.Name == definition.Name.Trim(), cancellationToken))
        {
            errors.Add($"Name: a project called '{definition.Name.Trim()}' exists already.");
        }
        var itemIds = await MatchingItemIdsAsync(db, definition, errors, cancellationToken);
        errors.AddRange(await ProjectMembershipService.ValidateAsync(db, definition.Members, cancellationToken));
        if (errors.Count > 0)
        {
            throw new ProjectValidationException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // The seed orders ties in the queue; an edit never changes it (UpdateAsync keeps the project's).
        var project = new VerificationProject { CreatedBy = definition.CreatedBy, CreatedAt = now, Seed = definition.Seed ?? Random.Shared.Next() };
        ApplySettings(project, definition);
        foreach (var itemId in itemIds)
        {
            project.Items.Add(NewItem(definition, itemId, project.Seed));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.VerificationProjects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        await ProjectMembershipService.ReplaceAsync(db, project.Id, definition.Members, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return project;
    }

    /// <summary>
    /// Changes a project's settings, items, gold and members. Once annotations exist the schema is
    /// fixed, and an annotated item can neither leave the project nor switch between gold and
    /// regular; such edits are refused with every reason, and nothing changes. Runs inside the
    /// project's queue gate, so no item is served half-way through the edit.
    /// </summary>
    public async Task<VerificationProject> UpdateAsync(long projectId, NewProject definition, CancellationToken cancellationToken = default)
    {
        var errors = Validate(definition);
        return await ProjectGate.RunAsync(factory, projectId, async db =>
        {
            var project = await db.VerificationProjects.Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken)
                ?? throw new ProjectValidationException([$"Project {projectId} does not exist."]);
            if (await db.VerificationProjects.AnyAsync(p => p.Name == definition.Name.Trim() && p.Id != projectId, cancellationToken))
            {
                errors.Add($"Name: a project called '{definition.Name.Trim()}' exists already.");
            }
            var annotated = (await db.Annotations.Where(a => a.ProjectId == projectId).Select(a => a.ProjectItemId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            if (annotated.Count > 0 && definition.Schema.ToJson() != project.LabelSchemaJson)
            {
                errors.Add("Label schema: the project has annotations, so its questions can no longer change (start a new project instead).");
            }
            var wanted = (await MatchingItemIdsAsync(db, definition, errors, cancellationToken)).ToHashSet();
            var externalIds = await ExternalIdsAsync(db, project.Items.Where(i => annotated.Contains(i.Id)).Select(i => i.ItemId), cancellationToken);
            foreach (var item in project.Items.Where(i => annotated.Contains(i.Id)))
            {
                if (!wanted.Contains(item.ItemId))
                {
                    errors.Add($"Filter: item {externalIds[item.ItemId]} has annotations and cannot leave the project.");
                }
                else if (item.IsGold != definition.GoldItems.ContainsKey(item.ItemId))
                {
                    errors.Add($"Gold items: item {externalIds[item.ItemId]} has annotations and cannot switch between gold and regular.");
                }
            }
            errors.AddRange(await ProjectMembershipService.ValidateAsync(db, definition.Members, cancellationToken));
            if (errors.Count > 0)
            {
                throw new ProjectValidationException(errors);
            }

            ApplySettings(project, definition);
            db.ProjectItems.RemoveRange(project.Items.Where(i => !wanted.Contains(i.ItemId)));
            foreach (var item in project.Items.Where(i => wanted.Contains(i.ItemId)))
            {
                var gold = definition.GoldItems.TryGetValue(item.ItemId, out var expected);
                item.IsGold = gold;
                item.GoldAnswersJson = gold ? expected!.ToJson() : null;
            }
            var present = project.Items.Select(i => i.ItemId).ToHashSet();
            foreach (var itemId in wanted.Where(id => !present.Contains(id)).Order())
            {
                project.Items.Add(NewItem(definition, itemId, project.Seed));
            }
            await ProjectMembershipService.ReplaceAsync(db, projectId, definition.Members, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return project;
        }, cancellationToken);
    }

    public async Task<VerificationProject?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>
    /// The project for someone who labels in it: null both when it does not exist and when
    /// <paramref name="userId"/> is not a member, so a non-member learns nothing (not even that it exists).
    /// </summary>
    public async Task<VerificationProject?> GetForMemberAsync(long id, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationProjects.AsNoTracking()
            .Where(p => p.Id == id && db.ProjectMembers.Any(m => m.ProjectId == id && m.UserId == userId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Closes (or reopens) the project's queue: while closed nothing is served, and items whose
    /// overlap was not reached can be verified. False when the project does not exist.
    /// </summary>
    public async Task<bool> SetQueueClosedAsync(long projectId, bool closed, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        DateTime? at = closed ? clock.GetUtcNow().UtcDateTime : null;
        return await db.VerificationProjects.Where(p => p.Id == projectId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.QueueClosedAt, at), cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<VerificationProject>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationProjects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The gold items of a project: benchmark item id → expected answers.</summary>
    public async Task<IReadOnlyDictionary<long, AnnotationAnswers>> GoldItemsAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProjectItems.AsNoTracking().Where(i => i.ProjectId == projectId && i.IsGold && i.GoldAnswersJson != null)
            .Select(i => new { i.ItemId, i.GoldAnswersJson }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.ItemId, r => AnnotationAnswers.FromJson(r.GoldAnswersJson!));
    }

    public static ItemFilter FilterOf(VerificationProject project) =>
        ItemFilterJson.Deserialize(project.ItemFilterJson, $"Project '{project.Name}'");

    /// <summary>The saved filter the project's items come from (the same filter, field for field), or null when none of <paramref name="saved"/> is.</summary>
    public static SavedFilter? SavedFilterOf(VerificationProject project, IEnumerable<SavedFilter> saved)
    {
        var filterJson = ItemFilterJson.Serialize(FilterOf(project));
        return saved.FirstOrDefault(f => ItemFilterJson.Serialize(SavedFilterStore.FilterOf(f)) == filterJson);
    }

    /// <summary>
    /// The items a curator may mark as gold under <paramref name="filter"/>: the first
    /// <paramref name="limit"/> it matches, in id order, then the chosen <paramref name="goldIds"/> not
    /// among them (gold joins the project whether or not the filter matches it); gold ids that no
    /// longer exist are left out.
    /// </summary>
    public async Task<GoldCandidates> GoldCandidatesAsync(
        ItemFilter filter, IReadOnlyCollection<long> goldIds, int limit = GoldCandidates.DefaultLimit, CancellationToken cancellationToken = default)
    {
        var page = await new BenchmarkQuery(factory).PageAsync(new ItemPageRequest(filter, Take: limit), cancellationToken);
        var items = page.Items.ToList();
        var listed = items.Select(i => i.Id).ToHashSet();
        var more = goldIds.Where(id => !listed.Contains(id)).ToList();
        if (more.Count > 0)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            items.AddRange(await db.BenchmarkItems.AsNoTracking().Where(i => more.Contains(i.Id)).OrderBy(i => i.Id)
                .Select(i => new ItemSummary(i.Id, i.Benchmark, i.ExternalId, i.Kind, i.Text, i.Language, i.Country, i.Modality, i.Category, i.AlignmentGroup, i.VerificationStatus))
                .ToListAsync(cancellationToken));
        }
        return new GoldCandidates(page.Total, items);
    }

    /// <summary>
    /// When the curator picks another filter, gold follows it: of <paramref name="goldIds"/> only the
    /// items the new filter matches stay gold; the caller drops the rest (with their expected answers).
    /// </summary>
    public async Task<IReadOnlySet<long>> GoldKeptByFilterAsync(ItemFilter filter, IReadOnlyCollection<long> goldIds, CancellationToken cancellationToken = default)
    {
        if (goldIds.Count == 0)
        {
            return new HashSet<long>();
        }
        var ids = goldIds.ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await BenchmarkQuery.Filtered(db, filter).Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    private static void ApplySettings(VerificationProject project, NewProject definition)
    {
        project.Name = definition.Name.Trim();
        project.ItemFilterJson = ItemFilterJson.Serialize(definition.Filter);
        project.LabelSchemaJson = definition.Schema.ToJson();
        project.GuidelinesMarkdown = definition.GuidelinesMarkdown;
        project.Overlap = definition.Overlap;
        project.BlindMode = definition.BlindMode;
        project.GoldRate = definition.GoldRate;
        project.ReservationTimeoutSeconds = (int)Math.Ceiling(definition.ReservationTimeout.TotalSeconds);
    }

    private static ProjectItem NewItem(NewProject definition, long itemId, int seed)
    {
        var gold = definition.GoldItems.TryGetValue(itemId, out var expected);
        return new ProjectItem
        {
            ItemId = itemId,
            IsGold = gold,
            GoldAnswersJson = gold ? expected!.ToJson() : null,
            TieBreak = TieBreak.Of(seed, itemId),
        };
    }

    /// <summary>The filter's items plus the gold items, in id order; adds an error for gold that does not exist or a filter with nothing to verify.</summary>
    private static async Task<List<long>> MatchingItemIdsAsync(ValueAlignDbContext db, NewProject definition, List<string> errors, CancellationToken cancellationToken)
    {
        var itemIds = await BenchmarkQuery.Filtered(db, definition.Filter).Select(i => i.Id).ToListAsync(cancellationToken);
        var goldIds = definition.GoldItems.Keys.ToList();
        var existingGold = await db.BenchmarkItems.Where(i => goldIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var missing in goldIds.Except(existingGold))
        {
            errors.Add($"Gold items: benchmark item {missing} does not exist.");
        }
        if (!itemIds.Except(goldIds).Any())
        {
            errors.Add("Filter: it matches no items to verify (besides gold items).");
        }
        return itemIds.Union(existingGold).Order().ToList();
    }

    private static async Task<Dictionary<long, string>> ExternalIdsAsync(ValueAlignDbContext db, IEnumerable<long> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        return await db.BenchmarkItems.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.ExternalId, cancellationToken);
    }

    private static List<string> Validate(NewProject definition)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Trim().Length > 200)
        {
            errors.Add("Name: give 1..200 characters.");
        }
        if (definition.Overlap is < 1 or > 100)
        {
            errors.Add($"Overlap: must be 1..100, not {definition.Overlap}.");
        }
        if (definition.GoldRate is < 0 or > 1 || double.IsNaN(definition.GoldRate))
        {
            errors.Add($"Gold rate: must be between 0 and 1, not {definition.GoldRate}.");
        }
        if (definition.ReservationTimeout < TimeSpan.FromSeconds(1) || definition.ReservationTimeout > TimeSpan.FromDays(7))
        {
            errors.Add($"Reservation timeout: must be 1 s .. 7 days, not {definition.ReservationTimeout}.");
        }
        if (string.IsNullOrWhiteSpace(definition.CreatedBy))
        {
            errors.Add("Created by: the curator's user id is missing.");
        }
        var schemaErrors = definition.Schema.Validate();
        errors.AddRange(schemaErrors.Select(e => "Label schema: " + e));
        if (schemaErrors.Count == 0)
        {
            foreach (var (itemId, answers) in definition.GoldItems)
            {
                errors.AddRange(answers.Validate(definition.Schema).Select(e => $"Gold item {itemId}: {e}"));
            }
        }
        if (definition.GoldRate > 0 && definition.GoldItems.Count == 0)
        {
            errors.Add("Gold rate: there are no gold items to mix in.");
        }
        return errors;
    }
}
