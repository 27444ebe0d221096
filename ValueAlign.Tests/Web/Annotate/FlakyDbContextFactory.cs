using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>
/// The real database, except that the next <see cref="FailNext"/> connections fail the way an
/// unreachable database does, so a page's handling of a failed submit can be tested.
/// </summary>
public sealed class FlakyDbContextFactory(IDbContextFactory<ValueAlignDbContext> inner) : IDbContextFactory<ValueAlignDbContext>
{
    private int _failures;

    public int FailNext
    {
        get => Volatile.Read(ref _failures);
        set => Volatile.Write(ref _failures, value);
    }

    public ValueAlignDbContext CreateDbContext()
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new InvalidOperationException("The database is unreachable (simulated outage)");
        }
        Interlocked.Exchange(ref _failures, 0);
        return inner.CreateDbContext();
    }
}
