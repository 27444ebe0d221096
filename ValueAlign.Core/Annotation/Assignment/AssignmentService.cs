using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// Each annotator's personal queue. An item's load is its submitted annotations plus its live
/// reservations; the queue serves the least-loaded item first, ties in the project's seeded
/// order, never an item the annotator has annotated, skipped or holds, and never a regular item
/// whose load has reached the overlap. Gold items are mixed in at the project's gold rate and are
/// not bound by the overlap (every annotator may get each gold item once). Every change runs
/// inside <see cref="ProjectGate"/>: on SQLite a project's queue changes run one at a time; on
/// PostgreSQL one annotator's do, while different annotators claim different items side by side
/// (<see cref="PostgresItemClaim"/>). Only project
/// members (<c>ProjectMembershipService</c>) are served: <see cref="NextAsync"/> and
/// <see cref="UndoLastAsync"/> throw <see cref="AssignmentErrorKind.NotMember"/> for anyone else.
/// </summary>
public sealed class AssignmentService(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    /// <summary>
    /// The annotator's live reservation in the project if they hold one (a reload shows the same
    /// item), else a newly reserved item; null when nothing is left for them or the queue is closed.
    /// </summary>
    public Task<Assignment?> NextAsync(long projectId, string annotatorId, CancellationToken cancellationToken = default) =>
        ProjectGate.RunForAnnotatorAsync(factory, projectId, annotatorId, async db =>
        {
            var now = Now;
            // One round trip for the project, the membership check and whether a live reservation is already held.
            var state = await db.VerificationProjects.AsNoTracking()
                .Where(p => p.Id == projectId)
                .Select(p => new
                {
                    Project = p,
                    Member = db.ProjectMembers.Any(m => m.ProjectId == projectId && m.UserId == annotatorId),
                    HeldId = db.Reservations
                        .Where(r => r.ProjectId == projectId && r.AnnotatorId == annotatorId && r.ExpiresAt > now)
                        .OrderBy(r => r.Id)
                        .Select(r => (long?)r.Id)
                        .FirstOrDefault(),
                    HoldsExpired = db.Reservations.Any(r => r.ProjectId == projectId && r.AnnotatorId == annotatorId && r.ExpiresAt <= now),
                })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw ProjectNotFound(projectId);
            if (!state.Member)
            {
                throw NotMember(projectId);
            }
            var project = state.Project;
            if (project.QueueClosedAt is not null)
            {
                return null;
            }
            if (state.HeldId is { } heldId)
            {
                // A reload while holding an item: show the same one.
                var held = await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == heldId, cancellationToken);
                return ToAssignment(held, await ItemIdAsync(db, held.ProjectItemId, cancellationToken));
            }

            var chosen = await GoldDueAsync(db, project, annotatorId, cancellationToken)
                ? await CandidateAsync(db, project, annotatorId, gold: true, now, cancellationToken)
                : null;
            chosen ??= await CandidateAsync(db, project, annotatorId, gold: false, now, cancellationToken);
            if (chosen is null)
            {
                return null;
            }
            return await ReserveAsync(db, project, annotatorId, chosen.Value.ProjectItemId, chosen.Value.ItemId, now, null, state.HoldsExpired, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Stores the answers of a held reservation and releases it. A retry of a submit that was saved
    /// returns the first result instead of storing twice. <paramref name="timeSpentMs"/> is what
    /// the page measured; without it the time since the item was served is recorded.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(
        long reservationId, string annotatorId, AnnotationAnswers answers, long? timeSpentMs = null, CancellationToken cancellationToken = default)
    {
        var projectId = await ProjectOfReservationAsync(reservationId, cancellationToken);
        return await SubmitInProjectAsync(projectId, reservationId, annotatorId, answers, timeSpentMs, cancellationToken);
    }

    /// <summary>
    /// <see cref="SubmitAsync"/> for a caller that knows the reservation's project (the annotate
    /// page): one round trip fewer. A reservation of another project is not held here.
    /// </summary>
    public Task<SubmitResult> SubmitInProjectAsync(
        long projectId, long reservationId, string annotatorId, AnnotationAnswers answers, long? timeSpentMs = null, CancellationToken cancellationToken = default) =>
        ProjectGate.RunForAnnotatorAsync(factory, projectId, annotatorId, async db =>
        {
            // A submit removes its reservation in the same transaction, so a held reservation means
            // no annotation yet; only when it is gone is this possibly a retry of a saved submit.
            var held = await db.Reservations.Where(r => r.Id == reservationId && r.ProjectId == projectId)
                .Select(r => new { Reservation = r, Schema = db.VerificationProjects.Where(p => p.Id == projectId).Select(p => p.LabelSchemaJson).First() })
                .FirstOrDefaultAsync(cancellationToken);
            if (held is null)
            {
                var done = await db.Annotations.AsNoTracking().FirstOrDefaultAsync(a => a.ReservationId == reservationId && a.ProjectId == projectId, cancellationToken)
                    ?? throw NotHeld(reservationId);
                EnsureOwner(done.AnnotatorId, annotatorId, reservationId);
                return new SubmitResult(done.Id, done.ProjectItemId, done.TimeSpentMs, AlreadySubmitted: true);
            }
            var reservation = held.Reservation;
            EnsureOwner(reservation.AnnotatorId, annotatorId, reservationId);
            answers.EnsureValid(LabelSchema.FromJson(held.Schema));
            // Counting the item first takes its row lock on PostgreSQL, so a claim of the same item
            // waits for this submit, and the expiry check below cannot go stale (an item claimed
            // because this reservation had expired is never also counted by this submit).
            await db.ProjectItems.Where(i => i.Id == reservation.ProjectItemId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AnnotationCount, i => i.AnnotationCount + 1), cancellationToken);
            var now = Now;
            EnsureLive(reservation, now);
            var annotation = new ItemAnnotation
            {
                ProjectId = reservation.ProjectId,
                ProjectItemId = reservation.ProjectItemId,
                AnnotatorId = annotatorId,
                ReservationId = reservationId,
                AnswersJson = answers.ToJson(),
                TimeSpentMs = Math.Max(0, timeSpentMs ?? (long)(now - reservation.ReservedAt).TotalMilliseconds),
                CreatedAt = now,
            };
            db.Annotations.Add(annotation);
            db.Reservations.Remove(reservation);
            await db.SaveChangesAsync(cancellationToken);
            return new SubmitResult(annotation.Id, annotation.ProjectItemId, annotation.TimeSpentMs, AlreadySubmitted: false);
        }, cancellationToken);

    /// <summary>Passes on a held item: it returns to the pool and is never served to this annotator again.</summary>
    public async Task SkipAsync(long reservationId, string annotatorId, CancellationToken cancellationToken = default)
    {
        var projectId = await ProjectOfReservationAsync(reservationId, cancellationToken);
        await ProjectGate.RunForAnnotatorAsync(factory, projectId, annotatorId, async db =>
        {
            var skipped = await db.ItemSkips.AsNoTracking().FirstOrDefaultAsync(s => s.ReservationId == reservationId, cancellationToken);
            if (skipped is not null)
            {
                EnsureOwner(skipped.AnnotatorId, annotatorId, reservationId);
                return true;
            }
            var reservation = await OwnedAsync(db, reservationId, annotatorId, cancellationToken);
            EnsureLive(reservation, Now);
            db.ItemSkips.Add(new ItemSkip
            {
                ProjectId = reservation.ProjectId,
                ProjectItemId = reservation.ProjectItemId,
                AnnotatorId = annotatorId,
                ReservationId = reservationId,
                CreatedAt = Now,
            });
            db.Reservations.Remove(reservation);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Withdraws the annotator's last submit in the project and gives that item back to them
    /// (with the withdrawn answers to edit); the item they held instead returns to the pool.
    /// Null when they have nothing to undo; <see cref="AssignmentErrorKind.AlreadyVerified"/> once
    /// that item has a verified label.
    /// </summary>
    public Task<Assignment?> UndoLastAsync(long projectId, string annotatorId, CancellationToken cancellationToken = default) =>
        ProjectGate.RunForAnnotatorAsync(factory, projectId, annotatorId, async db =>
        {
            var project = await db.VerificationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken)
                ?? throw ProjectNotFound(projectId);
            await EnsureMemberAsync(db, projectId, annotatorId, cancellationToken);
            var last = await db.Annotations
                .Where(a => a.ProjectId == projectId && a.AnnotatorId == annotatorId)
                .OrderByDescending(a => a.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (last is null)
            {
                return null;
            }
            // A verified label was decided from this annotation: withdrawing it would change what was verified.
            if (await db.VerifiedLabels.AnyAsync(l => l.ProjectItemId == last.ProjectItemId, cancellationToken))
            {
                throw new AssignmentException(AssignmentErrorKind.AlreadyVerified,
                    "Your last label can no longer be undone: the item's label has been verified.");
            }
            await db.Reservations.Where(r => r.ProjectId == projectId && r.AnnotatorId == annotatorId).ExecuteDeleteAsync(cancellationToken);
            await db.ProjectItems.Where(i => i.Id == last.ProjectItemId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AnnotationCount, i => i.AnnotationCount - 1), cancellationToken);
            db.Annotations.Remove(last);
            await db.SaveChangesAsync(cancellationToken);
            var itemId = await ItemIdAsync(db, last.ProjectItemId, cancellationToken);
            return await ReserveAsync(db, project, annotatorId, last.ProjectItemId, itemId, Now, AnnotationAnswers.FromJson(last.AnswersJson), holdsExpired: false, cancellationToken);
        }, cancellationToken);

    public async Task<AnnotatorProgress> MyProgressAsync(long projectId, string annotatorId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var mine = db.Annotations.AsNoTracking().Where(a => a.ProjectId == projectId && a.AnnotatorId == annotatorId);
        return new AnnotatorProgress(
            await mine.CountAsync(cancellationToken),
            await db.ItemSkips.CountAsync(s => s.ProjectId == projectId && s.AnnotatorId == annotatorId, cancellationToken),
            await mine.CountAsync(a => a.ProjectItem!.IsGold, cancellationToken));
    }

    /// <summary>Everyone who submitted or skipped in the project, with their progress, by annotator id.</summary>
    public async Task<IReadOnlyDictionary<string, AnnotatorProgress>> ProgressByAnnotatorAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var submitted = await db.Annotations.AsNoTracking().Where(a => a.ProjectId == projectId)
            .GroupBy(a => a.AnnotatorId)
            .Select(g => new { Annotator = g.Key, Submitted = g.Count(), Gold = g.Count(a => a.ProjectItem!.IsGold) })
            .ToListAsync(cancellationToken);
        var skipped = await db.ItemSkips.AsNoTracking().Where(s => s.ProjectId == projectId)
            .GroupBy(s => s.AnnotatorId)
            .Select(g => new { Annotator = g.Key, Skipped = g.Count() })
            .ToDictionaryAsync(g => g.Annotator, g => g.Skipped, cancellationToken);
        var result = submitted.ToDictionary(s => s.Annotator, s => new AnnotatorProgress(s.Submitted, skipped.GetValueOrDefault(s.Annotator), s.Gold));
        foreach (var (annotator, count) in skipped.Where(s => !result.ContainsKey(s.Key)))
        {
            result[annotator] = new AnnotatorProgress(0, count, 0);
        }
        return result;
    }

    public async Task<ProjectProgress> ProjectProgressAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var overlap = await db.VerificationProjects.Where(p => p.Id == projectId).Select(p => (int?)p.Overlap).FirstOrDefaultAsync(cancellationToken)
            ?? throw ProjectNotFound(projectId);
        var items = db.ProjectItems.AsNoTracking().Where(i => i.ProjectId == projectId);
        var regular = items.Where(i => !i.IsGold);
        var count = await regular.CountAsync(cancellationToken);
        return new ProjectProgress(
            count,
            count * overlap,
            await regular.SumAsync(i => i.AnnotationCount < overlap ? i.AnnotationCount : overlap, cancellationToken),
            await regular.CountAsync(i => i.AnnotationCount >= overlap, cancellationToken),
            await items.CountAsync(i => i.IsGold, cancellationToken),
            await items.Where(i => i.IsGold).SumAsync(i => i.AnnotationCount, cancellationToken));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Gold is due when serving a regular item would leave the annotator's gold share below the
    /// rate: with rate r, the k-th submit is gold when ⌊r·k⌋ exceeds the gold submitted so far
    /// (r = 0.2 makes every fifth item gold).
    /// </summary>
    private static async Task<bool> GoldDueAsync(ValueAlignDbContext db, VerificationProject project, string annotatorId, CancellationToken cancellationToken)
    {
        if (project.GoldRate <= 0)
        {
            return false;
        }
        var counts = await db.Annotations.Where(a => a.ProjectId == project.Id && a.AnnotatorId == annotatorId)
            .GroupBy(a => a.AnnotatorId)
            .Select(g => new { Submitted = g.Count(), Gold = g.Count(a => a.ProjectItem!.IsGold) })
            .FirstOrDefaultAsync(cancellationToken);
        return Math.Floor(project.GoldRate * ((counts?.Submitted ?? 0) + 1) + 1e-9) > (counts?.Gold ?? 0);
    }

    /// <summary>
    /// Only members get items or undo in a project. Checked inside the gate so a removal takes
    /// effect for the very next request; a reservation already held can still be submitted or
    /// skipped (it expires like any other).
    /// </summary>
    private static async Task EnsureMemberAsync(ValueAlignDbContext db, long projectId, string annotatorId, CancellationToken cancellationToken)
    {
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == annotatorId, cancellationToken))
        {
            throw NotMember(projectId);
        }
    }

    private static async Task<(long ProjectItemId, long ItemId)?> CandidateAsync(
        ValueAlignDbContext db, VerificationProject project, string annotatorId, bool gold, DateTime now, CancellationToken cancellationToken)
    {
        if (!gold && db.Database.IsNpgsql())
        {
            return await PostgresItemClaim.LockedCandidateAsync(db, project, annotatorId, now, cancellationToken);
        }
        var overlap = project.Overlap;
        var open = db.ProjectItems
            .Where(i => i.ProjectId == project.Id && i.IsGold == gold)
            .Where(i => !db.Annotations.Any(a => a.ProjectItemId == i.Id && a.AnnotatorId == annotatorId))
            .Where(i => !db.ItemSkips.Any(s => s.ProjectItemId == i.Id && s.AnnotatorId == annotatorId))
            .Where(i => !db.Reservations.Any(r => r.ProjectItemId == i.Id && r.AnnotatorId == annotatorId && r.ExpiresAt > now))
            .Select(i => new
            {
                i.Id,
                i.ItemId,
                i.TieBreak,
                Load = i.AnnotationCount + db.Reservations.Count(r => r.ProjectItemId == i.Id && r.ExpiresAt > now),
            });
        if (!gold)
        {
            open = open.Where(i => i.Load < overlap);
        }
        var first = await open.OrderBy(i => i.Load).ThenBy(i => i.TieBreak).ThenBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        return first is null ? null : (first.Id, first.ItemId);
    }

    private static async Task<Assignment> ReserveAsync(
        ValueAlignDbContext db, VerificationProject project, string annotatorId, long projectItemId, long itemId,
        DateTime now, AnnotationAnswers? previous, bool holdsExpired, CancellationToken cancellationToken)
    {
        // An expired reservation of this annotator on the item would collide with the unique index
        // (the caller knows whether the annotator holds any expired one: usually not, no round trip).
        if (holdsExpired)
        {
            await db.Reservations.Where(r => r.ProjectItemId == projectItemId && r.AnnotatorId == annotatorId).ExecuteDeleteAsync(cancellationToken);
        }
        var reservation = new Reservation
        {
            ProjectId = project.Id,
            ProjectItemId = projectItemId,
            AnnotatorId = annotatorId,
            ReservedAt = now,
            ExpiresAt = now + project.ReservationTimeout,
        };
        db.Reservations.Add(reservation);
        await db.SaveChangesAsync(cancellationToken);
        return ToAssignment(reservation, itemId, previous);
    }

    private static async Task<Reservation> OwnedAsync(ValueAlignDbContext db, long reservationId, string annotatorId, CancellationToken cancellationToken)
    {
        var reservation = await db.Reservations.FirstOrDefaultAsync(r => r.Id == reservationId, cancellationToken)
            ?? throw NotHeld(reservationId);
        EnsureOwner(reservation.AnnotatorId, annotatorId, reservationId);
        return reservation;
    }

    private static void EnsureLive(Reservation reservation, DateTime now)
    {
        if (reservation.ExpiresAt <= now)
        {
            throw new AssignmentException(AssignmentErrorKind.ReservationExpired,
                $"Reservation {reservation.Id} expired at {reservation.ExpiresAt:u}; the item went back to the pool. Ask for the next item.");
        }
    }

    private async Task<long> ProjectOfReservationAsync(long reservationId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Reservations.Where(r => r.Id == reservationId).Select(r => (long?)r.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Annotations.Where(a => a.ReservationId == reservationId).Select(a => (long?)a.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.ItemSkips.Where(s => s.ReservationId == reservationId).Select(s => (long?)s.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw NotHeld(reservationId);
    }

    private static void EnsureOwner(string owner, string annotatorId, long reservationId)
    {
        if (owner != annotatorId)
        {
            throw new AssignmentException(AssignmentErrorKind.ForeignReservation,
                $"Reservation {reservationId} belongs to another annotator.");
        }
    }

    private static Task<long> ItemIdAsync(ValueAlignDbContext db, long projectItemId, CancellationToken cancellationToken) =>
        db.ProjectItems.Where(i => i.Id == projectItemId).Select(i => i.ItemId).FirstAsync(cancellationToken);

    private static Assignment ToAssignment(Reservation reservation, long itemId, AnnotationAnswers? previous = null) =>
        new(reservation.Id, reservation.ProjectId, reservation.ProjectItemId, itemId, reservation.ExpiresAt, previous);

    private static AssignmentException ProjectNotFound(long projectId) =>
        new(AssignmentErrorKind.ProjectNotFound, $"Verification project {projectId} does not exist.");

    private static AssignmentException NotMember(long projectId) =>
        new(AssignmentErrorKind.NotMember, $"You are not a member of verification project {projectId}; ask a curator to add you to it.");

    private static AssignmentException NotHeld(long reservationId) =>
        new(AssignmentErrorKind.ReservationNotHeld,
            $"Reservation {reservationId} is not held: it was skipped, undone, or expired and was released. Ask for the next item.");
}
