using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Core.Data;

/// <summary>
/// Creates a context of the configured provider. Registered as the
/// <see cref="IDbContextFactory{TContext}"/> of <see cref="ValueAlignDbContext"/>, so Blazor
/// components and background jobs get a short-lived context each.
/// </summary>
public sealed class ValueAlignDbContextFactory : IDbContextFactory<ValueAlignDbContext>
{
    private readonly DbContextOptions<SqliteValueAlignDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresValueAlignDbContext>? _postgres;

    public ValueAlignDbContextFactory(DatabaseOptions options, string rootDirectory)
    {
        Provider = options.Provider;
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                ConnectionString = ResolveSqlite(options.ConnectionString, rootDirectory);
                _sqlite = new DbContextOptionsBuilder<SqliteValueAlignDbContext>()
                    .UseSqlite(ConnectionString)
                    .Options;
                break;
            case DatabaseProvider.Postgres:
                ConnectionString = options.ConnectionString;
                _postgres = new DbContextOptionsBuilder<PostgresValueAlignDbContext>()
                    .UseNpgsql(ConnectionString)
                    .Options;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ValueAlignDbContext CreateDbContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteValueAlignDbContext(_sqlite!),
        _ => new PostgresValueAlignDbContext(_postgres!),
    };

    /// <summary>
    /// Makes a relative SQLite path absolute under the workbench root, creates its folder, and
    /// turns foreign keys on for every connection.
    /// </summary>
    public static string ResolveSqlite(string connectionString, string rootDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException("Database:ConnectionString has no 'Data Source' for SQLite.");
        }
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(rootDirectory, builder.DataSource));
        }
        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.ForeignKeys = true;
        return builder.ToString();
    }
}
