using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Labels;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>Builds a project's <see cref="ProjectAgreement"/> from the database with the same statistics the <c>agreement</c> verb computes from a file.</summary>
public sealed class ProjectAgreementService(
    IDbContextFactory<ValueAlignDbContext> factory, JudgeLabelStore judges, JudgeComparisonService comparisons)
{
    /// <summary>
    /// Null when the project does not exist. Without <see cref="LabelDisclosure.ShowAnnotatorIdentities"/>
    /// (a Viewer's page) every annotator is the project's pseudonym, in the names and in the
    /// statistics' annotator ids alike, so neither a name nor a user id reaches the reader.
    /// </summary>
    public async Task<ProjectAgreement?> BuildAsync(long projectId, LabelDisclosure disclosure, CancellationToken cancellationToken = default)
    {
        ProjectLabels? labels;
        IReadOnlyDictionary<string, string> names;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            labels = await ProjectLabels.LoadAsync(db, projectId, cancellationToken);
            if (labels is null)
            {
                return null;
            }
            names = disclosure.ShowAnnotatorIdentities
                ? await UserNames.LoadAsync(db, labels.Annotations.Select(a => a.AnnotatorId), cancellationToken)
                : new Dictionary<string, string>();
        }
        string Shown(string annotatorId) => disclosure.ShowAnnotatorIdentities ? annotatorId : LabelDisclosure.Pseudonym(projectId, annotatorId);
        var order = labels.Questions.Select((q, i) => (q.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var rows = labels.Annotations
            .SelectMany(a => a.Labels.Select(l => new AnnotationRow(
                a.ProjectItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(a.AnnotatorId), l.Key, l.Value)))
            .OrderBy(r => order[r.Question]);
        var report = AgreementReport.Compute(rows);
        // The report sorts questions by key; the page shows them in the schema's order.
        report = new AgreementReport(report.Questions.OrderBy(q => order[q.Question]).ToList());

        var judged = new List<JudgeComparison>();
        foreach (var model in await judges.JudgeModelsForProjectAsync(projectId, cancellationToken))
        {
            foreach (var question in labels.Questions)
            {
                var majority = HumanMajority.PerItem(labels.Annotations, question.Key);
                var comparison = await comparisons.CompareAsync(projectId, question.Key, model, cancellationToken, majority);
                if (comparison.N > 0 || comparison.JudgeOnlyItems > 0 || comparison.VersusMajority is { N: > 0 })
                {
                    judged.Add(comparison);
                }
            }
        }
        return new ProjectAgreement(projectId, labels.Project.Name, labels.Questions, report, names, judged);
    }
}
