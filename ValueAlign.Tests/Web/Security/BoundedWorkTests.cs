using System.Text;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Tests.Web.Benchmarks;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Tests.Web.Security;

/// <summary>/runs/compare refuses more than <see cref="CompareRuns.MaxRuns"/> runs before reading any (real HTTP).</summary>
public sealed class BoundedWorkTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Fact]
    public async Task Comparing_more_runs_than_the_cap_is_refused_with_a_clear_message()
    {
        var (viewer, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _v = viewer;
        var ids = string.Join(",", Enumerable.Range(1, CompareRuns.MaxRuns + 1));
        var html = await (await viewer.GetAsync($"/runs/compare?ids={ids}")).Content.ReadAsStringAsync();
        Assert.Contains($"Compare at most {CompareRuns.MaxRuns} runs at a time ({CompareRuns.MaxRuns + 1} were asked for)", html);
        // Within the cap the page goes on to look the runs up (none exist here).
        var within = await (await viewer.GetAsync("/runs/compare?ids=1,2")).Content.ReadAsStringAsync();
        Assert.Contains("No run with id 1, 2", within);
    }
}

/// <summary>CSV cells that start with a line break stay one quoted cell (a reader must not see a new record).</summary>
public sealed class CsvLineBreakCellTests
{
    [Theory]
    [InlineData("\nsecond line", "\"\nsecond line\"")]
    [InlineData("\r\n=1+1", "\"'\r\n=1+1\"")] // CR also gets the formula guard
    [InlineData("\n\"quoted\"", "\"\n\"\"quoted\"\"\"")]
    public void Cells_starting_with_a_line_break_are_quoted(string value, string expected)
    {
        var line = new StringBuilder();
        CsvCells.Append(line, value);
        Assert.Equal(expected, line.ToString());
    }
}
