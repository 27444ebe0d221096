using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Core.Data;

/// <summary>The PostgreSQL flavour; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresValueAlignDbContext(DbContextOptions<PostgresValueAlignDbContext> options)
    : ValueAlignDbContext(options);
