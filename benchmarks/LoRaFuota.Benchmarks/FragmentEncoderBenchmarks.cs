using BenchmarkDotNet.Attributes;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Benchmarks;

/// <summary>Encoding every coded fragment of an image: FragSize 232, 10 % redundancy (1 MiB: M = 4 520, R = 452).</summary>
public class FragmentEncoderBenchmarks
{
    private const int FragSize = 232;

    private FragmentEncoder _encoder = null!;
    private FragmentEncoder _twoThreads = null!;
    private byte[] _output = [];
    private byte[] _image = [];

    [Params(1, 3)]
    public int MiB { get; set; }

    [Params(ParityVariant.V1, ParityVariant.V2)]
    public ParityVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _image = new byte[MiB * 1024 * 1024];
        new Random(42).NextBytes(_image);
        _encoder = new FragmentEncoder(_image, FragSize, Variant);
        _twoThreads = new FragmentEncoder(_image, FragSize, Variant, maxDegreeOfParallelism: 2);
        _output = new byte[_encoder.Layout.GetRedundancy(10) * FragSize];
    }

    [Benchmark]
    public byte EncodeAllCodedFragments()
    {
        int redundancy = _encoder.Layout.GetRedundancy(10);
        _encoder.WriteCodedPayloads(_encoder.NbFrag + 1, redundancy, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte EncodeAllCodedFragmentsTwoThreads()
    {
        int redundancy = _twoThreads.Layout.GetRedundancy(10);
        _twoThreads.WriteCodedPayloads(_twoThreads.NbFrag + 1, redundancy, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte EncodeCodedFragmentsOneByOne()
    {
        int redundancy = _encoder.Layout.GetRedundancy(10);
        for (int i = 0; i < redundancy; i++)
        {
            _encoder.WritePayload(_encoder.NbFrag + 1 + i, _output.AsSpan(i * FragSize, FragSize));
        }

        return _output[^1];
    }

    [Benchmark]
    public int CreateEncoder() => new FragmentEncoder(_image, FragSize, Variant).NbFrag;
}
