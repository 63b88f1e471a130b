using LoRaFuota.Campaigns;

namespace LoRaFuota.Signing;

/// <summary>What a <see cref="FirmwarePackage"/> says about the image it carries.</summary>
/// <param name="Title">The title, for example the product name.</param>
/// <param name="Version">The version the device reports once it runs the image.</param>
/// <param name="Type">Firmware or software.</param>
/// <param name="Size">The image's size in bytes.</param>
/// <param name="Sha256">The image's SHA-256, 64 lower-case hex digits.</param>
public sealed record FirmwareManifest(string Title, string Version, FirmwareType Type, int Size, string Sha256);
