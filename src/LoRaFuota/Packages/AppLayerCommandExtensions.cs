namespace LoRaFuota.Packages;

/// <summary>Conveniences over <see cref="IAppLayerCommand{TSelf}"/>.</summary>
public static class AppLayerCommandExtensions
{
    /// <summary>Encodes a command into a new array: the one allocating way to encode (use <c>TryWrite</c> on hot paths).</summary>
    /// <typeparam name="T">The command type.</typeparam>
    /// <param name="command">The command.</param>
    /// <returns>Its bytes, CID first.</returns>
    /// <exception cref="ArgumentException">A field holds a value the wire format cannot carry.</exception>
    public static byte[] ToArray<T>(this T command)
        where T : struct, IAppLayerCommand<T>
    {
        byte[] bytes = new byte[command.GetByteCount()];
        command.TryWrite(bytes, out _);
        return bytes;
    }
}
