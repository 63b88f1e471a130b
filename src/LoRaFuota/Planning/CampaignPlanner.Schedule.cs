using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Planning;

/// <content>The downlink schedule and the session setup command.</content>
public static partial class CampaignPlanner
{
    private const byte FragmentationPort = (byte)AppLayerPackage.Fragmentation;

    private static CampaignPlan WithSchedule(CampaignPlanOptions options, CampaignPlan plan, ReadOnlyMemory<byte> image, List<Transmission> transmissions)
    {
        FragmentEncoder? encoder = image.IsEmpty ? null : new FragmentEncoder(image.Span, plan.FragmentSize, options.Variant);
        int fragments = plan.NbFrag + plan.Redundancy;
        var frames = new ReadOnlyMemory<byte>[fragments + 1];
        if (encoder is not null)
        {
            for (int n = 1; n <= fragments; n++)
            {
                byte[] frame = new byte[DataFragment.HeaderLength + plan.FragmentSize];
                encoder.WriteDataFragment(n, options.FragIndex, frame);
                frames[n - 1] = frame;
            }
        }

        byte[] status = new byte[FragSessionStatusReq.EncodedLength];
        new FragSessionStatusReq(options.FragIndex, Participants: false).TryWrite(status, out _);
        frames[fragments] = status;

        var schedule = new ScheduledDownlink[transmissions.Count];
        for (int i = 0; i < transmissions.Count; i++)
        {
            Transmission t = transmissions[i];
            bool isFragment = t.Frame < fragments;
            schedule[i] = new ScheduledDownlink(
                t.Time,
                FragmentationPort,
                frames[t.Frame],
                options.FirstMulticastFrameCounter + (uint)t.Frame,
                isFragment ? DownlinkKind.DataFragment : DownlinkKind.FragSessionStatusReq,
                isFragment ? t.Frame + 1 : 0,
                t.Gateway);
        }

        return plan with
        {
            Schedule = schedule,
            FragSessionSetup = new FragSessionSetupReq
            {
                Version = options.Variant == ParityVariant.V1 ? PackageVersion.V1 : PackageVersion.V2,
                FragIndex = options.FragIndex,
                McGroupBitMask = 1, // McGroupID 0 feeds the session
                NbFrag = (ushort)plan.NbFrag,
                FragSize = (byte)plan.FragmentSize,
                Padding = (byte)plan.Padding,
            },
        };
    }
}
