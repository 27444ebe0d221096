using System.Globalization;
using ValueAlign.Core.Benchmarks.Import;

namespace ValueAlign.Web.Cli;

/// <summary>
/// An import's progress on standard error, one line at most every <see cref="Interval"/> (the first at
/// once): <c>Importing: 12000 record(s) read (35%)</c>. Written synchronously from the importer's thread,
/// so a line means those records are already written inside the import's (uncommitted) transaction.
/// </summary>
public sealed class ImportProgressPrinter(TextWriter error) : IProgress<ImportProgress>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private DateTime lastWrite = DateTime.MinValue;

    public void Report(ImportProgress value)
    {
        var now = DateTime.UtcNow;
        lock (gate)
        {
            if (now - lastWrite < Interval)
                return;
            lastWrite = now;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Importing: {value.RecordsRead} record(s) read ({value.Fraction:P0})"));
            error.Flush();
        }
    }
}
