using System.Globalization;
using LoRaFuota.FirmwareManagement;

namespace LoRaFuota.Campaigns;

/// <summary>
/// The default <see cref="IFirmwareVersionProtocol"/>: TS006 Firmware Management DevVersionReq / DevVersionAns on FPort 203.
/// The 4 FWversion octets are major, minor, patch and revision in wire order, written "major.minor.patch" (and
/// ".revision" when it is not 0); an image version must therefore be one to four numbers 0–255.
/// </summary>
public sealed class DevVersionProtocol : IFirmwareVersionProtocol
{
    /// <summary>The TS006 Firmware Management FPort.</summary>
    public const byte DefaultFPort = 203;

    private const int Parts = 4;

    /// <summary>Initializes a new instance of the <see cref="DevVersionProtocol"/> class.</summary>
    /// <param name="fPort">The FPort, 1 to 223.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fPort"/> is 0 or above 223.</exception>
    public DevVersionProtocol(byte fPort = DefaultFPort)
    {
        if (fPort is 0 or > 223)
        {
            throw new ArgumentOutOfRangeException(nameof(fPort), fPort, "An application FPort is 1 to 223.");
        }

        FPort = fPort;
    }

    /// <summary>Gets the shared instance on FPort 203.</summary>
    public static DevVersionProtocol Default { get; } = new();

    /// <inheritdoc/>
    public byte FPort { get; }

    /// <summary>Encodes a version text as the FWversion field.</summary>
    /// <param name="version">One to four numbers 0–255 separated by dots.</param>
    /// <param name="firmwareVersion">The field, read little-endian from wire order (major in the low byte).</param>
    /// <returns><see langword="true"/> if the text can be encoded; otherwise, <see langword="false"/>.</returns>
    public static bool TryEncode(string version, out uint firmwareVersion)
    {
        firmwareVersion = 0;
        if (string.IsNullOrEmpty(version))
        {
            return false;
        }

        string[] parts = version.Split('.');
        if (parts.Length > Parts)
        {
            return false;
        }

        for (int i = 0; i < parts.Length; i++)
        {
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out byte part))
            {
                firmwareVersion = 0;
                return false;
            }

            firmwareVersion |= (uint)part << (8 * i);
        }

        return true;
    }

    /// <summary>Writes the FWversion field as text: "major.minor.patch", with ".revision" when it is not 0.</summary>
    /// <param name="firmwareVersion">The field, read little-endian from wire order.</param>
    /// <returns>The version text.</returns>
    public static string Format(uint firmwareVersion)
    {
        byte revision = (byte)(firmwareVersion >> 24);
        string text = string.Create(CultureInfo.InvariantCulture, $"{(byte)firmwareVersion}.{(byte)(firmwareVersion >> 8)}.{(byte)(firmwareVersion >> 16)}");
        return revision == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}.{revision}");
    }

    /// <inheritdoc/>
    public bool TryNormalize(string version, out string normalized)
    {
        bool ok = TryEncode(version, out uint value);
        normalized = ok ? Format(value) : string.Empty;
        return ok;
    }

    /// <inheritdoc/>
    public int WriteRequest(Span<byte> destination) => default(DevVersionReq).TryWrite(destination, out int written) ? written : 0;

    /// <inheritdoc/>
    public bool TryReadReport(ReadOnlySpan<byte> payload, out string version)
    {
        bool ok = DevVersionAns.TryRead(payload, PackageVersion.V1, out DevVersionAns answer, out _);
        version = ok ? Format(answer.FirmwareVersion) : string.Empty;
        return ok;
    }
}
