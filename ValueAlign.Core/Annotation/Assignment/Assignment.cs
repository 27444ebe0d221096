using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// An item served to an annotator, held for them until <see cref="ExpiresAt"/>.
/// <see cref="PreviousAnswers"/> is set when an undo gives back an item the annotator had submitted.
/// Whether the item is gold is deliberately not part of it.
/// </summary>
public sealed record Assignment(
    long ReservationId,
    long ProjectId,
    long ProjectItemId,
    long ItemId,
    DateTime ExpiresAt,
    AnnotationAnswers? PreviousAnswers = null);
