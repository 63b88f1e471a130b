using LoRaFuota.Campaigns;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation;

/// <summary>What <see cref="CampaignSimulator.Prepare"/> builds: the campaign, its devices' keys, the image and the virtual devices' radio.</summary>
/// <param name="Campaign">The campaign, not started.</param>
/// <param name="Keys">The devices' root keys.</param>
/// <param name="Image">The firmware image.</param>
/// <param name="Network">The virtual devices and their radio, not started.</param>
public sealed record SimulationSetup(FuotaCampaign Campaign, DeviceKeyStore Keys, FirmwareImage Image, SimulatedNetwork Network);
