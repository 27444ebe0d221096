using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Labels;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>
/// Turns annotators' labels into verified labels: the project's <see cref="DisagreementRule"/>
/// decides which questions of which items a curator must decide (the queue); the others can be
/// accepted automatically. Callers check the role; the service records who decided.
/// </summary>
public sealed class AdjudicationService(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    public async Task<DisagreementRule> GetRuleAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = await db.VerificationProjects.Where(p => p.Id == projectId).Select(p => p.DisagreementRuleJson).FirstOrDefaultAsync(cancellationToken)
            ?? throw ProjectNotFound(projectId);
        return DisagreementRule.FromJson(json);
    }

    /// <exception cref="AdjudicationException">The rule is invalid (every problem listed) or the project does not exist.</exception>
    public async Task SetRuleAsync(long projectId, DisagreementRule rule, CancellationToken cancellationToken = default)
    {
        var errors = rule.Validate();
        if (errors.Count > 0)
        {
            throw new AdjudicationException(string.Join(Environment.NewLine, errors));
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = rule == DisagreementRule.Default ? "" : rule.ToJson();
        var updated = await db.VerificationProjects.Where(p => p.Id == projectId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DisagreementRuleJson, json), cancellationToken);
        if (updated == 0)
        {
            throw ProjectNotFound(projectId);
        }
    }

    /// <summary>
    /// The items whose labels the rule disputes and that still wait for a decision, or with
    /// <paramref name="includeDecided"/> every disputed item; with all annotators' labels per question.
    /// </summary>
    public async Task<AdjudicationQueue> QueueAsync(long projectId, bool includeDecided = false, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var state = await LoadAsync(db, projectId, cancellationToken);
        var disputed = state.Items.Where(i => i.Questions.Any(q => q.Disputed)).ToList();
        var shown = includeDecided ? disputed : disputed.Where(i => i.Open).ToList();
        var itemIds = shown.Select(i => i.BenchmarkItemId).ToList();
        var items = await db.BenchmarkItems.AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Benchmark, i.ExternalId, i.Text }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var names = await UserNames.LoadAsync(db, state.Items.SelectMany(i => i.Annotations.Select(a => a.AnnotatorId)), cancellationToken);

        var queue = shown.Select(i =>
        {
            var item = items[i.BenchmarkItemId];
            return new AdjudicationItem(i.ProjectItemId, i.BenchmarkItemId, item.Benchmark, item.ExternalId, item.Text,
                i.Questions.Select(q => new QuestionLabels(
                    q.Question,
                    i.Annotations.Select(a => new AnnotatorLabel(a.AnnotationId, a.AnnotatorId, names[a.AnnotatorId], a.Labels.GetValueOrDefault(q.Question.Key))).ToList(),
                    q.Disputed,
                    q.Majority,
                    q.Verified)).ToList());
        }).ToList();
        var progress = new AdjudicationProgress(state.Items.Count, disputed.Count, disputed.Count(i => !i.Open));
        return new AdjudicationQueue(projectId, state.Labels.Project.Name, state.Rule, state.ReadyAt, state.Labels.Questions, queue, progress);
    }

    /// <summary>
    /// Stores the curator's decision for the given questions of one item (replacing earlier
    /// decisions on those questions) as <see cref="VerificationMethod.Adjudicated"/> labels made
    /// from the item's annotations that answered the question. The benchmark item becomes
    /// <see cref="VerificationStatus.Verified"/> when every answered question of the item is
    /// verified, <see cref="VerificationStatus.NeedsReview"/> while some are not, and
    /// <see cref="VerificationStatus.Rejected"/> when <paramref name="rejectItem"/> is set (a flawed item).
    /// </summary>
    /// <param name="labels">Question key → label (option value, Likert point, or values joined by '|' for multiple choice).</param>
    /// <exception cref="AdjudicationException">Unknown project, item or question, a gold item, a label the schema does not allow, or no deciding user.</exception>
    public async Task<IReadOnlyList<VerifiedLabel>> DecideAsync(
        long projectId, long projectItemId, IReadOnlyDictionary<string, string> labels, string decidedBy,
        bool rejectItem = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new AdjudicationException("Decided by: the curator's user id is missing.");
        }
        if (labels.Count == 0 && !rejectItem)
        {
            throw new AdjudicationException("The decision gives no label.");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await db.VerificationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw ProjectNotFound(projectId);
        var projectItem = await db.ProjectItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == projectItemId && i.ProjectId == projectId, cancellationToken)
            ?? throw new AdjudicationException($"Project {projectId} has no item {projectItemId}.");
        if (projectItem.IsGold)
        {
            throw new AdjudicationException($"Item {projectItemId} is a gold item; its answers are set on the project, not adjudicated.");
        }
        var schema = LabelSchema.FromJson(project.LabelSchemaJson);
        var errors = new List<string>();
        var decided = new Dictionary<LabelQuestion, string>();
        foreach (var (key, label) in labels)
        {
            var question = schema.Question(key);
            if (question is null || !AnswerLabel.IsComparable(question))
            {
                errors.Add($"Question '{key}': not a choice or Likert question of the project's schema.");
                continue;
            }
            var problems = AnswerLabel.Validate(question, label ?? "");
            errors.AddRange(problems);
            if (problems.Count == 0)
            {
                decided[question] = AnswerLabel.Normalise(question, label!);
            }
        }
        if (errors.Count > 0)
        {
            throw new AdjudicationException(string.Join(Environment.NewLine, errors));
        }

        var annotations = await db.Annotations.AsNoTracking().Where(a => a.ProjectItemId == projectItemId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.AnswersJson }).ToListAsync(cancellationToken);
        var needed = ReadyAt(project, DisagreementRule.FromJson(project.DisagreementRuleJson));
        if (project.QueueClosedAt is null && annotations.Count < needed)
        {
            throw new AdjudicationException(
                $"Item {projectItemId} has {annotations.Count} of {needed} label(s): it can be verified once its overlap is complete or the project's queue is closed.");
        }
        var answered = annotations.Select(a => (a.Id, Answers: AnnotationAnswers.FromJson(a.AnswersJson))).ToList();
        var existing = await db.VerifiedLabels.Where(l => l.ProjectItemId == projectItemId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = new List<VerifiedLabel>();
        foreach (var (question, label) in decided)
        {
            var sources = answered.Where(a => AnswerLabel.Of(question, a.Answers) is not null).Select(a => a.Id).ToList();
            var row = existing.FirstOrDefault(l => l.QuestionKey == question.Key);
            if (row is null)
            {
                row = new VerifiedLabel { ProjectId = projectId, ProjectItemId = projectItemId, BenchmarkItemId = projectItem.ItemId, QuestionKey = question.Key };
                db.VerifiedLabels.Add(row);
                existing.Add(row);
            }
            row.Label = label;
            row.DecidedBy = decidedBy;
            row.DecidedAt = now;
            row.SourceAnnotationIdsJson = JsonSerializer.Serialize(sources);
            row.Method = VerificationMethod.Adjudicated;
            saved.Add(row);
        }

        var answeredQuestions = schema.Questions.Where(AnswerLabel.IsComparable)
            .Where(q => answered.Any(a => AnswerLabel.Of(q, a.Answers) is not null)).Select(q => q.Key);
        var status = rejectItem ? VerificationStatus.Rejected
            : answeredQuestions.All(k => existing.Any(l => l.QuestionKey == k)) ? VerificationStatus.Verified
            : VerificationStatus.NeedsReview;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new AdjudicationException($"Item {projectItemId} was decided by someone else at the same time; reload and decide again ({e.InnerException?.Message ?? e.Message}).");
        }
        await db.BenchmarkItems.Where(i => i.Id == projectItem.ItemId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.VerificationStatus, status), cancellationToken);
        return saved;
    }

    /// <summary>
    /// Accepts every question of every judged item that the rule does not dispute and that has no
    /// verified label yet: the common label when all agree (<see cref="VerificationMethod.Unanimous"/>),
    /// else the majority (<see cref="VerificationMethod.Majority"/>). Items with every answered
    /// question verified become Verified; items with open disputes become NeedsReview (a Rejected
    /// item stays rejected).
    /// </summary>
    public async Task<AutoVerifyResult> AutoVerifyAsync(long projectId, string decidedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new AdjudicationException("Decided by: the user id is missing.");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var state = await LoadAsync(db, projectId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int unanimous = 0, majority = 0;
        var verifiedItems = new List<long>();
        var reviewItems = new List<long>();
        foreach (var item in state.Items)
        {
            foreach (var question in item.Questions.Where(q => !q.Disputed && q.Verified is null && q.Majority is not null))
            {
                var labels = item.Annotations.Where(a => a.Labels.ContainsKey(question.Question.Key)).ToList();
                var allAgree = labels.All(a => a.Labels[question.Question.Key] == question.Majority);
                db.VerifiedLabels.Add(new VerifiedLabel
                {
                    ProjectId = projectId,
                    ProjectItemId = item.ProjectItemId,
                    BenchmarkItemId = item.BenchmarkItemId,
                    QuestionKey = question.Question.Key,
                    Label = question.Majority!,
                    DecidedBy = decidedBy,
                    DecidedAt = now,
                    SourceAnnotationIdsJson = JsonSerializer.Serialize(labels.Select(a => a.AnnotationId)),
                    Method = allAgree ? VerificationMethod.Unanimous : VerificationMethod.Majority,
                });
                if (allAgree) unanimous++; else majority++;
            }
            (item.Open ? reviewItems : verifiedItems).Add(item.BenchmarkItemId);
        }
        await db.SaveChangesAsync(cancellationToken);
        var verified = await db.BenchmarkItems.Where(i => verifiedItems.Contains(i.Id) && i.VerificationStatus != VerificationStatus.Rejected)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.VerificationStatus, VerificationStatus.Verified), cancellationToken);
        await db.BenchmarkItems.Where(i => reviewItems.Contains(i.Id) && i.VerificationStatus != VerificationStatus.Rejected)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.VerificationStatus, VerificationStatus.NeedsReview), cancellationToken);
        return new AutoVerifyResult(unanimous, majority, verified);
    }

    /// <summary>Every verified label of the project, by item then question.</summary>
    public async Task<IReadOnlyList<VerifiedLabel>> VerifiedLabelsAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerifiedLabels.AsNoTracking().Where(l => l.ProjectId == projectId)
            .OrderBy(l => l.ProjectItemId).ThenBy(l => l.QuestionKey).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Labels an item needs before it is judged (and so can be verified): the rule's threshold, but
    /// never fewer than the overlap while the queue is open, so a verified label never shows
    /// annotators a consensus on an item others are still labelling.
    /// </summary>
    internal static int ReadyAt(Model.VerificationProject project, DisagreementRule rule) =>
        project.QueueClosedAt is null ? Math.Max(rule.ReadyAt(project.Overlap), project.Overlap) : rule.ReadyAt(project.Overlap);

    private sealed record QuestionState(LabelQuestion Question, bool Disputed, string? Majority, VerifiedLabel? Verified)
    {
        public bool Open => Disputed && Verified is null;
    }

    private sealed record ItemState(long ProjectItemId, long BenchmarkItemId, IReadOnlyList<AnnotationLabels> Annotations, IReadOnlyList<QuestionState> Questions)
    {
        public bool Open => Questions.Any(q => q.Open);
    }

    private sealed record ProjectState(ProjectLabels Labels, DisagreementRule Rule, int ReadyAt, IReadOnlyList<ItemState> Items);

    /// <summary>The judged (ready) items of the project with each question's verdict.</summary>
    private static async Task<ProjectState> LoadAsync(ValueAlignDbContext db, long projectId, CancellationToken cancellationToken)
    {
        var labels = await ProjectLabels.LoadAsync(db, projectId, cancellationToken) ?? throw ProjectNotFound(projectId);
        var rule = DisagreementRule.FromJson(labels.Project.DisagreementRuleJson);
        var readyAt = ReadyAt(labels.Project, rule);
        var verified = (await db.VerifiedLabels.AsNoTracking().Where(l => l.ProjectId == projectId).ToListAsync(cancellationToken))
            .ToDictionary(l => (l.ProjectItemId, l.QuestionKey));
        var items = labels.Annotations
            .GroupBy(a => a.ProjectItemId)
            .Where(g => g.Count() >= readyAt)
            .Select(g =>
            {
                var annotations = g.ToList();
                var questions = labels.Questions.Select(q =>
                {
                    var given = annotations.Select(a => a.Labels.GetValueOrDefault(q.Key)).OfType<string>().ToList();
                    return new QuestionState(q, rule.Disputes(given), Majority(given), verified.GetValueOrDefault((g.Key, q.Key)));
                }).ToList();
                return new ItemState(g.Key, annotations[0].BenchmarkItemId, annotations, questions);
            })
            .ToList();
        return new ProjectState(labels, rule, readyAt, items);
    }

    /// <summary>The plurality label; null when there are no labels or the top labels tie.</summary>
    private static string? Majority(IReadOnlyList<string> labels)
    {
        var counts = labels.GroupBy(l => l, StringComparer.Ordinal).Select(g => (g.Key, Count: g.Count())).OrderByDescending(c => c.Count).ToList();
        if (counts.Count == 0 || (counts.Count > 1 && counts[1].Count == counts[0].Count))
        {
            return null;
        }
        return counts[0].Key;
    }

    private static AdjudicationException ProjectNotFound(long projectId) => new($"Verification project {projectId} does not exist.");
}
