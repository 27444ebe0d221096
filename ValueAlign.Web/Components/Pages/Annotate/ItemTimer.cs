namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>
/// Time spent on the current item: from when it was shown until the submit, leaving out the time
/// the browser tab was hidden (the annotator was elsewhere).
/// </summary>
public sealed class ItemTimer(TimeProvider clock)
{
    private DateTimeOffset _started;
    private DateTimeOffset? _hiddenSince;
    private TimeSpan _hidden;

    public void Start(bool hidden = false)
    {
        _started = clock.GetUtcNow();
        _hidden = TimeSpan.Zero;
        _hiddenSince = hidden ? _started : null;
    }

    public void SetHidden(bool hidden)
    {
        var now = clock.GetUtcNow();
        if (hidden && _hiddenSince is null)
        {
            _hiddenSince = now;
        }
        else if (!hidden && _hiddenSince is { } since)
        {
            _hidden += now - since;
            _hiddenSince = null;
        }
    }

    public long ElapsedMs
    {
        get
        {
            var now = clock.GetUtcNow();
            var hidden = _hidden + (_hiddenSince is { } since ? now - since : TimeSpan.Zero);
            return Math.Max(0, (long)(now - _started - hidden).TotalMilliseconds);
        }
    }
}
