using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Preference;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// Builds the <see cref="NextItemView"/> of an annotator's queue: serves the next item (or the one
/// an undo or an unconfirmed submit gives back) and gathers everything the page shows with it,
/// so the page only renders. The blind rule and the per-annotator A/B order are applied here.
/// </summary>
public sealed class NextItemViewBuilder(AssignmentService assignments, BenchmarkQuery query, PeerAnnotations peers)
{
    /// <summary>
    /// The annotator's next item, or null when nothing is left for them. Answers start from the
    /// ones <paramref name="carried"/> holds when the same item comes back, else from the answers an
    /// undo gave back (<see cref="Assignment.PreviousAnswers"/>).
    /// </summary>
    public async Task<NextItemView?> NextAsync(
        VerificationProject project, LabelSchema schema, string annotatorId, CarriedAnswers? carried = null, CancellationToken cancellationToken = default)
    {
        var next = await assignments.NextAsync(project.Id, annotatorId, cancellationToken);
        if (next is null)
        {
            return null;
        }
        var answers = carried is not null && carried.ItemId == next.ItemId ? carried.Answers : next.PreviousAnswers;
        return await ForAsync(project, schema, annotatorId, next, answers, cancellationToken);
    }

    /// <summary>The view of an item the annotator holds, starting from <paramref name="answers"/>.</summary>
    public async Task<NextItemView> ForAsync(
        VerificationProject project, LabelSchema schema, string annotatorId, Assignment assignment, AnnotationAnswers? answers,
        CancellationToken cancellationToken = default)
    {
        var item = await query.GetAsync(assignment.ItemId, cancellationToken)
            ?? throw new InvalidOperationException($"Benchmark item {assignment.ItemId} of the project no longer exists.");
        var variants = await query.AlignedVariantsAsync(item, cancellationToken);
        var others = project.BlindMode || assignment.ProjectItemId == 0
            ? []
            : await peers.ForItemAsync(project.Id, assignment.ProjectItemId, annotatorId, cancellationToken);
        var presentation = item.Kind == ItemKind.PreferencePair && PreferenceSchema.Applies(schema)
            ? PreferencePresentation.OrderFor(project.Id, annotatorId, item.Id)
            : null;
        var shown = presentation is null ? schema : PreferencePresentation.ForDisplay(schema, presentation);
        return new NextItemView(assignment, item, variants, others, presentation, shown, answers);
    }

    /// <summary>
    /// The view of an item whose submit was sent but not confirmed (a reload or a new circuit):
    /// shown read-only while it is sent again, so no peers are looked up for it.
    /// </summary>
    public Task<NextItemView> ForUnconfirmedSubmitAsync(
        VerificationProject project, LabelSchema schema, string annotatorId, long reservationId, long itemId, AnnotationAnswers answers,
        CancellationToken cancellationToken = default) =>
        ForAsync(project, schema, annotatorId, new Assignment(reservationId, project.Id, 0, itemId, DateTime.MaxValue), answers, cancellationToken);
}
