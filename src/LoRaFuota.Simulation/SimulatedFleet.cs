using LoRaFuota.Campaigns;
using LoRaFuota.Simulation.Devices;

namespace LoRaFuota.Simulation;

/// <summary>Virtual devices and the root keys they were given (see <see cref="CampaignSimulator.CreateFleet"/>).</summary>
/// <param name="Keys">Each device's GenAppKey.</param>
/// <param name="Devices">The devices, in the fleet's order.</param>
public sealed record SimulatedFleet(DeviceKeyStore Keys, IReadOnlyList<VirtualDevice> Devices);
