using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Core.Data;

/// <summary>The SQLite flavour; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteValueAlignDbContext(DbContextOptions<SqliteValueAlignDbContext> options)
    : ValueAlignDbContext(options);
