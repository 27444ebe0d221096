using Npgsql;

namespace ValueAlign.Web.Cli;

/// <summary>A PostgreSQL database a bench creates on the server a connection string names, and drops afterwards.</summary>
public sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private ScratchPostgresDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgresDatabase> CreateAsync(string admin, CancellationToken ct)
    {
        var name = "valuealign_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return new ScratchPostgresDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
