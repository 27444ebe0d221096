using ValueAlign.Tests.Annotation;
using ValueAlign.Web.Components.Pages.Annotate;

namespace ValueAlign.Tests.Web.Annotate;

public sealed class ItemTimerTests
{
    [Fact]
    public void Counts_the_time_since_start_without_the_hidden_stretches()
    {
        var clock = new TestClock();
        var timer = new ItemTimer(clock);
        timer.Start();
        clock.Advance(TimeSpan.FromSeconds(3));
        timer.SetHidden(true);
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(3000, timer.ElapsedMs);
        timer.SetHidden(true);
        clock.Advance(TimeSpan.FromSeconds(100));
        timer.SetHidden(false);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        timer.SetHidden(false);
        Assert.Equal(3250, timer.ElapsedMs);
    }

    [Fact]
    public void An_item_shown_while_the_tab_is_hidden_starts_counting_when_it_becomes_visible()
    {
        var clock = new TestClock();
        var timer = new ItemTimer(clock);
        timer.Start(hidden: true);
        clock.Advance(TimeSpan.FromMinutes(2));
        timer.SetHidden(false);
        clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(7000, timer.ElapsedMs);
        // A restart forgets the previous item.
        timer.Start();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1000, timer.ElapsedMs);
    }
}
