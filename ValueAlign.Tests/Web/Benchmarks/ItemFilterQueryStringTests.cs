using Microsoft.AspNetCore.WebUtilities;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Web.Benchmarks;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>The browser's filters survive the trip through the URL.</summary>
public sealed class ItemFilterQueryStringTests
{
    private static ItemFilter Parse(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        return ItemFilterQueryString.Parse(key => values.TryGetValue(key, out var v) ? v.ToString() : null);
    }

    [Fact]
    public void Every_filter_round_trips_through_the_query_string()
    {
        var filter = new ItemFilter
        {
            Benchmark = "mma-asia", Kind = ItemKind.CultureMultipleChoice, Category = "a&b=c", Country = "Côte d'Ivoire",
            Language = "ja", Modality = Modality.Image, LabelValueSystem = "schwartz-10", LabelDimension = "self-direction",
            VerificationStatus = VerificationStatus.NeedsReview, AlignmentGroup = "demo-jp-001", Search = "shrine gate",
        };
        var query = ItemFilterQueryString.ToQuery(filter);
        Assert.Contains("label=schwartz-10%2Fself-direction", query);
        Assert.Contains("category=a%26b%3Dc", query);
        Assert.Equal(filter, Parse(query));
    }

    [Fact]
    public void Empty_filter_is_an_empty_query_and_unknown_values_mean_any()
    {
        Assert.Equal("", ItemFilterQueryString.ToQuery(new ItemFilter()));
        var parsed = Parse("kind=NoSuchKind&modality=video&status=42&country=%20%20&label=care");
        Assert.Null(parsed.Kind);
        Assert.Null(parsed.Modality);
        Assert.Null(parsed.VerificationStatus);
        Assert.Null(parsed.Country);
        Assert.Null(parsed.LabelValueSystem);
        Assert.Equal("care", parsed.LabelDimension);
    }
}
