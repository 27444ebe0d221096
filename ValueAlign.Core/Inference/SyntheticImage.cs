using System.Buffers.Binary;

namespace ValueAlign.Core.Inference;

/// <summary>
/// A seeded 24-bit BMP picture (colour gradients with noise) for benchmarks: every image decoder
/// reads BMP, and the file is written by this code rather than shipped.
/// </summary>
public static class SyntheticImage
{
    public static ImageInput Bmp(int width, int height, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var stride = (width * 3 + 3) & ~3;
        var pixels = stride * height;
        var bytes = new byte[54 + pixels];
        var header = bytes.AsSpan();
        header[0] = (byte)'B';
        header[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(header[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(header[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(header[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(header[22..], height);
        BinaryPrimitives.WriteInt16LittleEndian(header[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(header[34..], pixels);
        var random = new Random(seed);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + y * stride;
            for (var x = 0; x < width; x++)
            {
                var noise = random.Next(32);
                bytes[row + x * 3] = (byte)(255 * x / Math.Max(1, width - 1) ^ noise);         // blue
                bytes[row + x * 3 + 1] = (byte)(255 * y / Math.Max(1, height - 1) ^ noise);    // green
                bytes[row + x * 3 + 2] = (byte)((x + y + seed) * 7 % 256);                     // red
            }
        }
        return new ImageInput(bytes, "image/bmp");
    }
}
