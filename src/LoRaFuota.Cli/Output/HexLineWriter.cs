namespace LoRaFuota.Cli.Output;

/// <summary>
/// Writes byte strings as lower-case hex lines through one reusable character buffer, so a command that prints
/// thousands of frames makes no string per line and hands the writer large blocks.
/// </summary>
internal sealed class HexLineWriter
{
    private const int BufferChars = 1 << 16;

    private readonly TextWriter _output;
    private readonly char[] _buffer;
    private readonly string _newLine;
    private int _used;

    public HexLineWriter(TextWriter output, int longestLine)
    {
        _output = output;
        _newLine = output.NewLine;
        _buffer = new char[Math.Max(BufferChars, (longestLine * 2) + _newLine.Length)];
    }

    /// <summary>Appends <paramref name="first"/> and <paramref name="second"/> as one hex line.</summary>
    public void WriteLine(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        int needed = ((first.Length + second.Length) * 2) + _newLine.Length;
        if (_used + needed > _buffer.Length)
        {
            Flush();
        }

        Span<char> free = _buffer.AsSpan(_used);
        Convert.TryToHexStringLower(first, free, out int a);
        Convert.TryToHexStringLower(second, free[a..], out int b);
        _newLine.CopyTo(free[(a + b)..]);
        _used += a + b + _newLine.Length;
    }

    /// <summary>Hands what is buffered to the underlying writer.</summary>
    public void Flush()
    {
        _output.Write(_buffer.AsSpan(0, _used));
        _used = 0;
    }
}
