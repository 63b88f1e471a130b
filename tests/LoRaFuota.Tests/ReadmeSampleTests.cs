using System.Buffers;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Payloads;

namespace LoRaFuota.Tests;

/// <summary>The README quick start, kept compiling and true.</summary>
public class ReadmeSampleTests
{
    [Fact]
    public void QuickStart_RoundTripsAnImageAndReadsAStatus()
    {
        byte[] firmware = new byte[10_000];
        new Random(9).NextBytes(firmware);

        var encoder = new FragmentEncoder(firmware, fragSize: 232, ParityVariant.V2);
        int redundancy = encoder.Layout.GetRedundancy(percent: 10);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = encoder.NbFrag, FragSize = 232, Padding = encoder.Layout.Padding, Variant = ParityVariant.V2,
        });
        Span<byte> frame = stackalloc byte[3 + 232];
        for (int n = 1; n <= encoder.NbFrag + redundancy; n++)
        {
            int length = encoder.WriteDataFragment(n, fragIndex: 0, frame);
            if (n != 3)
            {
                decoder.Process(frame[..length]);
            }
        }

        Assert.True(decoder.IsCompleted);
        byte[] block = new byte[decoder.BlockLength];
        decoder.CopyBlockTo(block);
        Assert.Equal(firmware, block);

        byte[] uplink = [0x01, 0x00, 0x2C, 0x00, 0x00];
        var reader = new AppLayerPayloadReader(uplink, AppLayerPackage.Fragmentation, PackageVersion.V2, LinkDirection.Uplink);
        int missing = -1;
        while (reader.Read())
        {
            if (reader.Command == AppLayerCommand.FragSessionStatusAns
                && FragSessionStatusAns.TryRead(reader.CommandBytes, PackageVersion.V2, out var status, out _))
            {
                missing = status.MissingFrag;
            }
        }

        Assert.Equal(OperationStatus.Done, reader.Status);
        Assert.Equal(0, missing);
    }
}
