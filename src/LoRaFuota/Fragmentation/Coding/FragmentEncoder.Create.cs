using System.Buffers;
using System.IO.Pipelines;

namespace LoRaFuota.Fragmentation.Coding;

/// <content>Creating an encoder from a <see cref="Stream"/> or a <see cref="PipeReader"/> for large images.</content>
public sealed partial class FragmentEncoder
{
    /// <summary>The largest data block TS004 can carry: 16 382 fragments of 255 bytes.</summary>
    public const int MaxBlockLength = (ParityMatrix.MaxFragmentNumber - 1) * FragmentLayout.MaxFragSize;

    /// <summary>Reads a data block to its end from <paramref name="stream"/> and creates an encoder for it.</summary>
    /// <param name="stream">The image; read to the end, not disposed.</param>
    /// <param name="fragSize">The fragment size F, 1 to 255 bytes.</param>
    /// <param name="variant">The parity generator.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentException">The image is empty or larger than <see cref="MaxBlockLength"/>.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their source type; each takes the token last, as the BCL's async overloads do.")]
    public static async ValueTask<FragmentEncoder> CreateAsync(Stream stream, int fragSize, ParityVariant variant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position, 1, MaxBlockLength + 1) : 64 * 1024);
        while (true)
        {
            Memory<byte> target = buffer.GetMemory(16 * 1024);
            int read = await stream.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            EnsureWithinLimit(buffer.WrittenCount, nameof(stream));
        }

        return new FragmentEncoder(buffer.WrittenSpan, fragSize, variant);
    }

    /// <summary>Reads a data block until the writer completes and creates an encoder for it.</summary>
    /// <param name="reader">The pipe; read to completion and then completed.</param>
    /// <param name="fragSize">The fragment size F, 1 to 255 bytes.</param>
    /// <param name="variant">The parity generator.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentException">The image is empty or larger than <see cref="MaxBlockLength"/>.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ in their source type; each takes the token last, as the BCL's async overloads do.")]
    public static async ValueTask<FragmentEncoder> CreateAsync(PipeReader reader, int fragSize, ParityVariant variant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                buffer.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            EnsureWithinLimit(buffer.WrittenCount, nameof(reader));
            if (result.IsCompleted || result.IsCanceled)
            {
                break;
            }
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        return new FragmentEncoder(buffer.WrittenSpan, fragSize, variant);
    }

    private static void EnsureWithinLimit(int length, string paramName)
    {
        if (length > MaxBlockLength)
        {
            ThrowHelper.ThrowArgument(paramName, $"The image is larger than {MaxBlockLength} bytes, the most TS004 can carry (16 382 fragments of 255 bytes).");
        }
    }
}
