using System.Globalization;
using ValueAlign.Core.Methods.Questionnaires;

namespace ValueAlign.Core.Values.Objectives.Presets;

/// <summary>
/// Priorities from a questionnaire profile (a person's or a model's PVQ/MFQ answers), in two forms.
/// <para><b>Item answers</b> (one line per item: <c>item, dimension, response[, r]</c>, where a fourth
/// column <c>r</c>/<c>reverse</c>/<c>-1</c> marks a reverse-keyed item): scored with
/// <see cref="QuestionnaireScoring.CentredScores"/> (mean of a dimension's keyed items minus the mean
/// of all items, MRAT), because PVQ priorities are relative to the respondent's own use of the scale.
/// The centred score c is mapped by <c>priority = 3 + 2·c / h</c> with h = (max − min) / 2, half the
/// scale's range, rounded and clamped to 1..5: the respondent's average is 3, a dimension rated half
/// the scale's range above their average (2.5 points on PVQ's 1..6) or more is 5, as far below is 1.</para>
/// <para><b>Dimension scores</b> (one line per dimension: <c>dimension: score</c> or
/// <c>dimension, score</c>), already averaged, on the answer scale: mapped linearly onto 1..5 by
/// <c>priority = 1 + 4·(score − min) / (max − min)</c>, rounded and clamped, so the scale's ends are 1
/// and 5 and its midpoint 3. They are not centred: scores from a paper or a scoring tool are taken as given.</para>
/// Dimensions are recognised by id, name or alias; a dimension without data is set to 3 and noted.
/// Lines starting with <c>#</c> and blank lines are skipped; a first line whose response column is
/// not a number is taken as a header.
/// </summary>
public static class QuestionnairePreset
{
    private static readonly char[] Separators = [',', '\t', ';'];

    public static PresetPriorities FromAnswers(ValueSystem system, ResponseScale scale, string text)
    {
        var problems = new List<string>();
        var responses = new List<ItemResponse>();
        foreach (var (line, fields) in Lines(text, Separators))
        {
            if (fields.Length is < 3 or > 4)
            {
                problems.Add($"Line {line}: expected 'item, dimension, response[, r]', got {fields.Length} column(s).");
                continue;
            }
            if (!TryNumber(fields[2], out var response))
            {
                if (line == FirstLine(text) && responses.Count == 0)
                {
                    continue;
                }
                problems.Add($"Line {line}: response '{fields[2]}' is not a number.");
                continue;
            }
            var dimension = system.FindDimension(fields[1]);
            if (dimension is null)
            {
                problems.Add($"Line {line}: '{fields[1]}' is not a dimension of {system.Id}.");
                continue;
            }
            if (response < scale.Min || response > scale.Max)
            {
                problems.Add($"Line {line}: response {fields[2]} is off the scale {scale.Min}..{scale.Max}.");
                continue;
            }
            bool? reverse = fields.Length < 4 ? false : fields[3].Trim().ToLowerInvariant() switch
            {
                "" or "+1" or "1" or "false" or "no" => false,
                "r" or "reverse" or "-1" or "true" or "yes" => true,
                _ => null,
            };
            if (reverse is null)
            {
                problems.Add($"Line {line}: '{fields[3]}' does not say whether the item is reverse-keyed (use r or leave empty).");
                continue;
            }
            responses.Add(new ItemResponse(fields[0].Trim(), dimension.Id, reverse.Value, response));
        }
        var duplicate = responses.GroupBy(r => r.ItemId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"Item '{duplicate.Key}' is answered more than once.");
        }
        if (problems.Count == 0 && responses.Count == 0)
        {
            problems.Add("No answers: give one line per item as 'item, dimension, response'.");
        }
        if (problems.Count > 0)
        {
            throw new PresetInputException(problems);
        }
        var centred = QuestionnaireScoring.CentredScores(scale, responses);
        var half = (scale.Max - scale.Min) / 2.0;
        return Map(system, centred, c => PresetPriorities.Neutral + 2 * c / half,
            $"Centred on the mean of all {responses.Count} answers ({QuestionnaireScoring.MeanRating(scale, responses).ToString("0.##", CultureInfo.InvariantCulture)}).");
    }

    public static PresetPriorities FromDimensionScores(ValueSystem system, ResponseScale scale, string text)
    {
        var problems = new List<string>();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (line, fields) in Lines(text, [':', .. Separators]))
        {
            if (fields.Length != 2)
            {
                problems.Add($"Line {line}: expected 'dimension: score', got {fields.Length} column(s).");
                continue;
            }
            if (!TryNumber(fields[1], out var score))
            {
                if (line == FirstLine(text) && scores.Count == 0)
                {
                    continue;
                }
                problems.Add($"Line {line}: score '{fields[1]}' is not a number.");
                continue;
            }
            var dimension = system.FindDimension(fields[0]);
            if (dimension is null)
            {
                problems.Add($"Line {line}: '{fields[0]}' is not a dimension of {system.Id}.");
            }
            else if (score < scale.Min || score > scale.Max)
            {
                problems.Add($"Line {line}: score {fields[1]} is off the scale {scale.Min}..{scale.Max}.");
            }
            else if (!scores.TryAdd(dimension.Id, score))
            {
                problems.Add($"Line {line}: {dimension.Name} has a score already.");
            }
        }
        if (problems.Count == 0 && scores.Count == 0)
        {
            problems.Add("No scores: give one line per dimension as 'dimension: score'.");
        }
        if (problems.Count > 0)
        {
            throw new PresetInputException(problems);
        }
        return Map(system, scores, s => 1 + 4 * (s - scale.Min) / (scale.Max - scale.Min), null);
    }

    private static PresetPriorities Map(ValueSystem system, IReadOnlyDictionary<string, double> scores, Func<double, double> toScale, string? note)
    {
        var missing = system.Dimensions.Where(d => !scores.ContainsKey(d.Id)).Select(d => d.Name).ToArray();
        var notes = new List<string>();
        if (note is not null)
        {
            notes.Add(note);
        }
        if (missing.Length > 0)
        {
            notes.Add($"No data for {string.Join(", ", missing)}: set to {PresetPriorities.Neutral}.");
        }
        var priorities = system.Dimensions
            .Select(d => scores.TryGetValue(d.Id, out var s) ? PresetPriorities.ToPriority(toScale(s)) : PresetPriorities.Neutral)
            .ToArray();
        return new PresetPriorities(priorities, notes);
    }

    private static IEnumerable<(int Line, string[] Fields)> Lines(string text, char[] separators)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            yield return (i + 1, trimmed.Split(separators).Select(f => f.Trim()).ToArray());
        }
    }

    private static int FirstLine(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
