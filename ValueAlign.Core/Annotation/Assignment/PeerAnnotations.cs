using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>Another annotator's submitted answers on an item, without who gave them.</summary>
public sealed record PeerAnswers(AnnotationAnswers Answers, DateTime CreatedAt);

/// <summary>
/// What other annotators answered on an item, for projects that are not blind. The blind check
/// lives here, next to the data, so no page can show peers' labels of a blind project by mistake.
/// </summary>
public sealed class PeerAnnotations(IDbContextFactory<ValueAlignDbContext> factory)
{
    /// <summary>Others' answers on the project item, oldest first; empty for a blind project.</summary>
    public async Task<IReadOnlyList<PeerAnswers>> ForItemAsync(
        long projectId, long projectItemId, string annotatorId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var blind = await db.VerificationProjects.Where(p => p.Id == projectId).Select(p => (bool?)p.BlindMode).FirstOrDefaultAsync(cancellationToken)
            ?? throw new AssignmentException(AssignmentErrorKind.ProjectNotFound, $"Verification project {projectId} does not exist.");
        if (blind)
        {
            return [];
        }
        var rows = await db.Annotations.AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.ProjectItemId == projectItemId && a.AnnotatorId != annotatorId)
            .OrderBy(a => a.Id)
            .Select(a => new { a.AnswersJson, a.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PeerAnswers(AnnotationAnswers.FromJson(r.AnswersJson), r.CreatedAt)).ToList();
    }
}
