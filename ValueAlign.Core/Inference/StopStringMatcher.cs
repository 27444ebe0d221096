using System.Text;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Cuts streamed text before the first stop string. Text that might be the start of a stop
/// string is held back until the next piece shows whether it is, so a stop string split across
/// tokens is never emitted in part.
/// </summary>
public sealed class StopStringMatcher(IReadOnlyList<string> stopStrings)
{
    private readonly string[] stops = stopStrings.Where(s => s.Length > 0).ToArray();
    private readonly StringBuilder pending = new();

    public bool Stopped { get; private set; }

    /// <summary>Adds a piece and returns the text that is now safe to emit.</summary>
    public string Append(string piece)
    {
        if (Stopped)
        {
            return "";
        }
        pending.Append(piece);
        var text = pending.ToString();
        var cut = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }
        if (cut >= 0)
        {
            Stopped = true;
            pending.Clear();
            return text[..cut];
        }
        var hold = 0;
        foreach (var stop in stops)
        {
            for (var k = Math.Min(stop.Length - 1, text.Length); k > hold; k--)
            {
                if (text.AsSpan(text.Length - k).SequenceEqual(stop.AsSpan(0, k)))
                {
                    hold = k;
                    break;
                }
            }
        }
        pending.Clear().Append(text, text.Length - hold, hold);
        return text[..^hold];
    }

    /// <summary>Returns the held-back text once generation has ended without a stop.</summary>
    public string Flush()
    {
        var rest = Stopped ? "" : pending.ToString();
        pending.Clear();
        return rest;
    }
}
