using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Jobs;

/// <summary>The text a failed job shows: the database's own words when a save failed, and that the job can be resumed.</summary>
public static class JobFailure
{
    public static string Describe(Exception failure, bool savingProgress)
    {
        var database = DatabaseFailure.Cause(failure) is not null || failure is DbUpdateException;
        if (savingProgress)
            return $"Saving the job's progress failed: {DatabaseFailure.Describe(failure)} Its stored results are kept; resume it to continue.";
        return database
            ? $"Saving to the database failed: {DatabaseFailure.Describe(failure)} Its stored results are kept; resume it to continue."
            : failure.Message;
    }
}
