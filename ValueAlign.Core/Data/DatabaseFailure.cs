using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ValueAlign.Core.Data;

/// <summary>
/// What a database error means to the person who met it. EF wraps the provider's error ("database
/// or disk is full", "database is locked", a lock timeout) in a generic message (a
/// DbUpdateException, or the "transient failure" InvalidOperationException); this finds the
/// provider's own words and says plainly when the disk is full.
/// </summary>
public static class DatabaseFailure
{
    private const int SqliteFull = 13;
    private const int SqliteShmSize = 10 | (19 << 8);

    /// <summary>The provider's exception in the chain of causes, or null when the failure is not the database's.</summary>
    public static DbException? Cause(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
                return db;
        }
        return null;
    }

    /// <summary>
    /// SQLite's SQLITE_FULL (a write found the disk full, or the file at its page limit) or
    /// SQLITE_IOERR_SHMSIZE (a connection could not grow the WAL index file, which on a full disk
    /// fails even reads: "disk I/O error"), or PostgreSQL's disk_full (53100).
    /// </summary>
    public static bool IsFull(Exception failure) => Cause(failure) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull || sqlite.SqliteExtendedErrorCode == SqliteShmSize,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
        _ => false,
    };

    /// <summary>
    /// The text to show: for a full database that it is full, that this change was not saved and
    /// what was stored is kept; for another database error the provider's message; otherwise the
    /// failure's own message.
    /// </summary>
    public static string Describe(Exception failure)
    {
        var cause = Cause(failure);
        if (cause is not null && IsFull(cause))
            return $"The database is full: its disk has no space left ({cause.Message.TrimEnd('.')}). This change was not saved; everything stored before is kept. Free disk space, then try again.";
        return (cause ?? (failure is DbUpdateException ? failure : null))?.Message ?? failure.Message;
    }
}
