using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Agreement;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Judging;

/// <summary>Pairs a judge's labels with the verified human labels of a project, item by item, for one question.</summary>
public sealed class JudgeComparisonService(IDbContextFactory<ValueAlignDbContext> factory)
{
    /// <summary>
    /// Compares <paramref name="judgeModel"/> with the project's verified labels of
    /// <paramref name="questionKey"/> on the project's items. When a judge labelled an item more
    /// than once (several runs), its latest label counts. With <paramref name="humanMajority"/>
    /// (benchmark item id → the annotators' plurality label) the judge is compared with it too.
    /// </summary>
    public async Task<JudgeComparison> CompareAsync(
        long projectId, string questionKey, string judgeModel, CancellationToken cancellationToken = default, IReadOnlyDictionary<long, string>? humanMajority = null)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var human = await db.VerifiedLabels.AsNoTracking()
            .Where(l => l.ProjectId == projectId && l.QuestionKey == questionKey)
            .Select(l => new { l.BenchmarkItemId, l.Label }).ToListAsync(cancellationToken);
        var judged = await db.JudgeLabels.AsNoTracking()
            .Where(j => j.JudgeModel == judgeModel && j.QuestionKey == questionKey)
            .Where(j => db.ProjectItems.Any(i => i.ProjectId == projectId && !i.IsGold && i.ItemId == j.BenchmarkItemId))
            .Select(j => new { j.Id, j.BenchmarkItemId, j.Label, j.CreatedAt }).ToListAsync(cancellationToken);
        var latest = judged.GroupBy(j => j.BenchmarkItemId)
            .Select(g => g.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).First());
        var result = JudgeAgreement.Compare(
            latest.Select(j => (j.BenchmarkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), j.Label)),
            human.Select(h => (h.BenchmarkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Label)));
        var versusMajority = humanMajority is null ? null : JudgeAgreement.Compare(
            latest.Select(j => (j.BenchmarkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), j.Label)),
            humanMajority.Select(h => (h.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Value))).Kappa;
        return new JudgeComparison(judgeModel, questionKey, result.Kappa, result.JudgeOnlyItems, result.ReferenceOnlyItems, versusMajority);
    }
}
