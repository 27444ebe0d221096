using Npgsql;
using NpgsqlTypes;
using ValueAlign.Core.Benchmarks.EntityConfigurations;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>
/// New items on PostgreSQL go in with the binary COPY protocol instead of one INSERT each: item ids
/// are drawn from the table's identity sequence in blocks (so an id is known the moment the item is
/// accepted, for the upsert map and its labels), and items and labels are buffered and written
/// with <c>COPY ... FROM STDIN (FORMAT BINARY)</c> in slices, inside the import's transaction, so a
/// failed import still writes nothing. Generated columns (the full-text vector) are computed by
/// PostgreSQL as for INSERT.
/// </summary>
internal sealed class PostgresItemCopy(NpgsqlConnection connection, IReadOnlyList<string> columns)
{
    private const int Slice = 2000;
    private const string Items = BenchmarkItemConfiguration.Table;
    private const string Labels = ItemLabelConfiguration.Table;

    private readonly Queue<long> _ids = new();
    private readonly List<(long Id, object?[] Values)> _items = new(Slice);
    private readonly List<(long ItemId, ItemLabel Label)> _labels = new(Slice * 4);

    public bool HasPending => _items.Count > 0;

    /// <summary>Accepts a new item (values in <paramref name="columns"/> order); returns its id.</summary>
    public long Add(object?[] values, IReadOnlyList<ItemLabel> labels)
    {
        if (_ids.Count == 0)
        {
            DrawIds();
        }
        var id = _ids.Dequeue();
        _items.Add((id, values));
        foreach (var label in labels)
        {
            _labels.Add((id, label));
        }
        if (_items.Count >= Slice)
        {
            Flush();
        }
        return id;
    }

    /// <summary>Writes what is buffered (before any statement that must see these rows, and before commit).</summary>
    public void Flush()
    {
        if (_items.Count == 0)
        {
            return;
        }
        var columnList = string.Join(", ", columns.Select(c => $"\"{c}\""));
        using (var items = connection.BeginBinaryImport($"COPY \"{Items}\" (\"Id\", {columnList}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, values) in _items)
            {
                items.StartRow();
                items.Write(id, NpgsqlDbType.Bigint);
                foreach (var value in values)
                {
                    if (value is null)
                    {
                        items.WriteNull();
                    }
                    else
                    {
                        items.Write((string)value, NpgsqlDbType.Text);
                    }
                }
            }
            items.Complete();
        }
        if (_labels.Count > 0)
        {
            using var labels = connection.BeginBinaryImport(
                $"COPY \"{Labels}\" (\"ItemId\", \"ValueSystemId\", \"DimensionId\", \"Value\", \"Target\") FROM STDIN (FORMAT BINARY)");
            foreach (var (itemId, label) in _labels)
            {
                labels.StartRow();
                labels.Write(itemId, NpgsqlDbType.Bigint);
                labels.Write(label.ValueSystemId, NpgsqlDbType.Text);
                labels.Write(label.DimensionId, NpgsqlDbType.Text);
                labels.Write(label.Value, NpgsqlDbType.Double);
                if (label.Target is null)
                {
                    labels.WriteNull();
                }
                else
                {
                    labels.Write(label.Target, NpgsqlDbType.Text);
                }
            }
            labels.Complete();
        }
        _items.Clear();
        _labels.Clear();
    }

    private void DrawIds()
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT nextval(pg_get_serial_sequence('\"{Items}\"', 'Id')) FROM generate_series(1, {Slice})";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _ids.Enqueue(reader.GetInt64(0));
        }
    }
}
