using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LoRaFuota.Cli;

namespace LoRaFuota.Benchmarks;

/// <summary>
/// The command-line tool's commands run in process on in-memory streams: the cost a whole-process run adds startup
/// to. Inputs: a 3 MiB image cut into F 232 with R 1 356 (fragment), 1 MiB with one fragment in 20 lost
/// (reassemble), 100 000 payload lines (decode) and 100 000 JSON lines (encode).
/// </summary>
public class CliBenchmarks
{
    private string _directory = string.Empty;
    private string _image = string.Empty;
    private string _fragments = string.Empty;
    private string _decodeInput = string.Empty;
    private string _encodeInput = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("lorafuota-cli-bench").FullName;
        var random = new Random(1);
        byte[] image = new byte[3 * 1024 * 1024];
        random.NextBytes(image);
        _image = Path.Combine(_directory, "image.bin");
        File.WriteAllBytes(_image, image);

        string oneMiB = Path.Combine(_directory, "image1m.bin");
        File.WriteAllBytes(oneMiB, image[..(1024 * 1024)]);
        string[] frames = Run(string.Empty, "fragment", "--input", oneMiB, "--fragment-size", "232", "--redundancy", "452")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _fragments = Path.Combine(_directory, "fragments.txt");
        File.WriteAllLines(_fragments, frames.Where((_, i) => i % 20 != 19));

        var decode = new StringBuilder();
        var encode = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            decode.Append(i % 3 == 0 ? "02310004800d4001020304800001020304" : frames[i % frames.Length][..40]).Append('\n');
            encode.Append((i % 3) switch
            {
                0 => JsonSerializer.Serialize(new { command = "DataFragment", frag_index = i % 4, n = 1 + (i % 16000), payload_hex = "0102030405060708" }),
                1 => JsonSerializer.Serialize(new { command = "FragSessionStatusReq", frag_index = i % 4, participants = true }),
                _ => "{\"command\":\"FragSessionSetupReq\",\"frag_index\":3,\"mc_group_bit_mask\":1,\"nb_frag\":1024,\"frag_size\":128,\"frag_algo\":1,"
                    + "\"block_ack_delay\":5,\"ack_reception\":false,\"padding\":64,\"descriptor_hex\":\"01020304\",\"session_cnt\":128,\"mic_hex\":\"01020304\"}",
            }).Append('\n');
        }

        _decodeInput = decode.ToString();
        _encodeInput = encode.ToString();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public int Fragment3MiB() => Run(string.Empty, "fragment", "--input", _image, "--fragment-size", "232", "--redundancy", "1356").Length;

    [Benchmark]
    public int Reassemble1MiB() =>
        Run(string.Empty, "reassemble", "--nb-frag", "4520", "--fragment-size", "232", "--padding", "64", "--input", _fragments, "--output", Path.Combine(_directory, "out.bin")).Length;

    [Benchmark]
    public int Decode100kLines() => Run(_decodeInput, "decode", "--port", "201", "--version", "2", "--direction", "down").Length;

    [Benchmark]
    public int Encode100kLines() => Run(_encodeInput, "encode", "--port", "201", "--version", "2", "--direction", "down").Length;

    [Benchmark]
    public int Plan() => Run(string.Empty, "plan", "--size", "1048576", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "10").Length;

    private static string Run(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = LoRaFuotaCli.Run(args, new StringReader(input), output, error);
        return code == 0 ? output.ToString() : throw new InvalidOperationException($"exit {code}: {error}");
    }
}
