using BenchmarkDotNet.Attributes;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Benchmarks;

/// <summary>
/// Decoding an image received over a channel with 5 % independent random loss, in order, FragSize 232, 10 %
/// redundancy: every surviving fragment is fed until the block completes. Setup (encoding the fragments) is not timed.
/// </summary>
public class FragmentDecoderBenchmarks
{
    private const int FragSize = 232;

    private FragmentDecoder _decoder = null!;
    private int[] _numbers = [];
    private byte[] _payloads = [];
    private byte[] _block = [];

    [Params(1, 3)]
    public int MiB { get; set; }

    [Params(ParityVariant.V1, ParityVariant.V2)]
    public ParityVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] image = new byte[MiB * 1024 * 1024];
        new Random(42).NextBytes(image);
        var encoder = new FragmentEncoder(image, FragSize, Variant);
        int total = encoder.NbFrag + encoder.Layout.GetRedundancy(10);
        var random = new Random(7);
        var numbers = new List<int>();
        for (int n = 1; n <= total; n++)
        {
            if (random.NextDouble() >= 0.05)
            {
                numbers.Add(n);
            }
        }

        _numbers = [.. numbers];
        _payloads = new byte[_numbers.Length * FragSize];
        for (int i = 0; i < _numbers.Length; i++)
        {
            encoder.WritePayload(_numbers[i], _payloads.AsSpan(i * FragSize, FragSize));
        }

        _decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = encoder.NbFrag, FragSize = FragSize, Padding = encoder.Layout.Padding, Variant = Variant,
        });
        _block = new byte[_decoder.BlockLength];
        Decode(); // size the matrix once: later runs are steady state
    }

    [Benchmark]
    public int DecodeWithFivePercentLoss() => Decode();

    private int Decode()
    {
        _decoder.Reset();
        for (int i = 0; i < _numbers.Length; i++)
        {
            if (_decoder.Process(_numbers[i], _payloads.AsSpan(i * FragSize, FragSize)) == FragmentResult.Completed)
            {
                _decoder.CopyBlockTo(_block);
                return i;
            }
        }

        throw new InvalidOperationException("The benchmark channel lost too much to decode.");
    }
}
