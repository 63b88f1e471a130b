using System.Buffers;

namespace LoRaFuota.Payloads;

/// <summary>
/// Walks the commands of one FRMPayload on an application-layer FPort, without copying or allocating, and reports
/// where and why a malformed payload stops being readable.
/// </summary>
/// <remarks>
/// <code>
/// var reader = new AppLayerPayloadReader(frmPayload, AppLayerPackage.Fragmentation, PackageVersion.V2, LinkDirection.Uplink);
/// while (reader.Read())
/// {
///     if (reader.Command == AppLayerCommand.FragSessionStatusAns)
///     {
///         FragSessionStatusAns.TryRead(reader.CommandBytes, PackageVersion.V2, out var status, out _);
///     }
/// }
/// if (reader.Status != OperationStatus.Done) { /* reader.ErrorOffset, reader.Error */ }
/// </code>
/// Reading stops at the first unknown CID (as LoRa Basics Modem and ChirpStack do; skipping one octet, as
/// LoRaMac-node does, parses garbage). A DataFragment must be the only command of its frame (TS004 §3.5).
/// </remarks>
public ref struct AppLayerPayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;   // the whole FRMPayload
    private readonly AppLayerPackage _package;
    private readonly PackageVersion _version;
    private readonly LinkDirection _direction;
    private int _offset;                             // start of the next command; equals _payload.Length when done

    /// <summary>Initializes a new instance of the <see cref="AppLayerPayloadReader"/> struct.</summary>
    /// <param name="payload">The decrypted FRMPayload.</param>
    /// <param name="package">The package the FPort belongs to.</param>
    /// <param name="version">The package version the device speaks.</param>
    /// <param name="direction">The frame direction.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a defined value.</exception>
    public AppLayerPayloadReader(ReadOnlySpan<byte> payload, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        FieldGuard.Version(version);
        if (!Enum.IsDefined(package))
        {
            throw new ArgumentOutOfRangeException(nameof(package), package, "The package must be ClockSync (202), Fragmentation (201) or MulticastSetup (200).");
        }

        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The direction must be Uplink or Downlink.");
        }

        _payload = payload;
        _package = package;
        _version = version;
        _direction = direction;
        _offset = 0;
        Command = AppLayerCommand.None;
        CommandBytes = default;
        CommandOffset = 0;
        Status = OperationStatus.Done;
        Error = null;
    }

    /// <summary>Gets the command read by the last successful <see cref="Read"/>.</summary>
    public AppLayerCommand Command { get; private set; }

    /// <summary>Gets the bytes of the current command, CID included: pass them to the command type's TryRead.</summary>
    public ReadOnlySpan<byte> CommandBytes { get; private set; }

    /// <summary>Gets the offset of the current command (or, after a failure, of the command that failed).</summary>
    public int CommandOffset { get; private set; }

    /// <summary>Gets the number of bytes consumed so far.</summary>
    public readonly int BytesConsumed => _offset;

    /// <summary>
    /// Gets <see cref="OperationStatus.Done"/> while reading goes well, <see cref="OperationStatus.NeedMoreData"/> when
    /// the last command is truncated, or <see cref="OperationStatus.InvalidData"/> for an unknown CID or an illegal value.
    /// </summary>
    public OperationStatus Status { get; private set; }

    /// <summary>Gets the byte offset of the failure (the CID of the command that could not be read), or -1 without one.</summary>
    public readonly int ErrorOffset => Status == OperationStatus.Done ? -1 : CommandOffset;

    /// <summary>Gets a sentence describing the failure, or null without one.</summary>
    public string? Error { get; private set; }

    /// <summary>Advances to the next command.</summary>
    /// <returns><see langword="true"/> if a command was read; <see langword="false"/> at the end of the payload or on an error (see <see cref="Status"/>).</returns>
    public bool Read()
    {
        Command = AppLayerCommand.None;
        CommandBytes = default;
        if (Status != OperationStatus.Done || _offset >= _payload.Length)
        {
            return false;
        }

        CommandOffset = _offset;
        ReadOnlySpan<byte> rest = _payload[_offset..];
        AppLayerCommand command = AppLayerCommandTable.Identify(_package, _version, _direction, rest[0]);
        if (command == AppLayerCommand.None)
        {
            return Fail(OperationStatus.InvalidData, "unknown command identifier");
        }

        if (command == AppLayerCommand.DataFragment && _offset != 0)
        {
            return Fail(OperationStatus.InvalidData, "DataFragment must be the only command in its frame");
        }

        int length = CommandLength.GetRequired(command, _version, rest);
        if (length > rest.Length)
        {
            return Fail(OperationStatus.NeedMoreData, "truncated command");
        }

        ReadOnlySpan<byte> bytes = rest[..length];
        if (!CommandLength.IsValid(command, _version, bytes))
        {
            return Fail(OperationStatus.InvalidData, "illegal field value");
        }

        Command = command;
        CommandBytes = bytes;
        _offset += length;
        return true;
    }

    private bool Fail(OperationStatus status, string error)
    {
        Status = status;
        Error = error;
        return false;
    }
}
