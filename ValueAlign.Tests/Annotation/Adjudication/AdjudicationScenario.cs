using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Agreement;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Tests.Annotation.Adjudication;

/// <summary>
/// A real SQLite database with a honesty-template project whose items annotators label through the
/// assignment service (as the annotate page does), plus the adjudication and judging services.
/// </summary>
public sealed class AdjudicationScenario : IAsyncDisposable
{
    private AdjudicationScenario(AnnotationDatabase db)
    {
        Db = db;
        Adjudication = new AdjudicationService(db.Factory, db.Clock);
        Store = new VerifiedLabelStore(db.Factory);
        Judges = new JudgeLabelStore(db.Factory, db.Clock);
        Comparisons = new JudgeComparisonService(db.Factory);
        Agreement = new ProjectAgreementService(db.Factory, Judges, Comparisons);
    }

    public AnnotationDatabase Db { get; }
    public AdjudicationService Adjudication { get; }
    public VerifiedLabelStore Store { get; }
    public JudgeLabelStore Judges { get; }
    public JudgeComparisonService Comparisons { get; }
    public ProjectAgreementService Agreement { get; }
    public VerificationProject Project { get; private set; } = default!;

    /// <summary>Benchmark item ids of the project's items, in insertion order.</summary>
    public List<long> Items { get; private set; } = [];

    public static async Task<AdjudicationScenario> CreateAsync(int items, int overlap)
    {
        var scenario = new AdjudicationScenario(await AnnotationDatabase.SqliteAsync());
        scenario.Items = await scenario.Db.AddItemsAsync(items);
        scenario.Project = await scenario.Db.CreateProjectAsync(overlap: overlap);
        return scenario;
    }

    /// <summary>
    /// The annotator takes items from their queue until it is empty; <paramref name="answer"/>
    /// gives the answers for a benchmark item id, or null to skip it.
    /// </summary>
    public async Task LabelAsync(string annotator, Func<long, AnnotationAnswers?> answer)
    {
        while (await Db.Assignments.NextAsync(Project.Id, annotator) is { } next)
        {
            if (answer(next.ItemId) is { } answers)
            {
                await Db.Assignments.SubmitAsync(next.ReservationId, annotator, answers);
            }
            else
            {
                await Db.Assignments.SkipAsync(next.ReservationId, annotator);
            }
        }
    }

    /// <summary>Honesty answers: the three choice questions and an optional comment.</summary>
    public static AnnotationAnswers Answers(string unanswerable, string type = "false-premises", string reason = "yes", string? comment = null)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["unanswerable"] = [unanswerable],
            ["type"] = [type],
            ["reason-correct"] = [reason],
        };
        if (comment is not null)
        {
            answers["comment"] = [comment];
        }
        return new AnnotationAnswers { Answers = answers };
    }

    /// <summary>Closes the project's queue, as a curator does to verify items whose overlap was not reached.</summary>
    public async Task CloseQueueAsync()
    {
        Assert.True(await new Core.Annotation.Projects.VerificationProjectService(Db.Factory, Db.Clock).SetQueueClosedAsync(Project.Id, closed: true));
    }

    public async Task<long> ProjectItemIdAsync(long benchmarkItemId)
    {
        await using var db = Db.Factory.CreateDbContext();
        return db.ProjectItems.Single(i => i.ProjectId == Project.Id && i.ItemId == benchmarkItemId).Id;
    }

    public async Task<Core.Benchmarks.Model.VerificationStatus> StatusAsync(long benchmarkItemId)
    {
        await using var db = Db.Factory.CreateDbContext();
        return db.BenchmarkItems.Single(i => i.Id == benchmarkItemId).VerificationStatus;
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
