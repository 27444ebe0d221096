using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ValueAlign.Core.Data;

// Used only by `dotnet ef migrations add`; neither needs a live server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteValueAlignDbContext>
{
    public SqliteValueAlignDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteValueAlignDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresValueAlignDbContext>
{
    public PostgresValueAlignDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresValueAlignDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
