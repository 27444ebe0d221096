using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Core.Jobs;

/// <summary>The text a failed job shows: the database's own words when a save failed, and that the job can be resumed.</summary>
public static class JobFailure
{
    public static string Describe(Exception failure, bool savingProgress)
    {
        // EF wraps the provider's error ("database is locked", "disk is full") in a generic message.
        var cause = failure is DbUpdateException { InnerException: { } inner } ? inner : failure;
        if (savingProgress)
            return $"Saving the job's progress failed: {cause.Message} Its stored results are kept; resume it to continue.";
        return IsDatabaseError(cause)
            ? $"Saving to the database failed: {cause.Message} Its stored results are kept; resume it to continue."
            : cause.Message;
    }

    private static bool IsDatabaseError(Exception e) => e is System.Data.Common.DbException || e is DbUpdateException;
}
