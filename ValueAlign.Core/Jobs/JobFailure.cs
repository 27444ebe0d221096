using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Core.Jobs;

/// <summary>The text a failed job shows: the database's own words when a save failed, and that the job can be resumed.</summary>
public static class JobFailure
{
    public static string Describe(Exception failure, bool savingProgress)
    {
        // EF wraps the provider's error ("database is locked", "disk is full", a lock timeout) in a
        // generic message (DbUpdateException, or the "transient failure" InvalidOperationException).
        Exception? database = (Exception?)DatabaseCause(failure) ?? failure as DbUpdateException;
        if (savingProgress)
            return $"Saving the job's progress failed: {(database ?? failure).Message} Its stored results are kept; resume it to continue.";
        return database is not null
            ? $"Saving to the database failed: {database.Message} Its stored results are kept; resume it to continue."
            : failure.Message;
    }

    /// <summary>The provider's exception in the chain of causes, or null when the failure is not the database's.</summary>
    private static DbException? DatabaseCause(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
                return db;
        }
        return null;
    }
}
