using System.Globalization;
using System.Text;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Web.Cli;

/// <summary>
/// A job's progress on standard error: <c>[#####-----] 120/400 units  35.2 items/s  ETA 0:08</c>.
/// On a terminal one line is redrawn in place; when stderr is a file or pipe a line is appended
/// at most every few seconds, so logs stay readable.
/// </summary>
public sealed class ConsoleProgressBar(TextWriter error, bool redraw)
{
    private const int Width = 30;
    private readonly Lock gate = new();
    private DateTime lastWrite = DateTime.MinValue;
    private int lastLength;

    public void Show(JobSnapshot job)
    {
        if (job.Total == 0 && !job.IsFinished)
            return; // claimed but not planned yet: nothing to show
        var now = DateTime.UtcNow;
        var interval = redraw ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(2);
        lock (gate)
        {
            if (now - lastWrite < interval && !job.IsFinished)
                return;
            lastWrite = now;
            var line = Format(job);
            if (redraw)
            {
                error.Write("\r" + line.PadRight(lastLength));
                lastLength = line.Length;
            }
            else
            {
                error.WriteLine(line);
            }
            error.Flush();
        }
    }

    /// <summary>Ends the redrawn line so later output starts on a fresh one.</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (redraw && lastLength > 0)
                error.WriteLine();
            lastLength = 0;
        }
    }

    public static string Format(JobSnapshot job)
    {
        var filled = (int)Math.Round(job.Fraction * Width);
        var text = new StringBuilder()
            .Append('[').Append('#', filled).Append('-', Width - filled).Append("] ")
            .Append(CultureInfo.InvariantCulture, $"{job.Done}/{job.Total} units");
        if (job.ItemsPerSecond is { } rate)
            text.Append(CultureInfo.InvariantCulture, $"  {rate:0.0} items/s");
        if (job.Remaining is { } remaining && !job.IsFinished)
            text.Append("  ETA ").Append(Duration(remaining));
        return text.ToString();
    }

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
