using System.CommandLine;

namespace ValueAlign.Web.Cli;

/// <summary>`bench`: speed figures for the targets the issues set. One subcommand a subject.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure speed and print the figures as a table and as JSON.");
        bench.Subcommands.Add(BenchAgreementCommand.Create());
        bench.Subcommands.Add(BenchModelCommand.Create());
        bench.Subcommands.Add(BenchLibraryCommand.Create());
        bench.Subcommands.Add(BenchAnnotateCommand.Create());
        bench.Subcommands.Add(BenchCultureCommand.Create());
        bench.Subcommands.Add(BenchRunCommand.Create());
        bench.Subcommands.Add(BenchLongMabCommand.Create());
        bench.Subcommands.Add(BenchLegalDeltaCommand.Create());
        bench.Subcommands.Add(BenchOptimiseCommand.Create());
        bench.Subcommands.Add(BenchServedCommand.Create());
        return bench;
    }
}
