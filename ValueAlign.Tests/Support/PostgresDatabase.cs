using Npgsql;

namespace ValueAlign.Tests.Support;

/// <summary>
/// A throw-away database on the PostgreSQL server that the test command (test.sh) starts on a
/// loopback port and announces in VALUEALIGN_TEST_POSTGRES.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "VALUEALIGN_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = false }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new database, in <paramref name="tablespace"/> when given (a test's own, such as one on a small filesystem).</summary>
    public static async Task<PostgresDatabase> CreateAsync(string? tablespace = null)
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./test.sh, which installs PostgreSQL " +
                "(apt-get install postgresql) and starts a server on a loopback port, or set it to an Npgsql " +
                "connection string of a superuser, e.g. Host=127.0.0.1;Port=5432;Username=postgres.");
        }
        var name = "valuealign_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (tablespace is null ? "" : $" TABLESPACE \"{tablespace}\""), connection);
        await create.ExecuteNonQueryAsync();
        return new PostgresDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
