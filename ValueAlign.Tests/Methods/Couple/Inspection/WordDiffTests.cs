using ValueAlign.Core.Methods.Couple.Inspection;

namespace ValueAlign.Tests.Methods.Couple.Inspection;

/// <summary>Word diffs computed by hand from the longest common subsequence of the word lists.</summary>
public sealed class WordDiffTests
{
    private static string Show(IReadOnlyList<DiffSegment> diff) =>
        string.Join(" ", diff.Select(s => s.Kind switch { DiffKind.Deleted => $"-[{s.Text}]", DiffKind.Inserted => $"+[{s.Text}]", _ => s.Text }));

    [Fact]
    public void Identical_texts_are_one_unchanged_segment_whatever_the_spacing()
    {
        var diff = WordDiff.Compare("We  share\npower.", " We share power. ");
        Assert.Equal([new DiffSegment(DiffKind.Same, "We share power.")], diff);
    }

    [Fact]
    public void A_replaced_word_is_a_deletion_followed_by_an_insertion()
    {
        // LCS of [build the factory now] and [build the park now] is [build the now] (3 words).
        Assert.Equal("build the -[factory] +[park] now", Show(WordDiff.Compare("build the factory now", "build the park now")));
    }

    [Fact]
    public void Insertions_and_deletions_at_both_ends()
    {
        // a = [jobs bring wealth], b = [clean jobs bring health]: LCS [jobs bring].
        Assert.Equal("+[clean] jobs bring -[wealth] +[health]", Show(WordDiff.Compare("jobs bring wealth", "clean jobs bring health")));
    }

    [Fact]
    public void The_longest_common_subsequence_is_kept_not_the_first_match()
    {
        // a = [A B C D], b = [B C D A]: LCS is [B C D] (3), not [A] (1).
        var diff = WordDiff.Compare("A B C D", "B C D A");
        Assert.Equal("-[A] B C D +[A]", Show(diff));
        Assert.Equal(3, diff.Where(s => s.Kind == DiffKind.Same).Sum(s => WordDiff.Words(s.Text).Count));
    }

    [Fact]
    public void Punctuation_is_part_of_the_word_and_case_matters()
    {
        Assert.Equal("we -[win.] +[Win!]", Show(WordDiff.Compare("we win.", "we Win!")));
    }

    [Fact]
    public void Empty_sides_are_all_insertions_or_all_deletions()
    {
        Assert.Equal([new DiffSegment(DiffKind.Inserted, "new text")], WordDiff.Compare("", "new text"));
        Assert.Equal([new DiffSegment(DiffKind.Deleted, "old text")], WordDiff.Compare("old text", "  "));
        Assert.Empty(WordDiff.Compare("", ""));
    }

    [Fact]
    public void Both_texts_can_be_rebuilt_from_the_diff()
    {
        const string a = "Yes, build it: jobs bring wealth and status, and we win.";
        const string b = "Build it only if jobs bring wealth to everyone and we protect the forest.";
        var diff = WordDiff.Compare(a, b);
        Assert.Equal(WordDiff.Words(a), diff.Where(s => s.Kind != DiffKind.Inserted).SelectMany(s => WordDiff.Words(s.Text)));
        Assert.Equal(WordDiff.Words(b), diff.Where(s => s.Kind != DiffKind.Deleted).SelectMany(s => WordDiff.Words(s.Text)));
        // Hand count: common words in order are "jobs bring wealth and we" (5).
        Assert.Equal(5, diff.Where(s => s.Kind == DiffKind.Same).Sum(s => WordDiff.Words(s.Text).Count));
    }
}
