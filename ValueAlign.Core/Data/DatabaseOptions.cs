namespace ValueAlign.Core.Data;

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For SQLite, a connection string such as <c>Data Source=data/valuealign.db</c>; a relative
    /// path is resolved against the workbench root. For PostgreSQL, an Npgsql connection string.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/valuealign.db";
}
