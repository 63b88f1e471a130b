using LoRaFuota.Cli.Json.Fields;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>Builds a <see cref="CommandJsonMap{T}"/> row by row, so each row's lambdas are typed by the command.</summary>
/// <typeparam name="T">The command record.</typeparam>
internal sealed class CommandJsonMapBuilder<T>(AppLayerCommand command, byte cid, Func<PackageVersion, T> seed, CommandBytesReader<T> reader, CommandBytesWriter<T> writer)
{
    private readonly List<IFieldBinding<T>> _bindings = [];

    /// <summary>A required field.</summary>
    public CommandJsonMapBuilder<T> Field<TValue>(
        JsonField<TValue> field, Func<T, TValue> get, Func<T, TValue, T> set, PackageVersion? only = null, Func<T, bool>? omittedWhen = null)
    {
        _bindings.Add(new FieldBinding<T, TValue>(field, get, set) { Only = only, OmittedWhen = omittedWhen });
        return this;
    }

    /// <summary>A field that may be left out and then stays 0 or false (status bits, reserved bits).</summary>
    public CommandJsonMapBuilder<T> Optional<TValue>(JsonField<TValue> field, Func<T, TValue> get, Func<T, TValue, T> set, PackageVersion? only = null)
    {
        _bindings.Add(new FieldBinding<T, TValue>(field, get, set) { Only = only, Optional = true });
        return this;
    }

    public ICommandJsonMap Build() => new CommandJsonMap<T>(command, cid, seed, reader, writer, [.. _bindings]);
}
