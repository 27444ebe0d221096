using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Core.Data;

/// <summary>
/// The one model of the workbench. Two thin subclasses (<see cref="SqliteValueAlignDbContext"/>,
/// <see cref="PostgresValueAlignDbContext"/>) exist only so that each provider keeps its own
/// migration set; services depend on this base type.
/// </summary>
public abstract class ValueAlignDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ValueAlignDbContext).Assembly);
    }
}
