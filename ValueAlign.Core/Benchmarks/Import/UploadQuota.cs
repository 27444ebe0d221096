namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>
/// Counts the bytes of one upload (all of its files) while they are copied, and stops the copy
/// as soon as the total passes the quota: nothing beyond the quota is read or written.
/// </summary>
public sealed class UploadQuota(long maxBytes)
{
    public long MaxBytes { get; } = maxBytes;

    public long BytesUsed { get; private set; }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> in 80 KB pieces, within what is left of the quota.</summary>
    /// <exception cref="UploadQuotaExceededException">The upload passed the quota while copying <paramref name="fileName"/>.</exception>
    public async Task CopyAsync(Stream source, Stream target, string fileName, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[81920];
        while (true)
        {
            var read = await source.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }
            BytesUsed += read;
            if (BytesUsed > MaxBytes)
            {
                throw new UploadQuotaExceededException(fileName, MaxBytes);
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}

/// <summary>An upload went over its total quota; the message names the file and the setting.</summary>
public sealed class UploadQuotaExceededException(string fileName, long maxBytes) : IOException(
    $"the upload is larger than the {maxBytes / (1024 * 1024)} MB allowed for all its files together " +
    $"(setting {ImportLimits.SectionName}:{nameof(ImportLimits.MaxUploadMB)}); stopped at '{fileName}', nothing was kept")
{
    public string FileName { get; } = fileName;
}
