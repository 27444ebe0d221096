using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Web.Cli;

/// <summary>
/// `bench agreement`: time to compute the full agreement report (all statistics, every question)
/// for seeded synthetic annotations. One annotation = one annotator's answers to every question of
/// one item, as the annotate page submits them. Goal: ≤ 1 s for 100k annotations.
/// </summary>
public static class BenchAgreementCommand
{
    private const double GoalMilliseconds = 1000;

    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "Items.", DefaultValueFactory = _ => 20_000 };
        var annotators = new Option<int>("--annotators") { Description = "Annotators per item.", DefaultValueFactory = _ => 5 };
        var runs = new Option<int>("--runs") { Description = "Timed runs after the first (cold) one.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var command = new Command("agreement", "Time the full agreement report on synthetic annotations (3 questions).")
        {
            items, annotators, runs, seed,
        };
        command.SetAction((ParseResult parse, CancellationToken _) =>
        {
            var console = CliConsole.Current;
            var (itemCount, annotatorCount, runCount) = (parse.GetValue(items), parse.GetValue(annotators), parse.GetValue(runs));
            if (itemCount < 1 || annotatorCount < 2 || runCount < 1)
            {
                console.Error.WriteLine("Need --items ≥ 1, --annotators ≥ 2 and --runs ≥ 1.");
                return Task.FromResult(2);
            }
            var rows = SyntheticAnnotations(itemCount, annotatorCount, parse.GetValue(seed));

            var clock = Stopwatch.StartNew();
            var report = AgreementReport.Compute(rows);
            var coldMs = clock.Elapsed.TotalMilliseconds;
            var timings = new List<double>();
            for (var r = 0; r < runCount; r++)
            {
                clock.Restart();
                report = AgreementReport.Compute(rows);
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
            timings.Sort();
            var medianMs = timings[timings.Count / 2];
            var annotations = itemCount * annotatorCount;
            var alpha = report.Questions.Select(q => q.AlphaNominal.Alpha.ToString("0.000", CultureInfo.InvariantCulture));

            console.Out.WriteLine("bench      annotations  labels   items   annotators  questions  cold_ms  median_ms  goal_ms  met");
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agreement  {annotations,-11}  {rows.Count,-7}  {itemCount,-6}  {annotatorCount,-10}  {report.Questions.Count,-9}  {coldMs,-7:0.0}  {medianMs,-9:0.0}  {GoalMilliseconds,-7:0}  {(medianMs <= GoalMilliseconds ? "yes" : "no")}"));
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                bench = "agreement",
                annotations,
                labels = rows.Count,
                items = itemCount,
                annotators = annotatorCount,
                questions = report.Questions.Count,
                coldMs = Math.Round(coldMs, 1),
                medianMs = Math.Round(medianMs, 1),
                runs = runCount,
                goalMs = GoalMilliseconds,
                met = medianMs <= GoalMilliseconds,
                nominalAlpha = alpha.ToArray(),
            }));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// Each item has a true answer per question; an annotator gives it with probability 0.75, else a
    /// uniformly random option, so the statistics land in a realistic middle range rather than 0 or 1.
    /// </summary>
    private static List<AnnotationRow> SyntheticAnnotations(int items, int annotators, int seed)
    {
        (string Name, string[] Options)[] questions =
        [
            ("answer-correct", ["yes", "no"]),
            ("item-type", ["context-dependent", "false-premise", "subjective", "vague", "answerable"]),
            ("likert", ["1", "2", "3", "4", "5"]),
        ];
        var random = new Random(seed);
        var annotatorNames = Enumerable.Range(1, annotators * 4).Select(a => $"annotator-{a}").ToArray();
        var rows = new List<AnnotationRow>(items * annotators * questions.Length);
        for (var i = 0; i < items; i++)
        {
            var item = $"item-{i}";
            // Different annotators on different items, as overlap assignment produces.
            var first = random.Next(annotatorNames.Length);
            foreach (var (name, options) in questions)
            {
                var truth = options[random.Next(options.Length)];
                for (var a = 0; a < annotators; a++)
                {
                    var label = random.NextDouble() < 0.75 ? truth : options[random.Next(options.Length)];
                    rows.Add(new AnnotationRow(item, annotatorNames[(first + a) % annotatorNames.Length], name, label));
                }
            }
        }
        return rows;
    }
}
