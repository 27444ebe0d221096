namespace ValueAlign.Core.Annotation.Assignment;

public enum AssignmentErrorKind
{
    ProjectNotFound,
    /// <summary>The reservation does not exist any more: it was skipped, or expired and was released.</summary>
    ReservationNotHeld,
    ReservationExpired,
    /// <summary>The reservation (or its submitted annotation) belongs to another annotator.</summary>
    ForeignReservation,
    /// <summary>The user is not a member of the project, so its queue serves them nothing.</summary>
    NotMember,
    /// <summary>The annotation to undo belongs to an item that already has a verified label.</summary>
    AlreadyVerified,
    /// <summary>The claim kept losing its items to other annotators claiming at the same moment; asking again succeeds.</summary>
    Busy,
}
