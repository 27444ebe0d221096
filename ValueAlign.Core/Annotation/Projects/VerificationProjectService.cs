using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Projects;

/// <summary>Creates verification projects from a benchmark filter and reads them back.</summary>
public sealed class VerificationProjectService(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Validates, then stores the project with every item the filter matches plus the gold items.</summary>
    public async Task<VerificationProject> CreateAsync(NewProject definition, CancellationToken cancellationToken = default)
    {
        var errors = Validate(definition);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.VerificationProjects.AnyAsync(p => p.Name == definition.Name, cancellationToken))
        {
            errors.Add($"Name: a project called '{definition.Name}' exists already.");
        }
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
        if (errors.Count > 0)
        {
            throw new ProjectValidationException(errors);
        }

        var project = new VerificationProject
        {
            Name = definition.Name.Trim(),
            ItemFilterJson = JsonSerializer.Serialize(definition.Filter, FilterJson),
            LabelSchemaJson = definition.Schema.ToJson(),
            GuidelinesMarkdown = definition.GuidelinesMarkdown,
            Overlap = definition.Overlap,
            BlindMode = definition.BlindMode,
            GoldRate = definition.GoldRate,
            ReservationTimeoutSeconds = (int)Math.Ceiling(definition.ReservationTimeout.TotalSeconds),
            Seed = definition.Seed,
            CreatedBy = definition.CreatedBy,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var itemId in itemIds.Union(goldIds).Order())
        {
            var gold = definition.GoldItems.TryGetValue(itemId, out var expected);
            project.Items.Add(new ProjectItem
            {
                ItemId = itemId,
                IsGold = gold,
                GoldAnswersJson = gold ? expected!.ToJson() : null,
                TieBreak = TieBreak.Of(definition.Seed, itemId),
            });
        }
        db.VerificationProjects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }

    public async Task<VerificationProject?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<VerificationProject>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationProjects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    public static ItemFilter FilterOf(VerificationProject project) =>
        JsonSerializer.Deserialize<ItemFilter>(project.ItemFilterJson, FilterJson) ?? new ItemFilter();

    private static List<string> Validate(NewProject definition)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200)
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
        errors.AddRange(definition.Schema.Validate().Select(e => "Label schema: " + e));
        foreach (var (itemId, answers) in definition.GoldItems)
        {
            errors.AddRange(answers.Validate(definition.Schema).Select(e => $"Gold item {itemId}: {e}"));
        }
        if (definition.GoldRate > 0 && definition.GoldItems.Count == 0)
        {
            errors.Add("Gold rate: there are no gold items to mix in.");
        }
        return errors;
    }
}
