using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Labels;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>
/// Reads verified labels with everything a reader needs: project, question text, who decided, and
/// the labels they were decided from, filtered and pseudonymised by the reader's <see cref="LabelDisclosure"/>.
/// </summary>
public sealed class VerifiedLabelStore(IDbContextFactory<ValueAlignDbContext> factory)
{
    /// <summary>The verified labels of one benchmark item, over all projects, as <paramref name="disclosure"/> lets the reader see them.</summary>
    public async Task<IReadOnlyList<VerifiedLabelView>> ForItemAsync(long benchmarkItemId, LabelDisclosure disclosure, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, db.VerifiedLabels.Where(l => l.BenchmarkItemId == benchmarkItemId), disclosure, cancellationToken);
    }

    /// <summary>Views of the given labels, ordered by item, project and the question's position in the schema.</summary>
    public static async Task<IReadOnlyList<VerifiedLabelView>> LoadAsync(
        ValueAlignDbContext db, IQueryable<VerifiedLabel> labels, LabelDisclosure disclosure, CancellationToken cancellationToken = default)
    {
        var rows = await labels.AsNoTracking().ToListAsync(cancellationToken);
        if (!disclosure.ShowItemsInOpenBlindQueues && rows.Count > 0)
        {
            var hidden = await LabelDisclosure.ItemsInOpenBlindQueuesAsync(db, rows.Select(r => r.BenchmarkItemId).Distinct().ToList(), cancellationToken);
            rows.RemoveAll(r => hidden.Contains(r.BenchmarkItemId));
        }
        if (rows.Count == 0)
        {
            return [];
        }
        var projectIds = rows.Select(r => r.ProjectId).Distinct().ToList();
        var projects = await db.VerificationProjects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.LabelSchemaJson }).ToListAsync(cancellationToken);
        var schemas = projects.ToDictionary(p => p.Id, p => (p.Name, Schema: LabelSchema.FromJson(p.LabelSchemaJson)));
        var sourceIds = rows.ToDictionary(r => r.Id, r => JsonSerializer.Deserialize<List<long>>(r.SourceAnnotationIdsJson) ?? []);
        var allSources = sourceIds.Values.SelectMany(s => s).Distinct().ToList();
        var annotations = await db.Annotations.AsNoTracking().Where(a => allSources.Contains(a.Id))
            .Select(a => new { a.Id, a.AnnotatorId, a.AnswersJson }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var names = await UserNames.LoadAsync(db, rows.Select(r => r.DecidedBy).Concat(annotations.Values.Select(a => a.AnnotatorId)), cancellationToken);

        return rows
            .Select(r =>
            {
                var (projectName, schema) = schemas[r.ProjectId];
                var question = schema.Question(r.QuestionKey);
                var sources = sourceIds[r.Id].Select(id =>
                {
                    if (!annotations.TryGetValue(id, out var a))
                    {
                        return new VerifiedLabelSource(id, "(withdrawn)", null, null);
                    }
                    var label = question is null ? null : AnswerLabel.Of(question, AnnotationAnswers.FromJson(a.AnswersJson));
                    var annotator = disclosure.ShowAnnotatorIdentities ? names[a.AnnotatorId] : LabelDisclosure.Pseudonym(r.ProjectId, a.AnnotatorId);
                    return new VerifiedLabelSource(id, annotator, label, label is null ? null : AnswerLabel.Display(question, label));
                }).ToList();
                return (Order: question is null ? int.MaxValue : schema.Questions.ToList().IndexOf(question), View: new VerifiedLabelView(
                    r.Id, r.ProjectId, projectName, r.BenchmarkItemId, r.QuestionKey, question?.Text ?? r.QuestionKey,
                    r.Label, AnswerLabel.Display(question, r.Label), r.Method, names[r.DecidedBy], r.DecidedAt, sources));
            })
            .OrderBy(v => v.View.BenchmarkItemId).ThenBy(v => v.View.ProjectId).ThenBy(v => v.Order)
            .Select(v => v.View)
            .ToList();
    }
}
