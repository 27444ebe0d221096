namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// MMA-ASIA consistency over alignment groups. An alignment group is one question asked in
/// several variants: languages (cross-lingual consistency) or modalities such as text, image +
/// question and speech (cross-modal consistency). Each group maps a variant key ("en", "ja",
/// "text", "image") to the option index the model chose; options keep the same order across
/// variants, so the same index is the same answer. A null choice means no option could be
/// extracted.
/// <list type="bullet">
/// <item><b>Consistency</b> = groups whose choices are all equal / groups counted.</item>
/// <item><b>Pairwise agreement with a reference variant</b> (English for languages): for each
/// other variant v, groups where choice(v) = choice(reference) / groups holding both.</item>
/// </list>
/// Choices are compared, not correctness: a model that is consistently wrong is consistent.
/// <para>Where the paper is silent (natural reading, documented): groups with fewer than two
/// answered-or-not variants carry no evidence of agreement and are not counted; a null choice
/// agrees with nothing, not even another null, because "no answer" in two languages is not the
/// same choice.</para>
/// </summary>
public static class AlignmentConsistency
{
    public static ConsistencyRate Consistency(IEnumerable<IReadOnlyDictionary<string, int?>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        int counted = 0, consistent = 0;
        foreach (var group in groups)
        {
            if (group.Count < 2) continue;
            counted++;
            var first = group.Values.First();
            if (first is not null && group.Values.All(c => c == first)) consistent++;
        }
        return new ConsistencyRate(counted, consistent);
    }

    /// <summary>Agreement of every other variant with <paramref name="reference"/>, keyed by
    /// variant and ordered by key (ordinal).</summary>
    public static IReadOnlyDictionary<string, ConsistencyRate> AgreementWith(
        string reference, IEnumerable<IReadOnlyDictionary<string, int?>> groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(groups);
        var counts = new SortedDictionary<string, (int Groups, int Agreeing)>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!group.TryGetValue(reference, out var referenceChoice)) continue;
            foreach (var (variant, choice) in group)
            {
                if (variant == reference) continue;
                var (n, agree) = counts.GetValueOrDefault(variant);
                counts[variant] = (n + 1, agree + (choice is not null && choice == referenceChoice ? 1 : 0));
            }
        }
        return counts.ToDictionary(kv => kv.Key, kv => new ConsistencyRate(kv.Value.Groups, kv.Value.Agreeing), StringComparer.Ordinal);
    }
}
