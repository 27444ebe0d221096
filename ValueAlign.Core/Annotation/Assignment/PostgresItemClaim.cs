using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// On PostgreSQL the annotators of one project claim items side by side (see
/// <see cref="ProjectGate.RunForAnnotatorAsync{T}"/>), so the least-loaded regular item is chosen
/// and locked in one statement: <c>FOR NO KEY UPDATE SKIP LOCKED</c> passes over items that
/// another annotator is claiming or submitting at this moment and takes the next one in the
/// queue's order. The statement's snapshot may predate a claim that committed just before the
/// lock was taken, so the load of the locked item is read again by a fresh statement (read
/// committed: it sees every committed claim and submit) before the item is reserved; an item
/// that filled up meanwhile is passed over and the next is tried.
/// </summary>
internal static class PostgresItemClaim
{
    /// <summary>Attempts before a claim gives up; each attempt passes over an item that filled up between two statements.</summary>
    private const int MaxAttempts = 50;

    public static async Task<(long ProjectItemId, long ItemId)?> LockedCandidateAsync(
        ValueAlignDbContext db, VerificationProject project, string annotatorId, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidate = await db.Database.SqlQuery<ClaimedItem>($"""
                SELECT i."Id" AS "ProjectItemId", i."ItemId" AS "ItemId"
                FROM "ProjectItems" AS i
                WHERE i."ProjectId" = {project.Id} AND NOT i."IsGold"
                  AND NOT EXISTS (SELECT 1 FROM "Annotations" AS a WHERE a."ProjectItemId" = i."Id" AND a."AnnotatorId" = {annotatorId})
                  AND NOT EXISTS (SELECT 1 FROM "ItemSkips" AS s WHERE s."ProjectItemId" = i."Id" AND s."AnnotatorId" = {annotatorId})
                  AND NOT EXISTS (SELECT 1 FROM "Reservations" AS r WHERE r."ProjectItemId" = i."Id" AND r."AnnotatorId" = {annotatorId} AND r."ExpiresAt" > {now})
                  AND i."AnnotationCount" + (SELECT count(*) FROM "Reservations" AS r WHERE r."ProjectItemId" = i."Id" AND r."ExpiresAt" > {now}) < {project.Overlap}
                ORDER BY i."AnnotationCount" + (SELECT count(*) FROM "Reservations" AS r WHERE r."ProjectItemId" = i."Id" AND r."ExpiresAt" > {now}), i."TieBreak", i."Id"
                LIMIT 1
                FOR NO KEY UPDATE OF i SKIP LOCKED
                """).ToListAsync(cancellationToken);
            if (candidate.Count == 0)
            {
                return null;
            }
            var claimed = candidate[0];
            var load = await db.Database.SqlQuery<int>($"""
                SELECT i."AnnotationCount" + (SELECT count(*) FROM "Reservations" AS r WHERE r."ProjectItemId" = i."Id" AND r."ExpiresAt" > {now})::int AS "Value"
                FROM "ProjectItems" AS i WHERE i."Id" = {claimed.ProjectItemId}
                """).SingleAsync(cancellationToken);
            if (load < project.Overlap)
            {
                return (claimed.ProjectItemId, claimed.ItemId);
            }
        }
        throw new AssignmentException(AssignmentErrorKind.Busy,
            "Too many annotators are claiming the same items right now; ask for the next item again.");
    }

    private sealed class ClaimedItem
    {
        public long ProjectItemId { get; init; }

        public long ItemId { get; init; }
    }
}
