using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Simulation;
using Spectre.Console;

namespace LoRaFuota.Cli.Simulation;

/// <summary>A live progress bar on the terminal's standard error while a simulation runs (devices final out of all, virtual time).</summary>
internal static class SimulationProgress
{
    public static SimulationResult Run(SimulationOptions options, int devices)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SimulationResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("simulating", maxValue: devices);
                Action<CampaignEvent>? previous = options.OnEvent;
                options.OnEvent = e =>
                {
                    previous?.Invoke(e);
                    if (e is DeviceStateChanged { To: OtaState.Updated or OtaState.Failed })
                    {
                        task.Increment(1);
                    }

                    task.Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"virtual {e.At - options.Start:hh\\:mm\\:ss}");
                };
                result = CampaignSimulator.Run(options);
                task.Value = devices;
            });
        return result!;
    }
}
