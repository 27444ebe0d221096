using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Labels;

/// <summary>
/// A project's submitted labels on its regular (non-gold) items: what both the agreement report and
/// the adjudication queue start from. Gold items are left out; they measure annotators instead.
/// </summary>
public sealed record ProjectLabels(
    VerificationProject Project,
    LabelSchema Schema,
    IReadOnlyList<LabelQuestion> Questions,
    IReadOnlyList<AnnotationLabels> Annotations)
{
    /// <summary>Null when the project does not exist.</summary>
    public static async Task<ProjectLabels?> LoadAsync(ValueAlignDbContext db, long projectId, CancellationToken cancellationToken = default)
    {
        var project = await db.VerificationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var schema = LabelSchema.FromJson(project.LabelSchemaJson);
        var questions = schema.Questions.Where(AnswerLabel.IsComparable).ToList();
        var rows = await db.Annotations.AsNoTracking()
            .Where(a => a.ProjectId == projectId && !a.ProjectItem!.IsGold)
            .OrderBy(a => a.ProjectItemId).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.ProjectItemId, a.ProjectItem!.ItemId, a.AnnotatorId, a.CreatedAt, a.AnswersJson })
            .ToListAsync(cancellationToken);
        var annotations = rows.Select(r =>
        {
            var answers = AnnotationAnswers.FromJson(r.AnswersJson);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var question in questions)
            {
                if (AnswerLabel.Of(question, answers) is { } label)
                {
                    labels[question.Key] = label;
                }
            }
            return new AnnotationLabels(r.Id, r.ProjectItemId, r.ItemId, r.AnnotatorId, r.CreatedAt, labels);
        }).ToList();
        return new ProjectLabels(project, schema, questions, annotations);
    }
}
