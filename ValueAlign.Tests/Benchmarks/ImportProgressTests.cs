using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

public class ImportProgressTests
{
    /// <summary>Collects reports on the calling thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Recorder : IProgress<ImportProgress>
    {
        public List<ImportProgress> Reports { get; } = [];

        public void Report(ImportProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    [Fact]
    public async Task Progress_counts_records_and_bytes_up_to_the_whole_file()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = SharedFolder.File("datasets", "value_fulcra", "trustworthy_data.sample.jsonl");
        var recorder = new Recorder();
        await lib.Imports.ImportAsync(path, new ImportOptions(), recorder);
        var last = recorder.Reports[^1];
        Assert.Equal(300, last.RecordsRead);
        Assert.Equal(new FileInfo(path).Length, last.BytesRead);
        Assert.Equal(new FileInfo(path).Length, last.TotalBytes);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(recorder.Reports.Select(r => r.RecordsRead).Order(), recorder.Reports.Select(r => r.RecordsRead));
    }

    [Fact]
    public async Task Touche_progress_covers_both_files_of_the_pair()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var arguments = SharedFolder.File("datasets", "touche23_valueeval", "arguments-validation-zhihu.sample.tsv");
        var labels = SharedFolder.File("datasets", "touche23_valueeval", "labels-validation-zhihu.sample.tsv");
        var recorder = new Recorder();
        await lib.Imports.ImportAsync(arguments, new ImportOptions(), recorder);
        Assert.Equal(new FileInfo(arguments).Length + new FileInfo(labels).Length, recorder.Reports[^1].TotalBytes);
        Assert.Equal(60, recorder.Reports[^1].RecordsRead);
    }
}
