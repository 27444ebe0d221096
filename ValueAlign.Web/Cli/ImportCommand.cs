using System.CommandLine;
using ValueAlign.Core.Benchmarks.Import;

namespace ValueAlign.Web.Cli;

/// <summary>`import FILE`: loads benchmark items; all or nothing, errors with file, line and field.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to import (Touché arguments or labels TSV, JSONL, CSV, JSON, Parquet)." };
        var format = new Option<string?>("--format") { Description = "Importer to use (default: detected from extension and header)." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark name to file the items under (default: the format's own)." };
        var preset = new Option<string?>("--preset") { Description = "Saved column mapping for the generic importer (see `presets`)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and report counts and errors; write nothing." };
        var command = new Command("import", "Import benchmark items from a file.") { file, format, benchmark, preset, dryRun };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var console = CliConsole.Current;
            await using var services = await CliServices.CreateAsync(ct);
            var path = parse.GetValue(file)!.FullName;
            var options = new ImportOptions
            {
                Format = parse.GetValue(format),
                Benchmark = parse.GetValue(benchmark),
                Preset = parse.GetValue(preset),
                DryRun = parse.GetValue(dryRun),
            };
            ImportResult result;
            try
            {
                result = await services.GetRequiredService<ImportService>().ImportAsync(path, options, new ImportProgressPrinter(console.Error), ct);
            }
            catch (ImportException e)
            {
                WriteErrors(console, e.Errors);
                console.Error.WriteLine("Nothing was imported.");
                return 1;
            }
            var verb = result.DryRun ? "Checked (dry run)" : "Imported";
            console.Out.WriteLine(
                $"{verb} {result.File} as {result.Format}: {result.RecordsRead} record(s) read, {result.Inserted} new, {result.Updated} updated, {result.Labels} label(s).");
            if (!result.Succeeded)
            {
                WriteErrors(console, result.Errors);
                return 1;
            }
            return 0;
        });
        return command;
    }

    private static void WriteErrors(CliConsole console, IReadOnlyList<ImportError> errors)
    {
        console.Error.WriteLine($"{errors.Count} error(s):");
        foreach (var error in errors)
        {
            console.Error.WriteLine("  " + error);
        }
    }
}
