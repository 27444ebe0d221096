using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.EntityConfigurations;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>
/// Writes items with prepared, parameterised statements inside one transaction (EF change tracking
/// costs ~10× more per row at 100k items). Upserts on (Benchmark, ExternalId); an updated item
/// gets its labels replaced. The SQL is quoted ANSI, valid on SQLite and PostgreSQL alike. On
/// PostgreSQL new items and their labels go in by binary COPY (<see cref="PostgresItemCopy"/>).
/// Every written row carries its <see cref="ItemContentHash"/>, so a changed item gets a new one.
/// </summary>
internal sealed class ItemWriter : IAsyncDisposable
{
    private const string Items = BenchmarkItemConfiguration.Table;
    private const string Labels = ItemLabelConfiguration.Table;

    private static readonly string[] Columns =
    [
        "Benchmark", "ExternalId", "Kind", "Text", "Context", "OptionsJson", "Answer", "Language", "Country", "Modality",
        "MediaJson", "Category", "Explanation", "KnowledgePointsJson", "Theme", "AlignmentGroup", "VerificationStatus",
        "SourceFormat", "SourceRecord", "ContentHash",
    ];

    private readonly ValueAlignDbContext _db;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly DbCommand _insert;
    private readonly DbCommand _update;
    private readonly DbCommand _updateKeepingStatus;
    private readonly DbCommand _deleteLabels;
    private readonly Dictionary<int, DbCommand> _insertLabels = [];
    private readonly PostgresItemCopy? _copy;

    private ItemWriter(ValueAlignDbContext db, DbConnection connection, DbTransaction transaction)
    {
        _db = db;
        _connection = connection;
        _transaction = transaction;
        var columnList = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", Columns.Select(c => "@" + c));
        _insert = Command($"INSERT INTO \"{Items}\" ({columnList}) VALUES ({values}) RETURNING \"Id\"", Columns);
        _update = Command(
            $"UPDATE \"{Items}\" SET {string.Join(", ", Columns.Skip(2).Select(c => $"\"{c}\" = @{c}"))} WHERE \"Id\" = @Id",
            [.. Columns.Skip(2), "Id"]);
        _updateKeepingStatus = Command(
            $"UPDATE \"{Items}\" SET {string.Join(", ", Columns.Skip(2).Where(c => c != "VerificationStatus").Select(c => $"\"{c}\" = @{c}"))} WHERE \"Id\" = @Id",
            [.. Columns.Skip(2).Where(c => c != "VerificationStatus"), "Id"]);
        _deleteLabels = Command($"DELETE FROM \"{Labels}\" WHERE \"ItemId\" = @ItemId", ["ItemId"]);
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            _copy = new PostgresItemCopy(postgres, Columns);
        }
    }

    public static async Task<ItemWriter> OpenAsync(IDbContextFactory<ValueAlignDbContext> factory, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // A 64 MiB page cache keeps the item indexes in memory during a large import.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return new ItemWriter(db, connection, transaction);
    }

    /// <summary>Inserts the item, or updates the row <paramref name="existingId"/>; returns the row id.</summary>
    /// <remarks>
    /// Runs synchronously: one item is a few small statements on an open connection, and the
    /// async wrappers cost more than the work at 100k items.
    /// </remarks>
    public long Write(BenchmarkItem item, long? existingId, bool keepVerification)
    {
        long id;
        if (existingId is null && _copy is not null)
        {
            return _copy.Add(Values(item), item.Labels);
        }
        if (existingId is { } known)
        {
            var update = keepVerification ? _updateKeepingStatus : _update;
            Bind(update, item);
            update.Parameters[^1].Value = known;
            update.ExecuteNonQuery();
            _deleteLabels.Parameters[0].Value = known;
            _deleteLabels.ExecuteNonQuery();
            id = known;
        }
        else
        {
            Bind(_insert, item);
            id = Convert.ToInt64(_insert.ExecuteScalar());
        }
        // All labels of an item in one multi-row INSERT (a statement per row costs more than the row).
        for (var start = 0; start < item.Labels.Count; start += MaxLabelsPerStatement)
        {
            var count = Math.Min(MaxLabelsPerStatement, item.Labels.Count - start);
            var insert = LabelInsert(count);
            for (var i = 0; i < count; i++)
            {
                var label = item.Labels[start + i];
                insert.Parameters[i * 5].Value = id;
                insert.Parameters[i * 5 + 1].Value = label.ValueSystemId;
                insert.Parameters[i * 5 + 2].Value = label.DimensionId;
                insert.Parameters[i * 5 + 3].Value = label.Value;
                insert.Parameters[i * 5 + 4].Value = (object?)label.Target ?? DBNull.Value;
            }
            insert.ExecuteNonQuery();
        }
        return id;
    }

    private const int MaxLabelsPerStatement = 50;

    private DbCommand LabelInsert(int count)
    {
        if (!_insertLabels.TryGetValue(count, out var command))
        {
            var rows = Enumerable.Range(0, count).Select(i => $"(@I{i}, @S{i}, @D{i}, @V{i}, @T{i})");
            command = Command(
                $"INSERT INTO \"{Labels}\" (\"ItemId\", \"ValueSystemId\", \"DimensionId\", \"Value\", \"Target\") VALUES {string.Join(", ", rows)}",
                Enumerable.Range(0, count).SelectMany(i => new[] { $"I{i}", $"S{i}", $"D{i}", $"V{i}", $"T{i}" }));
            _insertLabels[count] = command;
        }
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        _copy?.Flush();
        return _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _insert, _update, _updateKeepingStatus, _deleteLabels }.Concat(_insertLabels.Values))
        {
            await command.DisposeAsync();
        }
        await _transaction.DisposeAsync();
        await _db.DisposeAsync();
    }

    private DbCommand Command(string sql, IEnumerable<string> parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Bind(DbCommand command, BenchmarkItem item)
    {
        // Item statements name their parameters after the columns, in Columns order (minus skipped ones).
        var values = Values(item);
        var parameters = command.Parameters;
        var next = 0;
        for (var c = 0; c < Columns.Length && next < parameters.Count; c++)
        {
            if (parameters[next].ParameterName.AsSpan(1).SequenceEqual(Columns[c]))
            {
                parameters[next++].Value = (object?)values[c] ?? DBNull.Value;
            }
        }
    }

    /// <summary>The item's column values in <see cref="Columns"/> order.</summary>
    private static string?[] Values(BenchmarkItem item) =>
    [
        item.Benchmark, item.ExternalId, item.Kind.ToString(), item.Text, item.Context, item.OptionsJson, item.Answer,
        item.Language, item.Country, item.Modality.ToString(), item.MediaJson, item.Category, item.Explanation,
        item.KnowledgePointsJson, item.Theme, item.AlignmentGroup, item.VerificationStatus.ToString(),
        item.SourceFormat, item.SourceRecord, ItemContentHash.Compute(item),
    ];
}
