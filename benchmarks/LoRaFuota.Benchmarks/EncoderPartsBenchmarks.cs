using BenchmarkDotNet.Attributes;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Benchmarks;

/// <summary>
/// The two parts of <see cref="FragmentEncoderBenchmarks.EncodeAllCodedFragments"/> on their own, 1 MiB, F = 232,
/// R = 452: generating the parity lines, and the grouped XOR that turns given lines into coded fragments.
/// </summary>
public class EncoderPartsBenchmarks
{
    private const int FragSize = 232;
    private const int Stride = 256;

    private ParityMatrix.LineGenerator _lines;
    private GroupedXor _xor = null!;
    private byte[] _rows = [];
    private byte[] _line = [];
    private byte[] _output = [];
    private int _nbFrag;
    private int _redundancy;

    [Params(ParityVariant.V1, ParityVariant.V2)]
    public ParityVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] image = new byte[1024 * 1024];
        new Random(42).NextBytes(image);
        FragmentLayout layout = FragmentLayout.Create(image.Length, FragSize);
        _nbFrag = layout.NbFrag;
        _redundancy = layout.GetRedundancy(10);
        _rows = new byte[GroupedXor.GetPaddedLength(_nbFrag, Stride)];
        for (int j = 0; j < _nbFrag; j++)
        {
            image.AsSpan(j * FragSize, Math.Min(FragSize, image.Length - (j * FragSize))).CopyTo(_rows.AsSpan(j * Stride));
        }

        _lines = new ParityMatrix.LineGenerator(_nbFrag, Variant);
        _line = new byte[ParityMatrix.GetLineLength(ParityMatrix.MaxFragmentNumber)];
        _xor = new GroupedXor(_nbFrag, FragSize, FragmentEncoder.BatchRows, workers: 1);
        for (int i = 0; i < _redundancy; i++)
        {
            _lines.Fill(_nbFrag + 1 + i, _xor.PaddedLine(i));
        }

        _output = new byte[_redundancy * FragSize];
    }

    [Benchmark]
    public int GenerateParityLines()
    {
        int weight = 0;
        for (int i = 0; i < _redundancy; i++)
        {
            weight += _lines.Fill(_nbFrag + 1 + i, _line);
        }

        return weight;
    }

    [Benchmark]
    public byte GroupedXorOfGivenLines()
    {
        _xor.Run(_rows, Stride, _redundancy, _output, workers: 1);
        return _output[^1];
    }
}
