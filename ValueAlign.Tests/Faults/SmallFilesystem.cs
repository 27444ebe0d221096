using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// A size-limited tmpfs mounted for one test, so a database on it meets a really full disk
/// (ENOSPC, which SQLite reports as SQLITE_FULL). Mounting needs root (CAP_SYS_ADMIN); without it
/// the test fails saying so. <see cref="Fill"/> takes every free byte with a filler file,
/// <see cref="Free"/> gives them back.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler.bin");

    public static SmallFilesystem Mount(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "valuealign-tests", "disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"This full-disk test mounts a {megabytes} MB tmpfs and needs root (CAP_SYS_ADMIN) for it; run the tests as root. mount said: {output}");
        }
        return new SmallFilesystem(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A new empty folder on this filesystem owned like <paramref name="reference"/> (a server's data directory, for its tablespace).</summary>
    public string FolderOwnedLike(string name, string reference)
    {
        var folder = File(name);
        Directory.CreateDirectory(folder);
        var (code, output) = Run("chown", "--reference=" + reference, folder);
        Assert.True(code == 0, $"chown --reference={reference} {folder} failed: {output}");
        return folder;
    }

    /// <summary>Writes a filler file until the filesystem refuses even one more byte; returns its size.</summary>
    public long Fill()
    {
        using var filler = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in new[] { 1 << 20, 1 << 16, 1 << 12, 1 << 9, 1 })
        {
            var bytes = new byte[chunk];
            try
            {
                while (true)
                    filler.Write(bytes);
            }
            catch (IOException)
            {
                // Full for this chunk size; try a smaller one.
            }
        }
        return new FileInfo(Filler).Length;
    }

    public void Free() => System.IO.File.Delete(Filler);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
