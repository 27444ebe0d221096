using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ValueAlign.Core.Data;

namespace ValueAlign.Tests.Support;

/// <summary>
/// For streaming tests of result exports: notes how much of <paramref name="output"/> existed when
/// each database reader over the results' raw outputs closed. An export that loads every row first
/// has written nothing by then; one that streams has written most of its file.
/// </summary>
public sealed class ResultReaderRecorder(MemoryStream output) : DbCommandInterceptor
{
    public List<long> OutputAtClose { get; } = [];

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (command.CommandText.Contains("\"RawOutput\"", StringComparison.Ordinal))
        {
            OutputAtClose.Add(output.Length);
        }
        return result;
    }

    /// <summary>Contexts over the SQLite file of <paramref name="connectionString"/> with this recorder attached.</summary>
    public IDbContextFactory<ValueAlignDbContext> Factory(string connectionString) => new RecordingFactory(connectionString, this);

    private sealed class RecordingFactory(string connectionString, ResultReaderRecorder recorder) : IDbContextFactory<ValueAlignDbContext>
    {
        public ValueAlignDbContext CreateDbContext() => new SqliteValueAlignDbContext(
            new DbContextOptionsBuilder<SqliteValueAlignDbContext>().UseSqlite(connectionString).AddInterceptors(recorder).Options);
    }
}
