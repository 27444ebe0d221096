using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>
/// How much of the annotators' work a reader may see. Curators and Admins (<see cref="WorkbenchPolicies.Curate"/>)
/// see annotator identities (exports only when they ask) and every verified label. Everyone else
/// sees annotators as per-project pseudonyms, and nothing of an item (neither its verified labels
/// nor the annotators' labels they came from) while that item is still in the queue of any blind project.
/// </summary>
public sealed record LabelDisclosure(bool ShowAnnotatorIdentities, bool ShowItemsInOpenBlindQueues)
{
    /// <summary>Identities and everything: for Curators and Admins.</summary>
    public static readonly LabelDisclosure Full = new(true, true);

    /// <summary>Pseudonyms and no item still in a blind queue: the default for anyone else and for exports.</summary>
    public static readonly LabelDisclosure Restricted = new(false, false);

    /// <summary>
    /// What <paramref name="user"/> may see; <paramref name="identitiesRequested"/> false pseudonymises
    /// even for a Curator (exports do that unless the Curator asks for identities).
    /// </summary>
    public static LabelDisclosure For(ClaimsPrincipal? user, bool identitiesRequested = true) =>
        WorkbenchPolicies.Allows(user, WorkbenchPolicies.Curate) ? new(identitiesRequested, true) : Restricted;

    /// <summary>A stable name for an annotator within one project that does not reveal who they are.</summary>
    public static string Pseudonym(long projectId, string annotatorId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"valuealign-annotator:{projectId}:{annotatorId}"));
        return "annotator-" + Convert.ToHexStringLower(hash)[..8];
    }

    /// <summary>
    /// Of <paramref name="benchmarkItemIds"/>, those still in the queue of a blind project: the
    /// queue is open and the item is gold (every annotator gets it) or below its overlap.
    /// </summary>
    public static async Task<HashSet<long>> ItemsInOpenBlindQueuesAsync(
        ValueAlignDbContext db, IReadOnlyCollection<long> benchmarkItemIds, CancellationToken cancellationToken = default)
    {
        if (benchmarkItemIds.Count == 0)
        {
            return [];
        }
        var open = await db.ProjectItems.AsNoTracking()
            .Where(i => benchmarkItemIds.Contains(i.ItemId))
            .Join(db.VerificationProjects.Where(p => p.BlindMode && p.QueueClosedAt == null), i => i.ProjectId, p => p.Id, (i, p) => new { i.ItemId, i.IsGold, i.AnnotationCount, p.Overlap })
            .Where(x => x.IsGold || x.AnnotationCount < x.Overlap)
            .Select(x => x.ItemId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. open];
    }
}
