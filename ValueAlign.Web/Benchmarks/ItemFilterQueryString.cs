using System.Text;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Web.Benchmarks;

/// <summary>
/// The browser's filters as URL query parameters, so a filtered view can be reloaded or shared and
/// the export link carries exactly the filters on screen. Unknown enum values are ignored (the
/// filter is then "any") rather than failing the page.
/// </summary>
public static class ItemFilterQueryString
{
    public const string Benchmark = "benchmark";
    public const string Kind = "kind";
    public const string Category = "category";
    public const string Country = "country";
    public const string Language = "language";
    public const string Modality = "modality";
    public const string Label = "label";
    public const string Status = "status";
    public const string Group = "group";
    public const string Search = "q";

    /// <summary>Builds the filter from query values (looked up by name; empty means "any").</summary>
    public static ItemFilter Parse(Func<string, string?> value)
    {
        string? Text(string key) => value(key) is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var (system, dimension) = SplitLabel(Text(Label));
        return new ItemFilter
        {
            Benchmark = Text(Benchmark),
            Kind = ParseEnum<ItemKind>(Text(Kind)),
            Category = Text(Category),
            Country = Text(Country),
            Language = Text(Language),
            Modality = ParseEnum<Modality>(Text(Modality)),
            LabelValueSystem = system,
            LabelDimension = dimension,
            VerificationStatus = ParseEnum<VerificationStatus>(Text(Status)),
            AlignmentGroup = Text(Group),
            Search = Text(Search),
        };
    }

    /// <summary>"system/dimension" or "dimension" → its parts.</summary>
    public static (string? System, string? Dimension) SplitLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return (null, null);
        }
        var slash = label.IndexOf('/');
        return slash > 0 ? (label[..slash], label[(slash + 1)..]) : (null, label);
    }

    public static string? JoinLabel(string? system, string? dimension) =>
        string.IsNullOrEmpty(dimension) ? null : string.IsNullOrEmpty(system) ? dimension : $"{system}/{dimension}";

    /// <summary>The filter as name/value pairs, only the ones that are set.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(ItemFilter filter)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        void Add(string key, string? v)
        {
            if (!string.IsNullOrEmpty(v)) pairs.Add(new(key, v));
        }
        Add(Benchmark, filter.Benchmark);
        Add(Kind, filter.Kind?.ToString());
        Add(Category, filter.Category);
        Add(Country, filter.Country);
        Add(Language, filter.Language);
        Add(Modality, filter.Modality?.ToString());
        Add(Label, JoinLabel(filter.LabelValueSystem, filter.LabelDimension));
        Add(Status, filter.VerificationStatus?.ToString());
        Add(Group, filter.AlignmentGroup);
        Add(Search, filter.Search);
        return pairs;
    }

    /// <summary>"a=1&amp;b=2" (no leading '?'), URL-encoded; empty when no filter is set.</summary>
    public static string ToQuery(ItemFilter filter)
    {
        var builder = new StringBuilder();
        foreach (var (key, v) in Pairs(filter))
        {
            if (builder.Length > 0) builder.Append('&');
            builder.Append(key).Append('=').Append(Uri.EscapeDataString(v));
        }
        return builder.ToString();
    }

    private static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        text is not null && Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
