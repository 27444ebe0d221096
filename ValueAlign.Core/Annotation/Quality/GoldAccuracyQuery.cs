using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Quality;

/// <summary>Gold accuracy of a project from its stored annotations on gold items.</summary>
public sealed class GoldAccuracyQuery(IDbContextFactory<ValueAlignDbContext> factory)
{
    public async Task<GoldAccuracyReport> ForProjectAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var schemaJson = await db.VerificationProjects.Where(p => p.Id == projectId).Select(p => p.LabelSchemaJson).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Verification project {projectId} does not exist.");
        var rows = await db.Annotations.AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.ProjectItem!.IsGold && a.ProjectItem.GoldAnswersJson != null)
            .Select(a => new { a.AnnotatorId, a.ProjectItemId, a.AnswersJson, Gold = a.ProjectItem!.GoldAnswersJson! })
            .ToListAsync(cancellationToken);
        return GoldAccuracy.Compute(
            LabelSchema.FromJson(schemaJson),
            rows.Select(r => new GoldAnswer(r.AnnotatorId, r.ProjectItemId, AnnotationAnswers.FromJson(r.AnswersJson), AnnotationAnswers.FromJson(r.Gold))));
    }
}
