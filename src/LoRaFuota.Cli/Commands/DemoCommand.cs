using System.CommandLine;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Commands;

/// <summary>
/// <c>lorafuota demo</c>: the sample simulation with nothing to choose — 300 devices, a 64 KiB image, 5 % loss, EU868 DR5
/// class C, 20 % redundancy. The same as <c>simulate --size 65536 --devices 300 --loss 5% --region EU868 --dr 5 --class C
/// --redundancy-percent 20</c>.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("demo", "Run the sample simulation: 300 devices, a 64 KiB image, 5 % loss, EU868 DR5 class C, 20 % redundancy.");
        command.SetAction(_ => SimulateCommand.Run(context, Sample(), json: false, events: null, svg: null));
        return command;
    }

    public static SimulationOptions Sample() => new()
    {
        ImageSize = 64 * 1024,
        DeviceCount = 300,
        Loss = 0.05,
        Region = Regions.RegionalParameters.Get(Regions.Region.EU868),
        DataRate = 5,
        RedundancyPercent = 20,
    };
}
