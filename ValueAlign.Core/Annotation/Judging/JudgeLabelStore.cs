using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Judging;

/// <summary>Stores model judges' labels (written by evaluation runs) and reads them back.</summary>
public sealed class JudgeLabelStore(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    /// <summary>Stores the labels in one transaction; a label without <c>CreatedAt</c> gets the current time. Returns how many were stored.</summary>
    /// <exception cref="ArgumentException">A label has no question, label or judge model; nothing is stored.</exception>
    public async Task<int> AddAsync(IEnumerable<JudgeLabel> labels, CancellationToken cancellationToken = default)
    {
        var list = labels.ToList();
        var errors = list.Select((l, i) => (l, i))
            .Where(x => string.IsNullOrWhiteSpace(x.l.QuestionKey) || string.IsNullOrWhiteSpace(x.l.Label) || string.IsNullOrWhiteSpace(x.l.JudgeModel))
            .Select(x => $"Judge label {x.i + 1} (item {x.l.BenchmarkItemId}): question key, label and judge model are required.")
            .ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(labels));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var label in list.Where(l => l.CreatedAt == default))
        {
            label.CreatedAt = now;
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.JudgeLabels.AddRange(list);
        await db.SaveChangesAsync(cancellationToken);
        return list.Count;
    }

    /// <summary>The judge models that labelled any item of the project, by name.</summary>
    public async Task<IReadOnlyList<string>> JudgeModelsForProjectAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.JudgeLabels.AsNoTracking()
            .Where(j => db.ProjectItems.Any(i => i.ProjectId == projectId && i.ItemId == j.BenchmarkItemId))
            .Select(j => j.JudgeModel).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
    }
}
